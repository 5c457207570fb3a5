"""Checkout: pricing a cart into a dated quote, and placing orders from it (domain; no Reflex)."""

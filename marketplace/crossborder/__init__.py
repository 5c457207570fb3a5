"""The cross-border engine: pure Python, no database, no Reflex. Imports only ``marketplace.core``."""

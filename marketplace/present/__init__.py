"""Presenters: plain functions and small frozen dataclasses that turn domain results into what a page shows
(translated text, formatted money, flags). They import no Reflex, so they are unit-tested without a browser;
the states in ``marketplace/state`` and ``marketplace/pages`` call them and hold their output."""

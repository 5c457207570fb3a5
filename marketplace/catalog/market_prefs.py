"""Validating a shopper's market choice (UI language, display currency, ship-to country) from untrusted input.

Contract: the ``mp_lang``/``mp_cur``/``mp_ship`` cookies, and anything stored from them, are whatever a client
sent. :func:`known_language`, :func:`known_currency` and :func:`known_country` return the value only when it is
one the shop supports (the UI languages, the currencies a shopper may choose, the destinations the engine
knows), else ``""``; :func:`clean_market` fills unknown parts from a default market. Pure; no I/O.
"""

from __future__ import annotations

from functools import cache

from marketplace.catalog.pricing import shopper_currencies
from marketplace.core.i18n import LANGUAGES
from marketplace.crossborder.markets import DESTINATIONS

DEFAULT_MARKET = ("en", "EUR", "DE")


@cache
def _currencies() -> frozenset[str]:
    return frozenset(shopper_currencies())


def known_language(value: object) -> str:
    return value if isinstance(value, str) and value in LANGUAGES else ""


def known_currency(value: object) -> str:
    return value if isinstance(value, str) and value in _currencies() else ""


def known_country(value: object) -> str:
    return value if isinstance(value, str) and value in DESTINATIONS else ""


def clean_market(lang: object, currency: object, ship_to: object,
                 default: tuple[str, str, str] = DEFAULT_MARKET) -> tuple[str, str, str]:
    """(language, currency, country) with every unknown part replaced by ``default``'s."""
    return (known_language(lang) or default[0], known_currency(currency) or default[1],
            known_country(ship_to) or default[2])

"""Destination markets the marketplace ships to, and each one's usual currency and language.

Contract: ``DESTINATIONS`` is the ordered tuple of ISO 3166-1 alpha-2 codes a shopper may pick as ship-to
(the 27 EU states, GB, NO, CH, US, CA, AU, NZ, JP, KR, CN, SG, MX, BR, IN, TR, AE, SA, ZA: the markets the
cross-border engine covers). ``default_currency(country)`` is the country's legal tender per CLDR.
"""

from __future__ import annotations

from datetime import date

from babel.numbers import get_territory_currencies

EU_MEMBERS = ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
              "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")
OTHER_DESTINATIONS = ("GB", "NO", "CH", "US", "CA", "AU", "NZ", "JP", "KR", "CN", "SG", "MX", "BR", "IN", "TR",
                      "AE", "SA", "ZA")
DESTINATIONS: tuple[str, ...] = tuple(sorted(EU_MEMBERS + OTHER_DESTINATIONS))

_LANGUAGE_BY_COUNTRY = {"DE": "de", "AT": "de", "CH": "de", "LU": "de"}


def is_destination(country: object) -> bool:
    return isinstance(country, str) and country in DESTINATIONS


# Euro adoptions newer than Babel's CLDR data: Bulgaria joined the euro area on 2026-01-01
# (Council Decision (EU) 2025/1407 of 8 July 2025).
_EURO_ADOPTIONS = {"BG": date(2026, 1, 1)}


def default_currency(country: str, on: date | None = None) -> str:
    on = on or date(2026, 1, 1)
    if country in _EURO_ADOPTIONS and on >= _EURO_ADOPTIONS[country]:
        return "EUR"
    currencies = get_territory_currencies(country, start_date=on, tender=True)
    return currencies[0] if currencies else "USD"


def default_language(country: str) -> str:
    return _LANGUAGE_BY_COUNTRY.get(country, "en")


# Markets where shoppers expect tax-inclusive prices and duties paid at checkout (DDP); elsewhere the quote is
# an estimate and import charges are paid on delivery (DAP). Point-of-sale regimes force collection at
# checkout whatever this says (see regimes.py).
_DDP_MARKETS = frozenset({*EU_MEMBERS, "GB", "CH", "NO", "AU", "NZ", "JP", "SG"})


def incoterm_for(country: str) -> str:
    """"DDP" where the market expects duties and taxes included, else "DAP"."""
    return "DDP" if country in _DDP_MARKETS else "DAP"


def tax_inclusive_display(country: str) -> bool:
    return country in _DDP_MARKETS

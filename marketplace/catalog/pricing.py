"""Prices in the shopper's currency.

Contract: ``localise(price, currency)`` converts a seller's price once through the FX service
(vendor price x rate, rounded to the target currency's minor unit, half-up) and returns that exact Money:
the amount shown is the amount that later flows into cart, quote and charge. No charm rounding here.
"""

from __future__ import annotations

from marketplace.core.money import Money
from marketplace.crossborder import fx


def localise(price: Money, currency: str) -> Money:
    if price.currency == currency:
        return price
    return fx.convert(price, currency).converted


def shopper_currencies() -> tuple[str, ...]:
    """Currencies a shopper may choose: those the rate provider can convert to, most-used first."""
    preferred = ("EUR", "USD", "GBP", "JPY", "CNY", "KRW", "INR", "CAD", "AUD", "CHF", "MXN", "BRL", "TRY",
                 "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "SGD", "HKD", "NZD", "ZAR", "AED", "SAR")
    available = set(fx.supported_currencies())
    return tuple(code for code in preferred if code in available)

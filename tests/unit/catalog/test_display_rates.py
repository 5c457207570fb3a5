"""Displays follow the rates: a cached card or delivery price is recomputed once the FX provider's rates change,
so a page never shows an older rate than checkout charges (catalog/display.py, catalog/landed.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from marketplace.catalog import display, landed
from marketplace.catalog.display import UnitFacts
from marketplace.core.money import Money
from marketplace.crossborder import fx

DAY = date(2026, 11, 25)
HONEY = UnitFacts(variant_id=9202, price=Money(1200, "EUR"), hs_code="040900", origin_country="FR", weight_g=500,
                  vendor_country="FR", description="Lavender honey")


class MovingRates:
    """The embedded snapshot, except EUR->USD, which the test moves (and bumps ``version`` as a fetch does)."""

    def __init__(self) -> None:
        self.eur_usd = Decimal("1.1000")
        self.version = 0
        self._embedded = fx.EmbeddedEcbProvider()

    def rate(self, base: str, quote: str, on: date | None = None) -> fx.RateQuote:
        if (base, quote) == ("EUR", "USD"):
            return fx.RateQuote(base=base, quote=quote, rate=self.eur_usd, source="test", as_of=DAY)
        return self._embedded.rate(base, quote, on)

    def currencies(self) -> tuple[str, ...]:
        return self._embedded.currencies()


@pytest.fixture
def rates(monkeypatch: pytest.MonkeyPatch) -> MovingRates:
    provider = MovingRates()
    monkeypatch.setattr(fx, "default_provider", lambda: provider)
    display.cache_clear()
    yield provider
    display.cache_clear()


def test_a_new_rate_reaches_the_cached_display(rates: MovingRates):
    assert display.unit_display(HONEY, "USD", "US", DAY).goods == Money(1320, "USD")
    rates.eur_usd, rates.version = Decimal("1.2000"), 1
    assert display.unit_display(HONEY, "USD", "US", DAY).goods == Money(1440, "USD")


def test_the_same_rates_reuse_the_cached_display(rates: MovingRates):
    first = display.unit_display(HONEY, "USD", "US", DAY)
    rates.eur_usd = Decimal("9.9999")  # changed without a new version: the cache is (rightly) trusted
    assert display.unit_display(HONEY, "USD", "US", DAY) is first


def test_a_new_rate_reaches_the_cached_delivery_prices(rates: MovingRates):
    before = landed.delivery_options(HONEY, (100, 100, 100), "USD", "US", DAY).cheapest
    rates.eur_usd, rates.version = Decimal("2.2000"), 1
    after = landed.delivery_options(HONEY, (100, 100, 100), "USD", "US", DAY).cheapest
    assert before is not None and after is not None and after.price.minor > before.price.minor


def test_the_live_provider_version_moves_with_each_fetch_and_each_ttl_period():
    now = [0.0]
    provider = fx.ForexPythonProvider(cache_ttl_s=60, monotonic=lambda: now[0])
    start = provider.version
    now[0] = 59.0
    assert provider.version == start
    now[0] = 61.0
    assert provider.version != start
    provider._changes += 1  # what a fetch (good or failed) does
    assert provider.version != (start[0], 1)

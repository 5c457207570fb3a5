"""The sales arithmetic and the date ranges, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from marketplace.analytics import figures
from marketplace.analytics.error_codes import AnalyticsErrorCode
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money

TODAY = date(2026, 12, 2)
RANGE = figures.DateRange(date(2026, 11, 30), TODAY)


def fact(day: date = TODAY, *, goods: int = 1000, refunded: int = 0, units: int = 1, country: str = "DE",
         status: str = "placed", payment_status: str = "paid") -> figures.OrderFact:
    return figures.OrderFact(day=day, country=country, status=status, payment_status=payment_status, goods=goods,
                             refunded=refunded, units=units)


def test_canceled_and_fully_refunded_orders_do_not_count_but_their_refunds_are_shown() -> None:
    found = figures.compute(RANGE, "EUR", [fact(goods=3000, refunded=1000, units=2), fact(status="canceled", refunded=1000),
                                           fact(payment_status="refunded", refunded=1000)], [], views=0, carts=0)
    assert (found.revenue, found.orders, found.units, found.canceled) == (Money(2000, "EUR"), 1, 2, 2)
    assert found.refunded == Money(3000, "EUR")


def test_every_day_of_the_range_has_a_point_and_countries_rank_by_revenue() -> None:
    found = figures.compute(RANGE, "JPY", [fact(date(2026, 11, 30), goods=500, country="US"),
                                           fact(goods=900, country="JP"), fact(goods=100, country="US")], [], 0, 0)
    assert [(p.day.day, p.revenue.minor, p.orders) for p in found.days] == [(30, 500, 1), (1, 0, 0), (2, 1000, 2)]
    assert [(c.country, c.orders, c.revenue.minor) for c in found.countries] == [("JP", 1, 900), ("US", 2, 600)]


def test_the_average_order_value_rounds_half_up_and_is_zero_without_orders() -> None:
    assert figures.average(Money(1001, "EUR"), 2) == Money(501, "EUR")
    assert figures.average(Money(0, "EUR"), 0) == Money(0, "EUR")
    assert figures.compute(RANGE, "EUR", [], [], 0, 0).aov == Money(0, "EUR")


def test_top_products_keep_the_five_best_sellers_by_revenue() -> None:
    products = [figures.ProductFact(f"P{i}", units=i, goods=i * 100) for i in range(1, 8)]
    found = figures.compute(RANGE, "EUR", [], products, 0, 0)
    assert [p.name for p in found.products] == ["P7", "P6", "P5", "P4", "P3"]


def test_funnel_rates_are_basis_points_and_none_when_the_step_before_is_empty_or_smaller() -> None:
    funnel = figures.Funnel(views=3, carts=1, orders=0)
    assert (funnel.cart_rate_bps, funnel.order_rate_bps) == (3333, 0)
    assert figures.Funnel(0, 0, 0).cart_rate_bps is None
    assert figures.Funnel(views=5, carts=2, orders=3).order_rate_bps is None  # never "150 %"


def test_presets_end_today_and_custom_ranges_are_checked() -> None:
    assert figures.preset_range(7, TODAY) == figures.DateRange(date(2026, 11, 26), TODAY)
    assert figures.custom_range("2026-01-01", "2026-01-31", TODAY).days == 31
    cases = [((True,), AnalyticsErrorCode.RANGE_INVALID, "preset"), ((14,), AnalyticsErrorCode.RANGE_INVALID, "preset")]
    for args, code, field in cases:
        with pytest.raises(ValidationError) as err:
            figures.preset_range(*args, TODAY)
        assert (err.value.code, err.value.field) == (code, field)
    bad = [("2026-02-30", "2026-03-01", AnalyticsErrorCode.RANGE_INVALID), ("1/1/2026", "2026-01-02", AnalyticsErrorCode.RANGE_INVALID),
           (None, "2026-01-02", AnalyticsErrorCode.RANGE_INVALID), ("2026-05-02", "2026-05-01", AnalyticsErrorCode.RANGE_REVERSED),
           ("2025-01-01", "2026-06-01", AnalyticsErrorCode.RANGE_TOO_LONG), ("1999-12-31", "2000-01-02", AnalyticsErrorCode.RANGE_OUT_OF_BOUNDS),
           ("2026-12-01", "2027-01-01", AnalyticsErrorCode.RANGE_OUT_OF_BOUNDS)]
    for start, end, code in bad:
        with pytest.raises(ValidationError) as err:
            figures.custom_range(start, end, TODAY)
        assert err.value.code == code, (start, end)

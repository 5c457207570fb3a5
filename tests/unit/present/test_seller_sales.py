"""The sales presenter: exact amounts as formatted text, chart points as whole units (ints, never floats),
tables listing only days with orders, and funnel rates as percentages."""

from __future__ import annotations

from datetime import date

from marketplace.analytics import figures
from marketplace.present import seller_sales

RANGE = figures.DateRange(date(2026, 11, 30), date(2026, 12, 2))


def _found() -> figures.SalesFigures:
    orders = [figures.OrderFact(day=date(2026, 12, 2), country="JP", status="placed", payment_status="paid",
                                goods=123_456, refunded=0, units=2)]
    return figures.compute(RANGE, "EUR", orders, [figures.ProductFact("Tea bowl", 2, 123_456)], views=8, carts=2)


def test_money_is_text_in_the_sellers_language_and_chart_points_are_whole_units() -> None:
    found = _found()
    assert seller_sales.summary(found, "en").revenue == "€1,234.56"
    assert seller_sales.summary(found, "de").revenue.startswith("1.234,56")
    points = seller_sales.day_points(found, "en")
    assert [p["revenue"] for p in points] == [0, 0, 1234] and all(type(p["revenue"]) is int for p in points)
    assert [r.amount for r in seller_sales.day_rows(found, "en")] == ["€1,234.56"]  # only days with orders
    assert seller_sales.country_rows(found, "de")[0].label.endswith("Japan")


def test_funnel_steps_show_counts_and_the_rate_of_the_step_before() -> None:
    steps = seller_sales.funnel_steps(_found().funnel, "en")
    assert [(s.count, s.rate) for s in steps] == [("8", ""), ("2", "25%"), ("1", "50%")]

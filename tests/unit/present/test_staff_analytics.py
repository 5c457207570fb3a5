"""The staff dashboard's text: the live feed names the euro GMV only for orders in another currency (and says
when there is no frozen rate), money is formatted per language, charts carry whole units, and an unconverted
order is announced."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from marketplace.analytics import platform_figures as pf
from marketplace.analytics.figures import DateRange
from marketplace.analytics.platform_queries import FeedItem
from marketplace.core.money import Money
from marketplace.present import staff_analytics as words

AT = datetime(2026, 12, 2, 17, 53, 15, tzinfo=UTC)


def _item(gmv: Money, converted: Money | None) -> FeedItem:
    return FeedItem(number="MRD-1-1", at=AT, country="JP", vendor_name="Kyoto Kiln", gmv=gmv, platform_gmv=converted)


def test_the_feed_adds_the_euro_gmv_only_for_another_currency_and_says_when_no_rate_was_frozen() -> None:
    rows = words.feed_rows([_item(Money(4000, "JPY"), Money(2500, "EUR")), _item(Money(2644, "EUR"),
                                                                                  Money(2644, "EUR")),
                            _item(Money(9900, "KRW"), None)], "en")
    assert [(r.gmv, r.detail) for r in rows] == [("¥4,000", "€25.00 · 17:53:15 UTC"), ("€26.44", "17:53:15 UTC"),
                                                 ("₩9,900", "No frozen rate · 17:53:15 UTC")]
    assert "Japan" in rows[0].country


def test_summary_and_charts() -> None:
    period = DateRange(date(2026, 11, 1), date(2026, 11, 2))
    orders = [pf.OrderFact(id=1, day=date(2026, 11, 2), country="DE", currency="EUR", payment_status="paid",
                           vendor_id=1, vendor_name="A", goods=123456, shipping=0, duty=0, tax=0, refunded=0,
                           platform_rate=Decimal(1)),
              pf.OrderFact(id=2, day=date(2026, 11, 2), country="KR", currency="KRW", payment_status="paid",
                           vendor_id=1, vendor_name="A", goods=5000, shipping=0, duty=0, tax=0, refunded=0,
                           platform_rate=None)]
    found = pf.compute(period, "EUR", orders, [], [], views=0, carts=0)
    de = words.summary(found, "de")
    assert de.gmv == "1.234,56\xa0€" and de.refund_rate == "0\xa0%"
    assert "1 Bestellungen" in de.unconverted_note or "1 orders" in de.unconverted_note
    assert words.day_points(found, "en")[-1]["gmv"] == 1234
    assert [r.amount for r in words.currency_rows(found, "en")] == ["€1,234.56", "No frozen rate for 1 orders"]

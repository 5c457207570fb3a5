"""The platform figures' arithmetic (pure): conversion at each order's frozen rate rounded once, what counts,
orders without a frozen rate kept apart, refund rates, duty and tax per destination and regime, payouts per
currency, and the CSV tables (formula cells neutralised)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from marketplace.analytics import platform_csv
from marketplace.analytics import platform_figures as pf
from marketplace.analytics.figures import DateRange
from marketplace.core.money import Money

PERIOD = DateRange(date(2026, 11, 1), date(2026, 11, 3))


def _order(n: int, currency: str = "EUR", rate: str | None = "1", *, goods: int = 10000, shipping: int = 0,
           duty: int = 0, tax: int = 0, refunded: int = 0, paid: str = "paid", country: str = "DE",
           vendor: int = 1, day: int = 2, regime: str = "") -> pf.OrderFact:
    return pf.OrderFact(id=n, day=date(2026, 11, day), country=country, currency=currency, payment_status=paid,
                        vendor_id=vendor, vendor_name=f"Vendor {vendor}", goods=goods, shipping=shipping, duty=duty,
                        tax=tax, refunded=refunded, platform_rate=Decimal(rate) if rate is not None else None,
                        regime=regime)


def test_each_order_converts_at_its_own_frozen_rate_rounded_once() -> None:
    # given two yen orders frozen at different rates and a pound order
    orders = [_order(1, "JPY", "150", goods=15000), _order(2, "JPY", "100", goods=15000),
              _order(3, "GBP", "0.8", goods=1001)]
    # when
    found = pf.compute(PERIOD, "EUR", orders, [], [], views=0, carts=0)
    # then ¥15,000 is €100 at 150 and €150 at 100; £10.01 / 0.8 = €12.5125 -> €12.51
    assert found.gmv == Money(10000 + 15000 + 1251, "EUR")
    assert [(c.currency, c.gmv_local, c.gmv) for c in found.currencies] == [
        ("JPY", Money(30000, "JPY"), Money(25000, "EUR")), ("GBP", Money(1001, "GBP"), Money(1251, "EUR"))]
    assert found.orders == 3 and found.aov == Money(8750, "EUR")  # 26251 / 3 = 8750.33 -> 8750


def test_gmv_is_goods_and_shipping_while_duty_and_tax_are_collected_apart_per_destination_and_regime() -> None:
    orders = [_order(1, goods=5000, shipping=900, duty=300, tax=1100, country="GB", regime="GB_LOW_VALUE"),
              _order(2, goods=5000, shipping=900, duty=0, tax=950, country="FR", regime="EU_IOSS"),
              _order(3, goods=5000, shipping=900, country="US")]
    found = pf.compute(PERIOD, "EUR", orders, [], [], views=0, carts=0)
    assert found.gmv == Money(3 * 5900, "EUR")
    assert found.duty == Money(300, "EUR") and found.tax == Money(2050, "EUR")
    assert [(d.country, d.regime, d.orders, d.duty.minor, d.tax.minor) for d in found.duties] == [
        ("GB", "GB_LOW_VALUE", 1, 300, 1100), ("FR", "EU_IOSS", 1, 0, 950)]


def test_unpaid_orders_do_not_count_and_refunds_give_both_rates() -> None:
    orders = [_order(1, goods=10000), _order(2, goods=10000, refunded=2500, paid="partially_refunded"),
              _order(3, goods=20000, refunded=20000, paid="refunded"), _order(4, goods=99999, paid="pending"),
              _order(5, goods=99999, paid="failed")]
    found = pf.compute(PERIOD, "EUR", orders, [], [], views=0, carts=0)
    assert found.orders == 3 and found.gmv == Money(40000, "EUR")
    assert found.refunds.value == Money(22500, "EUR")
    assert found.refunds.value_rate_bps == 5625  # 22,500 / 40,000
    assert found.refunds.order_rate_bps == 6667  # 2 / 3, half-up


def test_an_order_without_a_frozen_rate_is_never_converted_but_shown_in_its_currency() -> None:
    orders = [_order(1, goods=10000), _order(2, "KRW", None, goods=50000)]
    found = pf.compute(PERIOD, "EUR", orders, [], [], views=0, carts=0)
    assert found.gmv == Money(10000, "EUR") and found.orders == 1 and found.unconverted == 1
    krw = next(c for c in found.currencies if c.currency == "KRW")
    assert krw.gmv is None and krw.gmv_local == Money(50000, "KRW") and krw.unconverted == 1


def test_days_markets_vendors_and_products_rank_by_converted_value() -> None:
    orders = [_order(1, goods=1000, country="FR", vendor=1, day=1), _order(2, "JPY", "200", goods=100000,
                                                                          country="JP", vendor=2, day=3),
              _order(3, goods=2000, country="FR", vendor=1, day=3)]
    lines = [pf.LineFact(1, "7", "Bag", 1, 1000), pf.LineFact(3, "7", "Bag", 2, 2000),
             pf.LineFact(2, "9", "=cmd()", 4, 100000), pf.LineFact(99, "8", "Stray", 1, 10)]
    found = pf.compute(PERIOD, "EUR", orders, lines, [], views=10, carts=4)
    assert [(p.day.day, p.orders, p.gmv.minor) for p in found.days] == [(1, 1, 1000), (2, 0, 0), (3, 2, 52000)]
    assert [(m.country, m.orders, m.gmv.minor, m.share_bps) for m in found.markets] == [
        ("JP", 1, 50000, 9434), ("FR", 2, 3000, 566)]
    assert [(v.name, v.gmv.minor) for v in found.vendors] == [("Vendor 2", 50000), ("Vendor 1", 3000)]
    assert [(p.name, p.units, p.goods.minor) for p in found.products] == [("=cmd()", 4, 50000), ("Bag", 3, 3000)]
    assert (found.funnel.views, found.funnel.carts, found.funnel.orders) == (10, 4, 3)


def test_payouts_due_stay_in_each_vendors_currency() -> None:
    found = pf.compute(PERIOD, "EUR", [], [], [pf.BalanceFact("JPY", 5000, 300, 2), pf.BalanceFact("EUR", 10, 0, 1)],
                       views=0, carts=0)
    assert [(p.currency, p.vendors, p.available, p.pending) for p in found.payouts] == [
        ("EUR", 1, Money(10, "EUR"), Money(0, "EUR")), ("JPY", 2, Money(5000, "JPY"), Money(300, "JPY"))]
    assert found.gmv == Money(0, "EUR") and found.aov == Money(0, "EUR") and found.refunds.value_rate_bps is None


@pytest.mark.parametrize(("minor", "currency", "rate", "expected"), [
    (15000, "JPY", "150", 10000), (1001, "GBP", "0.8", 1251), (5, "JPY", "1000", 1), (4, "JPY", "1000", 0),
    (1000, "KWD", "0.33", 303), (999, "EUR", "7", 999)])
def test_to_platform_rounds_half_up_once_in_the_target_minor_unit(minor, currency, rate, expected) -> None:  # noqa: ANN001
    assert pf.to_platform(minor, currency, Decimal(rate), "EUR") == expected


@pytest.mark.parametrize("rate", [Decimal(0), Decimal(-1), Decimal("NaN")])
def test_to_platform_refuses_a_rate_that_is_not_positive(rate) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match="rate"):
        pf.to_platform(100, "JPY", rate, "EUR")


def test_every_table_exports_with_formula_cells_neutralised() -> None:
    lines = [pf.LineFact(1, "9", "=HYPERLINK(\"x\")", 1, 1000)]
    orders = [_order(1, goods=1000, vendor=3, duty=10, tax=20, regime="EU_IOSS")]
    found = pf.compute(PERIOD, "EUR", orders, lines, [pf.BalanceFact("JPY", 500, 0, 1)], views=3, carts=1)
    for table in platform_csv.TABLES:
        text = platform_csv.table_csv(found, table)
        assert text.endswith("\r\n") and "," in text.splitlines()[0]
    products = platform_csv.table_csv(found, "products").splitlines()
    assert products[1].startswith("\"'=HYPERLINK(\"\"x\"\")\",Vendor 3,1,10.00,EUR")
    assert platform_csv.table_csv(found, "payouts").splitlines()[1] == "JPY,1,500,0"
    assert platform_csv.table_csv(found, "duties").splitlines()[1] == "DE,EU_IOSS,1,0.10,0.20,EUR"
    with pytest.raises(KeyError):
        platform_csv.table_csv(found, "users")

"""The staff platform figures from real rows (SQLite and PostgreSQL): orders in several currencies converted to
euros at each order's frozen rate (never today's), refunds, duty and tax per destination and regime, payouts
due from the ledger, the funnel, the live monitor's marker and feed, and who may read any of it (finance and
admins; moderators, support agents, sellers, shoppers and nobody are refused)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from marketplace.analytics import figures, platform_queries
from marketplace.catalog import events
from marketplace.core.errors import NotAuthenticated, PermissionDenied
from marketplace.crossborder import fx
from marketplace.models import (
    CheckoutSession,
    LedgerEntry,
    OrderGroup,
    OrderLine,
    Payment,
    Product,
    Refund,
    Role,
    Variant,
    Vendor,
    VendorOrder,
)
from tests import factories
from tests.factories_account import caller as caller_of

_seq = itertools.count(1)
AT = datetime(2026, 11, 20, 9, tzinfo=UTC)
PERIOD = figures.DateRange(date(2026, 11, 14), date(2026, 11, 20))


def _order(session: Session, vendor: Vendor, product: Product, *, currency: str, unit: int, qty: int = 1,
           rate: str = "1", source: str = "test", shipping: int = 0, duty: int = 0, tax: int = 0,
           country: str = "DE", paid: str = "paid", at: datetime = AT, refund: int = 0,
           regime: str | None = None) -> VendorOrder:
    n = next(_seq)
    goods = unit * qty
    total = goods + shipping + duty + tax
    money = {f"{k}_currency": currency for k in ("goods", "shipping", "duty", "tax", "total")}
    group = OrderGroup(number=f"PA-{n:06d}", email="s@example.com", ship_to_country=country, goods_minor=goods,
                       shipping_minor=shipping, duty_minor=duty, tax_minor=tax, fees_minor=0, fees_currency=currency,
                       total_minor=total, fx_source=source, created_at=at, **money)
    session.add(group)
    session.flush()
    order = VendorOrder(group_id=group.id, vendor_id=vendor.id, number=f"PA-{n:06d}-1", payment_status=paid,
                        goods_minor=goods, shipping_minor=shipping, duty_minor=duty, tax_minor=tax, total_minor=total,
                        created_at=at, **money)
    session.add(order)
    session.flush()
    variant_id = session.exec(select(Variant.id).where(Variant.product_id == product.id)).first()
    session.add(OrderLine(vendor_order_id=order.id, variant_id=variant_id, product_name=product.name, sku=f"S{n}",
                          quantity=qty, hs_code="691200", origin_country="JP", vendor_unit_price_minor=1,
                          vendor_unit_price_currency=vendor.currency, unit_price_minor=unit,
                          unit_price_currency=currency, duty_minor=duty, duty_currency=currency, tax_minor=tax,
                          tax_currency=currency, fx_rate=Decimal(rate), fx_source=source))
    payment = Payment(group_id=group.id, gateway="embedded", status="succeeded", amount_minor=total,
                      amount_currency=currency, refunded_minor=refund, refunded_currency=currency)
    session.add(payment)
    session.flush()
    if refund:
        session.add(Refund(payment_id=payment.id, vendor_order_id=order.id, amount_minor=refund,
                           amount_currency=currency, status="succeeded", idempotency_key=f"r-{n}"))
        session.add(Refund(payment_id=payment.id, vendor_order_id=order.id, amount_minor=999_999,
                           amount_currency=currency, status="failed", idempotency_key=f"rf-{n}"))
    if regime:
        session.add(CheckoutSession(id=f"cs-{n}", ship_to_country=country, order_group_id=group.id,
                                    total_minor=total, total_currency=currency, status="placed", expires_at=at,
                                    quote={"parcels": [{"vendor_id": vendor.id, "regime": regime}]}))
    session.flush()
    return order


@pytest.fixture
def world(db_engine):  # noqa: ANN001, ANN201
    with Session(db_engine, expire_on_commit=False) as session:
        euro_shop = factories.vendor(session, currency="EUR", country="IT")
        yen_shop = factories.vendor(session)  # JPY
        dollar_shop = factories.vendor(session, currency="USD", country="CN")
        cat = factories.category(session)
        bag = factories.product(session, euro_shop, cat, name="Leather bag")
        bowl = factories.product(session, yen_shop, cat, name="Tea bowl")
        lamp = factories.product(session, dollar_shop, cat, name="Desk lamp")
        people = {"finance": factories.user(session, Role.STAFF, staff_role="finance"),
                  "admin": factories.user(session, Role.ADMIN),
                  "moderator": factories.user(session, Role.STAFF),
                  "support": factories.user(session, Role.STAFF, staff_role="support"),
                  "seller": factories.user(session, Role.SELLER, vendor=euro_shop),
                  "shopper": factories.user(session)}
        callers = {who: caller_of(session, user) for who, user in people.items()}
        session.commit()
        return {"engine": db_engine, "euro_shop": euro_shop, "yen_shop": yen_shop, "dollar_shop": dollar_shop,
                "bag": bag, "bowl": bowl, "lamp": lamp, "callers": callers}


def test_each_currency_converts_to_euros_at_the_rate_its_order_froze_never_todays(world) -> None:
    today = fx.EmbeddedEcbProvider().rate("EUR", "JPY").rate
    assert today != Decimal("100")  # the frozen rate below is not today's
    with Session(world["engine"], expire_on_commit=False) as session:
        # €50 + €9 shipping, paid in euros
        _order(session, world["euro_shop"], world["bag"], currency="EUR", unit=5000, shipping=900)
        # a euro-priced bag sold to a Japanese shopper at a frozen 1 EUR = 100 JPY: ¥12,000 + ¥1,000 -> €130
        _order(session, world["euro_shop"], world["bag"], currency="JPY", unit=12000, shipping=1000, rate="100",
               source="ECB reference rates 2026-09-01 (forex-python)", country="JP")
        # a yen bowl sold in pounds, priced from the bundled ECB snapshot: its own EUR rate for GBP applies
        _order(session, world["yen_shop"], world["bowl"], currency="GBP", unit=4321, rate="0.0051",
               source=fx.ECB_SOURCE, country="GB", duty=200, tax=865, regime="GB_LOW_VALUE")
        # a dollar lamp sold in dollars from a provider whose rates are not stored: no frozen EUR rate
        _order(session, world["dollar_shop"], world["lamp"], currency="USD", unit=2500, source="USD override",
               country="US")
        session.commit()
        found = platform_queries.platform_figures(session, world["callers"]["finance"], PERIOD)
    snapshot_gbp = fx.EmbeddedEcbProvider().rate("EUR", "GBP").rate
    gbp_in_eur = int((Decimal(4321) / snapshot_gbp).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    assert found.currency == "EUR"
    assert found.gmv.minor == 5900 + 13000 + gbp_in_eur
    assert found.orders == 3 and found.unconverted == 1
    by_currency = {c.currency: c for c in found.currencies}
    assert by_currency["JPY"].gmv.minor == 13000 and by_currency["JPY"].gmv_local.minor == 13000
    assert by_currency["GBP"].gmv.minor == gbp_in_eur
    assert by_currency["USD"].gmv is None and by_currency["USD"].unconverted == 1
    assert [(m.country, m.orders) for m in found.markets][:1] == [("JP", 1)]
    gb = found.duties[0]
    assert (gb.country, gb.regime, gb.orders) == ("GB", "GB_LOW_VALUE", 1)
    assert gb.duty.minor == int((Decimal(200) / snapshot_gbp).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    assert [v.name for v in found.vendors] == [world["euro_shop"].display_name, world["yen_shop"].display_name]
    assert found.products[0].name == "Leather bag" and found.products[0].units == 2


def test_refund_rate_counts_refunds_issued_not_failed_ones_and_unpaid_orders_never_count(world) -> None:
    with Session(world["engine"], expire_on_commit=False) as session:
        _order(session, world["euro_shop"], world["bag"], currency="EUR", unit=10000)
        _order(session, world["euro_shop"], world["bag"], currency="EUR", unit=10000, refund=2500,
               paid="partially_refunded")
        _order(session, world["euro_shop"], world["bag"], currency="JPY", unit=20000, rate="200", refund=20000,
               paid="refunded", country="JP")  # €100, all given back
        _order(session, world["euro_shop"], world["bag"], currency="EUR", unit=77777, paid="pending")
        _order(session, world["euro_shop"], world["bag"], currency="EUR", unit=5000, at=AT - timedelta(days=7))
        session.commit()
        found = platform_queries.platform_figures(session, world["callers"]["admin"], PERIOD)
    assert found.orders == 3 and found.gmv.minor == 30000
    assert found.refunds.value.minor == 2500 + 10000
    assert found.refunds.value_rate_bps == 4167 and found.refunds.order_rate_bps == 6667


def test_payouts_due_are_the_vendors_balances_per_currency_and_the_funnel_counts_events(world) -> None:
    now = datetime.now(UTC)
    with Session(world["engine"], expire_on_commit=False) as session:
        order = _order(session, world["yen_shop"], world["bowl"], currency="JPY", unit=8000, rate="1")
        session.add_all([
            LedgerEntry(vendor_id=world["yen_shop"].id, kind="sale", amount_minor=8000, amount_currency="JPY",
                        vendor_order_id=order.id, available_at=now - timedelta(days=1)),
            LedgerEntry(vendor_id=world["yen_shop"].id, kind="commission", amount_minor=-800, amount_currency="JPY",
                        vendor_order_id=order.id, available_at=now - timedelta(days=1)),
            LedgerEntry(vendor_id=world["euro_shop"].id, kind="sale", amount_minor=4000, amount_currency="EUR"),
        ])
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(events.clock, "now", lambda: AT)
            events.record(session, world["bowl"].id, events.EventKind.VIEW, "visitor-1")
            events.record(session, world["bag"].id, events.EventKind.VIEW, "visitor-1")
            events.record(session, world["bowl"].id, events.EventKind.CART, "cart:1")
        session.commit()
        found = platform_queries.platform_figures(session, world["callers"]["finance"], PERIOD)
    assert [(p.currency, p.vendors, p.available.minor, p.pending.minor) for p in found.payouts] == [
        ("EUR", 1, 0, 4000), ("JPY", 1, 7200, 0)]
    assert (found.funnel.views, found.funnel.carts, found.funnel.orders) == (2, 1, 1)


def test_the_marker_moves_with_a_new_order_and_a_refund_and_the_feed_lists_paid_orders_newest_first(world) -> None:
    finance = world["callers"]["finance"]
    with Session(world["engine"], expire_on_commit=False) as session:
        before = platform_queries.change_marker(session, finance)
        first = _order(session, world["euro_shop"], world["bag"], currency="JPY", unit=15000, rate="150",
                       country="JP")
        _order(session, world["euro_shop"], world["bag"], currency="EUR", unit=100, paid="pending")
        session.commit()
        after_order = platform_queries.change_marker(session, finance)
        payment = session.exec(select(Payment).where(Payment.group_id == first.group_id)).one()
        session.add(Refund(payment_id=payment.id, vendor_order_id=first.id, amount_minor=100, amount_currency="JPY",
                           idempotency_key="late"))
        session.commit()
        after_refund = platform_queries.change_marker(session, finance)
        feed = platform_queries.recent_orders(session, finance)
    assert before < after_order < after_refund
    assert [item.number for item in feed] == [first.number]
    assert feed[0].gmv.minor == 15000 and feed[0].platform_gmv.minor == 10000  # at the frozen 150


@pytest.mark.parametrize("who", ["moderator", "support", "seller", "shopper", None])
def test_only_finance_and_admins_may_read_the_platform_figures(world, who) -> None:
    caller = world["callers"][who] if who else None
    expected = NotAuthenticated if who is None else PermissionDenied
    with Session(world["engine"], expire_on_commit=False) as session:
        _order(session, world["euro_shop"], world["bag"], currency="EUR", unit=5000)
        session.commit()
        for call in (lambda: platform_queries.platform_figures(session, caller, PERIOD),
                     lambda: platform_queries.change_marker(session, caller),
                     lambda: platform_queries.recent_orders(session, caller)):
            with pytest.raises(expected):
                call()

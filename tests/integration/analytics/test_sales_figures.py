"""A seller's sales figures from real rows (SQLite and PostgreSQL): revenue in the vendor's currency from the
goods alone (never duty, tax or shipping), refunds and cancellations, destinations, top products, the funnel
from product events, the date range, and only the caller's own vendor."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from marketplace.accounts.service import Caller
from marketplace.analytics import figures, sales
from marketplace.catalog import events
from marketplace.core.errors import PermissionDenied
from marketplace.models import LedgerEntry, OrderGroup, OrderLine, Product, Role, Variant, Vendor, VendorOrder
from tests import factories
from tests.factories_account import caller as caller_of

_seq = itertools.count(1)
DAY = date(2026, 11, 20)
PERIOD = figures.DateRange(date(2026, 11, 14), DAY)


def _order(session: Session, vendor: Vendor, product: Product, quantity: int, unit_minor: int, *, country: str = "DE",
           at: datetime = datetime(2026, 11, 20, 9, tzinfo=UTC), status: str = "placed",
           payment_status: str = "paid", refund_minor: int = 0) -> VendorOrder:
    n = next(_seq)
    money = {f"{k}_currency": "EUR" for k in ("goods", "shipping", "duty", "tax", "total")}
    group = OrderGroup(number=f"AG-{n:06d}", email="s@example.com", ship_to_country=country, goods_minor=100,
                       shipping_minor=900, duty_minor=500, tax_minor=700, fees_minor=0, fees_currency="EUR",
                       total_minor=2200, created_at=at, **money)
    session.add(group)
    session.flush()
    order = VendorOrder(group_id=group.id, vendor_id=vendor.id, number=f"AV-{n:06d}", status=status,
                        payment_status=payment_status, goods_minor=100, shipping_minor=900, duty_minor=500,
                        tax_minor=700, total_minor=2200, created_at=at, **money)
    session.add(order)
    session.flush()
    variant_id = session.exec(select(Variant.id).where(Variant.product_id == product.id)).first()
    session.add(OrderLine(vendor_order_id=order.id, variant_id=variant_id, product_name=product.name, sku=f"S{n}",
                          quantity=quantity, hs_code="691200", origin_country="JP",
                          vendor_unit_price_minor=unit_minor, vendor_unit_price_currency=vendor.currency,
                          unit_price_minor=99, unit_price_currency="EUR", duty_minor=500, duty_currency="EUR",
                          tax_minor=700, tax_currency="EUR", fx_rate=Decimal("0.006"), fx_source="test"))
    session.add(LedgerEntry(vendor_id=vendor.id, kind="sale", amount_minor=quantity * unit_minor,
                            amount_currency=vendor.currency, vendor_order_id=order.id))
    if refund_minor:
        session.add(LedgerEntry(vendor_id=vendor.id, kind="refund", amount_minor=-refund_minor,
                                amount_currency=vendor.currency, vendor_order_id=order.id))
    session.flush()
    return order


@pytest.fixture
def shop(db_engine):  # noqa: ANN001, ANN201
    with Session(db_engine, expire_on_commit=False) as session:
        vendor, other = factories.vendor(session), factories.vendor(session, currency="EUR", country="IT")
        cat = factories.category(session)
        bowl = factories.product(session, vendor, cat, name="Tea bowl")
        vase = factories.product(session, vendor, cat, name="Vase")
        theirs = factories.product(session, other, cat, name="Bag")
        seller = caller_of(session, factories.user(session, Role.SELLER, vendor=vendor))
        seller_b = caller_of(session, factories.user(session, Role.SELLER, vendor=other))
        session.commit()
        return {"engine": db_engine, "vendor": vendor, "other": other, "bowl": bowl, "vase": vase, "theirs": theirs,
                "seller": seller, "seller_b": seller_b}


def test_revenue_is_the_goods_in_the_vendors_currency_net_of_refunds_with_cancellations_left_out(shop) -> None:
    with Session(shop["engine"], expire_on_commit=False) as session:
        _order(session, shop["vendor"], shop["bowl"], 2, 4000)  # 8000 JPY of goods
        _order(session, shop["vendor"], shop["vase"], 1, 9000, country="US", refund_minor=3000)  # partly refunded
        _order(session, shop["vendor"], shop["bowl"], 1, 4000, status="canceled", refund_minor=4000)
        _order(session, shop["vendor"], shop["bowl"], 1, 4000, payment_status="refunded", refund_minor=4000)
        _order(session, shop["vendor"], shop["bowl"], 5, 4000, at=datetime(2026, 11, 13, 23, 59, tzinfo=UTC))  # before
        _order(session, shop["other"], shop["theirs"], 1, 5000)  # another seller's
        session.commit()
        found = sales.sales(session, shop["seller"], PERIOD)
    assert found.currency == "JPY"
    assert found.revenue.minor == 8000 + 6000  # duty, tax and shipping never count
    assert (found.orders, found.units, found.canceled) == (2, 3, 2)
    assert found.aov.minor == 7000
    assert found.refunded.minor == 3000 + 4000 + 4000
    assert [(c.country, c.orders, c.revenue.minor) for c in found.countries] == [("DE", 1, 8000), ("US", 1, 6000)]
    assert [(p.name, p.units, p.revenue.minor) for p in found.products] == [("Vase", 1, 9000), ("Tea bowl", 2, 8000)]
    assert len(found.days) == 7 and found.days[-1].revenue.minor == 14000 and found.days[0].orders == 0


def test_the_funnel_counts_one_view_per_visitor_and_half_hour_and_only_this_sellers_products(shop) -> None:
    with Session(shop["engine"], expire_on_commit=False) as session:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(events.clock, "now", lambda: datetime(2026, 11, 20, 10, 0, tzinfo=UTC))
            assert events.record(session, shop["bowl"].id, events.EventKind.VIEW, "visitor-1")
            assert not events.record(session, shop["bowl"].id, events.EventKind.VIEW, "visitor-1")  # a reload
            assert events.record(session, shop["bowl"].id, events.EventKind.VIEW, "visitor-2")
            assert events.record(session, shop["vase"].id, events.EventKind.VIEW, "visitor-1")
            assert events.record(session, shop["bowl"].id, events.EventKind.CART, "cart:1")
            assert events.record(session, shop["theirs"].id, events.EventKind.VIEW, "visitor-1")
            mp.setattr(events.clock, "now", lambda: datetime(2026, 11, 20, 10, 31, tzinfo=UTC))
            assert events.record(session, shop["bowl"].id, events.EventKind.VIEW, "visitor-1")  # a new half hour
        _order(session, shop["vendor"], shop["bowl"], 1, 4000)
        session.commit()
        found = sales.sales(session, shop["seller"], PERIOD)
    assert (found.funnel.views, found.funnel.carts, found.funnel.orders) == (4, 1, 1)
    assert found.funnel.cart_rate_bps == 2500 and found.funnel.order_rate_bps == 10_000


def test_seller_b_never_sees_seller_as_figures_and_a_shopper_is_refused(shop) -> None:
    with Session(shop["engine"], expire_on_commit=False) as session:
        _order(session, shop["vendor"], shop["bowl"], 3, 4000)
        events.record(session, shop["bowl"].id, events.EventKind.VIEW, "visitor-1")
        session.commit()
        theirs = sales.sales(session, shop["seller_b"], figures.DateRange(date(2026, 1, 1), date(2026, 12, 31)))
        assert (theirs.orders, theirs.revenue.minor, theirs.currency, theirs.funnel.views) == (0, 0, "EUR", 0)
        assert sales.change_marker(session, shop["seller_b"]) == (0, 0)
        shopper = Caller(user_id=1, role=Role.SHOPPER, display_name="S", email="s@example.com", vendor_id=None)
        with pytest.raises(PermissionDenied):
            sales.sales(session, shopper, PERIOD)
        with pytest.raises(PermissionDenied):
            sales.change_marker(session, None)


def test_the_change_marker_moves_with_a_new_order_and_with_a_refund(shop) -> None:
    with Session(shop["engine"], expire_on_commit=False) as session:
        before = sales.change_marker(session, shop["seller"])
        order = _order(session, shop["vendor"], shop["bowl"], 1, 4000)
        session.commit()
        after_order = sales.change_marker(session, shop["seller"])
        session.add(LedgerEntry(vendor_id=shop["vendor"].id, kind="refund", amount_minor=-1000, amount_currency="JPY",
                                vendor_order_id=order.id))
        session.commit()
        after_refund = sales.change_marker(session, shop["seller"])
    assert before == (0, 0) and after_order[0] == order.id and after_refund[1] > after_order[1]


def test_an_event_for_a_missing_product_or_bad_input_records_nothing_and_raises_nothing(shop) -> None:
    with Session(shop["engine"], expire_on_commit=False) as session:
        assert not events.record(session, 999_999, events.EventKind.VIEW, "visitor-1")
        assert not events.record(session, shop["bowl"].id, "purchase", "visitor-1")
        assert not events.record(session, True, events.EventKind.VIEW, "visitor-1")
        assert not events.record(session, shop["bowl"].id, events.EventKind.VIEW, "")
        assert events.record(session, shop["bowl"].id, events.EventKind.VIEW, "visitor-9")  # the session still works
        session.commit()

"""Refunds paid back through the gateway: the payment's refunded amount and the vendor order's payment status
follow, a retry with the same key refunds once, and refunding every unit ends in 'refunded'."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from marketplace.checkout import service as checkout
from marketplace.checkout.place import place
from marketplace.checkout.pricing import Market
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money
from marketplace.models import OrderLine, Payment, Variant, VendorOrder
from marketplace.orders import cart as carts
from marketplace.orders.refunds import refund_order_lines
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.gateway import CardDetails
from tests import factories


def test_refunds_reach_the_gateway_and_the_statuses(db_engine):
    gateway = EmbeddedGateway()
    with Session(db_engine) as session:
        vendor = factories.vendor(session, country="JP", currency="JPY")
        product = factories.product(session, vendor, factories.category(session), price_minor=3200, stock=5)
        variant_id = session.exec(select(Variant.id).where(Variant.product_id == product.id)).one()
        owner, _ = carts.add(session, carts.CartOwner(), variant_id, 3)
        row, _ = checkout.start(session, owner, Market("US", "USD"))
        checkout_id = row.id
        session.commit()
    placement = place(db_engine, checkout_id, owner, CardDetails("4242424242424242", 12, 2030, "123"),
                      gateway=gateway)
    with Session(db_engine) as session:
        order = session.exec(select(VendorOrder)).one()
        line = session.exec(select(OrderLine)).one()
        order_id, line_id = order.id, line.id

    first = refund_order_lines(db_engine, order_id, [(line_id, 1)], gateway=gateway, idempotency_key="r-1",
                               reason="damaged")
    again = refund_order_lines(db_engine, order_id, [(line_id, 1)], gateway=gateway, idempotency_key="r-1")
    assert again.id == first.id and first.status == "succeeded"
    refunded = gateway.refunded(placement.intent_id)
    assert refunded == Money(first.amount_minor, first.amount_currency) and refunded.minor > 0
    with Session(db_engine) as session:
        assert session.exec(select(Payment)).one().refunded_minor == first.amount_minor
        assert session.get(VendorOrder, order_id).payment_status == "partially_refunded"

    with pytest.raises(ValidationError):
        refund_order_lines(db_engine, order_id, [(line_id, 3)], gateway=gateway, idempotency_key="r-2")
    rest = refund_order_lines(db_engine, order_id, [(line_id, 2)], gateway=gateway, idempotency_key="r-3")
    with Session(db_engine) as session:
        assert session.get(VendorOrder, order_id).payment_status == "refunded"
        assert session.exec(select(Payment)).one().refunded_minor == first.amount_minor + rest.amount_minor

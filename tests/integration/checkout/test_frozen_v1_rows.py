"""Checkouts stored before the quote had a version (v1: amounts as [minor, currency] lists) still place orders
exactly like a v2 quote: the reader for version 1 (checkout.frozen)."""

from __future__ import annotations

from sqlmodel import select

from marketplace.checkout.frozen import FrozenQuote
from marketplace.checkout.place import place
from marketplace.core.db import session_scope
from marketplace.models import CheckoutSession, OrderGroup, VendorOrder
from marketplace.payments.embedded import EmbeddedGateway
from tests.integration.checkout.conftest import GOOD


def _v1(value):  # noqa: ANN001, ANN202 - a v2 quote written back in the v1 shape
    if isinstance(value, dict) and set(value) == {"minor", "currency"}:
        return [value["minor"], value["currency"]]
    if isinstance(value, dict):
        return {k: _v1(v) for k, v in value.items() if k != "version"}
    if isinstance(value, list):
        return [_v1(v) for v in value]
    return value


def test_a_version_1_checkout_is_placed_as_quoted(shop):
    engine, session, owner, checkout_id, price, _ = shop
    with session_scope(engine) as writing:
        row = writing.get(CheckoutSession, checkout_id)
        v2 = dict(row.quote)
        row.quote = _v1(v2)
        writing.add(row)
    assert "version" not in _v1(v2) and FrozenQuote.from_json(_v1(v2)) == FrozenQuote.from_json(v2)
    placement = place(engine, checkout_id, owner, GOOD, gateway=EmbeddedGateway())
    assert placement.status == "paid" and placement.amount == price.payable_now
    session.rollback()  # end the read snapshot (SQLite WAL) and expire
    group = session.exec(select(OrderGroup)).one()
    orders = session.exec(select(VendorOrder).where(VendorOrder.group_id == group.id)).all()
    assert group.total_minor == price.total.minor and sum(o.total_minor for o in orders) == price.total.minor

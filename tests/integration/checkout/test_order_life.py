"""An order's whole life: placed -> paid -> per-vendor shipped -> delivered -> one line partially refunded
-> payout, checking every ledger entry and status on the way."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from marketplace.checkout import service as checkout
from marketplace.checkout.place import place
from marketplace.checkout.pricing import Market
from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.models import (
    CommissionLine,
    LedgerEntry,
    OrderEvent,
    OrderLine,
    OutboxMessage,
    Payout,
    Variant,
    VendorOrder,
)
from marketplace.orders import cart as carts
from marketplace.orders import status
from marketplace.payments import ledger, payouts, refunds
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.gateway import CardDetails
from tests import factories


def test_order_life_with_ledger(db_engine):
    start = clock.now()
    with Session(db_engine) as session:
        cat = factories.category(session)
        kyoto = factories.vendor(session, country="JP", currency="JPY")
        milan = factories.vendor(session, country="IT", currency="EUR")
        mug = factories.product(session, kyoto, cat, price_minor=3200, stock=5)
        bag = factories.product(session, milan, cat, price_minor=18900, stock=2)
        mug_v, bag_v = (session.exec(select(Variant).where(Variant.product_id == p.id)).first() for p in (mug, bag))
        owner, _ = carts.add(session, carts.CartOwner(), mug_v.id, 2)
        owner, _ = carts.add(session, owner, bag_v.id, 1)
        row, price = checkout.start(session, owner, Market("GB", "GBP"), email="sam@example.com")
        session.commit()
        checkout_id, kyoto_id = row.id, kyoto.id

    # placed and paid
    with clock.frozen(start):
        placement = place(db_engine, checkout_id, owner, CardDetails("4242424242424242", 12, 2030, "123"),
                          gateway=EmbeddedGateway())
    assert placement.status == "paid" and placement.amount == price.payable_now
    with Session(db_engine) as session:
        orders = session.exec(select(VendorOrder).order_by(VendorOrder.id)).all()
        assert [(o.status, o.payment_status, o.fulfilment_status) for o in orders] == [
            ("placed", "paid", "unfulfilled")] * 2
        kyoto_order = next(o for o in orders if o.vendor_id == kyoto_id)
        entries = session.exec(select(LedgerEntry).where(LedgerEntry.vendor_id == kyoto_id)).all()
        commission = session.exec(select(CommissionLine).where(CommissionLine.vendor_order_id == kyoto_order.id)).all()
        # sale: the seller's own price (2 x 3,200 JPY); commission: 12 % platform default, negative
        assert sorted((e.kind, e.amount_minor, e.amount_currency) for e in entries) == [
            ("commission", -sum(c.amount_minor for c in commission), "JPY"), ("sale", 6400, "JPY")]
        assert session.exec(select(OutboxMessage).where(OutboxMessage.topic == "email")).one().payload["to"] == \
            "sam@example.com"

    # shipped and delivered, per vendor
    with immediate_scope(db_engine) as session:
        order = session.get(VendorOrder, kyoto_order.id)
        for kind, target in (("status", "processing"), ("fulfilment", "fulfilled"), ("status", "shipped"),
                             ("status", "delivered")):
            assert status.transition(session, order, kind, target, actor_user_id=None, reason="carrier scan")
        ledger.mark_delivered(session, order, start + timedelta(days=3))
    with Session(db_engine) as session:
        events = session.exec(select(OrderEvent).where(OrderEvent.vendor_order_id == kyoto_order.id)).all()
        assert [e.to_status for e in events] == ["paid", "processing", "fulfilled", "shipped", "delivered"]
        # still in the 7-day hold
        held = ledger.balances(session, kyoto_id, start + timedelta(days=5))
        assert held.available.minor == 0 and held.pending.minor > 0

    # one of the two mugs refunded
    with immediate_scope(db_engine) as session:
        line = session.exec(select(OrderLine).where(OrderLine.vendor_order_id == kyoto_order.id)).one()
        refund = refunds.refund_lines(session, kyoto_order.id, [(line.id, 1)], idempotency_key="refund-1",
                                      reason="chipped")
        again = refunds.refund_lines(session, kyoto_order.id, [(line.id, 1)], idempotency_key="refund-1")
        assert again.id == refund.id
        assert refund.amount_currency == "GBP" and refund.amount_minor > 0
    with Session(db_engine) as session:
        kinds = sorted((e.kind, e.amount_minor) for e in
                       session.exec(select(LedgerEntry).where(LedgerEntry.vendor_id == kyoto_id)).all())
        assert ("refund", -3200) in kinds  # the seller gives back one mug at its own price
        assert sum(amount for _, amount in kinds) == 3200 - sum(
            c.amount_minor for c in session.exec(select(CommissionLine)
                                                 .where(CommissionLine.vendor_order_id == kyoto_order.id)).all()) // 2

    # after the hold: payout of exactly the available balance, once
    payout_day = start + timedelta(days=11)
    with immediate_scope(db_engine) as session:
        before = ledger.balances(session, kyoto_id, payout_day)
        payout = payouts.create_payout(session, kyoto_id, payout_day)
        assert payout is not None and payout.amount_minor == before.available.minor > 0
        assert payouts.create_payout(session, kyoto_id, payout_day) is None
    with Session(db_engine) as session:
        after = ledger.balances(session, kyoto_id, payout_day)
        assert after.available.minor == 0 and after.paid_out.minor == payout.amount_minor
        assert session.exec(select(Payout)).one().status == "paid"
        assert ledger.total(session, kyoto_id).minor == 0

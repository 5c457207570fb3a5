"""Placing orders: one order per vendor, the charge equals the quote, stock held then committed or released,
declines keep the cart, authentication, and double submission charging once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session, func, select

from marketplace.checkout.place import CheckoutChanged, authenticate, place
from marketplace.core.errors import ValidationError
from marketplace.models import CartLine, OrderGroup, OrderLine, Payment, Variant, VendorOrder
from marketplace.payments.embedded import EmbeddedGateway
from tests.integration.checkout.conftest import AUTH, DECLINED, GOOD


def _count(session, model) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(model)).one()

def test_a_paid_checkout_becomes_one_order_per_vendor_charged_exactly_the_quote(shop):
    engine, session, owner, checkout_id, price, (mug, lamp) = shop
    gateway = EmbeddedGateway()
    placement = place(engine, checkout_id, owner, GOOD, gateway=gateway)
    assert placement.status == "paid" and placement.amount == price.payable_now
    session.rollback()  # end the read snapshot (SQLite WAL) and expire
    group = session.exec(select(OrderGroup)).one()
    orders = session.exec(select(VendorOrder).where(VendorOrder.group_id == group.id)).all()
    payment = session.exec(select(Payment)).one()
    assert len(orders) == 2 and {o.payment_status for o in orders} == {"paid"}
    assert (payment.amount_minor, payment.amount_currency) == (price.payable_now.minor, "EUR")
    assert payment.card_last4 == "4242" and payment.card_brand
    assert sum(o.total_minor for o in orders) == group.total_minor == price.total.minor
    lines = session.exec(select(OrderLine)).all()
    assert {line.sku for line in lines} == {mug.sku, lamp.sku}
    assert all(line.fx_rate > 0 and line.fx_source for line in lines)
    assert session.get(Variant, mug.id).stock == 3 and session.get(Variant, lamp.id).stock == 2
    assert _count(session, CartLine) == 0


def test_a_declined_card_keeps_the_cart_frees_the_stock_and_writes_no_order(shop):
    engine, session, owner, checkout_id, _, (mug, _) = shop
    with pytest.raises(ValidationError) as declined:
        place(engine, checkout_id, owner, DECLINED, gateway=EmbeddedGateway())
    assert declined.value.code == "card_declined"
    session.rollback()  # end the read snapshot (SQLite WAL) and expire
    assert _count(session, OrderGroup) == 0 and _count(session, CartLine) == 2
    assert session.get(Variant, mug.id).stock == 5


def test_the_authentication_card_asks_for_the_extra_step(shop):
    engine, session, owner, checkout_id, price, _ = shop
    gateway = EmbeddedGateway()
    first = place(engine, checkout_id, owner, AUTH, gateway=gateway)
    assert first.status == "requires_action" and first.order_number is None
    done = authenticate(engine, checkout_id, owner, approve=True, gateway=gateway)
    assert done.status == "paid" and done.order_number and done.amount == price.payable_now
    session.rollback()  # end the read snapshot (SQLite WAL) and expire
    assert _count(session, OrderGroup) == 1


def test_placing_the_same_checkout_twice_charges_once_and_makes_one_order(shop):
    engine, session, owner, checkout_id, _, _ = shop
    gateway = EmbeddedGateway()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: _try_place(engine, checkout_id, owner, gateway), range(2)))
    again = place(engine, checkout_id, owner, GOOD, gateway=gateway)
    numbers = {r.order_number for r in results if r is not None} | {again.order_number}
    session.rollback()  # end the read snapshot (SQLite WAL) and expire
    assert len(numbers) == 1
    assert _count(session, OrderGroup) == 1 and _count(session, Payment) == 1


def _try_place(engine, checkout_id, owner, gateway):  # noqa: ANN001, ANN202
    try:
        return place(engine, checkout_id, owner, GOOD, gateway=gateway)
    except ValidationError:
        return None


def test_a_price_change_after_the_quote_is_reported_before_any_charge(shop):
    engine, session, owner, checkout_id, _, (mug, _) = shop
    mug.price_minor = 3600
    session.add(mug)
    session.commit()
    with pytest.raises(CheckoutChanged) as changed:
        place(engine, checkout_id, owner, GOOD, gateway=EmbeddedGateway())
    assert "price" in {c.code for c in changed.value.changes}
    session.rollback()  # end the read snapshot (SQLite WAL) and expire
    assert _count(session, Payment) == 0
    # the checkout now holds the new quote: confirming again succeeds at the new total
    assert place(engine, checkout_id, owner, GOOD, gateway=EmbeddedGateway()).status == "paid"


def _expire_holds(engine) -> None:  # noqa: ANN001
    from datetime import timedelta

    from marketplace.core import clock
    from marketplace.orders import stock

    assert stock.release_expired(engine, clock.now() + timedelta(minutes=16)) > 0


def test_authentication_after_the_hold_expired_takes_the_units_again_when_they_are_still_there(shop):
    engine, session, owner, checkout_id, price, (mug, lamp) = shop
    gateway = EmbeddedGateway()
    assert place(engine, checkout_id, owner, AUTH, gateway=gateway).status == "requires_action"
    _expire_holds(engine)  # the shopper took more than 15 minutes at their bank; the sweeper gave the units back

    done = authenticate(engine, checkout_id, owner, approve=True, gateway=gateway)

    assert done.status == "paid" and done.order_number
    session.rollback()
    assert session.get(Variant, mug.id).stock == 3 and session.get(Variant, lamp.id).stock == 2


def test_authentication_after_the_units_were_sold_meanwhile_refunds_and_writes_no_order(shop):
    engine, session, owner, checkout_id, price, (mug, lamp) = shop
    gateway = EmbeddedGateway()
    first = place(engine, checkout_id, owner, AUTH, gateway=gateway)
    _expire_holds(engine)
    with Session(engine) as other:  # another shopper buys every lamp left
        other.get(Variant, lamp.id).stock = 0
        other.commit()

    with pytest.raises(ValidationError) as sold_out:
        authenticate(engine, checkout_id, owner, approve=True, gateway=gateway)

    assert sold_out.value.code == "sold_out_refunded" and sold_out.value.params["sku"] == lamp.sku
    assert gateway.refunded(first.intent_id) == price.payable_now
    session.rollback()
    assert _count(session, OrderGroup) == 0
    assert session.get(Variant, mug.id).stock == 5 and session.get(Variant, lamp.id).stock == 0  # nothing taken
    from marketplace.models import CheckoutSession, OutboxMessage

    assert session.get(CheckoutSession, checkout_id).status == "refunded"
    assert "refunded" in session.exec(select(OutboxMessage)).one().payload["body"]


def test_coming_back_from_the_providers_authentication_page_finishes_the_payment(shop):
    engine, session, owner, checkout_id, price, _ = shop
    from marketplace.checkout.place import resume

    gateway = EmbeddedGateway()
    first = place(engine, checkout_id, owner, AUTH, gateway=gateway)
    # the shopper approves on the provider's own page (Stripe 3-D Secure), then comes back to the checkout
    gateway.authenticate(first.intent_id, approve=True, idempotency_key="provider-page")

    done = resume(engine, checkout_id, owner, gateway=gateway)

    assert done.status == "paid" and done.order_number and done.amount == price.payable_now
    assert resume(engine, checkout_id, owner, gateway=gateway).order_number == done.order_number  # a reload
    session.rollback()
    assert _count(session, OrderGroup) == 1 and _count(session, Payment) == 1


def test_coming_back_after_failing_authentication_frees_the_stock_and_writes_no_order(shop):
    engine, session, owner, checkout_id, _, (mug, _) = shop
    from marketplace.checkout.place import resume

    gateway = EmbeddedGateway()
    first = place(engine, checkout_id, owner, AUTH, gateway=gateway)
    gateway.authenticate(first.intent_id, approve=False, idempotency_key="provider-page")

    with pytest.raises(ValidationError):
        resume(engine, checkout_id, owner, gateway=gateway)

    session.rollback()
    assert _count(session, OrderGroup) == 0 and session.get(Variant, mug.id).stock == 5

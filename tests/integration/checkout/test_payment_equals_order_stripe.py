"""The order equals the payment through the real Stripe SDK against localstripe (issue #9, defect 1): the
sketch from the issue (3-D Secure left open, cart enlarged, pay pressed again, first payment approved) and
the webhook arriving before the shopper's return, on SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib

import pytest
import stripe
from sqlmodel import Session, func, select

from marketplace.checkout.events import process_stripe_event
from marketplace.checkout.place import CheckoutChanged, place, resume
from marketplace.integrations.stripe_gateway import StripeGateway
from marketplace.models import CheckoutSession, OrderGroup, Payment
from marketplace.orders import cart as carts
from marketplace.payments.gateway import CardDetails, IntentStatus

pytestmark = pytest.mark.slow

GOOD = CardDetails("4242424242424242", 12, 2034, "123")
AUTH = CardDetails("4000002500003155", 12, 2034, "123")


@pytest.fixture
def gateway(localstripe: str) -> StripeGateway:
    return StripeGateway("sk_test_localstripe", api_base=localstripe)


def _count(engine, model) -> int:  # noqa: ANN001
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _approve_in_browser(localstripe: str, intent_id: str, client_secret: str) -> None:
    """What Stripe.js does when the shopper approves 3-D Secure (localstripe's stand-in endpoint)."""
    client = stripe.StripeClient("sk_test_localstripe", base_addresses={"api": localstripe})
    client.raw_request("post", f"/v1/payment_intents/{intent_id}/_authenticate", client_secret=client_secret,
                       success="true")


def _event(intent, event_id: str) -> dict:  # noqa: ANN001
    return {"id": event_id, "type": "payment_intent.succeeded", "data": {"object": {
        "id": intent.id, "object": "payment_intent", "status": intent.status.value,
        "amount": intent.amount.minor, "currency": intent.amount.currency.lower(), "metadata": intent.metadata}}}


def test_the_issues_sketch_charges_and_orders_the_same_amount(shop, gateway, localstripe):
    engine, _, owner, checkout_id, price, (mug, _) = shop
    first = place(engine, checkout_id, owner, AUTH, gateway=gateway)
    assert first.status == "requires_action"
    secret = gateway.retrieve(first.intent_id).client_secret
    with Session(engine) as session:  # the shopper does not follow the redirect and enlarges the cart
        carts.add(session, owner, mug.id, 1)
        session.commit()

    with pytest.raises(CheckoutChanged):  # pay again: the open payment is cancelled before the quote changes
        place(engine, checkout_id, owner, GOOD, gateway=gateway)
    assert gateway.retrieve(first.intent_id).status is IntentStatus.CANCELED
    with contextlib.suppress(stripe.StripeError):  # the first payment's bank page is approved now
        _approve_in_browser(localstripe, first.intent_id, secret)
    assert gateway.retrieve(first.intent_id).status is IntentStatus.CANCELED

    paid = place(engine, checkout_id, owner, GOOD, gateway=gateway)

    charged = gateway.retrieve(paid.intent_id)
    with Session(engine) as session:
        row = session.get(CheckoutSession, checkout_id)
        group = session.exec(select(OrderGroup)).one()
        payment = session.exec(select(Payment)).one()
    assert charged.status is IntentStatus.SUCCEEDED and charged.amount.minor == row.total_minor > price.payable_now.minor
    assert payment.external_id == charged.id and payment.amount_minor == group.total_minor == charged.amount.minor
    assert process_stripe_event(engine, _event(charged, "evt_paid"), gateway) == "already placed"
    assert _count(engine, OrderGroup) == 1


def test_the_webhook_before_the_shoppers_return_gives_one_order(shop, gateway, localstripe):
    engine, _, owner, checkout_id, price, _ = shop
    first = place(engine, checkout_id, owner, AUTH, gateway=gateway)
    _approve_in_browser(localstripe, first.intent_id, gateway.retrieve(first.intent_id).client_secret)
    approved = gateway.retrieve(first.intent_id)

    assert process_stripe_event(engine, _event(approved, "evt_early"), gateway) == "placed"
    back = resume(engine, checkout_id, owner, gateway=gateway)

    assert back.status == "paid" and back.amount == price.payable_now == approved.amount
    assert _count(engine, OrderGroup) == 1 and _count(engine, Payment) == 1

"""Card data never reaches the server (``PAYMENTS=stripe``): ``checkout.client_payment.open_payment`` opens a
PaymentIntent for exactly the quote, the "browser" confirms it with the client secret and the card (as Stripe.js
does: publishable key, straight to Stripe), and ``place.resume`` reads the outcome and writes the order.

Real stripe SDK against localstripe (with the browser-side confirm of ``localstripe_browser``), on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from sqlmodel import Session, func, select

from marketplace.checkout import service as checkout
from marketplace.checkout.client_payment import AlreadyPlaced, PaymentUnderWay, open_payment
from marketplace.checkout.place import CheckoutChanged, resume
from marketplace.checkout.pricing import Market
from marketplace.checkout.service import CheckoutError
from marketplace.core.errors import NotFound
from marketplace.integrations.stripe_gateway import StripeGateway
from marketplace.models import CartLine, CheckoutSession, OrderGroup, Payment, StockReservation, Variant
from marketplace.orders import cart as carts
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.gateway import IntentStatus
from tests import factories

pytestmark = pytest.mark.slow


def _count(session, model, *where) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def browser_confirms(localstripe: str, client_secret: str, number: str) -> dict:
    """What Stripe.js sends for ``confirmCardPayment(secret, {payment_method: {card}})``: the publishable key,
    the client secret and the card, straight to Stripe (never through our server)."""
    intent_id = client_secret.split("_secret_")[0]
    body = json.dumps({"key": "pk_test_meridian", "client_secret": client_secret,
                       "payment_method_data": {"type": "card", "card": {
                           "number": number, "exp_month": "12", "exp_year": "2034", "cvc": "123"}}}).encode()
    request = urllib.request.Request(f"{localstripe}/v1/payment_intents/{intent_id}/confirm", data=body,
                                     method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback localstripe
            return json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return json.loads(exc.read())


def browser_authenticates(localstripe: str, client_secret: str, success: bool) -> None:
    """Stripe.js's 3-D Secure step (localstripe's stand-in endpoint)."""
    intent_id = client_secret.split("_secret_")[0]
    body = json.dumps({"key": "pk_test_meridian", "client_secret": client_secret}).encode()
    request = urllib.request.Request(
        f"{localstripe}/v1/payment_intents/{intent_id}/_authenticate?success={str(success).lower()}",
        data=body, method="POST")
    with urllib.request.urlopen(request, timeout=10):  # noqa: S310 - loopback localstripe
        pass


@pytest.fixture
def gateway(localstripe: str) -> StripeGateway:
    return StripeGateway("sk_test_localstripe", api_base=localstripe)


@pytest.fixture
def shop(db_engine):
    with Session(db_engine) as session:
        cat = factories.category(session)
        kyoto = factories.vendor(session, country="JP", currency="JPY")
        mug = factories.product(session, kyoto, cat, price_minor=3200, stock=5)
        variant = session.exec(select(Variant).where(Variant.product_id == mug.id)).first()
        owner, _ = carts.add(session, carts.CartOwner(), variant.id, 2)
        row, price = checkout.start(session, owner, Market("DE", "EUR"), email="lena@example.com")
        session.commit()
        yield db_engine, session, owner, row.id, price, mug, variant


def test_the_intent_is_for_exactly_the_quote_and_the_browser_pays_it(shop, gateway, localstripe):
    engine, session, owner, checkout_id, price, _, variant = shop
    intent_id, secret, amount = open_payment(engine, checkout_id, owner, gateway=gateway)
    assert amount == price.payable_now
    assert secret.startswith(f"{intent_id}_secret_")
    assert gateway.retrieve(intent_id).amount == price.payable_now
    session.rollback()
    row = session.get(CheckoutSession, checkout_id)
    assert row.quote["intent_id"] == intent_id and secret not in json.dumps(row.quote)
    assert _count(session, StockReservation, StockReservation.checkout_id == checkout_id) == 1

    paid = browser_confirms(localstripe, secret, "4242424242424242")
    assert paid["status"] == "succeeded"
    placement = resume(engine, checkout_id, owner, gateway=gateway)

    assert placement.status == "paid" and placement.order_number
    session.rollback()
    payment = session.exec(select(Payment)).one()
    assert (payment.external_id, payment.amount_minor, payment.amount_currency) == (
        intent_id, price.payable_now.minor, "EUR")
    assert payment.card_last4 == "4242"
    assert session.get(Variant, variant.id).stock == 3 and _count(session, CartLine) == 0


def test_a_declined_card_frees_the_stock_and_the_next_attempt_pays(shop, gateway, localstripe):
    engine, session, owner, checkout_id, price, _, variant = shop
    _, secret, _ = open_payment(engine, checkout_id, owner, gateway=gateway)
    declined = browser_confirms(localstripe, secret, "4000000000000341")  # charge declined
    assert declined["error"]["code"] == "card_declined"
    with pytest.raises(CheckoutError):
        resume(engine, checkout_id, owner, gateway=gateway)
    session.rollback()
    assert _count(session, OrderGroup) == 0 and _count(session, CartLine) == 1
    assert session.get(Variant, variant.id).stock == 5

    intent_id, secret, amount = open_payment(engine, checkout_id, owner, gateway=gateway)
    assert amount == price.payable_now
    browser_confirms(localstripe, secret, "4242424242424242")
    assert resume(engine, checkout_id, owner, gateway=gateway).status == "paid"
    session.rollback()
    assert session.exec(select(Payment)).one().external_id == intent_id


def test_3d_secure_runs_in_the_browser_then_the_order_is_written(shop, gateway, localstripe):
    engine, session, owner, checkout_id, _, _, _ = shop
    intent_id, secret, _ = open_payment(engine, checkout_id, owner, gateway=gateway)
    assert browser_confirms(localstripe, secret, "4000002500003155")["status"] == "requires_action"
    browser_authenticates(localstripe, secret, True)
    assert gateway.retrieve(intent_id).status is IntentStatus.SUCCEEDED
    placement = resume(engine, checkout_id, owner, gateway=gateway)
    assert placement.status == "paid"
    with pytest.raises(AlreadyPlaced) as again:
        open_payment(engine, checkout_id, owner, gateway=gateway)
    assert again.value.order_number == placement.order_number


def test_another_owner_gets_no_secret_and_nothing_is_held(shop, gateway):
    engine, session, _, checkout_id, _, _, _ = shop
    with pytest.raises(NotFound):
        open_payment(engine, checkout_id, carts.CartOwner(guest_token="Z" * 32), gateway=gateway)
    session.rollback()
    assert _count(session, StockReservation) == 0
    assert "intent_id" not in session.get(CheckoutSession, checkout_id).quote


def test_a_changed_quote_is_shown_before_any_intent_exists(shop, gateway):
    engine, session, owner, checkout_id, _, _, variant = shop
    variant.price_minor = 3600
    session.add(variant)
    session.commit()
    with pytest.raises(CheckoutChanged):
        open_payment(engine, checkout_id, owner, gateway=gateway)
    session.rollback()
    row = session.get(CheckoutSession, checkout_id)
    assert "intent_id" not in row.quote and _count(session, StockReservation) == 0
    session.rollback()
    row = session.get(CheckoutSession, checkout_id)
    intent_id, _, amount = open_payment(engine, checkout_id, owner, gateway=gateway)  # the new quote
    assert (amount.minor, amount.currency) == (row.total_minor, row.total_currency)
    assert gateway.retrieve(intent_id).amount == amount


def test_a_changed_amount_gets_its_own_intent_and_the_same_amount_reuses_one(shop):
    """Idempotency keys include the amount: a quote whose total changed after an attempt can still be paid
    without reloading (the embedded gateway refuses a reused key with other parameters, as Stripe does)."""
    engine, session, owner, checkout_id, _, _, variant = shop
    gateway = EmbeddedGateway()
    first_id, _, first_amount = open_payment(engine, checkout_id, owner, gateway=gateway)
    again_id, _, _ = open_payment(engine, checkout_id, owner, gateway=gateway)
    assert again_id == first_id  # a double click opens one intent
    session.rollback()  # end the read snapshot (SQLite WAL) before writing
    variant.price_minor = 3600
    session.add(variant)
    session.commit()
    with pytest.raises(CheckoutChanged):
        open_payment(engine, checkout_id, owner, gateway=gateway)
    new_id, _, new_amount = open_payment(engine, checkout_id, owner, gateway=gateway)
    assert new_id != first_id and new_amount != first_amount
    assert gateway.retrieve(new_id).amount == new_amount
    session.rollback()
    assert session.get(CheckoutSession, checkout_id).quote["intent_id"] == new_id


def test_a_payment_the_browser_made_is_finished_not_doubled_when_the_quote_changed_meanwhile(
        shop, gateway, localstripe):
    """The browser paid but the page never reported back (closed, network); the price then changes and the
    shopper presses pay again: no second intent and no secret — the payment made becomes the order of the quote
    it paid, for exactly what was paid."""
    engine, session, owner, checkout_id, price, _, variant = shop
    intent_id, secret, _ = open_payment(engine, checkout_id, owner, gateway=gateway)
    assert browser_confirms(localstripe, secret, "4242424242424242")["status"] == "succeeded"
    session.rollback()
    variant.price_minor = 3600
    session.add(variant)
    session.commit()

    with pytest.raises(PaymentUnderWay) as under_way:
        open_payment(engine, checkout_id, owner, gateway=gateway)

    placement = under_way.value.placement
    assert (placement.status, placement.intent_id, placement.amount) == ("paid", intent_id, price.payable_now)
    assert resume(engine, checkout_id, owner, gateway=gateway).order_number == placement.order_number
    session.rollback()
    payment = session.exec(select(Payment)).one()
    group = session.exec(select(OrderGroup)).one()
    assert payment.external_id == intent_id and payment.amount_minor == group.total_minor == price.payable_now.minor

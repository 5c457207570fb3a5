"""The Stripe adapter driving the real stripe SDK against localstripe on loopback.

What localstripe covers (and these tests use): PaymentMethod create, PaymentIntent create then confirm,
the 3-D Secure card reaching requires_action (and localstripe's own ``_authenticate`` endpoint standing
in for the shopper's browser), manual capture, refunds. Idempotent replay, Connect transfers and
declines by card number are not in localstripe: see ``test_stripe_http.py``.
"""

from __future__ import annotations

import uuid

import pytest
import stripe

from marketplace.core.money import Money
from marketplace.integrations.stripe_gateway import StripeGateway
from marketplace.payments.gateway import CardDetails, IntentStatus, PaymentGateway, UnknownIntent

pytestmark = pytest.mark.slow


@pytest.fixture
def gateway(localstripe: str) -> StripeGateway:
    return StripeGateway("sk_test_localstripe", api_base=localstripe)


def key(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex}"


def card(number: str) -> CardDetails:
    return CardDetails(number=number, exp_month=12, exp_year=2034, cvc="123")


def start(gateway: StripeGateway, amount: Money, capture: bool = True):
    return gateway.create_intent(
        amount, idempotency_key=key("create"), metadata={"order_group": "MRD-42"}, capture=capture
    )


def test_4242_is_charged_in_the_shoppers_currency(gateway):
    assert isinstance(gateway, PaymentGateway)
    intent = start(gateway, Money(4_599, "EUR"))
    assert intent.status is IntentStatus.REQUIRES_PAYMENT_METHOD
    assert intent.id.startswith("pi_") and intent.client_secret
    paid = gateway.confirm(intent.id, card("4242 4242 4242 4242"), idempotency_key=key("confirm"))
    assert paid.status is IntentStatus.SUCCEEDED
    assert (paid.card_brand, paid.card_last4) == ("visa", "4242")
    assert paid.amount == Money(4_599, "EUR")
    assert paid.metadata == {"order_group": "MRD-42"}
    again = gateway.retrieve(intent.id)
    assert (again.status, again.card_last4, again.amount) == (
        IntentStatus.SUCCEEDED,
        "4242",
        Money(4_599, "EUR"),
    )


def test_zero_decimal_amounts_go_as_is(gateway):
    intent = start(gateway, Money(2_990, "JPY"))
    assert gateway.retrieve(intent.id).amount == Money(2_990, "JPY")


def test_three_decimal_amounts_are_checked_before_any_request(gateway):
    with pytest.raises(ValueError, match="multiples of 10"):
        start(gateway, Money(1_234, "KWD"))
    assert start(gateway, Money(1_230, "KWD")).amount == Money(1_230, "KWD")


def test_the_authentication_card_reaches_requires_action(gateway, localstripe):
    intent = start(gateway, Money(1_000, "EUR"))
    pending = gateway.confirm(intent.id, card("4000 0025 0000 3155"), idempotency_key=key("confirm"))
    assert pending.status is IntentStatus.REQUIRES_ACTION
    with pytest.raises(NotImplementedError, match="browser"):
        gateway.authenticate(intent.id, approve=True, idempotency_key=key("auth"))

    # the shopper's browser completes 3-D Secure (localstripe's stand-in for Stripe.js)
    client = stripe.StripeClient("sk_test_localstripe", base_addresses={"api": localstripe})
    client.raw_request(
        "post",
        f"/v1/payment_intents/{intent.id}/_authenticate",
        client_secret=pending.client_secret,
        success="true",
    )
    assert gateway.retrieve(intent.id).status is IntentStatus.SUCCEEDED


def test_failed_authentication_needs_another_card(gateway, localstripe):
    intent = start(gateway, Money(1_000, "EUR"))
    pending = gateway.confirm(intent.id, card("4000 0025 0000 3155"), idempotency_key=key("confirm"))
    client = stripe.StripeClient("sk_test_localstripe", base_addresses={"api": localstripe})
    client.raw_request(
        "post",
        f"/v1/payment_intents/{intent.id}/_authenticate",
        client_secret=pending.client_secret,
        success="false",
    )
    failed = gateway.retrieve(intent.id)
    assert failed.status is IntentStatus.REQUIRES_PAYMENT_METHOD
    assert failed.last_error_code == "authentication_failed"


def test_manual_capture(gateway):
    intent = start(gateway, Money(2_500, "USD"), capture=False)
    held = gateway.confirm(intent.id, card("4242424242424242"), idempotency_key=key("confirm"))
    assert held.status is IntentStatus.REQUIRES_CAPTURE
    assert gateway.capture(intent.id, idempotency_key=key("capture")).status is IntentStatus.SUCCEEDED


def test_partial_refund(gateway):
    intent = start(gateway, Money(10_000, "GBP"))
    gateway.confirm(intent.id, card("4242424242424242"), idempotency_key=key("confirm"))
    refund = gateway.refund(intent.id, Money(2_550, "GBP"), idempotency_key=key("refund"))
    assert refund.id.startswith("re_")
    assert (refund.status, refund.amount) == ("succeeded", Money(2_550, "GBP"))


def test_unknown_intent(gateway):
    with pytest.raises(UnknownIntent):
        gateway.retrieve("pi_doesnotexist")

"""The embedded gateway behaves like Stripe's test mode, in-process."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from marketplace.core.money import Money
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.gateway import (
    CardDetails,
    IdempotencyConflict,
    IntentStatus,
    InvalidIntentState,
    PaymentDeclined,
    PaymentGateway,
    UnknownIntent,
)

SUCCEEDS = "4242 4242 4242 4242"
DECLINED = "4000 0000 0000 0002"
NEEDS_AUTH = "4000 0025 0000 3155"


def card(number: str = SUCCEEDS, **kw) -> CardDetails:
    return CardDetails(number=number, exp_month=kw.get("month", 12), exp_year=kw.get("year", 2030), cvc="123")


@pytest.fixture
def gateway() -> EmbeddedGateway:
    return EmbeddedGateway(today=lambda: date(2026, 6, 15))


def new_intent(gateway, amount=Money(4_599, "EUR"), key="create-1", capture=True):
    return gateway.create_intent(amount, idempotency_key=key, metadata={"order_group": "42"}, capture=capture)


def test_it_is_a_payment_gateway(gateway):
    assert isinstance(gateway, PaymentGateway)
    assert gateway.name == "embedded"


def test_4242_succeeds_and_keeps_only_brand_and_last4(gateway):
    intent = new_intent(gateway)
    assert intent.status is IntentStatus.REQUIRES_PAYMENT_METHOD
    assert intent.client_secret and intent.client_secret.startswith(intent.id)
    paid = gateway.confirm(intent.id, card(), idempotency_key="confirm-1")
    assert paid.status is IntentStatus.SUCCEEDED
    assert (paid.card_brand, paid.card_last4) == ("visa", "4242")
    assert paid.amount == Money(4_599, "EUR")
    assert paid.metadata == {"order_group": "42"}
    assert gateway.retrieve(intent.id) == paid
    assert "4242424242424242" not in repr(gateway.__dict__)


def test_0002_is_declined_and_the_intent_waits_for_another_card(gateway):
    intent = new_intent(gateway)
    with pytest.raises(PaymentDeclined) as info:
        gateway.confirm(intent.id, card(DECLINED), idempotency_key="confirm-1")
    assert info.value.code == "card_declined"
    assert "declined" in info.value.message
    after = gateway.retrieve(intent.id)
    assert after.status is IntentStatus.REQUIRES_PAYMENT_METHOD
    assert after.last_error_code == "card_declined"
    assert gateway.confirm(intent.id, card(), idempotency_key="confirm-2").status is IntentStatus.SUCCEEDED


def test_3155_requires_authentication_then_approve_succeeds(gateway):
    intent = new_intent(gateway)
    pending = gateway.confirm(intent.id, card(NEEDS_AUTH), idempotency_key="confirm-1")
    assert pending.status is IntentStatus.REQUIRES_ACTION
    assert pending.next_action_url and intent.id in pending.next_action_url
    done = gateway.authenticate(intent.id, approve=True, idempotency_key="auth-1")
    assert done.status is IntentStatus.SUCCEEDED
    assert done.next_action_url is None
    assert done.card_last4 == "3155"


def test_failed_authentication_goes_back_to_requires_payment_method(gateway):
    intent = new_intent(gateway)
    gateway.confirm(intent.id, card(NEEDS_AUTH), idempotency_key="confirm-1")
    failed = gateway.authenticate(intent.id, approve=False, idempotency_key="auth-1")
    assert failed.status is IntentStatus.REQUIRES_PAYMENT_METHOD
    assert failed.last_error_code == "authentication_failed"
    assert gateway.confirm(intent.id, card(), idempotency_key="confirm-2").status is IntentStatus.SUCCEEDED


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (card("4242 4242 4242 4241"), "incorrect_number"),
        (card(month=1, year=2026), "expired_card"),
        (CardDetails("4242424242424242", 12, 2030, "12"), "incorrect_cvc"),
    ],
)
def test_invalid_cards_are_refused_with_stripes_codes(gateway, bad, code):
    intent = new_intent(gateway)
    with pytest.raises(PaymentDeclined) as info:
        gateway.confirm(intent.id, bad, idempotency_key="confirm-1")
    assert info.value.code == code
    assert gateway.retrieve(intent.id).status is IntentStatus.REQUIRES_PAYMENT_METHOD


def test_manual_capture(gateway):
    intent = new_intent(gateway, capture=False)
    held = gateway.confirm(intent.id, card(), idempotency_key="confirm-1")
    assert held.status is IntentStatus.REQUIRES_CAPTURE
    assert gateway.capture(intent.id, idempotency_key="capture-1").status is IntentStatus.SUCCEEDED
    with pytest.raises(InvalidIntentState):
        gateway.capture(intent.id, idempotency_key="capture-2")


def test_a_succeeded_intent_cannot_be_confirmed_again(gateway):
    intent = new_intent(gateway)
    gateway.confirm(intent.id, card(), idempotency_key="confirm-1")
    with pytest.raises(InvalidIntentState):
        gateway.confirm(intent.id, card(), idempotency_key="confirm-2")


def test_same_key_same_parameters_returns_the_same_result(gateway):
    first = new_intent(gateway, key="checkout-7")
    again = new_intent(gateway, key="checkout-7")
    assert again == first
    paid = gateway.confirm(first.id, card(), idempotency_key="confirm-7")
    assert gateway.confirm(first.id, card(), idempotency_key="confirm-7") == paid


def test_a_replayed_decline_is_declined_again(gateway):
    intent = new_intent(gateway)
    for _ in range(2):
        with pytest.raises(PaymentDeclined):
            gateway.confirm(intent.id, card(DECLINED), idempotency_key="confirm-1")


def test_same_key_different_parameters_raises(gateway):
    new_intent(gateway, amount=Money(100, "EUR"), key="checkout-7")
    with pytest.raises(IdempotencyConflict):
        new_intent(gateway, amount=Money(101, "EUR"), key="checkout-7")
    intent = new_intent(gateway, key="checkout-8")
    gateway.confirm(intent.id, card(), idempotency_key="confirm-8")
    other = new_intent(gateway, key="checkout-9")
    with pytest.raises(IdempotencyConflict):
        gateway.confirm(other.id, card(), idempotency_key="confirm-8")


def test_double_click_from_many_threads_creates_one_intent(gateway):
    results = []
    barrier = threading.Barrier(8)

    def place():
        barrier.wait()
        results.append(new_intent(gateway, key="double-click"))

    threads = [threading.Thread(target=place) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({r.id for r in results}) == 1


def test_refunds_partial_then_rest_never_more_than_charged(gateway):
    intent = new_intent(gateway, amount=Money(1_000, "EUR"))
    gateway.confirm(intent.id, card(), idempotency_key="confirm-1")
    first = gateway.refund(intent.id, Money(300, "EUR"), idempotency_key="refund-1")
    assert (first.status, first.amount) == ("succeeded", Money(300, "EUR"))
    assert gateway.refund(intent.id, Money(300, "EUR"), idempotency_key="refund-1") == first  # a retry
    with pytest.raises(ValueError, match="at most"):
        gateway.refund(intent.id, Money(701, "EUR"), idempotency_key="refund-2")
    gateway.refund(intent.id, Money(700, "EUR"), idempotency_key="refund-3")
    assert gateway.refunded(intent.id) == Money(1_000, "EUR")


def test_cannot_refund_an_unpaid_intent(gateway):
    intent = new_intent(gateway)
    with pytest.raises(InvalidIntentState):
        gateway.refund(intent.id, Money(100, "EUR"), idempotency_key="refund-1")


def test_transfer_is_recorded_as_paid(gateway):
    result = gateway.transfer(Money(5_000, "EUR"), "acct_vendor1", "group_42", idempotency_key="payout-1")
    assert result.id.startswith("tr_")
    assert (result.amount, result.destination, result.transfer_group) == (
        Money(5_000, "EUR"),
        "acct_vendor1",
        "group_42",
    )
    assert (
        gateway.transfer(Money(5_000, "EUR"), "acct_vendor1", "group_42", idempotency_key="payout-1")
        == result
    )


def test_amounts_stripe_cannot_charge_are_refused_here_too(gateway):
    with pytest.raises(ValueError, match="multiples of 10"):
        new_intent(gateway, amount=Money(1_234, "KWD"))
    with pytest.raises(ValueError, match="positive"):
        new_intent(gateway, amount=Money(0, "EUR"))
    assert new_intent(gateway, amount=Money(2_990, "JPY"), key="jpy").amount == Money(2_990, "JPY")


def test_unknown_intent(gateway):
    with pytest.raises(UnknownIntent):
        gateway.retrieve("pi_nope")


def test_two_gateways_do_not_share_state():
    a, b = EmbeddedGateway(), EmbeddedGateway()
    intent = new_intent(a)
    with pytest.raises(UnknownIntent):
        b.retrieve(intent.id)

"""The Stripe adapter at the HTTP boundary, for what localstripe does not implement.

localstripe has no idempotent replay, no Connect transfers and does not decline 4000 0000 0000 0002,
so these tests put pytest-httpserver on loopback in Stripe's place and answer with JSON shaped like
Stripe's documented responses (docs.stripe.com/api/payment_intents/object, /api/errors,
/api/transfers/object, /api/idempotent_requests). They check what we send (form parameters,
``Idempotency-Key`` headers) and how we read what comes back, through the real stripe SDK.
"""

from __future__ import annotations

import json

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from marketplace.core.money import Money
from marketplace.integrations.stripe_gateway import StripeGateway
from marketplace.payments.gateway import (
    CardDetails,
    GatewayError,
    IdempotencyConflict,
    IntentStatus,
    PaymentDeclined,
)


@pytest.fixture
def gateway(httpserver: HTTPServer) -> StripeGateway:
    return StripeGateway("sk_test_http", api_base=httpserver.url_for("/").rstrip("/"), max_network_retries=0)


def payment_intent(status: str = "requires_payment_method", **extra) -> dict:
    body = {
        "id": "pi_3Test",
        "object": "payment_intent",
        "amount": 4599,
        "currency": "eur",
        "status": status,
        "client_secret": "pi_3Test_secret_abc",
        "capture_method": "automatic",
        "metadata": {"order_group": "MRD-42"},
        "payment_method": None,
        "next_action": None,
        "last_payment_error": None,
        "livemode": False,
    }
    body.update(extra)
    return body


PAYMENT_METHOD = {
    "id": "pm_1Test",
    "object": "payment_method",
    "type": "card",
    "card": {"brand": "visa", "last4": "0002", "exp_month": 12, "exp_year": 2034, "funding": "credit"},
}

DECLINE = {
    "error": {
        "type": "card_error",
        "code": "card_declined",
        "decline_code": "generic_decline",
        "message": "Your card was declined.",
        "doc_url": "https://stripe.com/docs/error-codes/card-declined",
        "payment_intent": payment_intent(
            last_payment_error={
                "type": "card_error",
                "code": "card_declined",
                "decline_code": "generic_decline",
            },
            payment_method=None,
        ),
    }
}


def test_a_declined_card_raises_payment_declined_with_stripes_code(httpserver, gateway):
    httpserver.expect_request("/v1/payment_methods", method="POST").respond_with_json(PAYMENT_METHOD)
    httpserver.expect_request("/v1/payment_intents/pi_3Test", method="POST").respond_with_json(
        payment_intent("requires_confirmation", payment_method="pm_1Test")
    )
    httpserver.expect_request("/v1/payment_intents/pi_3Test/confirm", method="POST").respond_with_json(
        DECLINE, status=402
    )
    card = CardDetails("4000 0000 0000 0002", 12, 2034, "123")
    with pytest.raises(PaymentDeclined) as info:
        gateway.confirm("pi_3Test", card, idempotency_key="confirm-1")
    assert info.value.code == "card_declined"
    assert info.value.decline_code == "generic_decline"
    assert "declined" in info.value.message
    # the PaymentMethod request carried the number (spaces removed) and every write its own key
    pm_request = httpserver.log[0][0]
    assert pm_request.form["card[number]"] == "4000000000000002"
    keys = [req.headers.get("Idempotency-Key") for req, _ in httpserver.log]
    assert keys == ["confirm-1:pm", "confirm-1:attach", "confirm-1:confirm"]


def test_a_retried_create_sends_the_same_key_and_gets_the_same_intent(httpserver, gateway):
    """Stripe answers a replayed key with the first response and ``Idempotent-Replayed: true``."""
    seen: list[tuple[str, dict]] = []

    def handler(request: Request) -> Response:
        seen.append((request.headers["Idempotency-Key"], dict(request.form)))
        headers = {"Idempotent-Replayed": "true"} if len(seen) > 1 else {}
        return Response(
            json.dumps(payment_intent()), status=200, headers=headers, content_type="application/json"
        )

    httpserver.expect_request("/v1/payment_intents", method="POST").respond_with_handler(handler)
    first = gateway.create_intent(
        Money(4_599, "EUR"), idempotency_key="checkout-42", metadata={"order_group": "MRD-42"}
    )
    second = gateway.create_intent(
        Money(4_599, "EUR"), idempotency_key="checkout-42", metadata={"order_group": "MRD-42"}
    )
    assert first == second and first.id == "pi_3Test"
    assert [k for k, _ in seen] == ["checkout-42", "checkout-42"]
    form = seen[0][1]
    assert form["amount"] == "4599" and form["currency"] == "eur"
    assert form["metadata[order_group]"] == "MRD-42"
    assert form["capture_method"] == "automatic"


def test_a_key_reused_with_other_parameters_is_a_conflict(httpserver, gateway):
    httpserver.expect_request("/v1/payment_intents", method="POST").respond_with_json(
        {
            "error": {
                "type": "idempotency_error",
                "message": "Keys for idempotent requests can only be used with the same parameters they were "
                "first used with. Try using a key other than 'checkout-42' if you meant to execute a "
                "different request.",
            }
        },
        status=400,
    )
    with pytest.raises(IdempotencyConflict):
        gateway.create_intent(Money(5_000, "EUR"), idempotency_key="checkout-42", metadata={})


def test_connect_transfer_to_a_vendor(httpserver, gateway):
    httpserver.expect_request(
        "/v1/transfers", method="POST", headers={"Idempotency-Key": "payout-7"}
    ).respond_with_json(
        {
            "id": "tr_1Test",
            "object": "transfer",
            "amount": 123000,
            "currency": "jpy",
            "destination": "acct_1Vendor",
            "transfer_group": "MRD-42",
            "reversed": False,
            "livemode": False,
        }
    )
    result = gateway.transfer(Money(123_000, "JPY"), "acct_1Vendor", "MRD-42", idempotency_key="payout-7")
    assert (result.id, result.amount, result.destination, result.transfer_group) == (
        "tr_1Test",
        Money(123_000, "JPY"),
        "acct_1Vendor",
        "MRD-42",
    )
    form = httpserver.log[0][0].form
    assert (form["amount"], form["currency"], form["destination"], form["transfer_group"]) == (
        "123000",
        "jpy",
        "acct_1Vendor",
        "MRD-42",
    )


def test_a_three_d_secure_redirect_url_is_passed_on(httpserver):
    gateway = StripeGateway(
        "sk_test_http",
        api_base=httpserver.url_for("/").rstrip("/"),
        return_url="https://shop.example/checkout/return",
        max_network_retries=0,
    )
    httpserver.expect_request("/v1/payment_methods", method="POST").respond_with_json(
        {**PAYMENT_METHOD, "card": {**PAYMENT_METHOD["card"], "last4": "3155"}}
    )
    httpserver.expect_request("/v1/payment_intents/pi_3Test", method="POST").respond_with_json(
        payment_intent("requires_confirmation", payment_method="pm_1Test")
    )
    httpserver.expect_request("/v1/payment_intents/pi_3Test/confirm", method="POST").respond_with_json(
        payment_intent(
            "requires_action",
            payment_method="pm_1Test",
            next_action={
                "type": "redirect_to_url",
                "redirect_to_url": {
                    "url": "https://hooks.stripe.com/3d_secure/x",
                    "return_url": "https://shop.example/checkout/return",
                },
            },
        )
    )
    intent = gateway.confirm(
        "pi_3Test", CardDetails("4000002500003155", 12, 2034, "123"), idempotency_key="c-1"
    )
    assert intent.status is IntentStatus.REQUIRES_ACTION
    assert intent.next_action_url == "https://hooks.stripe.com/3d_secure/x"
    assert intent.card_last4 == "3155"
    assert httpserver.log[2][0].form["return_url"] == "https://shop.example/checkout/return"


def test_a_server_error_is_a_gateway_error_not_a_decline(httpserver, gateway):
    httpserver.expect_request("/v1/payment_intents/pi_3Test").respond_with_json(
        {"error": {"type": "api_error", "message": "Something went wrong on Stripe's end."}}, status=500
    )
    with pytest.raises(GatewayError) as info:
        gateway.retrieve("pi_3Test")
    assert not isinstance(info.value, PaymentDeclined)


def test_an_unreachable_api_is_a_gateway_error():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again at once: nothing listens there
    gateway = StripeGateway("sk_test_http", api_base=f"http://127.0.0.1:{port}", max_network_retries=0)
    with pytest.raises(GatewayError):
        gateway.retrieve("pi_3Test")

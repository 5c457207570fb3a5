"""PAYMENTS=embedded|stripe picks the gateway; one instance per process."""

from __future__ import annotations

import pytest

from marketplace.integrations.payment_gateways import gateway_for, reset_gateways
from marketplace.payments.embedded import EmbeddedGateway


@pytest.fixture(autouse=True)
def fresh():
    reset_gateways()
    yield
    reset_gateways()


def test_embedded_is_shared_by_every_caller():
    gateway = gateway_for("embedded")
    assert isinstance(gateway, EmbeddedGateway)
    assert gateway_for("EMBEDDED") is gateway


def test_stripe_reads_its_keys_from_the_environment(monkeypatch):
    from marketplace.integrations.stripe_gateway import StripeGateway

    monkeypatch.setenv("STRIPE_API_KEY", "sk_test_123")
    monkeypatch.setenv("STRIPE_API_BASE", "http://127.0.0.1:9")
    gateway = gateway_for("stripe")
    assert isinstance(gateway, StripeGateway) and gateway.name == "stripe"


def test_stripe_without_a_key_fails_loudly(monkeypatch):
    monkeypatch.delenv("STRIPE_API_KEY", raising=False)
    with pytest.raises(ValueError, match="STRIPE_API_KEY"):
        gateway_for("stripe")


def test_unknown_value():
    with pytest.raises(ValueError, match="PAYMENTS"):
        gateway_for("paypal")

"""Stripe webhooks for checkouts, signed locally: valid, bad signature, stale timestamp, replayed, and
`succeeded` arriving before `created`; the worker then moves the checkout forward only."""

from __future__ import annotations

import json
import time

import pytest
from sqlmodel import Session, func, select

from marketplace.checkout import service as checkout
from marketplace.checkout.events import process_stripe_event, receive_stripe_webhook
from marketplace.checkout.pricing import Market
from marketplace.jobs import default_handlers
from marketplace.models import OrderGroup, OutboxMessage, Variant
from marketplace.orders import cart as carts
from marketplace.orders import stock
from marketplace.outbox.worker import run_once
from marketplace.payments.webhooks import sign
from tests import factories

SECRET = "whsec_test_secret"


def _event(event_id: str, kind: str, checkout_id: str, amount: int) -> bytes:
    return json.dumps({"id": event_id, "type": kind, "created": int(time.time()), "data": {"object": {
        "id": "pi_test_1", "object": "payment_intent", "status": "succeeded" if "succeeded" in kind else
        "requires_payment_method", "amount": amount, "currency": "eur", "metadata": {"checkout_id": checkout_id}}}}
    ).encode()


def _count(engine, model) -> int:  # noqa: ANN001
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def started(db_engine):
    with Session(db_engine) as session:
        cat = factories.category(session)
        vendor = factories.vendor(session, country="JP", currency="JPY")
        product = factories.product(session, vendor, cat, stock=4)
        variant = session.exec(select(Variant).where(Variant.product_id == product.id)).first()
        owner, _ = carts.add(session, carts.CartOwner(), variant.id, 1)
        row, price = checkout.start(session, owner, Market("DE", "EUR"), email="a@example.com")
        # the checkout's payment, recorded when it was created (as place() does)
        row.quote = {**row.quote, "intent_id": "pi_test_1", "intent_amount": [price.payable_now.minor, "EUR"]}
        checkout_id, variant_id = row.id, variant.id
        session.commit()
    stock.reserve(db_engine, checkout_id, {variant_id: 1})
    return db_engine, checkout_id, price.payable_now.minor, variant_id


def test_a_valid_event_is_queued_once_and_a_replay_is_a_duplicate(started):
    engine, checkout_id, amount, _ = started
    body = _event("evt_1", "payment_intent.succeeded", checkout_id, amount)
    header = sign(body, SECRET, int(time.time()))
    assert receive_stripe_webhook(engine, body, header, SECRET) == (200, "processed")
    assert receive_stripe_webhook(engine, body, header, SECRET) == (200, "duplicate")
    assert _count(engine, OutboxMessage) == 1
    assert run_once(engine, default_handlers(engine)) == 1
    assert _count(engine, OrderGroup) == 1


@pytest.mark.parametrize("tamper, code", [
    (lambda body, ts: (f"t={ts},v1={'0' * 64}", body), "bad_signature"),
    (lambda body, ts: (sign(body, SECRET, ts - 301), body), "stale_timestamp"),
    (lambda body, ts: (sign(body, "whsec_other", ts), body), "bad_signature"),
    (lambda body, ts: (None, body), "missing_header"),
    (lambda body, ts: (sign(body, SECRET, ts), body + b" "), "bad_signature"),
])
def test_bad_deliveries_are_refused_and_store_nothing(started, tamper, code):
    engine, checkout_id, amount, _ = started
    header, body = tamper(_event("evt_2", "payment_intent.succeeded", checkout_id, amount), int(time.time()))
    assert receive_stripe_webhook(engine, body, header, SECRET) == (400, code)
    assert _count(engine, OutboxMessage) == 0


def test_events_only_move_state_forward(started):
    engine, checkout_id, amount, variant_id = started
    succeeded = json.loads(_event("evt_3", "payment_intent.succeeded", checkout_id, amount))
    failed = json.loads(_event("evt_4", "payment_intent.payment_failed", checkout_id, amount))
    created = json.loads(_event("evt_5", "payment_intent.created", checkout_id, amount))
    assert process_stripe_event(engine, succeeded) == "placed"
    assert process_stripe_event(engine, created) == "ignored"
    assert process_stripe_event(engine, failed) == "ignored"  # a late failure never undoes a paid order
    assert process_stripe_event(engine, succeeded) == "already placed"
    assert _count(engine, OrderGroup) == 1
    assert stock.available(engine, variant_id) == 3  # the held unit was committed, not given back

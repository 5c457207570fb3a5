"""Webhook events are processed once, on SQLite and PostgreSQL: replays, races, out-of-order delivery."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.db import immediate_scope, session_scope
from marketplace.models.outbox import WebhookEvent
from marketplace.payments.webhooks import SignatureError, handle_stripe_webhook, record_event, sign

SECRET = "whsec_integration"
NOW = 1_800_000_000


def event(event_id: str = "evt_1", type_: str = "payment_intent.succeeded", pi: str = "pi_1") -> dict:
    return {
        "id": event_id,
        "type": type_,
        "created": NOW,
        "data": {"object": {"id": pi, "object": "payment_intent"}},
    }


def count(engine) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(WebhookEvent)).one()


def test_first_delivery_is_new_the_replay_is_not(db_engine):
    with session_scope(db_engine) as s:
        assert record_event(s, event(), "stripe") is True
    with session_scope(db_engine) as s:
        assert record_event(s, event(), "stripe") is False
    with Session(db_engine) as s:
        row = s.get(WebhookEvent, "evt_1")
        assert (row.gateway, row.type, row.payload["data"]["object"]["id"]) == (
            "stripe",
            "payment_intent.succeeded",
            "pi_1",
        )
    assert count(db_engine) == 1


def test_a_duplicate_leaves_the_callers_transaction_usable(db_engine):
    with session_scope(db_engine) as s:
        record_event(s, event("evt_a"), "stripe")
    with session_scope(db_engine) as s:
        assert record_event(s, event("evt_a"), "stripe") is False
        assert record_event(s, event("evt_b"), "stripe") is True  # same transaction, still fine
        assert record_event(s, event("evt_b"), "stripe") is False  # and a replay within it
    assert count(db_engine) == 2


def test_two_deliveries_racing_record_one_event(db_engine):
    """Session A has inserted but not committed; B's insert waits, then hits the unique key: False."""
    results: dict[str, bool] = {}
    a = Session(db_engine)
    try:
        assert record_event(a, event("evt_race"), "stripe") is True
        a.flush()

        def deliver_b():
            with immediate_scope(db_engine) as b:
                results["b"] = record_event(b, event("evt_race"), "stripe")

        thread = threading.Thread(target=deliver_b)
        thread.start()
        thread.join(timeout=0.5)  # B is blocked on A's uncommitted row / write lock
        a.commit()
        thread.join(timeout=10)
        assert not thread.is_alive()
    finally:
        a.close()
    assert results == {"b": False}
    assert count(db_engine) == 1


def deliver(engine, body: bytes, header: str, seen: list) -> str:
    with clock.frozen(datetime.fromtimestamp(NOW, UTC)), immediate_scope(engine) as s:
        return handle_stripe_webhook(s, body, header, SECRET, seen.append)


def test_handle_processes_once_and_stamps_processed_at(db_engine):
    seen: list = []
    body = json.dumps(event()).encode()
    header = sign(body, SECRET, NOW)
    assert deliver(db_engine, body, header, seen) == "processed"
    assert deliver(db_engine, body, header, seen) == "duplicate"
    assert [e["id"] for e in seen] == ["evt_1"]
    with Session(db_engine) as s:
        assert s.get(WebhookEvent, "evt_1").processed_at is not None


def test_a_bad_signature_stores_nothing_and_calls_nothing(db_engine):
    seen: list = []
    body = json.dumps(event()).encode()
    with pytest.raises(SignatureError):
        deliver(db_engine, body, sign(body, "whsec_wrong", NOW), seen)
    with pytest.raises(SignatureError):
        deliver(db_engine, body, sign(body, SECRET, NOW - 301), seen)
    assert seen == [] and count(db_engine) == 0


def test_when_processing_fails_the_event_is_not_marked_seen(db_engine):
    """Stripe retries a delivery we answered with an error: the retry must be processed."""
    body = json.dumps(event()).encode()
    header = sign(body, SECRET, NOW)

    def boom(_event):
        raise RuntimeError("order service down")

    with (
        pytest.raises(RuntimeError),
        clock.frozen(datetime.fromtimestamp(NOW, UTC)),
        immediate_scope(db_engine) as s,
    ):
        handle_stripe_webhook(s, body, header, SECRET, boom)
    seen: list = []
    assert deliver(db_engine, body, header, seen) == "processed"
    assert len(seen) == 1


def test_succeeded_before_created_both_reach_the_handler(db_engine):
    """Out-of-order delivery is the handler's to absorb (state only moves forward); both events pass
    through exactly once, in arrival order."""
    seen: list = []
    succeeded = json.dumps(event("evt_2", "payment_intent.succeeded")).encode()
    created = json.dumps(event("evt_1", "payment_intent.created")).encode()
    for body in (succeeded, created, succeeded):
        deliver(db_engine, body, sign(body, SECRET, NOW), seen)
    assert [e["type"] for e in seen] == ["payment_intent.succeeded", "payment_intent.created"]

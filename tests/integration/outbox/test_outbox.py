"""The outbox worker and e-mail delivery, on SQLite and PostgreSQL."""

from __future__ import annotations

import email
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from marketplace.core import clock
from marketplace.core.db import session_scope
from marketplace.jobs import default_handlers
from marketplace.models import MailboxMessage, OutboxMessage
from marketplace.outbox import mail, worker
from marketplace.outbox.worker import MAX_ATTEMPTS, enqueue, run_once
from tests.integration.outbox.smtp_server import smtp_server

T0 = datetime(2025, 5, 5, 12, 0, tzinfo=UTC)


def messages(engine):
    with session_scope(engine) as s:
        return list(s.exec(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_enqueue_belongs_to_the_callers_transaction(db_engine):
    with session_scope(db_engine) as s:
        enqueue(s, "email", {"to": "a@example.com"})
    with pytest.raises(RuntimeError), session_scope(db_engine) as s:
        enqueue(s, "email", {"to": "b@example.com"})
        raise RuntimeError("the state change failed")
    assert [m.payload["to"] for m in messages(db_engine)] == ["a@example.com"]


def test_a_due_message_runs_once_and_is_marked_done(db_engine):
    seen = []
    with clock.frozen(T0), session_scope(db_engine) as s:
        enqueue(s, "label", {"order": 1})
        enqueue(s, "label", {"order": 2}, not_before=T0 + timedelta(hours=1))
        enqueue(s, "nobody-handles-this", {})
    assert run_once(db_engine, {"label": seen.append}, now=T0) == 1
    assert run_once(db_engine, {"label": seen.append}, now=T0) == 0
    assert seen == [{"order": 1}]
    rows = messages(db_engine)
    assert [(m.status, m.attempts) for m in rows] == [("done", 1), ("pending", 0), ("pending", 0)]
    assert run_once(db_engine, {"label": seen.append}, now=T0 + timedelta(hours=1)) == 1
    assert seen == [{"order": 1}, {"order": 2}]


def test_failures_back_off_exponentially_then_fail_keeping_the_last_error(db_engine):
    calls = []

    def flaky(payload):
        calls.append(payload)
        raise ConnectionError(f"carrier down #{len(calls)}")

    with clock.frozen(T0), session_scope(db_engine) as s:
        enqueue(s, "label", {"order": 7})
    now = T0
    delays = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert run_once(db_engine, {"label": flaky}, now=now) == 1
        (row,) = messages(db_engine)
        assert row.attempts == attempt and row.last_error == f"ConnectionError: carrier down #{attempt}"
        if attempt < MAX_ATTEMPTS:
            assert row.status == "pending"
            next_at = clock.as_utc(row.next_attempt_at)
            delays.append(next_at - now)
            assert run_once(db_engine, {"label": flaky}, now=next_at - timedelta(seconds=1)) == 0  # not yet due
            now = next_at
    assert delays == [timedelta(seconds=30 * 2**i) for i in range(MAX_ATTEMPTS - 1)]
    (row,) = messages(db_engine)
    assert row.status == "failed" and row.processed_at is not None
    assert run_once(db_engine, {"label": flaky}, now=now + timedelta(days=30)) == 0
    assert len(calls) == MAX_ATTEMPTS


def test_a_retry_that_succeeds_is_done(db_engine):
    outcomes = iter([ValueError("boom"), None])

    def handler(_payload):
        outcome = next(outcomes)
        if outcome:
            raise outcome

    with clock.frozen(T0), session_scope(db_engine) as s:
        enqueue(s, "webhook", {"id": "evt_1"})
    run_once(db_engine, {"webhook": handler}, now=T0)
    run_once(db_engine, {"webhook": handler}, now=T0 + timedelta(seconds=30))
    (row,) = messages(db_engine)
    assert (row.status, row.attempts, row.last_error) == ("done", 2, None)


def test_two_workers_never_run_the_same_message(db_engine):
    """Two threads drain 60 messages concurrently: each message runs exactly once (SKIP LOCKED on PostgreSQL,
    BEGIN IMMEDIATE claims on SQLite)."""
    with session_scope(db_engine) as s:
        for i in range(60):
            enqueue(s, "job", {"n": i})
    ran: Counter[int] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(2)
    errors = []

    def handler(payload):
        with lock:
            ran[payload["n"]] += 1
        threading.Event().wait(0.002)  # hold the claim a moment, so the workers overlap

    def work():
        try:
            start.wait()
            while run_once(db_engine, {"job": handler}, batch=5):
                pass
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert sorted(ran) == list(range(60)) and set(ran.values()) == {1}
    assert {m.status for m in messages(db_engine)} == {"done"}


def test_email_without_smtp_goes_to_the_mailbox(db_engine, monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    with session_scope(db_engine) as s:
        enqueue(s, "email", {"to": "kenji@example.jp", "subject": "ご注文ありがとうございます", "body": "…",
                             "lang": "ja"})
    assert run_once(db_engine, default_handlers(db_engine)) == 1
    with session_scope(db_engine) as s:
        (row,) = s.exec(select(MailboxMessage)).all()
    assert (row.to, row.subject, row.lang) == ("kenji@example.jp", "ご注文ありがとうございます", "ja")


@pytest.mark.parametrize("bad", [("x", "hi"), ("a@example.com\r\nBcc: e@evil.test", "hi"),
                                 ("a@example.com", "two\r\nlines")])
def test_malformed_email_is_refused_and_nothing_stored(db_engine, monkeypatch, bad):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    with pytest.raises(ValueError):
        mail.send_email(bad[0], bad[1], "body", engine=db_engine)
    with session_scope(db_engine) as s:
        assert s.exec(select(MailboxMessage)).all() == []


def test_email_goes_over_smtp_when_configured(db_engine, monkeypatch):
    with smtp_server() as (port, inbox):
        monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("SMTP_PORT", str(port))
        monkeypatch.setenv("SMTP_FROM", "orders@meridian.test")
        with session_scope(db_engine) as s:
            enqueue(s, "email", {"to": "ana@example.pt", "subject": "Encomenda enviada", "body": "Olá, Ana — já vai.",
                                 "lang": "pt"})
        assert run_once(db_engine, default_handlers(db_engine)) == 1
    (got,) = inbox.messages
    parsed = email.message_from_bytes(got.data, policy=email.policy.default)
    assert (got.sender, got.recipients) == ("orders@meridian.test", ["ana@example.pt"])
    assert parsed["Subject"] == "Encomenda enviada" and parsed["Content-Language"] == "pt"
    assert parsed.get_content().strip() == "Olá, Ana — já vai."
    assert messages(db_engine)[0].status == "done"
    with session_scope(db_engine) as s:
        assert s.exec(select(MailboxMessage)).all() == []


def test_smtp_down_means_a_retry_not_a_lost_email(db_engine, monkeypatch):
    with smtp_server() as (port, _):
        pass  # the port is now closed
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(port))
    with session_scope(db_engine) as s:
        enqueue(s, "email", {"to": "ana@example.pt", "subject": "s", "body": "b"})
    assert run_once(db_engine, default_handlers(db_engine)) == 1
    (row,) = messages(db_engine)
    assert (row.status, row.attempts) == ("pending", 1) and "Connection" in row.last_error


def test_worker_main_once_and_loop_until_stopped(db_engine, capsys):
    seen = []
    with session_scope(db_engine) as s:
        enqueue(s, "job", {"n": 1})
    assert worker.main(["--once"], engine=db_engine, handlers={"job": seen.append}) == 0
    assert seen == [{"n": 1}]

    stop = threading.Event()
    def stop_after_second(payload):
        seen.append(payload)
        stop.set()

    with session_scope(db_engine) as s:
        enqueue(s, "job", {"n": 2})
    runner = threading.Thread(target=worker.main, args=(["--interval", "0.05"],),
                              kwargs={"engine": db_engine, "handlers": {"job": stop_after_second}, "stop": stop})
    runner.start()
    runner.join(timeout=10)
    assert not runner.is_alive() and seen == [{"n": 1}, {"n": 2}]
    assert "stopped" in capsys.readouterr().out


def test_worker_main_refuses_bad_arguments(db_engine):
    with pytest.raises(SystemExit) as exit_:
        worker.main(["--batch", "0"], engine=db_engine, handlers={})
    assert exit_.value.code == 2


def test_postgres_claim_skips_rows_another_worker_holds(db_engine):
    """While one worker holds a message's row lock, another claims the rest without waiting for it."""
    if db_engine.dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite serialises claims with BEGIN IMMEDIATE")
    with session_scope(db_engine) as s:
        held_id = enqueue(s, "job", {"n": 0}).id
        enqueue(s, "job", {"n": 1})
    seen = []
    with session_scope(db_engine) as holder:
        holder.exec(select(OutboxMessage).where(OutboxMessage.id == held_id).with_for_update()).one()
        assert run_once(db_engine, {"job": seen.append}) == 1  # would block here without SKIP LOCKED
    assert seen == [{"n": 1}]
    assert run_once(db_engine, {"job": seen.append}) == 1
    assert seen == [{"n": 1}, {"n": 0}]

"""The worker killed mid-job and restarted: the job is not lost and not done twice.

What this proves, and what it does not: the outbox is *at-least-once with a lease*. A real
``python -m marketplace worker`` process is killed with SIGKILL while its e-mail handler is inside the SMTP
transaction (the loopback server holds the end of DATA unanswered, so the message is not yet accepted).
The claim survives the kill as a lease: a worker restarted at once does not run the message again
(another worker may still be running it); once the lease has run out (the test moves ``next_attempt_at``
to the past instead of waiting 5 minutes) the restarted worker sends it, and the server has exactly one
message. A kill in the short window *after* the SMTP server accepted and *before* the worker records
``done`` would send the e-mail a second time after the lease: that is the at-least-once contract. Such a
redelivered e-mail carries the same Message-ID (derived from the outbox message id), so mail systems and
clients can recognise it as the same message (the last test). The other handlers are idempotent by design (Stripe events are applied once per checkout:
tests/integration/checkout/test_stripe_events.py::test_events_only_move_state_forward; payout transfers
carry the idempotency key ``payout-<id>``: tests/integration/money_movement/test_payout_run.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from marketplace.core import clock
from marketplace.core.db import session_scope
from marketplace.models import OutboxMessage
from marketplace.outbox.worker import LEASE, enqueue
from tests.conftest import ROOT
from tests.integration.outbox.smtp_server import smtp_server

pytestmark = pytest.mark.slow


def _env(db_engine, smtp_port: int) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": db_engine.url.render_as_string(hide_password=False),
           "PAYMENTS": "embedded", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port)}
    env.pop("SMTP_STARTTLS", None)
    return env


def _worker(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "marketplace", "worker", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _row(db_engine) -> OutboxMessage:
    with session_scope(db_engine) as s:
        return s.exec(select(OutboxMessage)).one()


def test_a_worker_killed_mid_job_loses_nothing_and_sends_once(db_engine):
    with session_scope(db_engine) as s:
        enqueue(s, "email", {"to": "kim@example.com", "subject": "Your order M-1", "body": "Thanks!"})
    held = threading.Event()
    with smtp_server(hold=held) as (port, inbox):
        env = _env(db_engine, port)
        worker = _worker(env, "--interval", "0.2")
        try:
            assert held.wait(120), "the worker never reached the SMTP server"
            # when the worker dies inside the handler (no cleanup, no signal handler runs)
            worker.send_signal(signal.SIGKILL)
            assert worker.wait(30) == -signal.SIGKILL
        finally:
            if worker.poll() is None:
                worker.kill()
            worker.communicate()
        claimed = _row(db_engine)
        assert (claimed.status, claimed.attempts, inbox.messages) == ("pending", 1, [])
        assert clock.as_utc(claimed.next_attempt_at) > clock.now() + LEASE - timedelta(minutes=1)

        # then a worker restarted at once leaves the leased message alone
        again = subprocess.run([sys.executable, "-m", "marketplace", "worker", "--once"], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=120)
        assert again.returncode == 0, again.stderr
        assert "ran 0 message(s)" in again.stdout and inbox.messages == []

        # and once the lease has run out, the restarted worker sends it: exactly one e-mail arrives
        with session_scope(db_engine) as s:
            s.exec(update(OutboxMessage).values(next_attempt_at=clock.now() - timedelta(seconds=1)))
        after = subprocess.run([sys.executable, "-m", "marketplace", "worker", "--once"], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=120)
        assert after.returncode == 0, after.stderr
        assert "ran 1 message(s)" in after.stdout
        done = _row(db_engine)
        assert (done.status, done.attempts, done.last_error) == ("done", 2, None)
        assert len(inbox.messages) == 1 and inbox.messages[0].recipients == ["kim@example.com"]
        assert b"Subject: Your order M-1" in inbox.messages[0].data

        # a further round finds nothing to do
        idle = subprocess.run([sys.executable, "-m", "marketplace", "worker", "--once"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert "ran 0 message(s)" in idle.stdout and len(inbox.messages) == 1


def test_a_redelivered_email_carries_the_same_message_id(db_engine, monkeypatch):
    import email
    import email.policy

    from marketplace.jobs import default_handlers
    from marketplace.outbox import worker

    with session_scope(db_engine) as s:
        enqueue(s, "email", {"to": "kim@example.com", "subject": "Your order M-1", "body": "Thanks!"})
        enqueue(s, "email", {"to": "kim@example.com", "subject": "Your order M-2", "body": "Thanks!"})
    with smtp_server() as (port, inbox):
        monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("SMTP_PORT", str(port))
        monkeypatch.setenv("SMTP_FROM", "orders@meridian.test")
        assert worker.run_once(db_engine, default_handlers(db_engine)) == 2
        # the worker died after the server accepted M-1 and before it recorded "done": the lease runs out
        with session_scope(db_engine) as s:
            first = s.exec(select(OutboxMessage).order_by(OutboxMessage.id)).first()
            s.exec(update(OutboxMessage).where(OutboxMessage.id == first.id)
                   .values(status="pending", next_attempt_at=clock.now() - timedelta(seconds=1)))
        assert worker.run_once(db_engine, default_handlers(db_engine)) == 1
    ids = [email.message_from_bytes(m.data, policy=email.policy.default)["Message-ID"] for m in inbox.messages]
    subjects = [email.message_from_bytes(m.data, policy=email.policy.default)["Subject"] for m in inbox.messages]
    assert subjects == ["Your order M-1", "Your order M-2", "Your order M-1"]
    assert ids[0] == ids[2] != ids[1]
    assert ids[0].startswith("<outbox-") and ids[0].endswith("@meridian.test>")
    assert worker.current_message_id() is None  # only set while a handler runs

"""Outbox worker: claim due messages, run their handler, record done or schedule a retry.

Contract:
    * :func:`enqueue` adds an :class:`OutboxMessage` to the caller's session: it is committed (or rolled
      back) with the caller's state change, never on its own.
    * :func:`run_once` works in three short steps, so no lock is held while a handler runs:

      1. *claim* (one transaction): select up to ``batch`` pending messages that are due and whose topic
         has a handler — ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several workers share the queue
         without waiting for each other; ``BEGIN IMMEDIATE`` on SQLite, which serialises claims — then
         count the attempt and push ``next_attempt_at`` out by a lease (5 minutes). A claimed message is
         invisible to other workers until the lease ends; if this worker dies, it is retried after it.
      2. *run* the handler with the payload (outside any transaction of ours).
      3. *record* (one transaction per message): ``done`` on success; on an exception, ``last_error``
         and a retry after ``30 s × 2^(attempts-1)`` (30 s, 1 min, 2 min, …), or ``failed`` once
         :data:`MAX_ATTEMPTS` attempts have failed. The update is guarded by the attempt count, so a
         late worker whose lease expired cannot overwrite a newer claim.

      It returns the number of messages it ran (successfully or not). While a handler runs,
      :func:`current_message_id` names its message, so a handler can key its side effect by it (the e-mail
      handler derives a stable Message-ID from it: a redelivery is recognisably the same e-mail).
    * :func:`main` is the ``worker`` command's loop: runs ``run_once`` with a sleep, stops cleanly on SIGTERM
      or SIGINT, ``--once`` runs one batch and exits. It knows no domain: the caller passes the
      ``handlers`` (topic -> handler), the ``every_round`` jobs run after each batch and the ``housekeeping``
      jobs run at start and then every :data:`HOUSEKEEPING_EVERY` (``--once`` runs both). A job takes the
      engine and returns a one-line summary. The wiring (which topic, which sweeps) is
      ``marketplace.jobs``; this module imports only ``core`` and ``models``, so domain modules can
      ``enqueue`` without an import circle.
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.db import get_engine, immediate_scope, session_scope
from marketplace.models import OutboxMessage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BASE_BACKOFF = timedelta(seconds=30)
LEASE = timedelta(minutes=5)
HOUSEKEEPING_EVERY = 600.0  # seconds between housekeeping runs of a running worker

Handler = Callable[[dict[str, Any]], None]
Job = Callable[[Engine], str]  # a sweep or housekeeping step: does its work, returns a one-line summary
_running: ContextVar[int | None] = ContextVar("outbox_message_id", default=None)


def current_message_id() -> int | None:
    """The id of the outbox message whose handler is running now (``None`` outside a handler)."""
    return _running.get()


def enqueue(session: Session, topic: str, payload: Mapping[str, Any], *,
            not_before: datetime | None = None) -> OutboxMessage:
    """Queue a side effect in the caller's transaction (the payload must be JSON-serialisable)."""
    if not topic or len(topic) > 40:
        raise ValueError(f"outbox topic must be 1-40 characters, got {topic!r}")
    message = OutboxMessage(topic=topic, payload=dict(payload),
                            next_attempt_at=clock.as_utc(not_before or clock.now()))
    session.add(message)
    session.flush()
    return message


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after ``attempts`` failed attempts: 30 s × 2^(attempts-1)."""
    return BASE_BACKOFF * (2 ** max(attempts - 1, 0))


def _claim(engine: Engine, topics: Sequence[str], now: datetime, batch: int) -> list[tuple[int, str, dict, int]]:
    with immediate_scope(engine) as session:
        query = (
            select(OutboxMessage)
            .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now,
                   OutboxMessage.topic.in_(list(topics)))  # type: ignore[attr-defined]
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(batch)
        )
        if engine.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        claimed = []
        for message in session.exec(query).all():
            message.attempts += 1
            message.next_attempt_at = now + LEASE
            session.add(message)
            claimed.append((message.id, message.topic, dict(message.payload or {}), message.attempts))
    return claimed


def _record(engine: Engine, message_id: int, attempts: int, error: str | None, now: datetime) -> None:
    if error is None:
        values: dict[str, Any] = {"status": "done", "processed_at": now, "last_error": None}
    elif attempts >= MAX_ATTEMPTS:
        values = {"status": "failed", "processed_at": now, "last_error": error[:1000]}
    else:
        values = {"next_attempt_at": now + backoff(attempts), "last_error": error[:1000]}
    with session_scope(engine) as session:
        session.exec(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.attempts == attempts,
                   OutboxMessage.status == "pending")
            .values(**values)
        )


def run_once(engine: Engine, handlers: Mapping[str, Handler], now: datetime | None = None, batch: int = 20) -> int:
    """Claim up to ``batch`` due messages whose topic has a handler, run them, record the outcome."""
    if not handlers:
        return 0
    claimed = _claim(engine, sorted(handlers), clock.as_utc(now or clock.now()), batch)
    for message_id, topic, payload, attempts in claimed:
        running = _running.set(message_id)
        try:
            handlers[topic](payload)
        except Exception as exc:  # noqa: BLE001 - any handler failure is retried, never crashes the worker
            log.warning("outbox message %s (%s) failed on attempt %s: %s", message_id, topic, attempts, exc)
            error: str | None = f"{type(exc).__name__}: {exc}"
        else:
            error = None
        finally:
            _running.reset(running)
        _record(engine, message_id, attempts, error, clock.as_utc(now or clock.now()))
    return len(claimed)


def _summary(jobs: Sequence[Job], engine: Engine) -> str:
    return "; ".join(job(engine) for job in jobs)


def main(argv: Sequence[str] | None = None, *, handlers: Mapping[str, Handler], engine: Engine | None = None,
         every_round: Sequence[Job] = (), housekeeping: Sequence[Job] = (),
         stop: threading.Event | None = None) -> int:
    """``python -m marketplace worker [--once] [--interval S] [--batch N]``; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m marketplace worker", description="Run the outbox.")
    parser.add_argument("--once", action="store_true", help="run one batch and exit")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds to sleep when idle (default 1)")
    parser.add_argument("--batch", type=int, default=20, help="messages claimed per round (default 20)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.interval <= 0 or args.batch <= 0:
        parser.error("--interval and --batch must be positive")
    engine = engine or get_engine()
    stop = stop or threading.Event()
    if args.once:
        count = run_once(engine, handlers, batch=args.batch)
        print(f"outbox: ran {count} message(s)" + "".join(f"; {job(engine)}" for job in every_round))
        if housekeeping:
            print(f"housekeeping: {_summary(housekeeping, engine)}")
        return 0
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, lambda *_: stop.set())
    try:
        print(f"outbox worker running (topics: {', '.join(sorted(handlers)) or 'none'}); Ctrl-C to stop")
        housekept_at: float | None = None
        while not stop.is_set():
            if housekeeping and (housekept_at is None or time.monotonic() - housekept_at >= HOUSEKEEPING_EVERY):
                housekept_at = time.monotonic()
                try:
                    log.info("housekeeping: %s", _summary(housekeeping, engine))
                except Exception:  # noqa: BLE001 - retried at the next interval
                    log.exception("housekeeping failed")
            try:
                count = run_once(engine, handlers, batch=args.batch)
                _summary(every_round, engine)
            except Exception:  # noqa: BLE001 - a database hiccup must not kill the worker
                log.exception("outbox round failed")
                count = 0
            if count < args.batch:
                stop.wait(args.interval)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("outbox worker stopped")
    return 0

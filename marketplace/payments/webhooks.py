"""Stripe webhook signatures and event ingestion (each event processed once).

Contract:
    * :func:`verify_signature` checks Stripe's ``Stripe-Signature`` header over the **raw** request body:
      ``t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the endpoint secret>``, possibly with
      several ``v1`` entries (during a secret roll) of which any one may match; compared in constant
      time. A timestamp further than ``tolerance_s`` (300 s) from now, in either direction, is stale:
      a captured request cannot be replayed later. Exactly ``tolerance_s`` away is still accepted.
      Failures raise :class:`SignatureError` with a ``code``: ``missing_header``, ``bad_signature``,
      ``stale_timestamp`` or ``bad_payload`` (valid signature, but not a JSON event with ``id`` and
      ``type``). The signature is checked before the timestamp, as Stripe's libraries do.
    * :func:`record_event` stores the event id in ``webhook_events`` inside a SAVEPOINT and answers False
      when the id was already there (including two deliveries racing: the loser's unique violation is
      caught and only its savepoint rolled back), on SQLite and PostgreSQL alike.
    * :func:`handle_stripe_webhook` is what the HTTP route calls: verify, record, call ``on_event`` only
      for a new event, stamp ``processed_at``. It runs in the caller's session and transaction (on
      SQLite open it with ``immediate_scope``): if
      ``on_event`` raises, the caller rolls back, the event row goes too, and Stripe's retry is
      processed afresh. ``on_event`` must only move state forward (events arrive out of order).
    * :func:`sign` builds a header for tests.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from marketplace.core import clock
from marketplace.models.outbox import WebhookEvent

DEFAULT_TOLERANCE_S = 300


class SignatureCode(StrEnum):
    MISSING_HEADER = "missing_header"
    """No ``Stripe-Signature`` header, or an empty one."""
    BAD_SIGNATURE = "bad_signature"
    """The header cannot be parsed, has no ``v1`` signature, or none matches the body."""
    STALE_TIMESTAMP = "stale_timestamp"
    """Signed more than the tolerance away from now (a replayed or delayed request)."""
    BAD_PAYLOAD = "bad_payload"
    """Correctly signed, but not a JSON object with a string ``id`` and ``type``."""


class SignatureError(Exception):
    """A webhook request that must be refused (answer HTTP 400). ``code`` is a :class:`SignatureCode`."""

    def __init__(self, code: SignatureCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def _mac(payload: bytes, secret: str, timestamp: int) -> str:
    signed = str(timestamp).encode() + b"." + payload
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def sign(payload: bytes, secret: str, ts: int) -> str:
    """A ``Stripe-Signature`` header value for ``payload`` signed at ``ts`` (for tests and tools)."""
    return f"t={ts},v1={_mac(payload, secret, ts)}"


def _parse_header(header: str) -> tuple[int, list[str]]:
    timestamp: int | None = None
    signatures: list[str] = []
    for item in header.split(","):
        key, sep, value = item.strip().partition("=")
        if not sep:
            continue
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError:
                raise SignatureError(SignatureCode.BAD_SIGNATURE, "timestamp is not an integer") from None
        elif key == "v1":
            signatures.append(value)
    if timestamp is None or not signatures:
        raise SignatureError(
            SignatureCode.BAD_SIGNATURE, "unable to extract timestamp and v1 signatures from header"
        )
    return timestamp, signatures


def verify_signature(
    payload: bytes,
    header: str | None,
    secret: str,
    tolerance_s: int = DEFAULT_TOLERANCE_S,
    now: int | None = None,
) -> dict[str, Any]:
    """The verified event, parsed from ``payload`` (the raw body, exactly as received).

    Args:
        payload: the request body bytes, before any decoding or re-serialisation.
        header: the ``Stripe-Signature`` header value.
        secret: the endpoint's signing secret (``whsec_…``).
        tolerance_s: how far from ``now`` the signed timestamp may be, in seconds.
        now: unix seconds; default ``clock.now()``.

    Raises:
        SignatureError: see :class:`SignatureCode`.
    """
    if not header or not header.strip():
        raise SignatureError(SignatureCode.MISSING_HEADER, "no Stripe-Signature header")
    if not secret:
        raise ValueError("the webhook signing secret is empty (set STRIPE_WEBHOOK_SECRET)")
    if not isinstance(payload, bytes | bytearray):
        raise TypeError("payload must be the raw request body as bytes")
    timestamp, signatures = _parse_header(header)
    expected = _mac(bytes(payload), secret, timestamp)
    # compare against every candidate, without short-circuiting, in constant time
    matched = False
    for candidate in signatures:
        matched |= hmac.compare_digest(expected.encode(), candidate.strip().encode())
    if not matched:
        raise SignatureError(SignatureCode.BAD_SIGNATURE, "no signature matches the payload")
    current = int(clock.now().timestamp()) if now is None else now
    if abs(current - timestamp) > tolerance_s:
        raise SignatureError(
            SignatureCode.STALE_TIMESTAMP,
            f"timestamp is {current - timestamp} s from now (tolerance {tolerance_s} s)",
        )
    try:
        event = json.loads(payload)
    except (UnicodeDecodeError, ValueError):
        raise SignatureError(SignatureCode.BAD_PAYLOAD, "body is not JSON") from None
    if not isinstance(event, dict) or not isinstance(event.get("id"), str) or not event["id"]:
        raise SignatureError(SignatureCode.BAD_PAYLOAD, "event has no id")
    if not isinstance(event.get("type"), str) or not event["type"]:
        raise SignatureError(SignatureCode.BAD_PAYLOAD, "event has no type")
    if len(event["id"]) > 100 or len(event["type"]) > 80:
        raise SignatureError(SignatureCode.BAD_PAYLOAD, "event id or type too long")
    return event


def record_event(session: Session, event: dict[str, Any], gateway: str) -> bool:
    """Store ``event``'s id; True if it is new, False if it was seen before.

    The INSERT runs in a SAVEPOINT: a duplicate, including one racing in from another connection,
    raises a unique violation that rolls back only the savepoint, so the caller's transaction stays
    usable. Nothing is committed here.

    On SQLite call this in ``marketplace.core.db.immediate_scope``: a transaction that has already read
    cannot wait for another writer in WAL mode and fails with "database is locked" instead. (On
    PostgreSQL the second INSERT waits for the first transaction and then sees the violation.)
    """
    values = {
        "id": event["id"],
        "gateway": gateway,
        "type": str(event.get("type", "")),
        "payload": event,
        "received_at": clock.now(),
    }
    try:
        with session.begin_nested():
            # a Core INSERT, not session.add: it never collides with rows already in the identity map
            session.execute(insert(WebhookEvent).values(**values))
    except IntegrityError:
        return False
    return True


def handle_stripe_webhook(
    session: Session,
    raw_body: bytes,
    signature_header: str | None,
    secret: str,
    on_event: Callable[[dict[str, Any]], None],
    *,
    tolerance_s: int = DEFAULT_TOLERANCE_S,
) -> Literal["processed", "duplicate"]:
    """Verify, deduplicate and process one Stripe delivery. The caller commits ``session``.

    Returns:
        ``"processed"`` when ``on_event`` ran, ``"duplicate"`` for an event id seen before (answer 200
        so Stripe stops retrying).

    Raises:
        SignatureError: answer HTTP 400; nothing was stored.
    """
    event = verify_signature(raw_body, signature_header, secret, tolerance_s=tolerance_s)
    if not record_event(session, event, "stripe"):
        return "duplicate"
    on_event(event)
    row = session.get(WebhookEvent, event["id"])
    if row is not None:
        row.processed_at = clock.now()
        session.add(row)
        session.flush()
    return "processed"


__all__ = [
    "DEFAULT_TOLERANCE_S",
    "SignatureCode",
    "SignatureError",
    "handle_stripe_webhook",
    "record_event",
    "sign",
    "verify_signature",
]

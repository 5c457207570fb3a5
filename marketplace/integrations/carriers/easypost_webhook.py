"""EasyPost's webhook events: verified with the SDK's HMAC check, tracker reports applied to their parcel.

Contract: :func:`receive_easypost_webhook(engine, body, signature, secret)` -> ``(HTTP status, outcome)``:
- the raw ``body`` is verified against the ``X-Hmac-Signature`` header (``hmac-sha256-hex=…`` of the body
  with ``EASYPOST_WEBHOOK_SECRET``) by ``easypost.util.validate_webhook``: missing or wrong → ``400
  bad_signature``; a signed body that is not a JSON object event → ``400 bad_body``.
- ``tracker.updated`` / ``tracker.created``: the tracker (``result``) is found by its ``tracking_code``
  (``fulfilment_tracking.shipment_by_tracking``; none: ``200 ignored``), its events from the label's purchase
  on are mapped (``easypost_tracking.events_of``, then ``tracking_sweep.to_update``) and applied with
  ``apply_tracking`` in one transaction (``immediate_scope``): idempotent, so EasyPost's redelivery of the
  same report adds nothing (``200 applied N``). An update Meridian refuses is logged and answered ``200
  refused`` (retrying would not change it).
- every other event (``batch.*``, ``refund.successful``, …) → ``200 ignored``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from easypost.errors import SignatureVerificationError
from easypost.util import validate_webhook
from sqlalchemy.engine import Engine

from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.errors import ValidationError
from marketplace.integrations.carriers.easypost_tracking import events_of
from marketplace.orders.fulfilment_tracking import apply_tracking, shipment_by_tracking
from marketplace.orders.tracking_sweep import to_update

log = logging.getLogger(__name__)

TRACKER_EVENTS = frozenset({"tracker.updated", "tracker.created"})


def _apply(engine: Engine, tracker: Mapping[str, Any]) -> str:
    number = tracker.get("tracking_code")
    if not isinstance(number, str) or not number:
        return "ignored"
    with immediate_scope(engine) as session:
        shipment = shipment_by_tracking(session, number)
        if shipment is None:
            return "ignored"
        since = clock.as_utc(shipment.label_purchased_at or shipment.created_at)
        updates = [to_update(event) for event in events_of(tracker, since)]
        return f"applied {apply_tracking(session, shipment, updates) if updates else 0}"


def receive_easypost_webhook(engine: Engine, body: bytes, signature: str | None, secret: str) -> tuple[int, str]:
    """Verify and apply one EasyPost event (see the module contract)."""
    try:
        event = validate_webhook(body, {"X-Hmac-Signature": signature} if signature else {}, secret)
    except SignatureVerificationError:
        return 400, "bad_signature"
    except (ValueError, UnicodeDecodeError):
        return 400, "bad_body"
    if not isinstance(event, dict):
        return 400, "bad_body"
    result = event.get("result")
    if event.get("description") not in TRACKER_EVENTS or not isinstance(result, dict):
        return 200, "ignored"
    try:
        return 200, _apply(engine, result)
    except ValidationError as error:
        log.warning("EasyPost tracker event %s refused: %s [%s]", event.get("id"), error, error.code)
        return 200, "refused"


__all__ = ["receive_easypost_webhook"]

"""Payment provider events (Stripe webhooks) for checkouts.

Contract:
- ``receive_stripe_webhook(engine, raw_body, signature_header, secret)`` verifies the signature over the raw
  body (300 s tolerance), records the event id once, and in the same transaction queues the event for the
  worker (outbox topic ``stripe_event``). It returns ``(200, "processed" | "duplicate")`` or
  ``(400, <error code>)`` for a bad signature, a stale timestamp or a malformed payload.
- ``process_stripe_event(engine, event)`` (run by the worker) only ever moves state forward:
  ``payment_intent.succeeded`` secures the stock (``place.secure_stock_or_refund``: if the hold expired
  and the units were sold meanwhile, the payment is refunded through ``gateway`` and no order is written)
  and writes the orders of the checkout named in the intent's metadata (once) — only when the intent is the
  one recorded for the checkout's quote and its amount and currency equal the quote's total; any other
  succeeded payment is refunded and writes no order (``checkout.refusal``);
  ``payment_intent.payment_failed`` / ``payment_intent.canceled`` of the recorded intent release the
  checkout's held stock (never committed units); ``charge.*`` events go to ``payments.disputes`` with
  ``orders.refunds.record_outside_refund`` as the order side of a dashboard refund. Duplicates and
  out-of-order delivery are harmless.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from marketplace.checkout import intents as intent_ids
from marketplace.checkout.place import finalize, secure_stock_or_refund
from marketplace.checkout.refusal import PaymentRefused, refuse_unless_matching
from marketplace.checkout.service import CheckoutError
from marketplace.core.db import immediate_scope, session_scope
from marketplace.models import CheckoutSession
from marketplace.orders import stock
from marketplace.orders.refunds import record_outside_refund
from marketplace.outbox import enqueue
from marketplace.payments.disputes import process_charge_event
from marketplace.payments.gateway import Intent, IntentStatus, PaymentGateway, from_provider_amount
from marketplace.payments.webhooks import SignatureError, handle_stripe_webhook

TOPIC = "stripe_event"


def receive_stripe_webhook(engine: Engine, raw_body: bytes, signature_header: str | None,
                           secret: str) -> tuple[int, str]:
    try:
        with immediate_scope(engine) as session:
            outcome = handle_stripe_webhook(session, raw_body, signature_header, secret,
                                            lambda event: enqueue(session, TOPIC, {"event": event}))
    except SignatureError as exc:
        return 400, str(exc.code)
    return 200, outcome


def _intent_from(obj: dict[str, Any]) -> Intent:
    currency = str(obj.get("currency", "")).upper()
    charge = ((obj.get("charges") or {}).get("data") or [{}])[0]
    card = (charge.get("payment_method_details") or {}).get("card") or {}
    return Intent(id=obj["id"], status=IntentStatus(obj.get("status", "succeeded")),
                  amount=from_provider_amount(int(obj.get("amount", 0)), currency),
                  client_secret=None, card_brand=card.get("brand"), card_last4=card.get("last4"),
                  next_action_url=None, metadata=dict(obj.get("metadata") or {}))


def process_stripe_event(engine: Engine, event: dict[str, Any], gateway: PaymentGateway | None = None) -> str:
    kind = event.get("type", "")
    if isinstance(kind, str) and kind.startswith("charge."):  # disputes, dashboard refunds: payments.disputes
        return process_charge_event(engine, event, on_refund=record_outside_refund)
    obj = (event.get("data") or {}).get("object") or {}
    checkout_id = (obj.get("metadata") or {}).get("checkout_id")
    if not isinstance(checkout_id, str) or not checkout_id:
        return "ignored"
    with session_scope(engine) as session:
        checkout = session.get(CheckoutSession, checkout_id)
        placed = checkout is not None and checkout.status == "placed"
        recorded = intent_ids.recorded_intent(checkout.quote) if checkout is not None else None
    if checkout is None:
        return "ignored"
    if kind == "payment_intent.succeeded":
        intent = _intent_from(obj)
        try:
            refuse_unless_matching(engine, checkout_id, intent, gateway)  # the order must equal the payment
            if placed:
                return "already placed"
            secure_stock_or_refund(engine, checkout_id, intent, gateway)
            finalize(engine, checkout_id, intent, gateway_name="stripe", gateway=gateway)
        except PaymentRefused:
            return "refused"
        except CheckoutError:
            return "refunded"
        return "placed"
    if kind in ("payment_intent.payment_failed", "payment_intent.canceled") and not placed:
        if recorded is None or recorded[0] != obj.get("id"):
            return "ignored"  # an old, replaced intent: the holds belong to the current one
        stock.release(engine, checkout_id)
        return "released"
    return "ignored"


def stripe_event_handler(engine: Engine, gateway: PaymentGateway | None = None):  # noqa: ANN201
    def handle(payload: dict[str, Any]) -> None:
        process_stripe_event(engine, payload["event"], gateway)

    return handle

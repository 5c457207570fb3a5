"""Which payment belongs to which quote: the one rule that keeps an order equal to its payment.

Contract:
- A checkout records at most one **open** payment intent, for its current quote: ``record_intent`` stores the
  intent's id and amount in the quote (``intent_id``, ``intent_amount``: ``frozen.money_to_json``) when it is
  created, before any card is tried. ``recorded_intent`` reads it back.
- While an intent is recorded the quote is frozen: ``service.revalidate`` reports changes but does not
  replace it. ``place`` settles the old intent first (cancels it, or finishes it when it already took the
  money) and only then lets the quote be replaced; ``drop_intent`` forgets a cancelled intent (its id is kept
  in ``cancelled_intents``, and the count names the next intent's idempotency key, so a new quote never
  replays an old intent).
- ``mismatch(row, intent)`` is the check ``finalize`` runs inside its transaction before writing anything:
  the intent must be the one recorded for this quote, it must have succeeded, and its amount and currency
  must equal the quote's payable total (and the amount recorded at creation). It returns a
  :class:`Mismatch` code, or None when the payment may become an order.
- ``create_key`` is the idempotency key of a checkout's next intent: it includes the amount, the currency and
  the number of intents already cancelled, so a changed quote can never be charged under an old intent.

Pure functions on the row; no gateway and no database access.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from marketplace.checkout.frozen import money_from_json, money_to_json
from marketplace.core.money import Money
from marketplace.models import CheckoutSession
from marketplace.payments.gateway import Intent, IntentStatus


class Mismatch(StrEnum):
    """Why a payment may not become an order (stored on the refused checkout as ``quote["refusal"]``)."""

    NOT_RECORDED = "intent_not_recorded"
    """The intent is not the one recorded for this checkout's quote (an old, replaced or foreign intent)."""
    AMOUNT = "amount_differs"
    """The intent's amount or currency is not the quote's payable total."""
    NOT_SUCCEEDED = "not_succeeded"
    """The intent has not taken the money."""
    NOT_OPEN = "checkout_not_open"
    """The checkout was already refunded, refused or expired: a late payment for it is never an order."""


def recorded_intent(quote: dict[str, Any]) -> tuple[str, Money | None] | None:
    """(intent id, amount recorded at creation or None for checkouts from before amounts were recorded)."""
    intent_id = quote.get("intent_id")
    if not isinstance(intent_id, str) or not intent_id:
        return None
    try:
        amount = money_from_json(quote["intent_amount"]) if quote.get("intent_amount") else None
    except (KeyError, TypeError, ValueError):
        amount = None
    return intent_id, amount


def record_intent(row: CheckoutSession, intent: Intent) -> None:
    """Record ``intent`` as the payment of ``row``'s current quote (the caller commits)."""
    row.quote = {**row.quote, "intent_id": intent.id, "intent_amount": money_to_json(intent.amount)}


def drop_intent(row: CheckoutSession) -> None:
    """Forget the recorded intent after it was cancelled; its id is kept in ``cancelled_intents``."""
    quote = dict(row.quote)
    old = quote.pop("intent_id", None)
    quote.pop("intent_amount", None)
    if old:
        quote["cancelled_intents"] = [*quote.get("cancelled_intents", []), old]
    row.quote = quote


def create_key(row: CheckoutSession) -> str:
    """The idempotency key for creating this quote's intent."""
    attempt = len(row.quote.get("cancelled_intents", []))
    return f"checkout-{row.id}-create-{attempt}-{row.total_minor}{row.total_currency}"


def payable(row: CheckoutSession) -> Money:
    return Money(row.total_minor, row.total_currency)


def mismatch(row: CheckoutSession, intent: Intent) -> Mismatch | None:
    """None when ``intent`` is exactly the payment of ``row``'s quote; else why not."""
    recorded = recorded_intent(row.quote)
    if recorded is None or recorded[0] != intent.id:
        return Mismatch.NOT_RECORDED
    if intent.status is not IntentStatus.SUCCEEDED:
        return Mismatch.NOT_SUCCEEDED
    due = payable(row)
    if intent.amount != due or (recorded[1] is not None and recorded[1] != due):
        return Mismatch.AMOUNT
    if row.status != "open":
        return Mismatch.NOT_OPEN
    return None


__all__ = ["Mismatch", "create_key", "drop_intent", "mismatch", "payable", "record_intent", "recorded_intent"]

"""Refusing a payment that is not exactly the payment of its checkout's quote.

Contract:
- ``refuse_unless_matching(engine, checkout_id, intent, gateway)`` returns quietly when ``intent`` may become
  (or already is) the order of its checkout — see ``checkout.intents.mismatch``. Otherwise it calls
  :func:`refuse` and raises :class:`PaymentRefused`. Both the synchronous pay path and the Stripe webhook run
  it before securing stock or writing anything; ``place.finalize`` runs the same check again inside its
  transaction.
- ``refuse`` never writes an order. A succeeded payment is refunded in full through ``gateway`` (idempotency
  key per checkout and intent, so a retried webhook refunds once). The checkout's status follows:
  ``refunded`` when the refused intent was its own (its quote can no longer be paid), unchanged when a foreign
  or second payment was refunded (the checkout may still be paid, or is already placed), and ``review`` when
  no refund could be made (no gateway, or the provider failed): the payment then waits for staff, logged as
  a warning. Every refusal is appended to ``quote["refusals"]`` (intent, reason, refunded, time); the
  shopper is told in the exception's message and by e-mail in their language (once per payment). Held stock
  of an open checkout whose payment was refused is released. A payment refused (or refunded as sold out)
  before is not refunded again: a repeated event only raises.
"""

from __future__ import annotations

import logging
from typing import NoReturn

from sqlalchemy.engine import Engine

from marketplace.checkout import intents
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.service import CheckoutError
from marketplace.core import clock
from marketplace.core.db import immediate_scope, session_scope
from marketplace.core.formatting import format_money
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.models import CheckoutSession
from marketplace.orders import stock
from marketplace.outbox.worker import enqueue
from marketplace.payments.gateway import GatewayError, Intent, IntentStatus, PaymentGateway

log = logging.getLogger(__name__)

REFUSED_REFUNDED = N_("Your payment did not match your order as it is now, so we did not place the order and "
                      "refunded %(amount)s in full. Please check your cart and pay again.")
REFUSED_REVIEW = N_("Your payment did not match your order as it is now, so we did not place the order. Our "
                    "team will refund %(amount)s; you don't need to do anything.")


class PaymentRefused(CheckoutError):
    """A payment was refused: no order was written (see the module docstring). ``params["amount"]`` is the
    payment's amount as text; ``refunded`` says whether it was already refunded."""

    def __init__(self, message: str, *, refunded: bool, amount: str) -> None:
        super().__init__(CheckoutErrorCode.PAYMENT_MISMATCH, message, amount=amount)
        self.refunded = refunded


def refuse_unless_matching(engine: Engine, checkout_id: str, intent: Intent,
                           gateway: PaymentGateway | None) -> None:
    with session_scope(engine) as session:
        row = session.get(CheckoutSession, checkout_id)
        if row is None:
            raise CheckoutError(CheckoutErrorCode.NO_PAYMENT, "There is no payment waiting for confirmation.")
        recorded = intents.recorded_intent(row.quote)
        if row.status == "placed" and recorded is not None and recorded[0] == intent.id:
            return  # already this payment's order
        problem = intents.mismatch(row, intent)
    if problem is not None:
        refuse(engine, checkout_id, intent, gateway, problem)


def refuse(engine: Engine, checkout_id: str, intent: Intent, gateway: PaymentGateway | None,
           problem: intents.Mismatch) -> NoReturn:
    with session_scope(engine) as session:
        row = session.get(CheckoutSession, checkout_id)
        lang = row.lang
        before = [r for r in row.quote.get("refusals", []) if r.get("intent") == intent.id]
        own = (intents.recorded_intent(row.quote) or ("",))[0] == intent.id
        done = any(r.get("refunded") for r in before) or (own and row.status == "refunded")
    if done:  # refused (or refunded as sold out) before: a repeated event changes nothing
        raise PaymentRefused(REFUSED_REFUNDED, refunded=True,
                             amount=format_money(intent.amount, format_locale(lang)))
    refunded = False
    if intent.status is IntentStatus.SUCCEEDED and gateway is not None:
        try:
            gateway.refund(intent.id, intent.amount, idempotency_key=f"checkout-{checkout_id}-refuse-{intent.id}")
            refunded = True
        except GatewayError:
            log.exception("refunding refused payment %s of checkout %s failed", intent.id, checkout_id)
    taken = intent.status is IntentStatus.SUCCEEDED
    with immediate_scope(engine) as session:
        row = session.get(CheckoutSession, checkout_id, with_for_update=True)
        was_open = row.status == "open"
        own = (intents.recorded_intent(row.quote) or ("",))[0] == intent.id
        if taken and not refunded and row.status != "placed":
            row.status = "review"
            log.warning("payment %s of checkout %s refused (%s) and not refunded: staff review", intent.id,
                        checkout_id, problem)
        elif was_open and own:
            row.status = "refunded"
        row.quote = {**row.quote, "refusals": [*row.quote.get("refusals", []), {
            "intent": intent.id, "reason": str(problem), "refunded": refunded, "at": clock.now().isoformat()}]}
        session.add(row)
        amount = format_money(intent.amount, format_locale(row.lang))
        message = REFUSED_REFUNDED if refunded else REFUSED_REVIEW
        if taken and row.email and not before:
            enqueue(session, "email", {"to": row.email, "lang": row.lang,
                                       "subject": translate(row.lang, "Your Meridian payment was not used"),
                                       "body": translate(row.lang, message, amount=amount)})
        release = was_open and row.status != "open"
    if release:
        stock.release(engine, checkout_id)
    raise PaymentRefused(message, refunded=refunded, amount=amount)


__all__ = ["REFUSED_REFUNDED", "REFUSED_REVIEW", "PaymentRefused", "refuse", "refuse_unless_matching"]

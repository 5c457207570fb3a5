"""Refunding order lines end to end: plan and record (``payments.refunds``), pay back through the gateway,
then update the payment and the vendor order's payment status.

It lives in ``orders`` because it moves an order's state forward and sits above ``payments`` (it calls
the ledger and the gateway; ``payments`` never imports ``orders``).

Contract: ``refund_order_lines(engine, vendor_order_id, lines, gateway=..., idempotency_key=...)`` is
idempotent per key: a retry returns the same refund and the gateway is asked at most once with the same
key (its own idempotency replays the first answer). The vendor order moves to ``partially_refunded`` or,
when every unit is refunded, ``refunded`` (forward only, with an order event). A refund of nothing but
returned free units has no gateway call.

``record_outside_refund(session, vendor_order, full)`` is the order side of a refund made in Stripe's
dashboard (``payments.disputes`` records the money and calls it in the same transaction): the payment
status advances to ``refunded`` (``full``) or ``partially_refunded``; an order in an unexpected payment
status keeps it (the money is recorded either way).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from sqlalchemy.engine import Engine
from sqlmodel import Session

from marketplace.core.db import immediate_scope
from marketplace.core.money import Money
from marketplace.models import Payment, Refund, VendorOrder
from marketplace.orders import status
from marketplace.payments import refunds
from marketplace.payments.gateway import PaymentGateway


def refund_order_lines(engine: Engine, vendor_order_id: int, lines: Sequence[tuple[int, int]], *,
                       gateway: PaymentGateway, idempotency_key: str, include_shipping: bool = False,
                       reason: str = "", actor_user_id: int | None = None) -> Refund:
    with immediate_scope(engine) as session:
        refund = refunds.refund_lines(session, vendor_order_id, lines, idempotency_key,
                                      include_shipping=include_shipping, reason=reason)
        if refund.status == "succeeded":
            return refund
        payment = session.get(Payment, refund.payment_id)
        refund_id, intent_id = refund.id, payment.external_id
        amount = Money(refund.amount_minor, refund.amount_currency)
    result = gateway.refund(intent_id, amount, idempotency_key=f"refund-{idempotency_key}") if amount.minor else None
    with immediate_scope(engine) as session:
        refund = session.get(Refund, refund_id)
        if refund.status == "succeeded":
            return refund
        refund.status, refund.external_id = "succeeded", result.id if result else None
        payment = session.get(Payment, refund.payment_id)
        payment.refunded_minor += amount.minor
        order = session.get(VendorOrder, vendor_order_id)
        context = refunds.load_refund_context(session, vendor_order_id)
        everything = all(context.refunded.get(line.id, refunds.RefundedLine()).quantity >= line.quantity
                         for line in context.lines)
        target = status.PaymentStatus.REFUNDED if everything else status.PaymentStatus.PARTIALLY_REFUNDED
        status.advance(session, order, "payment", target, actor_user_id=actor_user_id, reason=reason or "refund")
        session.add_all([refund, payment])
        return refund


def record_outside_refund(session: Session, vendor_order: VendorOrder, full: bool) -> None:
    target = status.PaymentStatus.REFUNDED if full else status.PaymentStatus.PARTIALLY_REFUNDED
    # the money is recorded either way; an order in an unexpected payment status keeps it
    with suppress(status.TransitionError):
        status.advance(session, vendor_order, "payment", target, actor_user_id=None, reason="refunded in Stripe")

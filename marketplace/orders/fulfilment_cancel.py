"""Stopping a vendor order before it ships, with the shopper's money given back in full.

Contract:
- :func:`request_cancel` (the shopper who owns the order, while it is ``placed`` or ``processing``)
  records an :class:`~marketplace.models.OrderEvent` of kind ``cancel`` (to ``requested``, with the reason).
  One request is open at a time (``cancel_already_requested``). The vendor's people are e-mailed
  (``orders.seller_mail.cancel_requested``).
- :func:`approve_cancel` (a seller of the order's vendor, or staff) needs an open request; it records
  ``approved``, then :func:`cancel_and_refund`. :func:`decline_cancel` records ``declined`` with the reason
  and e-mails the shopper; the order goes on.
- :func:`cancel_and_refund` (also behind ``fulfilment.reject``): in one transaction the order's status moves
  to ``canceled`` (an order event with actor and reason; the table refuses a shipped order); then every unit
  not yet refunded is refunded through :func:`marketplace.orders.refunds.refund_order_lines` (idempotency
  key ``cancel-<vendor order id>``, so the shopper is refunded at most once: the refunds service reverses
  the vendor's sale and the commission in the ledger and moves the payment status); then the shopper is
  e-mailed with the amount. A label bought for the parcel and not yet handed over is voided at the carrier
  (``orders.label_void``) in the same transaction as the cancellation: the seller passes the ``carrier``;
  when the carrier refuses (it already has the parcel) nothing is canceled. The order's units go back to
  stock in the same transaction (``orders.restock.restock_order``: ``cancellation`` history rows). If the gateway fails, the order stays canceled with its refund owed: calling
  the same action again on the canceled order retries the refund (and e-mails once it succeeded); a call on
  an order canceled and already refunded does nothing.
- ``cancel_and_refund(..., staff_capability=X)`` lets only staff holding ``X`` act (``fulfilment_access.
  order_for_staff``); without it sellers of the order's vendor and staff with ``REFUNDS`` may.
- These take the ``engine``, not a session: the gateway is called between two transactions, as in
  ``orders.refunds``. Reasons are 1-500 characters after trimming (``reason_required``, ``field="reason"``).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money
from marketplace.models import OrderEvent, Refund, VendorOrder
from marketplace.orders import order_mail, refunds, status
from marketplace.orders.carriers import Carrier
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.fulfilment_access import order_for_seller_or_staff, order_for_shopper, order_for_staff
from marketplace.orders.label_void import void_bought_label
from marketplace.orders.restock import restock_order
from marketplace.orders.seller_mail import cancel_requested
from marketplace.orders.status import OrderStatus, PaymentStatus
from marketplace.payments import refunds as refund_math
from marketplace.payments.gateway import PaymentGateway
from marketplace.payments.ledger import lock_vendor_order

CANCEL_KIND = "cancel"  # OrderEvent.kind of the cancellation conversation
REQUESTED, APPROVED, DECLINED = "requested", "approved", "declined"
CANCELABLE = frozenset({OrderStatus.PLACED, OrderStatus.PROCESSING})  # before anything was handed over
REFUND_OWED = frozenset({PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED})

Mailer = Callable[[Session, VendorOrder, Money], object]


def _refund_key(vendor_order_id: int) -> str:
    return f"cancel-{vendor_order_id}"


def clean_reason(reason: object) -> str:
    """The reason trimmed; a non-string, an empty one or one over 500 characters is refused."""
    text = reason.strip() if isinstance(reason, str) else ""
    if not text or len(text) > 500:
        raise ValidationError("Give a reason (at most 500 characters).", code=OrderErrorCode.REASON_REQUIRED,
                              field="reason")
    return text


def open_request(session: Session, vendor_order_id: int) -> OrderEvent | None:
    """The shopper's cancellation request still waiting for an answer, if any."""
    last = session.exec(select(OrderEvent).where(OrderEvent.vendor_order_id == vendor_order_id,
                                                 OrderEvent.kind == CANCEL_KIND)
                        .order_by(OrderEvent.id.desc())).first()  # type: ignore[union-attr]
    return last if last is not None and last.to_status == REQUESTED else None


def _record(session: Session, order: VendorOrder, target: str, actor_user_id: int, reason: str | None) -> OrderEvent:
    last = open_request(session, order.id)
    event = OrderEvent(vendor_order_id=order.id, actor_user_id=actor_user_id, kind=CANCEL_KIND,
                       from_status=last.to_status if last else None, to_status=target, reason=reason, at=clock.now())
    session.add(event)
    session.flush()
    return event


def approve_open_request(session: Session, order: VendorOrder, actor_user_id: int) -> None:
    """Mark the shopper's open request (if any) approved: staff cancelled the order for them."""
    if open_request(session, order.id) is not None:
        _record(session, order, APPROVED, actor_user_id, None)


def _require_cancelable(order: VendorOrder) -> None:
    if order.status not in CANCELABLE:
        raise status.TransitionError("status", order.status, OrderStatus.CANCELED)


def request_cancel(session: Session, caller: Caller | None, vendor_order_id: object, reason: object) -> OrderEvent:
    """The shopper asks to cancel their order before it ships; see the module contract."""
    caller, order = order_for_shopper(session, caller, vendor_order_id)
    text = clean_reason(reason)
    order = lock_vendor_order(session, order.id)
    _require_cancelable(order)
    if open_request(session, order.id) is not None:
        raise ValidationError("You have already asked to cancel this order.",
                              code=OrderErrorCode.CANCEL_ALREADY_REQUESTED)
    event = _record(session, order, REQUESTED, caller.user_id, text)
    cancel_requested(session, order, text)
    return event


def _require_request(session: Session, order: VendorOrder) -> OrderEvent:
    request = open_request(session, order.id)
    if request is None:
        raise ValidationError("The customer has not asked to cancel this order.",
                              code=OrderErrorCode.CANCEL_NOT_REQUESTED)
    return request


def decline_cancel(session: Session, caller: Caller | None, vendor_order_id: object, reason: object) -> OrderEvent:
    """The seller (or staff) says no to the shopper's request; the shopper is told why by e-mail."""
    caller, order = order_for_seller_or_staff(session, caller, vendor_order_id,
                                              capability=Capability.REFUNDS)
    text = clean_reason(reason)
    order = lock_vendor_order(session, order.id)
    _require_request(session, order)
    event = _record(session, order, DECLINED, caller.user_id, text)
    order_mail.cancel_declined(session, order, text)
    return event


def approve_cancel(engine: Engine, caller: Caller | None, vendor_order_id: object, *,
                   gateway: PaymentGateway, carrier: Carrier | None = None) -> VendorOrder:
    """The seller (or staff) grants the shopper's request: canceled and refunded in full."""

    def check(session: Session, order: VendorOrder, actor: Caller) -> str:
        request = _require_request(session, order)
        _require_cancelable(order)
        _record(session, order, APPROVED, actor.user_id, None)
        return request.reason or "canceled at the customer's request"

    return cancel_and_refund(engine, caller, vendor_order_id, gateway=gateway, check=check,
                             mail=order_mail.canceled, carrier=carrier)


def cancel_and_refund(engine: Engine, caller: Caller | None, vendor_order_id: object, *, gateway: PaymentGateway,
                      check: Callable[[Session, VendorOrder, Caller], str], mail: Mailer,
                      carrier: Carrier | None = None,
                      staff_capability: StaffCapability | None = None) -> VendorOrder:
    """Cancel (after ``check`` passed and gave the event's reason), refund what is left, e-mail the shopper.

    ``check(session, locked order, caller)`` runs only when the order is not canceled yet; it raises to
    refuse. On an order already canceled with money still owed it is skipped and the refund retried."""
    with immediate_scope(engine) as session:
        if staff_capability is None:
            actor, order = order_for_seller_or_staff(session, caller, vendor_order_id,
                                                     capability=Capability.REFUNDS)
        else:
            actor, order = order_for_staff(session, caller, vendor_order_id, staff_capability)
        order = lock_vendor_order(session, order.id)
        if order.status != OrderStatus.CANCELED:
            reason = check(session, order, actor)
            void_bought_label(session, order.id, carrier, actor.user_id)
            status.transition(session, order, "status", OrderStatus.CANCELED, actor_user_id=actor.user_id,
                              reason=reason)
            restock_order(session, order, actor.user_id)
        elif order.payment_status not in REFUND_OWED:
            return order
        order_id = order.id
        owed = order.payment_status in REFUND_OWED
        context = refund_math.load_refund_context(session, order_id)
        lines = [(line.id, line.quantity - context.refunded.get(line.id, refund_math.RefundedLine()).quantity)
                 for line in context.lines]
        lines = [(line_id, left) for line_id, left in lines if left > 0 and owed]
        earlier = session.exec(select(Refund).where(Refund.idempotency_key == _refund_key(order_id))).first()
        if earlier is not None and earlier.status != "succeeded":  # planned, but the gateway call failed
            lines = [(line["order_line_id"], line["quantity"]) for line in earlier.lines]
    if lines:
        refund = refunds.refund_order_lines(engine, order_id, lines, gateway=gateway,
                                            idempotency_key=_refund_key(order_id), reason="order canceled",
                                            actor_user_id=actor.user_id)
        amount = Money(refund.amount_minor, refund.amount_currency)
    else:
        amount = None
    with immediate_scope(engine) as session:
        order = session.get(VendorOrder, order_id)
        if amount is not None:
            mail(session, order, amount)
        return order

"""Returns, exchanges and repairs of delivered goods: the seller's (and staff's) moves on a return request.

The shopper's request is :func:`marketplace.orders.returns_request.request_return`; statuses and moves are in
``orders.returns_status``; labels in ``orders.returns_label``; e-mails in ``orders.returns_mail``.

Contract - each move is for a seller of the order's vendor or staff (``returns_access``; others:
``return_not_found``, a shopper ``PermissionDenied``), follows ``returns_status.ALLOWED`` (``return_state``
otherwise) and writes one ``return`` order event with the caller as actor:
- :func:`approve(session, caller, number, carrier, store)`: ``requested`` -> ``approved``; buys the return
  label (``returns_label.buy_return_label``), stores it and the customs form, keeps carrier, tracking number
  and document names on the request, and e-mails the shopper how to get the label.
- :func:`decline(session, caller, number, reason)`: ``requested`` -> ``declined`` with a reason
  (1-500 characters, ``return_decline_reason_required``); the shopper is e-mailed the reason.
- :func:`mark_sent(session, caller, number)`: the shopper (who owns the request) or the seller says the parcel
  left: ``approved`` -> ``in_transit``.
- :func:`mark_received(session, caller, number)`: ``approved``/``in_transit`` -> ``received``; a ``return``'s
  or ``exchange``'s units go back to stock (``orders.restock.restock_return``: ``return`` history rows).
- :func:`refund(engine, caller, number, gateway=...)`: a received ``return`` is refunded through
  ``orders.refunds.refund_order_lines`` (idempotency key ``return-<number>``): the goods of the returned
  lines, their share of import duty and tax as charged at checkout, and, where the EU right of withdrawal
  applies (``returns_money.withdrawal_applies``), their proportional share of the original shipping. The
  ledger reverses the vendor's share and the commission of the refunded units (``payments.refunds``). The
  request becomes ``refunded`` with the refund's id and amount; when every unit of the order has come back,
  the order's fulfilment becomes ``returned``; the shopper is e-mailed the amount and the duty note
  (:func:`duty_note_of`). A retry after a crash refunds once.
- :func:`send_back(session, caller, number, carrier, store)`: a received ``exchange`` (one unit of each
  returned variant taken from stock through ``catalog.stock_history.change_stock`` (an ``exchange`` history
  row), ``return_out_of_stock`` when there is none) or ``repair`` is sent to the
  shopper at no charge on an outbound label (``returns_label.buy_outbound_label``): ``exchanged`` or
  ``repaired``, with the tracking number e-mailed.
Session moves flush in the caller's transaction (on SQLite inside ``immediate_scope``).
"""

from __future__ import annotations

from contextlib import suppress

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from marketplace.accounts.guards import holds
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.catalog.stock_history import StockReason, change_stock, lock_variant
from marketplace.core.db import immediate_scope
from marketplace.core.errors import ValidationError
from marketplace.core.files import DocumentStore
from marketplace.core.i18n import N_
from marketplace.core.money import Money
from marketplace.models import (
    OrderGroup,
    OrderLine,
    ReturnLine,
    ReturnRequest,
    Role,
    Variant,
    VendorOrder,
)
from marketplace.orders import returns_mail, status
from marketplace.orders.carriers import Carrier
from marketplace.orders.customs_data import stored_regime
from marketplace.orders.error_codes import ReturnErrorCode
from marketplace.orders.refunds import refund_order_lines
from marketplace.orders.restock import restock_return
from marketplace.orders.returns_access import move, return_for_seller_or_staff, return_for_shopper
from marketplace.orders.returns_label import buy_outbound_label, buy_return_label
from marketplace.orders.returns_money import DutyNote, duty_note, withdrawal_applies
from marketplace.orders.returns_request import request_return
from marketplace.orders.returns_status import CLOSING, COUNTED, ReturnKind, ReturnStatus
from marketplace.orders.status import FulfilmentStatus
from marketplace.payments.gateway import PaymentGateway
from marketplace.payments.ledger import lock_vendor_order

MAX_REASON = 500


def _reason(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > MAX_REASON:
        raise ValidationError(N_("Tell the shopper why (at most 500 characters)."),
                              code=ReturnErrorCode.DECLINE_REASON_REQUIRED, field="reason")
    return text


def lines_of(session: Session, row: ReturnRequest) -> list[ReturnLine]:
    return list(session.exec(select(ReturnLine).where(ReturnLine.return_id == row.id).order_by(ReturnLine.id)))


def approve(session: Session, caller: Caller | None, number: object, carrier: Carrier,
            store: DocumentStore) -> ReturnRequest:
    caller, row, order = return_for_seller_or_staff(session, caller, number, lock=True,
            capability=Capability.REFUNDS)
    if row.status != ReturnStatus.REQUESTED:
        raise ValidationError(N_("This return is not at the step this needs."), code=ReturnErrorCode.STATE)
    bought = buy_return_label(session, row, order, carrier, store)
    row.carrier, row.tracking_number = bought.label.carrier, bought.label.tracking_number
    row.label_path, row.customs_path = bought.label_path, bought.customs_path
    move(session, row, ReturnStatus.APPROVED, actor_user_id=caller.user_id,
         note=f"{bought.label.carrier} {bought.label.tracking_number}")
    returns_mail.approved(session, row)
    return row


def decline(session: Session, caller: Caller | None, number: object, reason: object) -> ReturnRequest:
    text = _reason(reason)
    caller, row, _ = return_for_seller_or_staff(session, caller, number, lock=True,
            capability=Capability.REFUNDS)
    row.decline_reason = text
    move(session, row, ReturnStatus.DECLINED, actor_user_id=caller.user_id, note=text)
    returns_mail.declined(session, row, text)
    return row


def mark_sent(session: Session, caller: Caller | None, number: object) -> ReturnRequest:
    if caller is not None and (caller.vendor_id is not None or holds(caller.role, Role.STAFF)):
        caller, row, _ = return_for_seller_or_staff(session, caller, number, lock=True,
            capability=Capability.RETURNS)
    else:
        caller, row = return_for_shopper(session, caller, number, lock=True)
    move(session, row, ReturnStatus.IN_TRANSIT, actor_user_id=caller.user_id, note="sent by the shopper")
    return row


def mark_received(session: Session, caller: Caller | None, number: object) -> ReturnRequest:
    caller, row, _ = return_for_seller_or_staff(session, caller, number, lock=True,
            capability=Capability.RETURNS)
    move(session, row, ReturnStatus.RECEIVED, actor_user_id=caller.user_id, note="received by the seller")
    restock_return(session, row, caller.user_id)
    return row


def duty_note_of(session: Session, order: VendorOrder) -> DutyNote:
    """What happens to the import duty and VAT of returned items of ``order`` (``returns_money.duty_note``)."""
    group = session.get(OrderGroup, order.group_id)
    charged = Money(order.duty_minor + order.tax_minor, order.duty_currency or order.total_currency)
    return duty_note(order.incoterm, charged, stored_regime(session, order), group.ship_to_country)


def _all_back(session: Session, order: VendorOrder) -> bool:
    """Whether every unit of the order is in a return that was refunded, exchanged or repaired."""
    closed = set(CLOSING.values())
    back: dict[int, int] = {}
    for line, row in session.exec(select(ReturnLine, ReturnRequest)
                                  .join(ReturnRequest, ReturnRequest.id == ReturnLine.return_id)
                                  .where(ReturnRequest.vendor_order_id == order.id)):
        if row.status in closed and row.status in COUNTED:
            back[line.order_line_id] = back.get(line.order_line_id, 0) + line.quantity
    lines = session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id)).all()
    return all(back.get(line.id, 0) >= line.quantity for line in lines)


def _close(session: Session, row: ReturnRequest, order: VendorOrder, actor_user_id: int) -> None:
    move(session, row, CLOSING[ReturnKind(row.kind)], actor_user_id=actor_user_id)
    if _all_back(session, order):
        with suppress(status.TransitionError):
            status.transition(session, order, "fulfilment", FulfilmentStatus.RETURNED, actor_user_id=actor_user_id,
                              reason=f"return {row.number}")


def refund(engine: Engine, caller: Caller | None, number: object, *, gateway: PaymentGateway) -> ReturnRequest:
    with immediate_scope(engine) as session:
        caller, row, order = return_for_seller_or_staff(session, caller, number, lock=True,
            capability=Capability.REFUNDS)
        if row.kind != ReturnKind.RETURN or row.status not in (ReturnStatus.RECEIVED, ReturnStatus.REFUNDED):
            raise ValidationError(N_("Refund a return once its parcel has been received."),
                                  code=ReturnErrorCode.STATE)
        if row.status == ReturnStatus.REFUNDED:
            return row
        requested = [(line.order_line_id, line.quantity) for line in lines_of(session, row)]
        eu = withdrawal_applies(session.get(OrderGroup, order.group_id).ship_to_country)
        order_id, row_number, actor = order.id, row.number, caller
    paid = refund_order_lines(engine, order_id, requested, gateway=gateway, idempotency_key=f"return-{row_number}",
                              include_shipping=eu, reason=f"return {row_number}", actor_user_id=actor.user_id)
    with immediate_scope(engine) as session:
        order = lock_vendor_order(session, order_id)
        row = session.exec(select(ReturnRequest).where(ReturnRequest.number == row_number)).one()
        if row.status == ReturnStatus.REFUNDED:
            return row
        row.refund_id, row.refund_minor, row.refund_currency = paid.id, paid.amount_minor, paid.amount_currency
        _close(session, row, order, actor.user_id)
        note = duty_note_of(session, order)
        returns_mail.refunded(session, row, Money(paid.amount_minor, paid.amount_currency), note.message,
                              {"country": note.country, "regime": note.regime or ""})
        return row


def send_back(session: Session, caller: Caller | None, number: object, carrier: Carrier,
              store: DocumentStore) -> ReturnRequest:
    caller, row, order = return_for_seller_or_staff(session, caller, number, lock=True,
            capability=Capability.RETURNS)
    order = lock_vendor_order(session, order.id)
    if row.kind == ReturnKind.RETURN or row.status != ReturnStatus.RECEIVED:
        raise ValidationError(N_("Send the item once the return has been received."), code=ReturnErrorCode.STATE)
    if row.kind == ReturnKind.EXCHANGE:
        for line in lines_of(session, row):
            order_line = session.get(OrderLine, line.order_line_id)
            variant = session.get(Variant, order_line.variant_id) if order_line.variant_id else None
            variant = lock_variant(session, variant.id) if variant is not None else None
            if variant is None or variant.stock < line.quantity:
                raise ValidationError(N_("%(name)s is out of stock: there is nothing to send as a replacement."),
                                      code=ReturnErrorCode.OUT_OF_STOCK, name=order_line.product_name)
            change_stock(session, variant.id, delta=-line.quantity, reason=StockReason.EXCHANGE,
                         actor_user_id=caller.user_id, reference=row.number)
    bought = buy_outbound_label(session, row, order, carrier, store)
    row.outbound_tracking, row.outbound_label_path = bought.label.tracking_number, bought.label_path
    _close(session, row, order, caller.user_id)
    returns_mail.sent_back(session, row)
    return row


__all__ = ["approve", "decline", "duty_note_of", "lines_of", "mark_received", "mark_sent",
           "refund", "request_return", "send_back"]

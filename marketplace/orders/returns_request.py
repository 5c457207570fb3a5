"""A shopper asks to return, exchange or have repaired part of a delivered vendor order.

Contract:
- :func:`request_return(session, caller, vendor_order_number, kind, lines)` for the signed-in shopper whose
  order it is (anyone else: ``NotFound``/``return_not_found`` - another shopper's order reads as absent). The
  order must be ``delivered`` (``return_not_delivered``) and it must be at most the vendor's
  ``return_window_days`` since delivery (``return_window_closed``, param ``days``). ``lines`` is a sequence of
  :class:`RequestedLine` (or mappings with ``order_line_id``, ``quantity``, ``reason``, ``note``); lines with
  quantity 0 are skipped, at least one must remain (``return_nothing_chosen``). Each line must be a line of
  this order, once (``return_line_invalid``), with a whole quantity of at most the delivered units minus the
  units of earlier requests that were not declined (``return_quantity_exceeded``, params ``remaining`` and
  ``line``), and a :class:`ReturnReason` (``return_reason_required``; a note is optional, at most 500
  characters, one line). Every problem is checked before anything is written.
- It writes the :class:`ReturnRequest` (status ``requested``, number ``<vendor order number>-R<n>``) and its
  lines, and one ``return`` order event with the shopper as actor; flushed in the caller's transaction
  (on SQLite inside ``immediate_scope``; the vendor order row is locked).
- :func:`delivered_at` and :func:`window_ends` say when the order was delivered and until when it can be
  returned; :func:`returnable` maps each order line to the units still returnable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.accounts.service import Caller
from marketplace.core import clock
from marketplace.core.errors import NotAuthenticated, NotFound, ValidationError
from marketplace.core.i18n import N_
from marketplace.models import (
    OrderEvent,
    OrderGroup,
    OrderLine,
    ReturnLine,
    ReturnRequest,
    Shipment,
    Vendor,
    VendorOrder,
)
from marketplace.orders.error_codes import ReturnErrorCode
from marketplace.orders.returns_status import COUNTED, EVENT_KIND, ReturnKind, ReturnReason, ReturnStatus
from marketplace.orders.status import OrderStatus
from marketplace.payments.ledger import lock_vendor_order

MAX_NOTE = 500


@dataclass(frozen=True, slots=True)
class RequestedLine:
    order_line_id: int
    quantity: int
    reason: str
    note: str = ""


def shopper_order(session: Session, caller: Caller | None, number: object) -> VendorOrder:
    """The caller's own vendor order by its number (another shopper's reads as absent)."""
    if caller is None:
        raise NotAuthenticated(N_("Please log in to continue."))
    order = session.exec(select(VendorOrder).where(VendorOrder.number == number)).first() \
        if isinstance(number, str) and 0 < len(number) <= 40 else None
    group = session.get(OrderGroup, order.group_id) if order is not None else None
    if group is None or group.user_id != caller.user_id:
        raise NotFound(N_("We couldn't find that order."), code=ReturnErrorCode.RETURN_NOT_FOUND, field="number")
    return order


def delivered_at(session: Session, order: VendorOrder) -> datetime | None:
    """When the order was delivered: its ``delivered`` status event, else its parcel's delivery time."""
    at = session.exec(select(func.min(OrderEvent.at)).where(
        OrderEvent.vendor_order_id == order.id, OrderEvent.kind == "status",
        OrderEvent.to_status == OrderStatus.DELIVERED)).first()
    if at is None:
        at = session.exec(select(func.max(Shipment.delivered_at)).where(Shipment.vendor_order_id == order.id)).first()
    return None if at is None else clock.as_utc(at)


def window_ends(session: Session, order: VendorOrder) -> datetime | None:
    at = delivered_at(session, order)
    if at is None:
        return None
    vendor = session.get(Vendor, order.vendor_id)
    return at + timedelta(days=vendor.return_window_days)


def returnable(session: Session, order: VendorOrder) -> dict[int, int]:
    """Order line id -> units the shopper may still ask to return (delivered minus earlier requests)."""
    lines = session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id)).all()
    asked = dict(session.exec(
        select(ReturnLine.order_line_id, func.sum(ReturnLine.quantity))
        .join(ReturnRequest, ReturnRequest.id == ReturnLine.return_id)
        .where(ReturnRequest.vendor_order_id == order.id,
               ReturnRequest.status.in_([str(s) for s in COUNTED]))  # type: ignore[attr-defined]
        .group_by(ReturnLine.order_line_id)).all())
    return {line.id: line.quantity - int(asked.get(line.id) or 0) for line in lines}


def _line(value: object) -> RequestedLine:
    if isinstance(value, RequestedLine):
        return value
    if isinstance(value, Mapping):
        note = value.get("note", "")
        return RequestedLine(value.get("order_line_id"), value.get("quantity"), value.get("reason"),  # type: ignore[arg-type]
                             note if note is not None else "")
    raise ValidationError(N_("Choose the items to send back."), code=ReturnErrorCode.LINE_INVALID, field="lines")


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_lines(lines: object, remaining: Mapping[int, int]) -> list[RequestedLine]:
    """The chosen lines, checked against what remains returnable (see the module contract); pure."""
    if isinstance(lines, str | bytes) or not isinstance(lines, Sequence) or len(lines) > 100:
        raise ValidationError(N_("Choose the items to send back."), code=ReturnErrorCode.LINE_INVALID, field="lines")
    chosen: list[RequestedLine] = []
    seen: set[int] = set()
    for index, raw in enumerate(lines):
        line = _line(raw)
        if not _whole(line.order_line_id) or line.order_line_id not in remaining or line.order_line_id in seen:
            raise ValidationError(N_("That item is not part of this order."), code=ReturnErrorCode.LINE_INVALID,
                                  field=f"lines[{index}]")
        seen.add(line.order_line_id)
        if not _whole(line.quantity) or line.quantity < 0:
            raise ValidationError(N_("Choose how many units: a whole number."), code=ReturnErrorCode.LINE_INVALID,
                                  field=f"lines[{index}].quantity")
        if line.quantity == 0:
            continue
        if line.quantity > remaining[line.order_line_id]:
            raise ValidationError(N_("Only %(remaining)s units of this item can be sent back."),
                                  code=ReturnErrorCode.QUANTITY_EXCEEDED, field=f"lines[{index}].quantity",
                                  remaining=remaining[line.order_line_id], line=index + 1)
        if not isinstance(line.reason, str) or line.reason not in set(ReturnReason):
            raise ValidationError(N_("Tell the seller why you are sending this item back."),
                                  code=ReturnErrorCode.REASON_REQUIRED, field=f"lines[{index}].reason")
        if not isinstance(line.note, str) or len(line.note.strip()) > MAX_NOTE or "\n" in line.note.strip():
            raise ValidationError(N_("The note can be at most 500 characters on one line."),
                                  code=ReturnErrorCode.REASON_REQUIRED, field=f"lines[{index}].note")
        chosen.append(RequestedLine(line.order_line_id, line.quantity, line.reason, line.note.strip()))
    if not chosen:
        raise ValidationError(N_("Choose at least one item to send back."), code=ReturnErrorCode.NOTHING_CHOSEN,
                              field="lines")
    return chosen


def request_return(session: Session, caller: Caller | None, vendor_order_number: object, kind: object,
                   lines: object) -> ReturnRequest:
    """Record the shopper's request (see the module contract)."""
    order = shopper_order(session, caller, vendor_order_number)
    if not isinstance(kind, str) or kind not in set(ReturnKind):
        raise ValidationError(N_("Choose a return, an exchange or a repair."), code=ReturnErrorCode.KIND_INVALID,
                              field="kind")
    order = lock_vendor_order(session, order.id)
    if order.status != OrderStatus.DELIVERED:
        raise ValidationError(N_("Only a delivered order can be sent back."), code=ReturnErrorCode.NOT_DELIVERED)
    ends = window_ends(session, order)
    if ends is None or clock.now() > ends:
        days = session.get(Vendor, order.vendor_id).return_window_days
        raise ValidationError(N_("The %(days)s days to send this order back have passed."),
                              code=ReturnErrorCode.WINDOW_CLOSED, days=days)
    chosen = check_lines(lines, returnable(session, order))
    count = session.exec(select(func.count()).select_from(ReturnRequest)
                         .where(ReturnRequest.vendor_order_id == order.id)).one()
    row = ReturnRequest(number=f"{order.number}-R{int(count) + 1}", vendor_order_id=order.id,
                        user_id=caller.user_id, kind=kind, status=ReturnStatus.REQUESTED)
    session.add(row)
    session.flush()
    session.add_all([ReturnLine(return_id=row.id, order_line_id=line.order_line_id, quantity=line.quantity,
                                reason=line.reason, note=line.note) for line in chosen])
    session.add(OrderEvent(vendor_order_id=order.id, actor_user_id=caller.user_id, kind=EVENT_KIND,
                           from_status=None, to_status=ReturnStatus.REQUESTED, reason=f"{row.number}: {kind}",
                           at=clock.now()))
    session.flush()
    return row

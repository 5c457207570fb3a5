"""Read models of returns for the screens and the document route (nothing is written here).

Contract:
- :func:`shopper_return_page(session, caller, vendor_order_number)` -> :class:`ShopperReturnPage`: the caller's
  own vendor order (another shopper's reads as absent, ``return_not_found``) with each line's returnable
  units, whether a new request can be made now (``open_reason`` the msgid saying why not, "" when it can)
  and the order's return requests, newest first.
- :func:`seller_returns(session, caller)` -> the vendor's return requests, newest first (staff: every vendor's),
  at most :data:`MAX_ROWS`; :func:`seller_return(session, caller, number)` -> :class:`ReturnDetail` for a
  seller of that vendor or staff (others: ``return_not_found``).
  The detail carries the duty note (``returns.duty_note_of``) and whether the EU withdrawal right applies.
- :func:`return_document(session, caller, number, kind)` -> ``(filename, stored name)`` of the return label
  (``label``), its customs form (``customs``) or the outbound label (``outbound``), for the shopper who owns
  the request, a seller of its vendor or staff; anything else raises ``NotFound`` (same for all cases).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from marketplace.accounts.guards import holds, require_staff_for, require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.core import clock
from marketplace.core.errors import DomainError, NotAuthenticated, NotFound
from marketplace.core.i18n import N_
from marketplace.core.money import Money
from marketplace.models import OrderGroup, OrderLine, ReturnLine, ReturnRequest, Role, Vendor, VendorOrder
from marketplace.orders.error_codes import ReturnErrorCode
from marketplace.orders.returns import duty_note_of
from marketplace.orders.returns_access import return_for_seller_or_staff, return_for_shopper
from marketplace.orders.returns_money import DutyNote, withdrawal_applies
from marketplace.orders.returns_request import returnable, shopper_order, window_ends
from marketplace.orders.status import OrderStatus

MAX_ROWS = 200
DOCUMENT_KINDS = ("label", "customs", "outbound")


@dataclass(frozen=True)
class ReturnLineView:
    order_line_id: int
    name: str
    variant: str
    quantity: int
    reason: str
    note: str
    unit_price: Money


@dataclass(frozen=True)
class ReturnSummary:
    number: str
    order_number: str
    vendor_name: str
    kind: str
    status: str
    created_at: datetime
    units: int
    refund: Money | None
    carrier: str
    tracking: str
    has_label: bool
    has_customs: bool
    outbound_tracking: str
    has_outbound: bool
    decline_reason: str


@dataclass(frozen=True)
class ReturnDetail:
    summary: ReturnSummary
    lines: tuple[ReturnLineView, ...]
    shopper_name: str
    ship_to_country: str
    incoterm: str
    duty_note: DutyNote  # what happens to import duty and VAT of the returned items
    eu_withdrawal: bool  # the refund includes the returned items' share of the shipping


@dataclass(frozen=True)
class OrderLineChoice:
    order_line_id: int
    name: str
    variant: str
    delivered: int
    returnable: int
    unit_price: Money


@dataclass(frozen=True)
class ShopperReturnPage:
    order_number: str
    vendor_name: str
    window_ends: datetime | None
    window_days: int
    open_reason: str  # "" when a request can be made now, else the msgid saying why not
    lines: tuple[OrderLineChoice, ...]
    requests: tuple[ReturnSummary, ...]


def _summary(session: Session, row: ReturnRequest, order: VendorOrder | None = None) -> ReturnSummary:
    order = order or session.get(VendorOrder, row.vendor_order_id)
    vendor = session.get(Vendor, order.vendor_id)
    units = sum(line.quantity for line in session.exec(select(ReturnLine).where(ReturnLine.return_id == row.id)))
    refund = Money(row.refund_minor, row.refund_currency) if row.refund_currency else None
    return ReturnSummary(
        number=row.number, order_number=order.number, vendor_name=vendor.display_name, kind=row.kind,
        status=row.status, created_at=clock.as_utc(row.created_at), units=units, refund=refund, carrier=row.carrier,
        tracking=row.tracking_number or "", has_label=bool(row.label_path), has_customs=bool(row.customs_path),
        outbound_tracking=row.outbound_tracking or "", has_outbound=bool(row.outbound_label_path),
        decline_reason=row.decline_reason or "")


def shopper_return_page(session: Session, caller: Caller | None, vendor_order_number: object) -> ShopperReturnPage:
    order = shopper_order(session, caller, vendor_order_number)
    vendor = session.get(Vendor, order.vendor_id)
    ends = window_ends(session, order)
    remaining = returnable(session, order)
    if order.status != OrderStatus.DELIVERED:
        reason = N_("Items can be sent back once the order is delivered.")
    elif ends is None or clock.now() > ends:
        reason = N_("The time to send this order back has passed.")
    elif not any(remaining.values()):
        reason = N_("Every item of this order is already in a return.")
    else:
        reason = ""
    lines = session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id).order_by(OrderLine.id)).all()
    rows = session.exec(select(ReturnRequest).where(ReturnRequest.vendor_order_id == order.id)
                        .order_by(ReturnRequest.id.desc())).all()  # type: ignore[union-attr]
    return ShopperReturnPage(
        order_number=order.number, vendor_name=vendor.display_name, window_ends=ends,
        window_days=vendor.return_window_days, open_reason=reason,
        lines=tuple(OrderLineChoice(line.id, line.product_name, line.variant_label, line.quantity,
                                    max(remaining.get(line.id, 0), 0),
                                    Money(line.unit_price_minor, line.unit_price_currency)) for line in lines),
        requests=tuple(_summary(session, row, order) for row in rows))


def seller_returns(session: Session, caller: Caller | None) -> list[ReturnSummary]:
    if caller is None:
        raise NotAuthenticated(N_("Please log in to continue."))
    query = select(ReturnRequest)
    if holds(caller.role, Role.STAFF):
        require_staff_for(caller, Capability.RETURNS)
    else:
        _, vendor_id = require_vendor(caller, Capability.RETURNS)
        query = query.join(VendorOrder, VendorOrder.id == ReturnRequest.vendor_order_id) \
            .where(VendorOrder.vendor_id == vendor_id)
    rows = session.exec(query.order_by(ReturnRequest.id.desc()).limit(MAX_ROWS)).all()  # type: ignore[union-attr]
    return [_summary(session, row) for row in rows]


def seller_return(session: Session, caller: Caller | None, number: object) -> ReturnDetail:
    _, row, order = return_for_seller_or_staff(session, caller, number, capability=Capability.RETURNS)
    group = session.get(OrderGroup, order.group_id)
    lines = []
    for line in session.exec(select(ReturnLine).where(ReturnLine.return_id == row.id).order_by(ReturnLine.id)):
        order_line = session.get(OrderLine, line.order_line_id)
        lines.append(ReturnLineView(line.order_line_id, order_line.product_name, order_line.variant_label,
                                    line.quantity, line.reason, line.note,
                                    Money(order_line.unit_price_minor, order_line.unit_price_currency)))
    name = str((group.delivery_address or {}).get("name") or "")
    return ReturnDetail(_summary(session, row, order), tuple(lines), name, group.ship_to_country, order.incoterm,
                        duty_note_of(session, order), withdrawal_applies(group.ship_to_country))


def return_document(session: Session, caller: Caller | None, number: object, kind: object) -> tuple[str, str]:
    missing = NotFound(N_("We couldn't find that document."), code=ReturnErrorCode.RETURN_NOT_FOUND)
    if kind not in DOCUMENT_KINDS or caller is None:
        raise missing
    try:
        _, row = return_for_shopper(session, caller, number)
    except DomainError:
        try:
            _, row, _ = return_for_seller_or_staff(session, caller, number, capability=Capability.RETURNS)
        except DomainError:
            raise missing from None
    stored = {"label": row.label_path, "customs": row.customs_path, "outbound": row.outbound_label_path}[kind]
    if not stored or not stored.endswith(".pdf"):
        raise missing
    return f"{row.number}-{kind}.pdf", stored

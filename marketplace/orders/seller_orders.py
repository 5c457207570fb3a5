"""What a seller sees of their own vendor's orders: the list (filtered by step) and one order in full.

Contract:
- :func:`seller_orders(session, caller, step="all", page=1)` -> :class:`OrderList`: the caller's own vendor's
  paid orders (payment ``pending`` or ``failed`` ones are not the seller's business yet), newest first,
  :data:`PAGE_SIZE` per page. Sellers only (``require_vendor``); ``step`` is one of :data:`STEPS` (anything
  else is ``ValidationError`` with ``field="step"``), ``page`` a positive int, ``query`` (at most 100
  characters) matches the order number, the shopper's name on the delivery address, the destination country's
  ISO code (two letters) or a line's SKU.
  Steps group ``orders/status.py``: ``to_accept`` = ``placed``; ``to_pack`` = ``processing`` without a bought
  label; ``to_ship`` = ``processing`` with a label bought (``label_created``) waiting to be handed over;
  ``shipped`` = ``partially_shipped``/``shipped``; ``delivered`` = ``delivered``/``completed``;
  ``canceled``.
- Each :class:`OrderRow`: number, date, the shopper's destination country, items (units), the goods' value in
  the vendor's currency (what the vendor sells them for), status, payment status, and whether the shopper's
  cancellation request is waiting for an answer.
- :func:`seller_order(session, caller, number)` -> :class:`SellerOrder`: one vendor order by its number for a
  seller of its vendor or staff. For anyone else, and for a number that names no order, the same
  ``NotFound`` (``order_not_found``): the answer never tells another seller that the number exists.
  It holds the lines, the ship-to address, the shopper's chosen service and the incoterm, the event history
  (who, when), the current parcel with its stored documents, the proposed package, the open cancel request,
  and the vendor's ship-from address. Read only.
- :func:`order_document(session, caller, number, kind)` -> ``(file name, stored name)`` of one stored document
  of the order's current parcel (``kind`` in :data:`DOCUMENT_KINDS`), for the same callers as
  :func:`seller_order`; a document that does not exist, an unknown kind and a refused caller are all the same
  ``NotFound``. The stored name comes from the parcel's row, never from the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, or_
from sqlmodel import Session, select

from marketplace.accounts.address_format import PostalAddress
from marketplace.accounts.guards import holds, require_staff_for, require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationError
from marketplace.core.money import Money
from marketplace.models import OrderEvent, OrderGroup, OrderLine, Role, Shipment, User, Vendor, VendorOrder
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.fulfilment import ShipmentStatus, current_shipment
from marketplace.orders.fulfilment_cancel import open_request
from marketplace.orders.fulfilment_package import Package, default_package
from marketplace.orders.label_void import VOIDED
from marketplace.orders.labels import chosen_service, documents_of
from marketplace.orders.ship_from import vendor_address
from marketplace.orders.status import OrderStatus, PaymentStatus

PAGE_SIZE = 50
MAX_NUMBER = 24
MAX_QUERY = 100
_O = OrderStatus
STEPS: dict[str, tuple[str, ...]] = {
    "all": (),
    "to_accept": (_O.PLACED,),
    "to_pack": (_O.PROCESSING,),
    "to_ship": (_O.PROCESSING,),
    "shipped": (_O.PARTIALLY_SHIPPED, _O.SHIPPED),
    "delivered": (_O.DELIVERED, _O.COMPLETED),
    "canceled": (_O.CANCELED,),
}
UNPAID = (PaymentStatus.PENDING, PaymentStatus.FAILED)
DOCUMENT_KINDS = {"label": "label", "customs": "customs-declaration", "invoice": "commercial-invoice"}


@dataclass(frozen=True)
class OrderRow:
    number: str
    placed_at: datetime
    country: str
    items: int
    goods: Money
    status: str
    payment_status: str
    cancel_requested: bool


@dataclass(frozen=True)
class OrderList:
    rows: tuple[OrderRow, ...]
    step: str
    page: int
    has_more: bool
    query: str = ""


@dataclass(frozen=True)
class Line:
    name: str
    variant: str
    sku: str
    quantity: int
    unit_price: Money
    hs_code: str
    origin: str


@dataclass(frozen=True)
class Event:
    kind: str
    from_status: str | None
    to_status: str
    actor: str  # the person's display name; "" for the system (carrier, worker)
    at: datetime
    reason: str


@dataclass(frozen=True)
class Parcel:
    id: int
    status: str
    carrier: str
    service: str
    tracking_number: str
    customs_form: str
    documents: tuple[str, ...]  # "label" | "customs" | "invoice"
    package: Package


@dataclass(frozen=True)
class SellerOrder:
    id: int
    number: str
    placed_at: datetime
    status: str
    payment_status: str
    fulfilment_status: str
    incoterm: str
    service: str  # the shopper's chosen shipping service ("" when none is stored)
    lines: tuple[Line, ...]
    goods: Money
    ship_to: PostalAddress
    ship_from: PostalAddress
    events: tuple[Event, ...]
    parcel: Parcel | None
    proposed_package: Package
    cancel_reason: str | None  # the shopper's open cancellation request, if any


def _step(step: object) -> str:
    if not isinstance(step, str) or step not in STEPS:
        raise ValidationError("Unknown filter.", code=OrderErrorCode.UNKNOWN_STATUS, field="step")
    return step


def _labelled(order_id):  # noqa: ANN001, ANN202 - a correlated EXISTS: a bought label waits for hand-over
    return exists().where(Shipment.vendor_order_id == order_id, Shipment.status == ShipmentStatus.LABEL_CREATED)


def seller_orders(session: Session, caller: Caller | None, step: object = "all", page: object = 1,
                  query: object = "") -> OrderList:
    """The caller's own vendor's orders for ``step`` matching ``query``, newest first (see the module contract)."""
    _, vendor_id = require_vendor(caller, Capability.ORDERS)
    step = _step(step)
    text = _query(query)
    if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= 10_000:
        raise ValidationError("Unknown page.", code=OrderErrorCode.UNKNOWN_STATUS, field="page")
    vendor = session.get(Vendor, vendor_id)
    query = (select(VendorOrder, OrderGroup.ship_to_country).join(OrderGroup, OrderGroup.id == VendorOrder.group_id)
             .where(VendorOrder.vendor_id == vendor_id, VendorOrder.payment_status.not_in(UNPAID)))  # type: ignore[union-attr]
    if STEPS[step]:
        query = query.where(VendorOrder.status.in_(STEPS[step]))  # type: ignore[union-attr]
    if step == "to_pack":
        query = query.where(~_labelled(VendorOrder.id))
    elif step == "to_ship":
        query = query.where(_labelled(VendorOrder.id))
    if text:
        query = query.where(_matching(text))
    found = session.exec(query.order_by(VendorOrder.created_at.desc(), VendorOrder.id.desc())  # type: ignore[union-attr]
                         .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    has_more, found = len(found) > PAGE_SIZE, found[:PAGE_SIZE]
    ids = [order.id for order, _ in found]
    totals = {row[0]: (int(row[1]), int(row[2])) for row in session.exec(
        select(OrderLine.vendor_order_id, func.sum(OrderLine.quantity),
               func.sum(OrderLine.quantity * OrderLine.vendor_unit_price_minor))
        .where(OrderLine.vendor_order_id.in_(ids)).group_by(OrderLine.vendor_order_id)).all()} if ids else {}  # type: ignore[union-attr]
    asking = _open_requests(session, ids)
    rows = tuple(OrderRow(number=order.number, placed_at=order.created_at, country=country or "",
                          items=totals.get(order.id, (0, 0))[0],
                          goods=Money(totals.get(order.id, (0, 0))[1], vendor.currency),
                          status=order.status, payment_status=order.payment_status,
                          cancel_requested=order.id in asking and order.status in (_O.PLACED, _O.PROCESSING))
                 for order, country in found)
    return OrderList(rows=rows, step=step, page=page, has_more=has_more, query=text)


def _query(value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_QUERY:
        raise ValidationError("Search text is too long.", code=OrderErrorCode.SEARCH_INVALID, field="query")
    return " ".join(value.split())


def _matching(text: str):  # noqa: ANN202 - a SQL condition
    """Order number, the shopper's name on the delivery address, the destination country (its ISO code) or a
    line's SKU, case-insensitively; ``%`` and ``_`` in the text are literal."""
    like = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    name = func.lower(OrderGroup.delivery_address["name"].as_string())
    sku = exists().where(OrderLine.vendor_order_id == VendorOrder.id,
                         func.lower(OrderLine.sku).like(like, escape="\\"))
    conditions = [func.lower(VendorOrder.number).like(like, escape="\\"), name.like(like, escape="\\"), sku]
    if len(text) == 2 and text.isalpha():
        conditions.append(OrderGroup.ship_to_country == text.upper())
    return or_(*conditions)


def _open_requests(session: Session, ids: list[int]) -> set[int]:
    """The orders among ``ids`` whose latest cancellation event is an unanswered request."""
    if not ids:
        return set()
    latest: dict[int, str] = {}
    for order_id, to_status in session.exec(
            select(OrderEvent.vendor_order_id, OrderEvent.to_status)
            .where(OrderEvent.vendor_order_id.in_(ids), OrderEvent.kind == "cancel")  # type: ignore[union-attr]
            .order_by(OrderEvent.id)).all():
        latest[order_id] = to_status
    return {order_id for order_id, to_status in latest.items() if to_status == "requested"}


def _visible(session: Session, caller: Caller | None, number: object) -> VendorOrder:
    if caller is None:
        raise NotAuthenticated("Please log in to continue.")
    missing = NotFound("This order does not exist.", code=OrderErrorCode.ORDER_NOT_FOUND, field="number")
    if not isinstance(number, str) or not number.strip() or len(number.strip()) > MAX_NUMBER:
        raise missing
    order = session.exec(select(VendorOrder).where(VendorOrder.number == number.strip())).first()
    if holds(caller.role, Role.STAFF):
        require_staff_for(caller, Capability.ORDERS)
        if order is None:
            raise missing
        return order
    _, vendor_id = require_vendor(caller, Capability.ORDERS)
    if order is None or order.vendor_id != vendor_id:
        raise missing  # another vendor's order answers like no order: the number's existence is not told
    return order


def order_id_for(session: Session, caller: Caller | None, number: object) -> int:
    """The id of the vendor order ``number`` when the caller may act on it (``NotFound`` otherwise)."""
    return _visible(session, caller, number).id


def seller_order(session: Session, caller: Caller | None, number: object) -> SellerOrder:
    """One vendor order in full for its own seller or staff (see the module contract)."""
    order = _visible(session, caller, number)
    vendor = session.get(Vendor, order.vendor_id)
    group = session.get(OrderGroup, order.group_id)
    lines = tuple(Line(name=line.product_name, variant=line.variant_label, sku=line.sku, quantity=line.quantity,
                       unit_price=Money(line.vendor_unit_price_minor, line.vendor_unit_price_currency),
                       hs_code=line.hs_code, origin=line.origin_country)
                  for line in session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id)
                                           .order_by(OrderLine.id)))
    goods = Money(sum(line.unit_price.minor * line.quantity for line in lines), vendor.currency)
    rows = session.exec(select(OrderEvent, User.display_name).join(User, User.id == OrderEvent.actor_user_id,
                                                                   isouter=True)
                        .where(OrderEvent.vendor_order_id == order.id).order_by(OrderEvent.at, OrderEvent.id)).all()
    events = tuple(Event(kind=event.kind, from_status=event.from_status, to_status=event.to_status,
                         actor=name or "", at=event.at, reason=event.reason or "") for event, name in rows)
    shipment = current_shipment(session, order.id)
    parcel = None
    if shipment is not None:
        parcel = Parcel(id=shipment.id, status=shipment.status, carrier=shipment.carrier, service=shipment.service,
                        tracking_number=shipment.tracking_number or "", customs_form=shipment.customs_form or "",
                        documents=tuple(documents_of(shipment)),
                        package=Package(shipment.length_mm or 1, shipment.width_mm or 1, shipment.height_mm or 1,
                                        shipment.weight_g or 1))
    request = open_request(session, order.id)
    return SellerOrder(
        id=order.id, number=order.number, placed_at=order.created_at, status=order.status,
        payment_status=order.payment_status, fulfilment_status=order.fulfilment_status, incoterm=order.incoterm,
        service=chosen_service(session, order) or "", lines=lines, goods=goods,
        ship_to=PostalAddress.from_stored(group.delivery_address, group.ship_to_country or ""),
        ship_from=vendor_address(vendor), events=events, parcel=parcel,
        proposed_package=default_package(session, order),
        cancel_reason=request.reason or "" if request is not None else None)


def order_document(session: Session, caller: Caller | None, number: object, kind: object) -> tuple[str, str]:
    """The download name and stored name of one of the order's documents (see the module contract)."""
    missing = NotFound("This document does not exist.", code=OrderErrorCode.ORDER_NOT_FOUND, field="kind")
    try:
        order = _visible(session, caller, number)
    except (NotAuthenticated, PermissionDenied, NotFound):
        raise missing from None
    shipment = current_shipment(session, order.id)
    stored = documents_of(shipment) if shipment is not None and shipment.status != VOIDED else {}
    if not isinstance(kind, str) or kind not in DOCUMENT_KINDS or kind not in stored:
        raise missing
    return f"{order.number}-{DOCUMENT_KINDS[kind]}.pdf", stored[kind]


__all__ = ["DOCUMENT_KINDS", "PAGE_SIZE", "STEPS", "Event", "Line", "OrderList", "OrderRow", "Parcel", "SellerOrder",
           "order_document", "order_id_for", "seller_order", "seller_orders"]

"""A shopper's own orders: the list (newest first) and one order with its parcels, lines and tracking.

Contract:
- The user id comes from the server-side session. An order group belongs to the shopper when its
  ``user_id`` is theirs; another shopper's order number and a number that does not exist raise the same
  :class:`NotFound` (nobody learns which numbers exist).
- Amounts are the frozen ones stored at placement (in the order's currency); nothing is re-priced.
- Statuses are the stored values of :mod:`marketplace.orders.status`; ``STATUS_LABELS`` gives each a
  human label (message ids for the page to translate).
- Each parcel carries its carrier events newest first (``orders.tracking_view.events_of``); each vendor
  order its DAP charges due at the door (``tracking_view.on_delivery``) and its cancellation conversation
  (:class:`CancelView`: the latest ``cancel`` order event, the refund once canceled, and whether the
  shopper may ask: ``placed``/``processing`` with no request open — after a decline they may ask again,
  as ``fulfilment_cancel`` allows), and every refund paid on it (:class:`RefundView`).
- :func:`detail_of` builds the same detail for any order group: staff (``orders.staff_orders``) reuse it after
  their own permission check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from marketplace.core.errors import NotFound
from marketplace.core.i18n import N_
from marketplace.core.money import Money
from marketplace.models import (
    OrderEvent,
    OrderGroup,
    OrderLine,
    Refund,
    Shipment,
    Vendor,
    VendorOrder,
    money_of,
)
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.fulfilment import ShipmentStatus
from marketplace.orders.fulfilment_cancel import CANCEL_KIND, CANCELABLE
from marketplace.orders.status import FulfilmentStatus, OrderStatus, PaymentStatus
from marketplace.orders.tracking_view import TrackingEventView, events_of, on_delivery

MAX_ORDERS = 100
_NOT_FOUND = "We couldn't find that order."

STATUS_LABELS: dict[str, str] = {
    OrderStatus.PLACED: N_("Order placed"),
    OrderStatus.PROCESSING: N_("Being prepared"),
    OrderStatus.PARTIALLY_SHIPPED: N_("Partly shipped"),
    OrderStatus.SHIPPED: N_("Shipped"),
    OrderStatus.DELIVERED: N_("Delivered"),
    OrderStatus.COMPLETED: N_("Completed"),
    OrderStatus.CANCELED: N_("Canceled"),
}
PAYMENT_LABELS: dict[str, str] = {
    PaymentStatus.PENDING: N_("Payment pending"),
    PaymentStatus.AUTHORIZED: N_("Payment authorised"),
    PaymentStatus.PAID: N_("Paid"),
    PaymentStatus.PARTIALLY_REFUNDED: N_("Partly refunded"),
    PaymentStatus.REFUNDED: N_("Refunded"),
    PaymentStatus.FAILED: N_("Payment failed"),
}
FULFILMENT_LABELS: dict[str, str] = {
    FulfilmentStatus.UNFULFILLED: N_("Not yet sent"),
    FulfilmentStatus.PARTIALLY_FULFILLED: N_("Partly sent"),
    FulfilmentStatus.FULFILLED: N_("Sent"),
    FulfilmentStatus.RETURNED: N_("Returned"),
}
SHIPMENT_LABELS: dict[str, str] = {
    ShipmentStatus.LABEL_PENDING: N_("Label being prepared"),
    ShipmentStatus.LABEL_CREATED: N_("Label created"),
    ShipmentStatus.IN_TRANSIT: N_("In transit"),
    ShipmentStatus.OUT_FOR_DELIVERY: N_("Out for delivery"),
    ShipmentStatus.DELIVERED: N_("Delivered"),
    ShipmentStatus.EXCEPTION: N_("Delivery problem"),
    ShipmentStatus.RETURNED: N_("Returned to sender"),
    ShipmentStatus.VOIDED: N_("Label voided"),
}


@dataclass(frozen=True)
class OrderSummary:
    number: str
    created_at: datetime
    total: Money
    parcels: int
    items: int
    statuses: tuple[str, ...]  # each vendor order's status, in vendor-order order


@dataclass(frozen=True)
class ShipmentView:
    carrier: str
    service: str
    tracking_number: str | None
    status: str
    shipped_at: datetime | None
    delivered_at: datetime | None
    id: int = 0
    events: tuple[TrackingEventView, ...] = ()  # newest first


@dataclass(frozen=True)
class CancelView:
    """The shopper's cancellation request of one vendor order and its answer."""

    state: str = ""  # "" never asked | requested | approved | declined
    reason: str = ""  # the shopper's reason (requested, approved) or the seller's (declined)
    refunded: Money | None = None  # what came back once the order is canceled
    can_request: bool = False  # the page may offer "Request cancellation"


@dataclass(frozen=True)
class LineView:
    product_name: str
    variant_label: str
    quantity: int
    unit_price: Money
    total: Money
    id: int = 0  # the order line's id (staff refunds name it)


@dataclass(frozen=True)
class RefundView:
    """Money given back on one vendor order (succeeded refunds only), in the order's currency."""

    amount: Money
    at: datetime


@dataclass(frozen=True)
class VendorOrderView:
    number: str
    vendor_name: str
    vendor_country: str
    status: str
    payment_status: str
    fulfilment_status: str
    incoterm: str
    goods: Money
    shipping: Money
    duty: Money
    tax: Money
    total: Money
    lines: tuple[LineView, ...]
    shipments: tuple[ShipmentView, ...]
    id: int = 0
    on_delivery: Money | None = None  # DAP: import charges paid to the carrier at the door
    cancel: CancelView = CancelView()
    refunds: tuple[RefundView, ...] = ()  # every succeeded refund, oldest first (returns, cancellations, staff)


@dataclass(frozen=True)
class OrderDetail:
    number: str
    created_at: datetime
    ship_to_country: str
    goods: Money
    shipping: Money
    duty: Money
    tax: Money
    fees: Money
    total: Money
    fx_source: str
    vendor_orders: tuple[VendorOrderView, ...]


def my_orders(session: Session, user_id: int, limit: int = MAX_ORDERS) -> list[OrderSummary]:
    """The shopper's order groups, newest first, each with its parcels' statuses."""
    groups = session.exec(select(OrderGroup).where(OrderGroup.user_id == user_id)
                          .order_by(OrderGroup.created_at.desc(), OrderGroup.id.desc()).limit(limit)).all()
    if not groups:
        return []
    ids = [g.id for g in groups]
    orders = session.exec(select(VendorOrder).where(VendorOrder.group_id.in_(ids)).order_by(VendorOrder.id)).all()
    items: dict[int, int] = {}
    for vendor_order_id, quantity in session.exec(select(OrderLine.vendor_order_id, OrderLine.quantity).where(
            OrderLine.vendor_order_id.in_([o.id for o in orders]))).all() if orders else []:
        items[vendor_order_id] = items.get(vendor_order_id, 0) + quantity
    by_group: dict[int, list[VendorOrder]] = {}
    for order in orders:
        by_group.setdefault(order.group_id, []).append(order)
    return [OrderSummary(number=g.number, created_at=g.created_at, total=money_of(g, "total"),
                         parcels=len(by_group.get(g.id, [])),
                         items=sum(items.get(o.id, 0) for o in by_group.get(g.id, [])),
                         statuses=tuple(o.status for o in by_group.get(g.id, [])))
            for g in groups]


def my_order(session: Session, user_id: int, number: object) -> OrderDetail:
    """One of the shopper's orders in full; anyone else's (or an unknown number) is :class:`NotFound`."""
    if not isinstance(number, str) or not 1 <= len(number) <= 20:
        raise NotFound(_NOT_FOUND, code=OrderErrorCode.ORDER_NOT_FOUND)
    group = session.exec(select(OrderGroup).where(OrderGroup.number == number,
                                                  OrderGroup.user_id == user_id)).first()
    if group is None:
        raise NotFound(_NOT_FOUND, code=OrderErrorCode.ORDER_NOT_FOUND)
    return detail_of(session, group)


def detail_of(session: Session, group: OrderGroup) -> OrderDetail:
    """The full read model of one order group, whoever asks (callers check who may read it first)."""
    rows = session.exec(select(VendorOrder, Vendor).join(Vendor, Vendor.id == VendorOrder.vendor_id)
                        .where(VendorOrder.group_id == group.id).order_by(VendorOrder.id)).all()
    ids = [o.id for o, _ in rows]
    lines: dict[int, list[LineView]] = {}
    shipments: dict[int, list[ShipmentView]] = {}
    if ids:
        for line in session.exec(select(OrderLine).where(OrderLine.vendor_order_id.in_(ids)).order_by(OrderLine.id)):
            unit = money_of(line, "unit_price")
            lines.setdefault(line.vendor_order_id, []).append(LineView(
                product_name=line.product_name, variant_label=line.variant_label, quantity=line.quantity,
                unit_price=unit, total=unit * line.quantity, id=line.id))
        parcels = session.exec(select(Shipment).where(Shipment.vendor_order_id.in_(ids)).order_by(Shipment.id)).all()
        events = events_of(session, [s.id for s in parcels])
        for s in parcels:
            shipments.setdefault(s.vendor_order_id, []).append(ShipmentView(
                carrier=s.carrier, service=s.service, tracking_number=s.tracking_number, status=s.status,
                shipped_at=s.shipped_at, delivered_at=s.delivered_at, id=s.id, events=events.get(s.id, ())))
    cancels = _cancels(session, [o for o, _ in rows])
    refunds: dict[int, list[RefundView]] = {}
    if ids:
        for refund in session.exec(select(Refund).where(Refund.vendor_order_id.in_(ids), Refund.status == "succeeded")
                                   .order_by(Refund.id)):
            refunds.setdefault(refund.vendor_order_id, []).append(
                RefundView(amount=money_of(refund, "amount"), at=refund.created_at))
    return OrderDetail(
        number=group.number, created_at=group.created_at, ship_to_country=group.ship_to_country,
        goods=money_of(group, "goods"), shipping=money_of(group, "shipping"), duty=money_of(group, "duty"),
        tax=money_of(group, "tax"), fees=money_of(group, "fees"), total=money_of(group, "total"),
        fx_source=group.fx_source,
        vendor_orders=tuple(VendorOrderView(
            number=o.number, vendor_name=v.display_name, vendor_country=v.country, status=o.status,
            payment_status=o.payment_status, fulfilment_status=o.fulfilment_status, incoterm=o.incoterm,
            goods=money_of(o, "goods"), shipping=money_of(o, "shipping"), duty=money_of(o, "duty"), tax=money_of(o, "tax"),
            total=money_of(o, "total"), lines=tuple(lines.get(o.id, [])), shipments=tuple(shipments.get(o.id, [])),
            id=o.id, on_delivery=on_delivery(o) if o.incoterm == "DAP" else None, cancel=cancels[o.id],
            refunds=tuple(refunds.get(o.id, ())))
            for o, v in rows))


def _cancels(session: Session, orders: list[VendorOrder]) -> dict[int, CancelView]:
    """Each vendor order's latest cancellation event, refund and whether the shopper may still ask."""
    ids = [o.id for o in orders]
    last: dict[int, OrderEvent] = {}
    refunded: dict[int, Money] = {}
    if ids:
        for event in session.exec(select(OrderEvent).where(OrderEvent.vendor_order_id.in_(ids),
                                                           OrderEvent.kind == CANCEL_KIND).order_by(OrderEvent.id)):
            last[event.vendor_order_id] = event
        for refund in session.exec(select(Refund).where(Refund.vendor_order_id.in_(ids),
                                                        Refund.status == "succeeded").order_by(Refund.id)):
            amount = money_of(refund, "amount")
            refunded[refund.vendor_order_id] = refunded[refund.vendor_order_id] + amount \
                if refund.vendor_order_id in refunded else amount
    views: dict[int, CancelView] = {}
    for order in orders:
        event = last.get(order.id)
        state = event.to_status if event is not None else ""
        reason = (event.reason or "") if event is not None else ""
        if state == "approved":  # the approval carries no reason: show the shopper's request
            asked = session.exec(select(OrderEvent).where(OrderEvent.vendor_order_id == order.id,
                                                          OrderEvent.kind == CANCEL_KIND,
                                                          OrderEvent.to_status == "requested")
                                 .order_by(OrderEvent.id.desc())).first()
            reason = (asked.reason or "") if asked is not None else ""
        views[order.id] = CancelView(
            state=state or "", reason=reason,
            refunded=refunded.get(order.id) if order.status == OrderStatus.CANCELED else None,
            can_request=order.status in CANCELABLE and state != "requested")
    return views

"""After the payment: the seller's moves that take a vendor order's goods to the carrier.

Contract:
- A vendor order's ``fulfilment_status`` changes only through :func:`record_fulfilment`, which applies the
  ``"fulfilment"`` moves of :data:`marketplace.orders.status.ALLOWED` (``unfulfilled`` →
  ``partially_fulfilled`` → ``fulfilled`` → ``returned``) via :func:`marketplace.orders.status.transition`:
  one :class:`~marketplace.models.OrderEvent` (kind ``fulfilment``, actor, time, from, to, reason) per move,
  flushed in the caller's transaction (the caller commits; on SQLite inside ``immediate_scope``). A duplicate
  move is a no-op returning ``False``; a move the table refuses raises ``TransitionError`` and changes nothing.
- A parcel's carrier-side state is one of :class:`ShipmentStatus` (the strings stored in
  ``Shipment.status``, whose column default is ``label_pending``). Each change of it is an ``OrderEvent`` of
  kind ``shipment`` (from, to, actor, time) beside the order's own events.
- ``actor_user_id`` is who did it (the seller, staff) taken from the server-side session, or ``None`` for
  the system (carrier webhooks, the worker).

The seller's moves, each ``(session, caller, ...)`` for a seller of the order's vendor or staff
(``orders.fulfilment_access``), flushed in the caller's transaction:
- :func:`accept`: ``placed`` → ``processing``; the shopper is e-mailed.
- :func:`reject` (takes the engine): a ``placed`` order is canceled with the reason and refunded in full
  (``orders.fulfilment_cancel.cancel_and_refund``); the shopper is e-mailed with the amount.
- :func:`pack`: a ``processing`` order's parcel (a validated ``Package``) as a ``label_pending`` shipment;
  packing again before a label is bought replaces the dimensions and weight.
- :func:`record_label`: the bought label's carrier, service, tracking number, label file, customs form and
  cost on a ``label_pending`` shipment, which becomes ``label_created`` (the carrier itself is called by
  whoever buys the label; this records plain values).
- :func:`hand_over`: a ``label_created`` parcel given to the carrier: the shipment ``in_transit`` with
  ``shipped_at``, the order ``shipped`` and ``fulfilled``; the shopper is e-mailed the tracking number.
Tracking, delivery and completion are in ``orders.fulfilment_tracking``; cancellation requests in
``orders.fulfilment_cancel``.
"""

from __future__ import annotations

from enum import StrEnum
from functools import partial

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.core import clock
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money
from marketplace.models import OrderEvent, Shipment, Vendor, VendorOrder
from marketplace.orders import order_mail, status
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.fulfilment_access import order_for_seller_or_staff, shipment_for_seller_or_staff
from marketplace.orders.fulfilment_cancel import cancel_and_refund, clean_reason
from marketplace.orders.fulfilment_package import Package, validate_package
from marketplace.orders.status import FulfilmentStatus, OrderStatus
from marketplace.payments.gateway import PaymentGateway
from marketplace.payments.ledger import lock_vendor_order


class ShipmentStatus(StrEnum):
    """Where one parcel stands at the carrier (``Shipment.status``)."""

    LABEL_PENDING = "label_pending"  # the shipment exists, no label bought yet
    LABEL_CREATED = "label_created"  # label bought, not yet handed to the carrier
    IN_TRANSIT = "in_transit"  # the carrier has it
    OUT_FOR_DELIVERY = "out_for_delivery"  # on the last leg to the shopper
    DELIVERED = "delivered"  # the carrier reports delivery
    EXCEPTION = "exception"  # the carrier reports a problem (e.g. held at customs)
    RETURNED = "returned"  # sent back to the vendor
    VOIDED = "voided"  # label voided before hand-over (its order was canceled; orders.label_void)


def record_fulfilment(session: Session, vendor_order: VendorOrder, target: FulfilmentStatus | str, *,
                      actor_user_id: int | None, reason: str | None = None) -> bool:
    """Move ``vendor_order``'s fulfilment status to ``target`` and record the order event.

    Returns ``True`` when it moved, ``False`` when it already had that status. Raises
    ``status.TransitionError`` for a move the table does not allow and ``status.UnknownStatus`` for a value
    that is not a :class:`FulfilmentStatus`; nothing changes then.
    """
    return status.transition(session, vendor_order, "fulfilment", target, actor_user_id=actor_user_id,
                             reason=reason)


SHIPMENT_KIND = "shipment"  # OrderEvent.kind of a parcel's status change
CUSTOMS_FORMS = frozenset({"CN22", "CN23", "INVOICE"})


def record_shipment_status(session: Session, shipment: Shipment, target: ShipmentStatus, *,
                           actor_user_id: int | None, reason: str | None = None) -> bool:
    """Set the parcel's status and record the change as an order event; ``False`` when it already had it."""
    current = shipment.status
    if current == target:
        return False
    shipment.status = str(target)
    session.add(shipment)
    session.add(OrderEvent(vendor_order_id=shipment.vendor_order_id, actor_user_id=actor_user_id, kind=SHIPMENT_KIND,
                           from_status=current, to_status=str(target), reason=reason[:500] if reason else None,
                           at=clock.now()))
    session.flush()
    return True


def _require_status(order: VendorOrder, wanted: OrderStatus, target: OrderStatus) -> None:
    if order.status != wanted:
        raise status.TransitionError("status", order.status, target)


def accept(session: Session, caller: Caller | None, vendor_order_id: object) -> VendorOrder:
    """The seller takes the order on: ``placed`` → ``processing``."""
    caller, order = order_for_seller_or_staff(session, caller, vendor_order_id, capability=Capability.ORDERS)
    order = lock_vendor_order(session, order.id)
    _require_status(order, OrderStatus.PLACED, OrderStatus.PROCESSING)
    status.transition(session, order, "status", OrderStatus.PROCESSING, actor_user_id=caller.user_id,
                      reason="accepted by the seller")
    order_mail.accepted(session, order)
    return order


def reject(engine: Engine, caller: Caller | None, vendor_order_id: object, reason: object, *,
           gateway: PaymentGateway) -> VendorOrder:
    """The seller turns a ``placed`` order down: canceled with ``reason`` and refunded in full."""
    text = clean_reason(reason)

    def check(session: Session, order: VendorOrder, actor: Caller) -> str:
        _require_status(order, OrderStatus.PLACED, OrderStatus.CANCELED)
        return f"rejected: {text}"

    return cancel_and_refund(engine, caller, vendor_order_id, gateway=gateway, check=check,
                             mail=partial(_rejected_mail, reason=text))


def _rejected_mail(session: Session, order: VendorOrder, amount: Money, *, reason: str) -> object:
    return order_mail.rejected(session, order, reason, amount)


def current_shipment(session: Session, vendor_order_id: int) -> Shipment | None:
    """The order's latest parcel, if one was packed."""
    return session.exec(select(Shipment).where(Shipment.vendor_order_id == vendor_order_id)
                        .order_by(Shipment.id.desc())).first()  # type: ignore[union-attr]


def pack(session: Session, caller: Caller | None, vendor_order_id: object, package: object) -> Shipment:
    """Record the packed parcel of a ``processing`` order (see the module contract)."""
    caller, order = order_for_seller_or_staff(session, caller, vendor_order_id, capability=Capability.ORDERS)
    package = validate_package(package)
    order = lock_vendor_order(session, order.id)
    _require_status(order, OrderStatus.PROCESSING, OrderStatus.SHIPPED)
    shipment = current_shipment(session, order.id)
    if shipment is not None and shipment.status != ShipmentStatus.LABEL_PENDING:
        raise ValidationError("The label for this parcel is already bought.", code=OrderErrorCode.SHIPMENT_STATE)
    if shipment is None:
        vendor = session.get(Vendor, order.vendor_id)
        shipment = Shipment(vendor_order_id=order.id, carrier="", service="", status=ShipmentStatus.LABEL_PENDING,
                            cost_minor=0, cost_currency=vendor.currency)
        session.add(shipment)
        session.flush()
        session.add(OrderEvent(vendor_order_id=order.id, actor_user_id=caller.user_id, kind=SHIPMENT_KIND,
                               from_status=None, to_status=ShipmentStatus.LABEL_PENDING, reason="packed",
                               at=clock.now()))
    shipment.length_mm, shipment.width_mm = package.length_mm, package.width_mm
    shipment.height_mm, shipment.weight_g = package.height_mm, package.weight_g
    session.add(shipment)
    session.flush()
    return shipment


def _text(value: object, field: str, limit: int, *, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > limit or "\n" in value:
        raise ValidationError("This value is missing or too long.", code=OrderErrorCode.LABEL_INVALID, field=field,
                              limit=limit)
    return value.strip()


def record_label(session: Session, caller: Caller | None, shipment_id: object, *, carrier: object, service: object,
                 tracking_number: object, label_path: object, customs_form: object, cost: object) -> Shipment:
    """Record the label bought for a packed parcel: ``label_pending`` → ``label_created``."""
    caller, shipment, order = shipment_for_seller_or_staff(session, caller, shipment_id,
                                                capability=Capability.LABELS)
    values = {"carrier": _text(carrier, "carrier", 40), "service": _text(service, "service", 40),
              "tracking_number": _text(tracking_number, "tracking_number", 60),
              "label_path": _text(label_path, "label_path", 300)}
    if customs_form is not None and customs_form not in CUSTOMS_FORMS:
        raise ValidationError("Unknown customs form.", code=OrderErrorCode.LABEL_INVALID, field="customs_form")
    if not isinstance(cost, Money) or cost.minor < 0:
        raise ValidationError("The label's cost is not valid.", code=OrderErrorCode.LABEL_INVALID, field="cost")
    order = lock_vendor_order(session, order.id)
    _require_status(order, OrderStatus.PROCESSING, OrderStatus.SHIPPED)
    session.refresh(shipment)
    if shipment.status != ShipmentStatus.LABEL_PENDING:
        raise ValidationError("This parcel is not waiting for a label.", code=OrderErrorCode.SHIPMENT_STATE)
    for name, value in values.items():
        setattr(shipment, name, value)
    shipment.customs_form = customs_form
    shipment.cost_minor, shipment.cost_currency = cost.minor, cost.currency
    shipment.label_purchased_at = clock.now()
    record_shipment_status(session, shipment, ShipmentStatus.LABEL_CREATED, actor_user_id=caller.user_id,
                           reason=f"{values['carrier']} {values['tracking_number']}")
    return shipment


def ship(session: Session, shipment: Shipment, order: VendorOrder, *, actor_user_id: int | None,
         reason: str) -> None:
    """The parcel is with the carrier: shipment ``in_transit`` with ``shipped_at``, the order ``shipped`` and
    ``fulfilled``, the shopper e-mailed the tracking number (the order must be ``processing``)."""
    _require_status(order, OrderStatus.PROCESSING, OrderStatus.SHIPPED)
    status.transition(session, order, "status", OrderStatus.SHIPPED, actor_user_id=actor_user_id, reason=reason)
    record_fulfilment(session, order, FulfilmentStatus.FULFILLED, actor_user_id=actor_user_id, reason=reason)
    shipment.shipped_at = clock.now()
    record_shipment_status(session, shipment, ShipmentStatus.IN_TRANSIT, actor_user_id=actor_user_id, reason=reason)
    order_mail.shipped(session, order, shipment)


def hand_over(session: Session, caller: Caller | None, shipment_id: object) -> Shipment:
    """The seller gave the labelled parcel to the carrier (see :func:`ship`)."""
    caller, shipment, order = shipment_for_seller_or_staff(session, caller, shipment_id,
                                                capability=Capability.ORDERS)
    order = lock_vendor_order(session, order.id)
    session.refresh(shipment)
    if shipment.status != ShipmentStatus.LABEL_CREATED:
        raise ValidationError("Buy the label before handing the parcel over.", code=OrderErrorCode.SHIPMENT_STATE)
    ship(session, shipment, order, actor_user_id=caller.user_id, reason="handed to the carrier")
    return shipment


__all__ = ["CUSTOMS_FORMS", "SHIPMENT_KIND", "Package", "ShipmentStatus", "accept", "current_shipment", "hand_over",
           "pack", "record_fulfilment", "record_label", "record_shipment_status", "reject", "ship"]

"""The carrier's side of a parcel: tracking events, delivery, and completing orders after the return window.

Contract:
- :func:`apply_tracking(session, shipment, updates)` takes plain :class:`TrackingUpdate` values (a
  :class:`TrackingCode`, an aware time, description, location) from any carrier adapter or webhook and is
  idempotent: an event already stored for the parcel (same code and time) is skipped, so a report seen
  twice is recorded once (``ShipmentEvent`` rows, unique on parcel, code, time). Malformed updates are
  refused before anything is written (``tracking_invalid``, ``field`` the value's name).
- The parcel's :class:`ShipmentStatus` follows its latest event (``accepted``, ``in_transit``, ``export``,
  ``customs`` → ``in_transit``; ``held_at_customs``, ``exception`` → ``exception``; ``out_for_delivery``;
  ``delivered``), except that ``delivered`` is final. A first event on a parcel whose label was bought but
  not yet handed over means the carrier has it: the order is shipped as by ``fulfilment.hand_over``.
- A new ``delivered`` event sets ``delivered_at``, moves the order ``shipped`` → ``delivered`` (system actor)
  and starts the vendor's payout hold (``payments.ledger.mark_delivered``: the vendor's share becomes
  available ``PAYOUT_HOLD_DAYS`` after delivery, 7 unless set).
- New ``held_at_customs``, ``out_for_delivery`` and ``delivered`` events e-mail the shopper (not a stale one
  arriving after delivery).
- :func:`shipment_by_tracking` finds the parcel a carrier report is about (its tracking number).
- ``apply_tracking`` flushes in the caller's transaction and locks the vendor order (``FOR UPDATE`` on
  PostgreSQL); on SQLite call it inside ``immediate_scope``.
- :func:`complete_due(engine, now)` moves every order delivered at least its vendor's ``return_window_days``
  (never fewer than :data:`RETURN_WINDOW_DAYS`) before ``now`` and with no open return request
  (``returns_status.OPEN``) to ``completed`` (system actor, one order event each) and returns how many.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.errors import ValidationError
from marketplace.core.settings import get_settings
from marketplace.models import OrderEvent, ReturnRequest, Shipment, ShipmentEvent, Vendor, VendorOrder
from marketplace.orders import order_mail, status
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.fulfilment import ShipmentStatus, record_shipment_status, ship
from marketplace.orders.returns_status import OPEN
from marketplace.orders.status import OrderStatus
from marketplace.payments.ledger import lock_vendor_order, mark_delivered

RETURN_WINDOW_DAYS = 14  # the EU right of withdrawal: the shortest return window a vendor may set


class TrackingCode(StrEnum):
    ACCEPTED = "accepted"
    IN_TRANSIT = "in_transit"
    EXPORT = "export"
    CUSTOMS = "customs"
    HELD_AT_CUSTOMS = "held_at_customs"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    EXCEPTION = "exception"


STATUS_OF: dict[str, ShipmentStatus] = {
    TrackingCode.ACCEPTED: ShipmentStatus.IN_TRANSIT,
    TrackingCode.IN_TRANSIT: ShipmentStatus.IN_TRANSIT,
    TrackingCode.EXPORT: ShipmentStatus.IN_TRANSIT,
    TrackingCode.CUSTOMS: ShipmentStatus.IN_TRANSIT,
    TrackingCode.HELD_AT_CUSTOMS: ShipmentStatus.EXCEPTION,
    TrackingCode.EXCEPTION: ShipmentStatus.EXCEPTION,
    TrackingCode.OUT_FOR_DELIVERY: ShipmentStatus.OUT_FOR_DELIVERY,
    TrackingCode.DELIVERED: ShipmentStatus.DELIVERED,
}


@dataclass(frozen=True, slots=True)
class TrackingUpdate:
    code: str  # a TrackingCode value
    at: datetime  # when it happened (timezone-aware)
    description: str = ""
    location: str = ""


def _validate(update: object) -> TrackingUpdate:
    def refuse(field: str) -> ValidationError:
        return ValidationError("This tracking update is not valid.", code=OrderErrorCode.TRACKING_INVALID, field=field)

    if not isinstance(update, TrackingUpdate):
        raise refuse("events")
    if not isinstance(update.code, str) or update.code not in STATUS_OF:
        raise refuse("code")
    if not isinstance(update.at, datetime) or update.at.tzinfo is None:
        raise refuse("at")
    if not isinstance(update.description, str) or len(update.description) > 300:
        raise refuse("description")
    if not isinstance(update.location, str) or len(update.location) > 120:
        raise refuse("location")
    return TrackingUpdate(TrackingCode(update.code), clock.as_utc(update.at), update.description, update.location)


def _key(code: str, at: datetime) -> tuple[str, datetime]:
    return str(code), clock.as_utc(at).replace(microsecond=0)


def shipment_by_tracking(session: Session, tracking_number: str) -> Shipment | None:
    """The latest parcel with this tracking number, if any."""
    return session.exec(select(Shipment).where(Shipment.tracking_number == tracking_number)
                        .order_by(Shipment.id.desc())).first()  # type: ignore[union-attr]


def apply_tracking(session: Session, shipment: Shipment, events: Sequence[TrackingUpdate]) -> int:
    """Record the carrier's events for ``shipment``; returns how many were new (see the module contract)."""
    updates = sorted((_validate(update) for update in events), key=lambda u: u.at)
    order = lock_vendor_order(session, shipment.vendor_order_id)
    session.refresh(shipment)
    if shipment.status == ShipmentStatus.LABEL_PENDING:
        raise ValidationError("This parcel has no label yet.", code=OrderErrorCode.SHIPMENT_STATE)
    stored = session.exec(select(ShipmentEvent).where(ShipmentEvent.shipment_id == shipment.id)).all()
    seen = {_key(row.code, row.at) for row in stored}
    fresh: list[TrackingUpdate] = []
    for update in updates:
        if _key(update.code, update.at) in seen:
            continue
        seen.add(_key(update.code, update.at))
        fresh.append(update)
        session.add(ShipmentEvent(shipment_id=shipment.id, code=update.code, at=update.at.replace(microsecond=0),
                                  description=update.description, location=update.location))
    if not fresh:
        return 0
    session.flush()
    if shipment.status == ShipmentStatus.LABEL_CREATED:
        ship(session, shipment, order, actor_user_id=None, reason="accepted by the carrier")
    was_delivered = shipment.status == ShipmentStatus.DELIVERED
    _follow_latest(session, shipment, [*stored, *fresh])
    for update in fresh:
        if was_delivered:
            break
        if update.code == TrackingCode.HELD_AT_CUSTOMS:
            order_mail.held_at_customs(session, order, shipment, update.description)
        elif update.code == TrackingCode.OUT_FOR_DELIVERY:
            order_mail.out_for_delivery(session, order, shipment)
        elif update.code == TrackingCode.DELIVERED:
            _deliver(session, shipment, order, update.at)
            was_delivered = True
    return len(fresh)


def _follow_latest(session: Session, shipment: Shipment, events: Sequence[ShipmentEvent | TrackingUpdate]) -> None:
    if shipment.status == ShipmentStatus.DELIVERED:
        return
    codes = {str(event.code) for event in events}
    if TrackingCode.DELIVERED in codes:
        target = ShipmentStatus.DELIVERED
    else:
        latest = max(events, key=lambda event: clock.as_utc(event.at))
        target = STATUS_OF[str(latest.code)]
    record_shipment_status(session, shipment, target, actor_user_id=None, reason="carrier tracking")


def _deliver(session: Session, shipment: Shipment, order: VendorOrder, at: datetime) -> None:
    shipment.delivered_at = at
    session.add(shipment)
    status.advance(session, order, "status", OrderStatus.DELIVERED, actor_user_id=None,
                   reason="the carrier reports delivery")
    mark_delivered(session, order, at, hold_days=get_settings().payout_hold_days)
    order_mail.delivered(session, order, shipment)


def complete_due(engine: Engine, now: datetime | None = None) -> int:
    """Complete every delivered order past its vendor's return window with no open return; returns the count."""
    now = clock.as_utc(now or clock.now())
    cutoff = now - timedelta(days=RETURN_WINDOW_DAYS)
    with immediate_scope(engine) as session:
        delivered = (select(OrderEvent.vendor_order_id, OrderEvent.at)
                     .where(OrderEvent.kind == "status", OrderEvent.to_status == OrderStatus.DELIVERED,
                            OrderEvent.at <= cutoff))
        open_returns = select(ReturnRequest.vendor_order_id).where(
            ReturnRequest.status.in_([str(s) for s in OPEN]))  # type: ignore[attr-defined]
        rows = session.exec(delivered.join(VendorOrder, VendorOrder.id == OrderEvent.vendor_order_id)
                            .where(VendorOrder.status == OrderStatus.DELIVERED,
                                   VendorOrder.id.not_in(open_returns))  # type: ignore[union-attr]
                            .order_by(OrderEvent.vendor_order_id)).all()
        done = 0
        for order_id, delivered_at in rows:
            order = session.get(VendorOrder, order_id)
            days = max(session.get(Vendor, order.vendor_id).return_window_days, RETURN_WINDOW_DAYS)
            if order.status != OrderStatus.DELIVERED or clock.as_utc(delivered_at) + timedelta(days=days) > now:
                continue
            done += status.transition(session, order, "status", OrderStatus.COMPLETED, actor_user_id=None,
                                      reason=f"{days} days after delivery")
        return done

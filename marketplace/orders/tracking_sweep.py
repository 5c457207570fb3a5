"""The worker's tracking round: ask the carrier about every parcel on its way and record what is new.

Contract:
- :func:`parcels_on_the_way(engine)` -> ``(shipment id, tracking number, label purchase time)`` of every
  parcel handed over and not delivered (``in_transit``, ``out_for_delivery``, ``exception``) with a
  tracking number, oldest first.
- :func:`to_update(event)` turns a carrier's :class:`TrackingEvent` into the fulfilment's
  :class:`TrackingUpdate`: ``exported`` → ``export``, ``at_customs`` and ``released`` → ``customs`` (the
  description says which), ``available_for_pickup`` → ``out_for_delivery``, ``delivery_failed`` and
  ``return_to_sender`` → ``exception``; the others keep their code. Text is cut to the columns' lengths.
- :func:`advance(engine, carrier)` asks ``carrier.track(number, since=label_purchased_at)`` for each parcel
  outside any transaction, then applies the events with ``fulfilment_tracking.apply_tracking`` in one
  transaction per parcel (``immediate_scope``). A carrier error, or a refused update, for one parcel is
  logged and counted and does not stop the others. Idempotent: events already stored are skipped, so a
  second round adds nothing. Returns a :class:`TrackingRound`.
- For a carrier that reports changes itself (``pushes_tracking``: EasyPost's webhook) the worker does not
  poll every round; instead :func:`queue_checks(engine)` (housekeeping) queues one outbox message
  :data:`TOPIC` per parcel on its way that has none pending, as a safety net for missed reports, and
  :func:`track_handler(engine, carrier)` runs it: the parcel's events asked for and applied as above. A
  transient failure (:class:`CarrierUnavailable`: 429, 503, timeout) is raised, so the outbox retries the
  message with backoff; another carrier refusal is logged and the message ends (asking again won't help).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.errors import DomainError
from marketplace.models import OutboxMessage, Shipment
from marketplace.orders.carriers import Carrier, CarrierError, CarrierUnavailable, TrackingEvent
from marketplace.orders.carriers import TrackingCode as Scan
from marketplace.orders.fulfilment import ShipmentStatus
from marketplace.orders.fulfilment_tracking import TrackingCode, TrackingUpdate, apply_tracking
from marketplace.outbox.worker import enqueue

log = logging.getLogger(__name__)

TOPIC = "carrier_track"
ON_THE_WAY = (ShipmentStatus.IN_TRANSIT, ShipmentStatus.OUT_FOR_DELIVERY, ShipmentStatus.EXCEPTION)
CODE_OF: dict[Scan, TrackingCode] = {
    Scan.ACCEPTED: TrackingCode.ACCEPTED,
    Scan.IN_TRANSIT: TrackingCode.IN_TRANSIT,
    Scan.EXPORTED: TrackingCode.EXPORT,
    Scan.AT_CUSTOMS: TrackingCode.CUSTOMS,
    Scan.HELD_AT_CUSTOMS: TrackingCode.HELD_AT_CUSTOMS,
    Scan.RELEASED: TrackingCode.CUSTOMS,
    Scan.OUT_FOR_DELIVERY: TrackingCode.OUT_FOR_DELIVERY,
    Scan.AVAILABLE_FOR_PICKUP: TrackingCode.OUT_FOR_DELIVERY,
    Scan.DELIVERED: TrackingCode.DELIVERED,
    Scan.DELIVERY_FAILED: TrackingCode.EXCEPTION,
    Scan.RETURN_TO_SENDER: TrackingCode.EXCEPTION,
}


@dataclass(frozen=True)
class TrackingRound:
    parcels: int  # parcels asked about
    events: int  # new events recorded
    failed: int  # parcels whose carrier answer or update failed (logged)

    def summary(self) -> str:
        return f"tracked {self.parcels} parcel(s): {self.events} new event(s), {self.failed} failure(s)"


def to_update(event: TrackingEvent) -> TrackingUpdate:
    return TrackingUpdate(CODE_OF[event.code], event.at, event.description[:300], event.location[:120])


def parcels_on_the_way(engine: Engine) -> list[tuple[int, str, datetime]]:
    with Session(engine) as session:
        rows = session.exec(select(Shipment.id, Shipment.tracking_number, Shipment.label_purchased_at, Shipment.created_at)
                            .where(Shipment.status.in_([str(s) for s in ON_THE_WAY]),  # type: ignore[attr-defined]
                                   Shipment.tracking_number.is_not(None))  # type: ignore[union-attr]
                            .order_by(Shipment.id)).all()
    return [(row_id, number, clock.as_utc(bought or created)) for row_id, number, bought, created in rows]


def _apply(engine: Engine, shipment_id: int, updates: list[TrackingUpdate]) -> int:
    with immediate_scope(engine) as session:
        shipment = session.get(Shipment, shipment_id)
        return apply_tracking(session, shipment, updates) if shipment is not None else 0


def advance(engine: Engine, carrier: Carrier) -> TrackingRound:
    """One tracking round over every parcel on its way (see the module contract)."""
    parcels = parcels_on_the_way(engine)
    events = failed = 0
    for shipment_id, number, since in parcels:
        try:
            updates = [to_update(event) for event in carrier.track(number, since)]
            events += _apply(engine, shipment_id, updates) if updates else 0
        except DomainError as error:
            failed += 1
            log.warning("tracking parcel %s (%s) failed: %s [%s]", shipment_id, number, error, error.code)
    return TrackingRound(len(parcels), events, failed)


def queue_checks(engine: Engine) -> int:
    """Queue a :data:`TOPIC` message for every parcel on its way without one pending; how many were queued."""
    parcels = parcels_on_the_way(engine)
    with immediate_scope(engine) as session:
        pending = session.exec(select(OutboxMessage.payload).where(OutboxMessage.topic == TOPIC,
                                                                   OutboxMessage.status == "pending")).all()
        waiting = {payload.get("shipment_id") for payload in pending if isinstance(payload, dict)}
        queued = [shipment_id for shipment_id, _, _ in parcels if shipment_id not in waiting]
        for shipment_id in queued:
            enqueue(session, TOPIC, {"shipment_id": shipment_id})
    return len(queued)


def track_handler(engine: Engine, carrier: Callable[[], Carrier]) -> Callable[[dict[str, Any]], None]:
    """The :data:`TOPIC` handler: one parcel's events asked for and applied (see the module contract)."""

    def handle(payload: dict[str, Any]) -> None:
        shipment_id = payload.get("shipment_id")
        on_the_way = {row_id: (number, since) for row_id, number, since in parcels_on_the_way(engine)}
        if not isinstance(shipment_id, int) or shipment_id not in on_the_way:
            return  # delivered or voided since it was queued
        number, since = on_the_way[shipment_id]
        try:
            updates = [to_update(event) for event in carrier().track(number, since)]
        except CarrierUnavailable:
            raise  # the outbox retries with backoff
        except CarrierError as error:
            log.warning("tracking parcel %s (%s) refused: %s [%s]", shipment_id, number, error, error.code)
            return
        if updates:
            _apply(engine, shipment_id, updates)

    return handle


__all__ = ["CODE_OF", "ON_THE_WAY", "TOPIC", "TrackingRound", "advance", "parcels_on_the_way", "queue_checks",
           "to_update", "track_handler"]

"""EasyPost trackers as Meridian :class:`TrackingEvent` s. Pure: a tracker is a plain dict (the ``Tracker`` object
of ``POST /v2/trackers`` or the ``result`` of a ``tracker.updated`` webhook event).

Contract:
- :func:`events_of(tracker, since)` -> one event per ``tracking_details`` entry at or after ``since``, in time
  order. EasyPost's ``status`` decides the code (:data:`CODE_OF_STATUS`): ``in_transit`` → ``in_transit``,
  ``out_for_delivery``, ``available_for_pickup``, ``delivered``, ``return_to_sender``, ``failure`` →
  ``delivery_failed``. ``pre_transit`` (a label exists, the carrier does not have the parcel: the first
  event would otherwise mark the order shipped), ``unknown``, ``cancelled`` and ``error`` are left out.
  Within ``in_transit`` the ``status_detail`` refines: ``received_at_origin_facility``, ``picked_up`` and
  ``transferred_by_shipper`` → ``accepted``; ``held`` with a message naming customs → ``held_at_customs``;
  ``international_shipment_release`` → ``released``. Entries without a readable ``datetime`` are skipped.
- Descriptions are Meridian's English msgids for the code (translated where shown), never the carrier's text;
  the location is ``city, state, country`` of ``tracking_location`` (empty parts left out).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from marketplace.core.i18n import N_
from marketplace.integrations.carriers.embedded import DESCRIPTIONS
from marketplace.orders.carriers import TrackingCode, TrackingEvent

CODE_OF_STATUS: dict[str, TrackingCode] = {
    "in_transit": TrackingCode.IN_TRANSIT,
    "out_for_delivery": TrackingCode.OUT_FOR_DELIVERY,
    "available_for_pickup": TrackingCode.AVAILABLE_FOR_PICKUP,
    "delivered": TrackingCode.DELIVERED,
    "return_to_sender": TrackingCode.RETURN_TO_SENDER,
    "failure": TrackingCode.DELIVERY_FAILED,
}
ACCEPTANCE_DETAILS = frozenset({"received_at_origin_facility", "picked_up", "transferred_by_shipper"})
RELEASE_DETAILS = frozenset({"international_shipment_release"})

TEXT: dict[TrackingCode, str] = {
    **DESCRIPTIONS,
    TrackingCode.HELD_AT_CUSTOMS: N_("Held at customs"),
    TrackingCode.AVAILABLE_FOR_PICKUP: N_("Ready for pick-up"),
    TrackingCode.DELIVERY_FAILED: N_("The carrier could not deliver the parcel"),
    TrackingCode.RETURN_TO_SENDER: N_("On its way back to the sender"),
}


def _code(detail: Mapping[str, Any]) -> TrackingCode | None:
    code = CODE_OF_STATUS.get(str(detail.get("status") or ""))
    if code is not TrackingCode.IN_TRANSIT:
        return code
    fine = str(detail.get("status_detail") or "")
    if fine in ACCEPTANCE_DETAILS:
        return TrackingCode.ACCEPTED
    if fine == "held" and "customs" in str(detail.get("message") or "").lower():
        return TrackingCode.HELD_AT_CUSTOMS
    if fine in RELEASE_DETAILS:
        return TrackingCode.RELEASED
    return code


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _place(location: object) -> str:
    if not isinstance(location, Mapping):
        return ""
    return ", ".join(str(location[key]) for key in ("city", "state", "country") if location.get(key))


def events_of(tracker: Mapping[str, Any], since: datetime) -> list[TrackingEvent]:
    """The tracker's events from ``since`` on, as Meridian events (see the module contract)."""
    found = []
    for detail in tracker.get("tracking_details") or ():
        if not isinstance(detail, Mapping):
            continue
        code, at = _code(detail), _time(detail.get("datetime"))
        if code is None or at is None or at < since:
            continue
        found.append(TrackingEvent(code, at, TEXT.get(code, ""), _place(detail.get("tracking_location"))[:120]))
    return sorted(found, key=lambda event: event.at)


__all__ = ["CODE_OF_STATUS", "events_of"]

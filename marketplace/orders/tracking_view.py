"""What a parcel's tracking looks like to the people waiting for it: its events, and the public page's data.

Contract:
- :func:`events_of(session, shipment_ids)` returns each parcel's stored carrier events
  (:class:`TrackingEventView`: code, aware UTC time, the carrier's description and location), **newest
  first** (ties: the later-recorded first). Parcels without events map to ``()``.
- :func:`on_delivery(order)` is what the recipient pays the carrier at the door: on a ``DAP`` vendor order
  the frozen landed cost's import charges (``total - goods - shipping``: duty, tax and the import fees, as
  stored at checkout; the same figure the order confirmation calls "paid to the carrier on delivery"); on
  ``DDP`` zero.
- :func:`public_parcel(session, token)` is the data of the public ``/track/<token>`` page: the token is
  checked first (``tracking_links.verify``: no row is read for a forged one); a forged, malformed or unknown
  token, or a parcel without a label yet, raises :class:`NotFound` (``tracking_link_invalid``), the same
  error in every case. It returns only what is safe to show to anyone holding the link: vendor name,
  carrier, service, tracking number, status, destination **country**, the DAP charges, the events — never
  the recipient's name, street, e-mail or the order's lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.errors import NotFound
from marketplace.core.money import Money
from marketplace.models import OrderGroup, Shipment, ShipmentEvent, Vendor, VendorOrder, money_of
from marketplace.orders import tracking_links
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.fulfilment import ShipmentStatus

LINK_NOT_VALID = "This tracking link is not valid."


@dataclass(frozen=True)
class TrackingEventView:
    code: str
    at: datetime
    description: str
    location: str


@dataclass(frozen=True)
class PublicParcel:
    vendor_name: str
    vendor_country: str
    carrier: str
    service: str
    tracking_number: str
    status: str
    ship_to_country: str
    incoterm: str
    on_delivery: Money
    events: tuple[TrackingEventView, ...]


def events_of(session: Session, shipment_ids: Iterable[int]) -> dict[int, tuple[TrackingEventView, ...]]:
    """Each parcel's events, newest first."""
    ids = sorted(set(shipment_ids))
    found: dict[int, list[TrackingEventView]] = {i: [] for i in ids}
    if not ids:
        return {}
    rows = session.exec(select(ShipmentEvent).where(ShipmentEvent.shipment_id.in_(ids))  # type: ignore[union-attr]
                        .order_by(ShipmentEvent.at.desc(), ShipmentEvent.id.desc())).all()  # type: ignore[union-attr]
    for row in rows:
        found[row.shipment_id].append(TrackingEventView(code=row.code, at=clock.as_utc(row.at),
                                                        description=row.description, location=row.location))
    return {i: tuple(events) for i, events in found.items()}


def on_delivery(order: VendorOrder) -> Money:
    """Import charges the recipient pays at the door (DAP), from the frozen amounts; zero on DDP."""
    if order.incoterm != "DAP":
        return Money.zero(order.total_currency)
    return money_of(order, "total") - money_of(order, "goods") - money_of(order, "shipping")


def public_parcel(session: Session, token: object) -> PublicParcel:
    """The public tracking page's data for a genuine token; see the module contract."""
    shipment_id = tracking_links.verify(token)
    shipment = session.get(Shipment, shipment_id) if shipment_id else None
    if shipment is None or shipment.status == ShipmentStatus.LABEL_PENDING or not shipment.tracking_number:
        raise NotFound(LINK_NOT_VALID, code=OrderErrorCode.TRACKING_LINK_INVALID, field="token")
    order = session.get(VendorOrder, shipment.vendor_order_id)
    vendor = session.get(Vendor, order.vendor_id)
    group = session.get(OrderGroup, order.group_id)
    return PublicParcel(
        vendor_name=vendor.display_name, vendor_country=vendor.country, carrier=shipment.carrier,
        service=shipment.service, tracking_number=shipment.tracking_number, status=shipment.status,
        ship_to_country=group.ship_to_country, incoterm=order.incoterm, on_delivery=on_delivery(order),
        events=events_of(session, [shipment.id]).get(shipment.id, ()))

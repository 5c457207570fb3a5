"""Shipments: one parcel per vendor order, with carrier, service, tracking and label, and the carrier's
tracking events of each parcel (one row per distinct event: the same report twice is stored once)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.models._types import currency, money_minor, short_str, utc_datetime


class Shipment(SQLModel, table=True):
    __tablename__ = "shipments"

    id: int | None = Field(default=None, primary_key=True)
    vendor_order_id: int = Field(foreign_key="vendor_orders.id", index=True)
    carrier: str = Field(sa_type=String(40))
    service: str = Field(sa_type=String(40))
    tracking_number: str | None = Field(default=None, sa_type=String(60), index=True)
    status: str = Field(default="label_pending", sa_type=String(24), index=True)
    label_path: str | None = short_str(300, nullable=True)
    customs_form: str | None = short_str(8, nullable=True)  # CN22 | CN23 | INVOICE
    weight_g: int = 0
    # the packed parcel's outside dimensions (0: not packed yet)
    length_mm: int = 0
    width_mm: int = 0
    height_mm: int = 0
    cost_minor: int = money_minor()
    cost_currency: str = currency()
    created_at: datetime = utc_datetime()
    label_purchased_at: datetime | None = utc_datetime(nullable=True)
    shipped_at: datetime | None = utc_datetime(nullable=True)
    delivered_at: datetime | None = utc_datetime(nullable=True)


class ShipmentEvent(SQLModel, table=True):
    """One tracking event the carrier reported for a parcel (code, when, what, where)."""

    __tablename__ = "shipment_events"
    __table_args__ = (UniqueConstraint("shipment_id", "code", "at", name="uq_shipment_events_shipment_code_at"),)

    id: int | None = Field(default=None, primary_key=True)
    shipment_id: int = Field(foreign_key="shipments.id", index=True, ondelete="CASCADE")
    code: str = Field(sa_type=String(24))  # accepted | in_transit | export | customs | held_at_customs | ...
    at: datetime = utc_datetime()
    description: str = Field(default="", sa_type=String(300))
    location: str = Field(default="", sa_type=String(120))
    recorded_at: datetime = utc_datetime()

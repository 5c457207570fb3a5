"""Shipments: one parcel per vendor order, with carrier, service, tracking and label."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
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
    cost_minor: int = money_minor()
    cost_currency: str = currency()
    created_at: datetime = utc_datetime()
    shipped_at: datetime | None = utc_datetime(nullable=True)
    delivered_at: datetime | None = utc_datetime(nullable=True)

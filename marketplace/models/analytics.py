"""Product events for the sellers' sales figures: a product page view or an add-to-cart.

One row per (product, kind, visitor, 30-minute window): ``visitor`` is an anonymous per-session key (a keyed
hash, never an IP address, a user id or a cookie value), and the unique constraint makes repeat views by one
visitor within a window count once (the insert does nothing on conflict). Written by
``catalog/events.py``; read by ``analytics/``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.models._types import utc_datetime


class ProductEvent(SQLModel, table=True):
    __tablename__ = "product_events"
    __table_args__ = (
        UniqueConstraint("product_id", "kind", "visitor", "window", name="uq_product_events_once_per_window"),
        Index("ix_product_events_vendor_at", "vendor_id", "at", "kind"),  # covers the funnel count
    )

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="products.id", ondelete="CASCADE")
    vendor_id: int = Field(foreign_key="vendors.id", ondelete="CASCADE")
    kind: str = Field(sa_type=String(8))  # view | cart  (catalog.events.EventKind)
    visitor: str = Field(sa_type=String(32))  # keyed hash of the session key: anonymous, not reversible
    window: int = Field(sa_type=BigInteger)  # epoch seconds // 1800: the half hour the event fell in
    at: datetime = utc_datetime()

"""Return requests: a shopper sends delivered goods back for a refund, an exchange or a repair.

One request is about one vendor order; its lines say which order lines, how many units and why. Statuses and
the moves between them live in ``marketplace.orders.returns_status``; here they are strings. Photos are not
kept (the platform has no shopper image upload yet).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlmodel import Field, SQLModel

from marketplace.models._types import currency, money_minor, short_str, utc_datetime


class ReturnRequest(SQLModel, table=True):
    __tablename__ = "return_requests"

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(sa_type=String(32), unique=True, index=True)  # "<vendor order number>-R<n>"
    vendor_order_id: int = Field(foreign_key="vendor_orders.id", index=True)
    user_id: int = Field(foreign_key="users.id", index=True)  # the shopper who asked
    kind: str = Field(default="return", sa_type=String(12))  # return | exchange | repair
    status: str = Field(default="requested", sa_type=String(16), index=True)
    decline_reason: str | None = short_str(500, nullable=True)
    # the return parcel (shopper -> vendor): carrier, tracking number, label and customs form as stored documents
    carrier: str = Field(default="", sa_type=String(40))
    tracking_number: str | None = Field(default=None, sa_type=String(60), index=True)
    label_path: str | None = short_str(300, nullable=True)
    customs_path: str | None = short_str(300, nullable=True)
    # the parcel back to the shopper (exchange: the replacement; repair: the repaired item)
    outbound_tracking: str | None = short_str(60, nullable=True)
    outbound_label_path: str | None = short_str(300, nullable=True)
    # the refund paid for it (shopper currency), once refunded
    refund_id: int | None = Field(default=None, foreign_key="refunds.id")
    refund_minor: int | None = money_minor(nullable=True)
    refund_currency: str | None = currency(nullable=True)
    created_at: datetime = utc_datetime(index=True)
    updated_at: datetime = utc_datetime()


class ReturnLine(SQLModel, table=True):
    __tablename__ = "return_lines"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="return_requests.id", index=True, ondelete="CASCADE")
    order_line_id: int = Field(foreign_key="order_lines.id", index=True)
    quantity: int = Field(gt=0)
    reason: str = Field(sa_type=String(24))  # a ReturnReason value
    note: str = Field(default="", sa_type=String(500))  # the shopper's own words (optional)

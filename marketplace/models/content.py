"""Shopper-written content: product reviews (moderated) and message threads with sellers or support."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.models._types import short_str, utc_datetime


class Review(SQLModel, table=True):
    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
        UniqueConstraint("order_line_id", name="uq_reviews_order_line"),
    )

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="products.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="users.id", index=True)
    order_line_id: int | None = Field(default=None, foreign_key="order_lines.id")
    rating: int = Field(ge=1, le=5)
    title: str = Field(default="", sa_type=String(120))
    body: str = Field(default="", sa_type=Text)
    lang: str = Field(default="en", sa_type=String(8))
    status: str = Field(default="pending", sa_type=String(16), index=True)  # pending|approved|rejected
    status_reason: str | None = short_str(500, nullable=True)  # why staff rejected it (shown to its author)
    moderated_at: datetime | None = utc_datetime(nullable=True)
    created_at: datetime = utc_datetime()


class MessageThread(SQLModel, table=True):
    """A conversation between a shopper and a vendor (or platform support when ``vendor_id`` is None)."""

    __tablename__ = "message_threads"

    id: int | None = Field(default=None, primary_key=True)
    shopper_id: int = Field(foreign_key="users.id", index=True)
    vendor_id: int | None = Field(default=None, foreign_key="vendors.id", index=True)
    vendor_order_id: int | None = Field(default=None, foreign_key="vendor_orders.id")
    subject: str = Field(sa_type=String(200))
    created_at: datetime = utc_datetime()
    updated_at: datetime = utc_datetime(index=True)


class Message(SQLModel, table=True):
    __tablename__ = "messages"

    id: int | None = Field(default=None, primary_key=True)
    thread_id: int = Field(foreign_key="message_threads.id", index=True, ondelete="CASCADE")
    sender_id: int = Field(foreign_key="users.id")
    body: str = Field(sa_type=Text)
    created_at: datetime = utc_datetime()
    read_at: datetime | None = utc_datetime(nullable=True)

"""The support desk's own rows: one ticket per support thread (status, priority, assignee, who wrote), staff-only
internal notes, and the staff-managed canned replies (per language)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlmodel import Field, SQLModel

from marketplace.models._types import utc_datetime


class SupportTicket(SQLModel, table=True):
    """The desk's state of one support thread (``message_threads.vendor_id`` None)."""

    __tablename__ = "support_tickets"

    id: int | None = Field(default=None, primary_key=True)
    thread_id: int = Field(foreign_key="message_threads.id", unique=True, index=True, ondelete="CASCADE")
    status: str = Field(default="open", sa_type=String(12), index=True)  # open | waiting | solved
    priority: str = Field(default="normal", sa_type=String(8))  # low | normal | high | urgent
    assignee_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    customer_kind: str = Field(default="shopper", sa_type=String(8))  # shopper | seller (about their shop)
    vendor_id: int | None = Field(default=None, foreign_key="vendors.id")  # the seller's shop, when a seller wrote
    created_at: datetime = utc_datetime()
    updated_at: datetime = utc_datetime()


class SupportNote(SQLModel, table=True):
    """An internal note on a support thread: staff only, never shown to the customer, never e-mailed."""

    __tablename__ = "support_notes"

    id: int | None = Field(default=None, primary_key=True)
    thread_id: int = Field(foreign_key="message_threads.id", index=True, ondelete="CASCADE")
    author_id: int = Field(foreign_key="users.id")
    body: str = Field(sa_type=Text)
    created_at: datetime = utc_datetime()


class CannedReply(SQLModel, table=True):
    """A ready-made answer staff pick in the reply box; one language each."""

    __tablename__ = "canned_replies"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_type=String(120))
    language: str = Field(sa_type=String(8), index=True)
    body: str = Field(sa_type=Text)
    created_at: datetime = utc_datetime()
    updated_at: datetime = utc_datetime()

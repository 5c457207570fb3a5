"""Side effects as rows: the outbox (run by ``python -m marketplace worker``), processed webhook events and
the local mailbox staff can read when no SMTP server is configured."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text
from sqlmodel import Field, SQLModel

from marketplace.models._types import short_str, utc_datetime


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    topic: str = Field(sa_type=String(40), index=True)  # email | label | webhook | payout ...
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    status: str = Field(default="pending", sa_type=String(12), index=True)  # pending | done | failed
    attempts: int = 0
    next_attempt_at: datetime = utc_datetime(index=True)
    last_error: str | None = short_str(1000, nullable=True)
    created_at: datetime = utc_datetime()
    processed_at: datetime | None = utc_datetime(nullable=True)


class WebhookEvent(SQLModel, table=True):
    """Every provider event id seen once; a replay finds its row and is ignored."""

    __tablename__ = "webhook_events"

    id: str = Field(sa_type=String(100), primary_key=True)
    gateway: str = Field(sa_type=String(16))
    type: str = Field(sa_type=String(80))
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    received_at: datetime = utc_datetime()
    processed_at: datetime | None = utc_datetime(nullable=True)


class MailboxMessage(SQLModel, table=True):
    __tablename__ = "mailbox"

    id: int | None = Field(default=None, primary_key=True)
    to: str = Field(sa_type=String(254), index=True)
    subject: str = Field(sa_type=String(300))
    body: str = Field(sa_type=Text)
    lang: str = Field(default="en", sa_type=String(8))
    created_at: datetime = utc_datetime(index=True)

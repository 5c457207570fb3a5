"""The audit log: who did what to which record, when and from where. Rows are only ever appended."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from marketplace.models._types import short_str, utc_datetime


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = utc_datetime(index=True)
    actor_user_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    action: str = Field(sa_type=String(60), index=True)  # e.g. auth.login, auth.denied, vendor.suspend
    entity_type: str | None = short_str(40, nullable=True)
    entity_id: str | None = short_str(40, nullable=True)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    ip: str | None = short_str(64, nullable=True)

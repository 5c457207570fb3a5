"""Payment records. Only the card brand and last four digits are ever stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from marketplace.models._types import currency, money_minor, short_str, utc_datetime


class Payment(SQLModel, table=True):
    __tablename__ = "payments"

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="order_groups.id", index=True)
    gateway: str = Field(sa_type=String(16))  # embedded | stripe
    external_id: str | None = Field(default=None, sa_type=String(100), unique=True)
    status: str = Field(default="pending", sa_type=String(32), index=True)
    amount_minor: int = money_minor()
    amount_currency: str = currency()
    refunded_minor: int = money_minor()
    refunded_currency: str = currency()
    card_brand: str | None = short_str(20, nullable=True)
    card_last4: str | None = short_str(4, nullable=True)
    idempotency_key: str | None = Field(default=None, sa_type=String(80), unique=True)
    created_at: datetime = utc_datetime()
    updated_at: datetime = utc_datetime()

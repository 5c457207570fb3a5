"""Payment records. Only the card brand and last four digits are ever stored.

A :class:`Dispute` is a chargeback (or an inquiry) the card network opened on a payment, as Stripe reports
it; its effect on the vendors' ledger is described in ``marketplace.payments.disputes``."""

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


class Dispute(SQLModel, table=True):
    """One Stripe dispute (``dp_…``) on a payment. ``status`` is Stripe's latest status as received;
    ``state`` is what the ledger did: ``held`` (open: the vendors' share is held), ``released`` (won,
    inquiry closed or prevented: the hold was given back) or ``lost`` (the vendors' share was reversed)."""

    __tablename__ = "disputes"

    id: int | None = Field(default=None, primary_key=True)
    payment_id: int = Field(foreign_key="payments.id", index=True)
    external_id: str = Field(sa_type=String(100), unique=True)
    charge_id: str | None = short_str(100, nullable=True)
    amount_minor: int = money_minor()
    amount_currency: str = currency()
    reason: str = Field(default="", sa_type=String(40))
    status: str = Field(sa_type=String(32))
    state: str = Field(default="held", sa_type=String(12), index=True)  # held | released | lost
    opened_at: datetime = utc_datetime()
    closed_at: datetime | None = utc_datetime(nullable=True)
    updated_at: datetime = utc_datetime()

"""Money movement tables: commission rules and lines, the vendor ledger, payouts and refunds.

Ledger amounts are signed minor units in the vendor's settlement currency: a sale is positive, commission
and refunds negative, a payout negative (money leaves the balance); a dispute holds the vendor's share
(``dispute_hold``, negative) until it is released or lost (``marketplace.payments.disputes``). A vendor's balance is the sum of its
entries; ``available_at`` (delivery + hold) says when an entry may be paid out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, String
from sqlmodel import Field, SQLModel

from marketplace.models._types import currency, money_minor, short_str, utc_datetime


class CommissionRule(SQLModel, table=True):
    """Platform default (no category, no vendor), per category, or per vendor; the most specific wins."""

    __tablename__ = "commission_rules"
    __table_args__ = (CheckConstraint("rate_bps BETWEEN 0 AND 10000", name="rate_range"),)

    id: int | None = Field(default=None, primary_key=True)
    category_id: int | None = Field(default=None, foreign_key="categories.id", index=True)
    vendor_id: int | None = Field(default=None, foreign_key="vendors.id", index=True)
    rate_bps: int
    effective_from: datetime = utc_datetime()
    effective_to: datetime | None = utc_datetime(nullable=True)


class CommissionLine(SQLModel, table=True):
    """The commission frozen on an order line at placement."""

    __tablename__ = "commission_lines"

    id: int | None = Field(default=None, primary_key=True)
    vendor_order_id: int = Field(foreign_key="vendor_orders.id", index=True)
    order_line_id: int = Field(foreign_key="order_lines.id", index=True)
    rule_id: int | None = Field(default=None, foreign_key="commission_rules.id")
    rate_bps: int
    amount_minor: int = money_minor()
    amount_currency: str = currency()


class LedgerEntry(SQLModel, table=True):
    __tablename__ = "ledger_entries"

    id: int | None = Field(default=None, primary_key=True)
    vendor_id: int = Field(foreign_key="vendors.id", index=True)
    # sale | commission | refund | adjustment | payout | dispute_hold | dispute_release | dispute_loss
    kind: str = Field(sa_type=String(16), index=True)
    amount_minor: int = money_minor()  # signed
    amount_currency: str = currency()
    vendor_order_id: int | None = Field(default=None, foreign_key="vendor_orders.id", index=True)
    refund_id: int | None = Field(default=None, foreign_key="refunds.id")
    payout_id: int | None = Field(default=None, foreign_key="payouts.id", index=True)
    dispute_id: int | None = Field(default=None, foreign_key="disputes.id", index=True)
    memo: str | None = short_str(300, nullable=True)
    available_at: datetime | None = utc_datetime(nullable=True, index=True)
    created_at: datetime = utc_datetime()


class Payout(SQLModel, table=True):
    __tablename__ = "payouts"

    id: int | None = Field(default=None, primary_key=True)
    vendor_id: int = Field(foreign_key="vendors.id", index=True)
    amount_minor: int = money_minor()
    amount_currency: str = currency()
    status: str = Field(default="pending", sa_type=String(16), index=True)  # pending | paid | failed
    gateway: str = Field(default="embedded", sa_type=String(16))
    external_id: str | None = short_str(100, nullable=True)
    created_at: datetime = utc_datetime()
    paid_at: datetime | None = utc_datetime(nullable=True)


class Refund(SQLModel, table=True):
    __tablename__ = "refunds"

    id: int | None = Field(default=None, primary_key=True)
    payment_id: int = Field(foreign_key="payments.id", index=True)
    vendor_order_id: int = Field(foreign_key="vendor_orders.id", index=True)
    amount_minor: int = money_minor()
    amount_currency: str = currency()
    lines: list[Any] = Field(default_factory=list, sa_type=JSON)  # [{"order_line_id", "quantity", ...}]
    reason: str = Field(default="", sa_type=String(300))
    status: str = Field(default="pending", sa_type=String(16), index=True)  # pending | succeeded | failed
    idempotency_key: str = Field(sa_type=String(80), unique=True)
    external_id: str | None = short_str(100, nullable=True)
    created_at: datetime = utc_datetime()

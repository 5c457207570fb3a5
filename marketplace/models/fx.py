"""Exchange-rate tables: the last good rates of each currency, the refreshes that wrote them, and staff overrides.

- :class:`FxRate`: one row per currency, "1 EUR = ``per_eur`` units", with the source that published it and its
  as-of date; rewritten by each successful refresh (``orders.fx_rates.refresh``), never by a failed one, so it
  always holds the last good rates.
- :class:`FxRefresh`: one row per refresh attempt (staff "refresh now" or the worker's daily job) with its
  outcome; ``daily_key`` (the UTC day) is unique, so the daily job runs once a day however many workers run.
- :class:`FxOverride`: a rate a finance or admin user fixed by hand for one currency pair until ``expires_at``,
  with a reason; removing one keeps the row (``removed_at``), so the history stays readable.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.models._types import ExactDecimal, currency, short_str, utc_datetime


class FxRate(SQLModel, table=True):
    __tablename__ = "fx_rates"

    currency: str = Field(primary_key=True, max_length=3)
    per_eur: Decimal = Field(sa_type=ExactDecimal)
    source: str = short_str(120)
    as_of: date = Field(sa_type=Date)
    fetched_at: datetime = utc_datetime()


class FxRefresh(SQLModel, table=True):
    __tablename__ = "fx_refreshes"
    __table_args__ = (UniqueConstraint("daily_key", name="uq_fx_refreshes_daily_key"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = utc_datetime(index=True)
    trigger: str = short_str(8)  # "staff" | "daily"
    daily_key: str | None = short_str(10, nullable=True)  # the UTC day of a daily run; None for staff runs
    ok: bool = False
    source: str = short_str(120)
    rates: int = 0  # currencies written
    message: str = short_str(300)
    actor_user_id: int | None = Field(default=None, foreign_key="users.id")


class FxOverride(SQLModel, table=True):
    __tablename__ = "fx_overrides"

    id: int | None = Field(default=None, primary_key=True)
    base: str = currency()
    quote: str = currency()
    rate: Decimal = Field(sa_type=ExactDecimal)
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))
    reason: str = short_str(300)
    set_by_user_id: int | None = Field(default=None, foreign_key="users.id")
    set_by: str = short_str(254)  # the e-mail shown as the rate's source ("staff override by …")
    created_at: datetime = utc_datetime(index=True)
    removed_at: datetime | None = utc_datetime(nullable=True)
    removed_by_user_id: int | None = Field(default=None, foreign_key="users.id")

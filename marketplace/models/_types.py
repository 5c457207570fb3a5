"""Column helpers shared by the table modules.

- ``money_minor()``: a 64-bit integer minor-unit column (always paired with a ``<name>_currency`` column).
- ``currency()``: a 3-letter ISO 4217 column.
- ``money_of(row, name)``: the ``Money`` held by a row's ``<name>_minor`` / ``<name>_currency`` pair.
- ``ExactDecimal``: a Decimal stored as its canonical decimal string, exact on SQLite and PostgreSQL alike
  (used for FX rates; SQLite's NUMERIC affinity would otherwise keep a float).
- ``utc_datetime()``: a timezone-aware timestamp column defaulting to ``clock.now()``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field

from marketplace.core import clock
from marketplace.core.money import Money


class ExactDecimal(TypeDecorator):
    """A Decimal kept exactly, as a string of at most 40 characters."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, float) or not isinstance(value, Decimal | int | str):
            raise TypeError(f"ExactDecimal takes Decimal, int or str, not {type(value).__name__}")
        return format(Decimal(value).normalize(), "f")

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


def money_minor(nullable: bool = False, **kwargs: Any) -> Any:
    return Field(default=None if nullable else 0, sa_type=BigInteger, nullable=nullable, **kwargs)


def money_of(row: object, name: str) -> Money:
    """``Money(row.<name>_minor, row.<name>_currency)``, e.g. ``money_of(order, "total")``."""
    return Money(getattr(row, f"{name}_minor"), getattr(row, f"{name}_currency"))


def currency(nullable: bool = False, **kwargs: Any) -> Any:
    return Field(default=None, sa_type=String(3), nullable=nullable, min_length=3, max_length=3, **kwargs)


def utc_datetime(nullable: bool = False, **kwargs: Any) -> Any:
    if nullable:
        return Field(default=None, sa_type=DateTime(timezone=True), nullable=True, **kwargs)
    return Field(default_factory=clock.now, sa_type=DateTime(timezone=True), nullable=False, **kwargs)


def short_str(length: int, nullable: bool = False, **kwargs: Any) -> Any:
    return Field(default=None, sa_type=String(length), nullable=nullable, max_length=length, **kwargs)

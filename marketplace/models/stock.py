"""The history of a variant's stock: one row per change of ``variants.stock`` that means something to a seller.

Written only by ``marketplace.catalog.stock_history`` (``change_stock`` and ``record_sale``). ``delta`` is the
signed change in units, ``stock_after`` the variant's stock right after it. ``reason`` is one of
``catalog.stock_history.StockReason``; ``actor_user_id`` is the person who made the change, ``None`` for the
system (a shopper's purchase, a cancellation approved by the worker). ``reference`` names what caused it:
an order or return number, an import file, the seller's note.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from marketplace.models._types import utc_datetime


class StockChange(SQLModel, table=True):
    __tablename__ = "stock_changes"

    id: int | None = Field(default=None, primary_key=True)
    variant_id: int = Field(foreign_key="variants.id", index=True, ondelete="CASCADE")
    delta: int
    stock_after: int
    reason: str = Field(sa_type=String(16))
    actor_user_id: int | None = Field(default=None, foreign_key="users.id", nullable=True)
    reference: str = Field(default="", sa_type=String(120))
    at: datetime = utc_datetime(index=True)

"""The shopper's wishlist: one row per (shopper, product) they saved with the heart button."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.models._types import utc_datetime


class WishlistItem(SQLModel, table=True):
    __tablename__ = "wishlist_items"
    __table_args__ = (UniqueConstraint("user_id", "product_id", name="uq_wishlist_items_user_product"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    product_id: int = Field(foreign_key="products.id", index=True, ondelete="CASCADE")
    added_at: datetime = utc_datetime(index=True)

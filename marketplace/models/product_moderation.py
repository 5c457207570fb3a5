"""Product moderation rows: flags on products (a shopper's report, a keyword match, a restricted-goods finding, a
customs-relevant edit of an approved product) and the staff-managed keyword list."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlmodel import Field, SQLModel

from marketplace.models._types import utc_datetime


class ProductFlag(SQLModel, table=True):
    """One reason a product waits in the staff queue; open until ``resolved_at`` is set."""

    __tablename__ = "product_flags"

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="products.id", index=True, ondelete="CASCADE")
    source: str = Field(sa_type=String(12), index=True)  # report | keyword | restricted | edited
    reason: str = Field(sa_type=String(40))  # a reason code (report reason, the keyword, the destination...)
    text: str = Field(default="", sa_type=Text)  # the reporter's optional words or the finding's detail
    reporter_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    created_at: datetime = utc_datetime()
    resolved_at: datetime | None = utc_datetime(nullable=True)
    resolution: str = Field(default="", sa_type=String(12))  # approved | hidden | removed
    staff_reason: str = Field(default="", sa_type=Text)  # the reason staff gave (the seller reads it)


class ModerationKeyword(SQLModel, table=True):
    """A word or phrase whose appearance in a product's name or description flags it for staff."""

    __tablename__ = "moderation_keywords"

    id: int | None = Field(default=None, primary_key=True)
    phrase: str = Field(sa_type=String(80), unique=True, index=True)
    created_at: datetime = utc_datetime()

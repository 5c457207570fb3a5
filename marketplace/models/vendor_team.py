"""Invitations to join a vendor's team (the members themselves are ``vendors.VendorMember``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from marketplace.models._types import utc_datetime


class VendorInvitation(SQLModel, table=True):
    """One e-mailed invitation to join ``vendor_id`` with ``role``. Only the token's SHA-256 is stored; a resend
    replaces it (and the expiry), so an older link stops working. Pending = not accepted, not revoked, not expired."""

    __tablename__ = "vendor_invitations"

    id: int | None = Field(default=None, primary_key=True)
    vendor_id: int = Field(foreign_key="vendors.id", index=True, ondelete="CASCADE")
    email: str = Field(sa_type=String(254), index=True)
    role: str = Field(sa_type=String(16))
    token_hash: str = Field(sa_type=String(64), unique=True)
    invited_by_user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    language: str = Field(default="en", sa_type=String(8))  # the e-mail's language
    created_at: datetime = utc_datetime()
    sent_at: datetime = utc_datetime()
    expires_at: datetime = utc_datetime()
    accepted_at: datetime | None = utc_datetime(nullable=True)
    accepted_user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    revoked_at: datetime | None = utc_datetime(nullable=True)

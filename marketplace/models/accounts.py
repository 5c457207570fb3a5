"""Account tables: users with roles and preferences, server-side sessions, login attempts, one-time links
(unlock, finish sign-up), addresses.

No business logic: services in ``marketplace.accounts`` own hashing, sessions and throttling.
Only a SHA-256 of a session token is stored, never the token itself.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.models._types import short_str, utc_datetime


class Role(StrEnum):
    SHOPPER = "shopper"  # buys; sees only their own orders, cart and messages
    SELLER = "seller"  # member of a vendor; manages that vendor's catalogue and orders
    STAFF = "staff"  # platform back-office: vendors, moderation, orders
    ADMIN = "admin"  # staff plus platform settings (markets, FX, commission)


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(sa_type=String(254), unique=True, index=True, max_length=254)
    password_hash: str = Field(sa_type=String(200))
    display_name: str = Field(sa_type=String(120))
    role: str = Field(default=Role.SHOPPER, sa_type=String(16), index=True)
    staff_role: str | None = Field(default=None, sa_type=String(16), nullable=True)  # staff only: accounts.staff_roles
    language: str = Field(default="en", sa_type=String(8))
    currency: str = Field(default="EUR", sa_type=String(3))
    ship_to_country: str = Field(default="DE", sa_type=String(2))
    is_active: bool = True
    created_at: datetime = utc_datetime()


class AuthSession(SQLModel, table=True):
    """One signed-in browser. The cookie holds a random token; this row holds its SHA-256."""

    __tablename__ = "auth_sessions"

    token_hash: str = Field(sa_type=String(64), primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    created_at: datetime = utc_datetime()
    last_seen_at: datetime = utc_datetime()
    expires_at: datetime = utc_datetime(index=True)
    ip: str | None = short_str(64, nullable=True)
    user_agent: str | None = short_str(300, nullable=True)


class LoginAttempt(SQLModel, table=True):
    """Every login attempt, kept for the throttle (per account and per address) and for audit."""

    __tablename__ = "login_attempts"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(sa_type=String(254), index=True)
    ip: str = Field(sa_type=String(64), index=True)
    succeeded: bool = False
    at: datetime = utc_datetime(index=True)


class AccountToken(SQLModel, table=True):
    """A one-time link e-mailed to an address: ``unlock`` (clears a throttled account's failed log-ins; user_id
    set) or ``register`` (finishes a sign-up: the account is created only when its address proves to be the
    registrant's; ``payload`` holds the name, the password's argon2 hash and preferences, never the password).
    Only the token's SHA-256 is stored; each expires and works once."""

    __tablename__ = "account_tokens"

    token_hash: str = Field(sa_type=String(64), primary_key=True)
    purpose: str = Field(sa_type=String(16))
    email: str = Field(sa_type=String(254), index=True)
    user_id: int | None = Field(default=None, foreign_key="users.id", index=True, ondelete="CASCADE")
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = utc_datetime()
    expires_at: datetime = utc_datetime()
    used_at: datetime | None = utc_datetime(nullable=True)


class Address(SQLModel, table=True):
    __tablename__ = "addresses"
    __table_args__ = (UniqueConstraint("user_id", "label", name="uq_addresses_user_label"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    label: str = Field(default="Home", sa_type=String(40))
    full_name: str = Field(sa_type=String(120))
    line1: str = Field(sa_type=String(200))
    line2: str | None = short_str(200, nullable=True)
    city: str = Field(sa_type=String(120))
    region: str | None = short_str(120, nullable=True)
    postal_code: str | None = short_str(20, nullable=True)
    country: str = Field(sa_type=String(2))
    phone: str | None = short_str(32, nullable=True)
    is_default: bool = False

"""Vendor tables: the third-party sellers and the users who act for them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.models._types import short_str, utc_datetime


class VendorStatus(StrEnum):
    PENDING = "pending"  # applied; not selling until staff approve
    APPROVED = "approved"  # selling
    SUSPENDED = "suspended"  # temporarily not selling (reason required); can be reinstated
    TERMINATED = "terminated"  # permanently closed (reason required)


class Vendor(SQLModel, table=True):
    __tablename__ = "vendors"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(sa_type=String(80), unique=True, index=True)
    display_name: str = Field(sa_type=String(120))
    legal_name: str = Field(sa_type=String(200))
    country: str = Field(sa_type=String(2), index=True)
    city: str = Field(default="", sa_type=String(120))
    # where parcels leave from (the sender on labels and customs forms); "" until the seller fills it in
    street_address: str = Field(default="", sa_type=String(300))
    postal_code: str = Field(default="", sa_type=String(20))
    region: str = Field(default="", sa_type=String(120))
    phone: str = Field(default="", sa_type=String(40))
    eori_number: str = Field(default="", sa_type=String(20))  # printed on customs forms when set
    vat_number: str = Field(default="", sa_type=String(20))
    return_window_days: int = Field(default=14, ge=14, le=365)  # never below the EU's 14-day withdrawal right
    currency: str = Field(sa_type=String(3))
    description: str = Field(default="", sa_type=Text)
    status: str = Field(default=VendorStatus.PENDING, sa_type=String(16), index=True)
    status_reason: str | None = short_str(500, nullable=True)
    commission_bps: int | None = Field(default=None, ge=0, le=10_000)  # override; None = platform default
    response_hours: int = 24
    # Stripe Connect account the vendor's payouts are transferred to (acct_...); None until connected
    stripe_account_id: str | None = short_str(64, nullable=True)
    created_at: datetime = utc_datetime()
    # sign-up and verification (vendors/onboarding.py)
    ioss_number: str = Field(default="", sa_type=String(12))  # IM + 10 digits, when the seller has one
    tax_id_scheme: str = Field(default="", sa_type=String(16))  # vendors/tax_ids.py scheme vat_number passed
    tax_id_checked_at: datetime | None = utc_datetime(nullable=True)  # when that check passed
    # where returns go: the ship-from address (return_same=True) or this one
    return_same: bool = True
    return_name: str = Field(default="", sa_type=String(120))
    return_street_address: str = Field(default="", sa_type=String(300))
    return_postal_code: str = Field(default="", sa_type=String(20))
    return_city: str = Field(default="", sa_type=String(120))
    return_region: str = Field(default="", sa_type=String(120))
    return_country: str = Field(default="", sa_type=String(2))
    # the bank account embedded payouts go to (vendors/payout_accounts.py); "" until given
    payout_method: str = Field(default="", sa_type=String(16))  # iban | us_ach | au_bsb | jp_zengin | ca_eft
    payout_holder: str = Field(default="", sa_type=String(120))
    payout_account: str = Field(default="", sa_type=String(34))  # the IBAN or the account number
    payout_routing: str = Field(default="", sa_type=String(20))  # routing / BSB / bank-branch / institution-transit
    payout_bic: str = Field(default="", sa_type=String(11))
    # a Stripe Connect Express account opened for onboarding, until Stripe says its details are submitted
    stripe_onboarding_account: str | None = short_str(64, nullable=True)
    submitted_at: datetime | None = utc_datetime(nullable=True)  # when the owner applied


class VendorTranslation(SQLModel, table=True):
    __tablename__ = "vendor_translations"
    __table_args__ = (UniqueConstraint("vendor_id", "lang", name="uq_vendor_translations_vendor_lang"),)

    id: int | None = Field(default=None, primary_key=True)
    vendor_id: int = Field(foreign_key="vendors.id", index=True, ondelete="CASCADE")
    lang: str = Field(sa_type=String(8))
    description: str = Field(sa_type=Text)


class VendorMember(SQLModel, table=True):
    """A user who acts for a vendor. A seller user belongs to exactly one vendor."""

    __tablename__ = "vendor_members"

    id: int | None = Field(default=None, primary_key=True)
    vendor_id: int = Field(foreign_key="vendors.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="users.id", unique=True, ondelete="CASCADE")
    role: str = Field(default="owner", sa_type=String(16))

"""Cart and order tables. Order lines freeze prices, duty, tax and the FX rate at placement.

An order group is one checkout; it splits into one vendor order per vendor (one parcel each).
Status enums live in ``marketplace.orders`` (the one module that owns transitions); here they are strings.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.models._types import ExactDecimal, currency, money_minor, short_str, utc_datetime


class Cart(SQLModel, table=True):
    """A guest cart (``token`` from a cookie) or a signed-in shopper's cart (``user_id``)."""

    __tablename__ = "carts"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str | None = Field(default=None, sa_type=String(64), unique=True, index=True)
    user_id: int | None = Field(default=None, foreign_key="users.id", unique=True, ondelete="CASCADE")
    created_at: datetime = utc_datetime()
    updated_at: datetime = utc_datetime()


class CartLine(SQLModel, table=True):
    __tablename__ = "cart_lines"
    __table_args__ = (
        UniqueConstraint("cart_id", "variant_id", name="uq_cart_lines_cart_variant"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    cart_id: int = Field(foreign_key="carts.id", index=True, ondelete="CASCADE")
    variant_id: int = Field(foreign_key="variants.id", index=True, ondelete="CASCADE")
    quantity: int = Field(gt=0)
    saved_for_later: bool = False
    added_at: datetime = utc_datetime()


class OrderGroup(SQLModel, table=True):
    """One checkout by one shopper, in the shopper's currency, with the FX rate used and its provenance."""

    __tablename__ = "order_groups"

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(sa_type=String(20), unique=True, index=True)
    user_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    email: str = Field(sa_type=String(254))
    ship_to_country: str = Field(sa_type=String(2))
    goods_minor: int = money_minor()
    goods_currency: str = currency()
    shipping_minor: int = money_minor()
    shipping_currency: str = currency()
    duty_minor: int = money_minor()
    duty_currency: str = currency()
    tax_minor: int = money_minor()
    tax_currency: str = currency()
    fees_minor: int = money_minor()
    fees_currency: str = currency()
    total_minor: int = money_minor()
    total_currency: str = currency()
    fx_source: str = Field(default="", sa_type=String(120))
    fx_as_of: date | None = Field(default=None, sa_type=Date)
    status: str = Field(default="placed", sa_type=String(20), index=True)
    # where it goes (validated by accounts.address_format: PostalAddress.as_dict()) and the shopper's language
    delivery_address: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    phone: str = Field(default="", sa_type=String(32))
    lang: str = Field(default="en", sa_type=String(8))
    created_at: datetime = utc_datetime(index=True)


class VendorOrder(SQLModel, table=True):
    __tablename__ = "vendor_orders"

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="order_groups.id", index=True)
    vendor_id: int = Field(foreign_key="vendors.id", index=True)
    number: str = Field(sa_type=String(24), unique=True, index=True)
    status: str = Field(default="placed", sa_type=String(20), index=True)
    payment_status: str = Field(default="pending", sa_type=String(20), index=True)
    fulfilment_status: str = Field(default="unfulfilled", sa_type=String(20), index=True)
    incoterm: str = Field(default="DDP", sa_type=String(3))  # DDP: duties paid at checkout; DAP: on delivery
    goods_minor: int = money_minor()
    goods_currency: str = currency()
    shipping_minor: int = money_minor()
    shipping_currency: str = currency()
    duty_minor: int = money_minor()
    duty_currency: str = currency()
    tax_minor: int = money_minor()
    tax_currency: str = currency()
    total_minor: int = money_minor()
    total_currency: str = currency()
    created_at: datetime = utc_datetime(index=True)


class OrderLine(SQLModel, table=True):
    __tablename__ = "order_lines"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: int | None = Field(default=None, primary_key=True)
    vendor_order_id: int = Field(foreign_key="vendor_orders.id", index=True)
    variant_id: int | None = Field(default=None, foreign_key="variants.id", ondelete="SET NULL")
    product_name: str = Field(sa_type=String(200))
    variant_label: str = Field(default="", sa_type=String(200))
    sku: str = Field(sa_type=String(64))
    quantity: int = Field(gt=0)
    hs_code: str = Field(sa_type=String(10))
    origin_country: str = Field(sa_type=String(2))
    # the seller's own price, as listed
    vendor_unit_price_minor: int = money_minor()
    vendor_unit_price_currency: str = currency()
    # the shopper's price after conversion, frozen: this is what was charged
    unit_price_minor: int = money_minor()
    unit_price_currency: str = currency()
    duty_minor: int = money_minor()
    duty_currency: str = currency()
    tax_minor: int = money_minor()
    tax_currency: str = currency()
    fx_rate: Decimal = Field(default=Decimal(1), sa_type=ExactDecimal)
    fx_source: str = Field(default="", sa_type=String(120))


class OrderEvent(SQLModel, table=True):
    """Every status transition: who, when, from what to what, and why."""

    __tablename__ = "order_events"

    id: int | None = Field(default=None, primary_key=True)
    vendor_order_id: int = Field(foreign_key="vendor_orders.id", index=True)
    actor_user_id: int | None = Field(default=None, foreign_key="users.id")
    kind: str = Field(sa_type=String(20))  # status | payment | fulfilment
    from_status: str | None = short_str(20, nullable=True)
    to_status: str = Field(sa_type=String(20))
    reason: str | None = short_str(500, nullable=True)
    at: datetime = utc_datetime()


class StockReservation(SQLModel, table=True):
    """Units held for a checkout while payment runs: ``held`` until committed (paid) or released (failed or
    expired). Stock on the variant is decremented when a hold is taken, and given back on release."""

    __tablename__ = "stock_reservations"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: int | None = Field(default=None, primary_key=True)
    variant_id: int = Field(foreign_key="variants.id", index=True)
    checkout_id: str = Field(sa_type=String(40), index=True)
    quantity: int = Field(gt=0)
    status: str = Field(default="held", sa_type=String(12), index=True)  # held | committed | released
    expires_at: datetime = utc_datetime(index=True)
    created_at: datetime = utc_datetime()
    cart_id: int | None = Field(default=None, index=True)  # the cart whose checkout holds the units
    client: str | None = Field(default=None, sa_type=String(64), index=True)  # hash of the client address


class CheckoutSession(SQLModel, table=True):
    """A priced checkout: the frozen quote a shopper saw (lines, parcels, landed cost, FX), valid 15 minutes."""

    __tablename__ = "checkout_sessions"

    id: str = Field(sa_type=String(40), primary_key=True)
    user_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    cart_id: int | None = Field(default=None, foreign_key="carts.id", ondelete="SET NULL")
    email: str = Field(default="", sa_type=String(254))
    ship_to_country: str = Field(sa_type=String(2))
    quote: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    total_minor: int = money_minor()
    total_currency: str = currency()
    status: str = Field(default="open", sa_type=String(12), index=True)  # open | placed | expired
    order_group_id: int | None = Field(default=None, foreign_key="order_groups.id")
    delivery_address: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    phone: str = Field(default="", sa_type=String(32))
    lang: str = Field(default="en", sa_type=String(8))
    expires_at: datetime = utc_datetime(index=True)
    created_at: datetime = utc_datetime()

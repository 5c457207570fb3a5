"""Catalogue tables: category tree, products, their translations, variants (the sellable unit) and images.

A variant carries what cross-border needs: price (minor units + ISO currency), stock, weight in grams,
dimensions in millimetres, the 6-to-10-digit HS code and the country of origin.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.models._types import currency, money_minor, utc_datetime


class ProductStatus(StrEnum):
    DRAFT = "draft"  # the seller is still editing; not listed
    ACTIVE = "active"  # listed in the storefront
    HIDDEN = "hidden"  # taken down by the seller
    BLOCKED = "blocked"  # taken down by staff moderation


class Category(SQLModel, table=True):
    __tablename__ = "categories"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(sa_type=String(80), unique=True, index=True)
    name: str = Field(sa_type=String(120))
    parent_id: int | None = Field(default=None, foreign_key="categories.id", index=True)
    color: str = Field(default="#0d9488", sa_type=String(7))
    position: int = 0


class CategoryTranslation(SQLModel, table=True):
    __tablename__ = "category_translations"
    __table_args__ = (UniqueConstraint("category_id", "lang", name="uq_category_translations_category_lang"),)

    id: int | None = Field(default=None, primary_key=True)
    category_id: int = Field(foreign_key="categories.id", index=True, ondelete="CASCADE")
    lang: str = Field(sa_type=String(8))
    name: str = Field(sa_type=String(120))


class Product(SQLModel, table=True):
    __tablename__ = "products"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(sa_type=String(160), unique=True, index=True)
    vendor_id: int = Field(foreign_key="vendors.id", index=True)
    category_id: int = Field(foreign_key="categories.id", index=True)
    name: str = Field(sa_type=String(200))
    description: str = Field(default="", sa_type=Text)
    status: str = Field(default=ProductStatus.ACTIVE, sa_type=String(16), index=True)
    featured: bool = Field(default=False, index=True)
    rating_x10: int = Field(default=0, ge=0, le=50)  # average stars x 10, 0 = no reviews
    review_count: int = Field(default=0, ge=0)
    created_at: datetime = utc_datetime(index=True)


class ProductTranslation(SQLModel, table=True):
    __tablename__ = "product_translations"
    __table_args__ = (UniqueConstraint("product_id", "lang", name="uq_product_translations_product_lang"),)

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="products.id", index=True, ondelete="CASCADE")
    lang: str = Field(sa_type=String(8))
    name: str = Field(sa_type=String(200))
    description: str = Field(default="", sa_type=Text)


class Variant(SQLModel, table=True):
    __tablename__ = "variants"
    __table_args__ = (
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint("price_minor >= 0", name="price_not_negative"),
        CheckConstraint("weight_g > 0", name="weight_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="products.id", index=True, ondelete="CASCADE")
    sku: str = Field(sa_type=String(64), unique=True, index=True)
    # [[option name, value], ...] in English, and {"de": [[name, value], ...]} for translations
    options: list[Any] = Field(default_factory=list, sa_type=JSON)
    options_i18n: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    price_minor: int = money_minor()
    price_currency: str = currency()
    compare_at_minor: int | None = money_minor(nullable=True)
    compare_at_currency: str | None = currency(nullable=True)
    stock: int = Field(default=0, ge=0)
    # the seller is warned (stock page, overview, one e-mail) when a sale leaves stock at or below this;
    # low_stock_alerted is set by that e-mail and cleared when stock rises above the threshold again
    low_stock_threshold: int = Field(default=5, ge=0, sa_column_kwargs={"server_default": "5"})
    low_stock_alerted: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    weight_g: int = Field(gt=0)
    length_mm: int = Field(default=0, ge=0)
    width_mm: int = Field(default=0, ge=0)
    height_mm: int = Field(default=0, ge=0)
    hs_code: str = Field(sa_type=String(10), index=True)
    origin_country: str = Field(sa_type=String(2))
    position: int = 0


class ProductImage(SQLModel, table=True):
    __tablename__ = "product_images"

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="products.id", index=True, ondelete="CASCADE")
    # paths relative to the upload directory; one image in two renditions
    thumb_path: str = Field(sa_type=String(300))
    full_path: str = Field(sa_type=String(300))
    alt: str = Field(default="", sa_type=String(300))
    position: int = 0
    created_at: datetime = utc_datetime()

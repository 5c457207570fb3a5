"""Builders that make valid rows in one call; tests state only what matters to them."""

from __future__ import annotations

import itertools

from sqlmodel import Session

from marketplace.accounts.passwords import hash_password
from marketplace.models import (
    Category,
    Product,
    ProductStatus,
    Role,
    User,
    Variant,
    Vendor,
    VendorMember,
    VendorStatus,
)

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery"
_HASH = hash_password(PASSWORD)  # hashing is slow on purpose; reuse one hash


def user(session: Session, role: Role = Role.SHOPPER, email: str | None = None, vendor: Vendor | None = None,
         member_role: str = "owner", staff_role: str | None = None) -> User:
    """A user; a staff user is a moderator unless ``staff_role`` names another staff role."""
    n = next(_seq)
    row = User(email=email or f"user{n}@example.com", password_hash=_HASH, display_name=f"User {n}", role=role,
                staff_role=staff_role or ("moderator" if role == Role.STAFF else None))
    session.add(row)
    session.flush()
    if vendor is not None:
        session.add(VendorMember(vendor_id=vendor.id, user_id=row.id, role=member_role))
        session.flush()
    return row


def vendor(session: Session, status: VendorStatus = VendorStatus.APPROVED, country: str = "JP",
           currency: str = "JPY") -> Vendor:
    n = next(_seq)
    row = Vendor(slug=f"vendor-{n}", display_name=f"Vendor {n}", legal_name=f"Vendor {n} Ltd", country=country,
                 city="Kyoto", street_address="1-1 Kiyomizu, Higashiyama-ku, Kyoto-shi", postal_code="605-0862",
                 region="Kyoto", phone="+81 75 000 0000", currency=currency, status=status)
    session.add(row)
    session.flush()
    return row


def category(session: Session, slug: str | None = None, parent: Category | None = None) -> Category:
    n = next(_seq)
    row = Category(slug=slug or f"cat-{n}", name=f"Category {n}", parent_id=parent.id if parent else None)
    session.add(row)
    session.flush()
    return row


def product(session: Session, vendor_row: Vendor, category_row: Category, *, price_minor: int = 3200,
            currency: str | None = None, stock: int = 10, status: ProductStatus = ProductStatus.ACTIVE,
            name: str | None = None, variants: int = 1) -> Product:
    n = next(_seq)
    row = Product(slug=f"product-{n}", vendor_id=vendor_row.id, category_id=category_row.id,
                  name=name or f"Product {n}", description="A fine thing.", status=status)
    session.add(row)
    session.flush()
    for i in range(variants):
        session.add(Variant(product_id=row.id, sku=f"SKU-{n}-{i}", options=[["Size", f"S{i}"]],
                            price_minor=price_minor + i * 100, price_currency=currency or vendor_row.currency,
                            stock=stock, weight_g=250, length_mm=100, width_mm=100, height_mm=50,
                            hs_code="691200", origin_country=vendor_row.country, position=i))
    session.flush()
    return row

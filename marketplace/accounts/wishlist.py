"""The shopper's wishlist: products saved with the heart button.

Contract:
- Every function takes the shopper's user id, derived by the caller from the server-side session, and only
  ever reads or changes that shopper's rows.
- Only listed products (active, of an approved seller) can be added; a product taken down later stays on
  the list but is left out of ``product_ids`` until it is listed again.
- At most ``MAX_ITEMS`` rows per shopper; adding beyond that raises :class:`ValidationError`.
- ``add`` and ``remove`` are idempotent: they return whether anything changed. Bad ids raise
  :class:`NotFound` and change nothing.
"""

from __future__ import annotations

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.text import positive_id
from marketplace.models import Product, ProductStatus, Variant, Vendor, VendorStatus, WishlistItem

MAX_ITEMS = 500
_NOT_FOUND = "We couldn't find that product."


def _listed(session: Session, product_id: int) -> bool:
    return session.exec(
        select(Product.id).join(Vendor, Vendor.id == Product.vendor_id)
        .where(Product.id == product_id, Product.status == ProductStatus.ACTIVE,
               Vendor.status == VendorStatus.APPROVED)).first() is not None


def product_id_for_slug(session: Session, slug: object) -> int:
    """The id of the listed product with this slug (what the product page knows), or :class:`NotFound`."""
    if not isinstance(slug, str) or not slug or len(slug) > 160:
        raise NotFound(_NOT_FOUND, code=AccountErrorCode.WISHLIST_PRODUCT_NOT_FOUND)
    product_id = session.exec(
        select(Product.id).join(Vendor, Vendor.id == Product.vendor_id)
        .where(Product.slug == slug, Product.status == ProductStatus.ACTIVE,
               Vendor.status == VendorStatus.APPROVED)).first()
    if product_id is None:
        raise NotFound(_NOT_FOUND, code=AccountErrorCode.WISHLIST_PRODUCT_NOT_FOUND)
    return product_id


def contains(session: Session, user_id: int, product_id: object) -> bool:
    pid = positive_id(product_id)
    return pid is not None and session.exec(select(WishlistItem.id).where(
        WishlistItem.user_id == user_id, WishlistItem.product_id == pid)).first() is not None


def count(session: Session, user_id: int) -> int:
    return session.exec(select(func.count()).select_from(WishlistItem).where(WishlistItem.user_id == user_id)).one()


def add(session: Session, user_id: int, product_id: object) -> bool:
    """Save a listed product; False when it was already saved."""
    pid = positive_id(product_id)
    if pid is None or not _listed(session, pid):
        raise NotFound(_NOT_FOUND, code=AccountErrorCode.WISHLIST_PRODUCT_NOT_FOUND)
    if contains(session, user_id, pid):
        return False
    if count(session, user_id) >= MAX_ITEMS:
        raise ValidationError("Your wishlist is full: it holds at most %(max)s items. Remove some first.",
                              code=AccountErrorCode.WISHLIST_FULL, max=MAX_ITEMS)
    try:
        with session.begin_nested():  # a double tap racing on PostgreSQL meets the unique pair
            session.add(WishlistItem(user_id=user_id, product_id=pid))
            session.flush()
    except IntegrityError:
        return False
    return True


def remove(session: Session, user_id: int, product_id: object) -> bool:
    """Forget a saved product; False when it was not saved."""
    pid = positive_id(product_id)
    if pid is None:
        raise NotFound(_NOT_FOUND, code=AccountErrorCode.WISHLIST_PRODUCT_NOT_FOUND)
    result = session.exec(delete(WishlistItem).where(WishlistItem.user_id == user_id,
                                                     WishlistItem.product_id == pid))
    return bool(result.rowcount)


def product_ids(session: Session, user_id: int) -> list[int]:
    """The shopper's saved products that are listed now, most recently saved first."""
    return list(session.exec(
        select(WishlistItem.product_id)
        .join(Product, Product.id == WishlistItem.product_id).join(Vendor, Vendor.id == Product.vendor_id)
        .where(WishlistItem.user_id == user_id, Product.status == ProductStatus.ACTIVE,
               Vendor.status == VendorStatus.APPROVED)
        .order_by(WishlistItem.added_at.desc(), WishlistItem.id.desc())).all())


def quick_add_variants(session: Session, product_ids: list[int]) -> dict[int, int]:
    """product id -> its variant, for products that have exactly one variant in stock to add straight to the
    cart; products with a choice to make (several variants) or nothing in stock are left out."""
    if not product_ids:
        return {}
    rows = session.exec(select(Variant.product_id, Variant.id, Variant.stock)
                        .where(Variant.product_id.in_(product_ids))).all()
    variants: dict[int, list[tuple[int, int]]] = {}
    for product_id, variant_id, stock in rows:
        variants.setdefault(product_id, []).append((variant_id, stock))
    return {pid: vs[0][0] for pid, vs in variants.items() if len(vs) == 1 and vs[0][1] > 0}

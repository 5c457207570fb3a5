"""What a seller does with their own shop: the dashboard, their products, and listing or hiding a product.

Contract:
- Every function takes the :class:`Caller` resolved from the server-side session and acts only for the
  caller's own vendor (:func:`marketplace.accounts.guards.require_vendor`).
- ``seller_dashboard`` / ``seller_products`` / ``seller_product`` return only the caller's own vendor's
  data; asking for another vendor's product raises :class:`PermissionDenied` (and is audited).
- ``set_listing_visibility`` lets a seller hide or re-list their own product; it changes nothing for any
  other product, nor for one staff blocked, nor for a product missing what ``catalog.publish_rules`` requires
  (listing only), nor while the seller's shop is not approved (pending, suspended or terminated shops cannot
  change listings: :func:`listing_lock` names why, for the screen too; the policy per status is
  :mod:`marketplace.vendors.shop_status`).
- What staff do with vendors lives in :mod:`marketplace.vendors.moderation`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.accounts import audit
from marketplace.accounts.guards import require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.catalog.editor import facts_of
from marketplace.catalog.publish_rules import publish_problems
from marketplace.catalog.queries import thumbnails
from marketplace.core.errors import NotFound, PermissionDenied, ValidationError
from marketplace.core.money import Money
from marketplace.models import Product, ProductStatus, Variant, Vendor
from marketplace.vendors import shop_status
from marketplace.vendors.error_codes import VendorErrorCode
from marketplace.vendors.shop_status import ShopAction

# why a shop that is not approved cannot change its listings (kept under its old name; shop_status owns it)
LISTING_LOCKS = shop_status.PUBLISH_REFUSALS

@dataclass(frozen=True)
class SellerProductRow:
    id: int
    slug: str
    name: str
    status: str
    variant_count: int
    stock: int
    price_from: Money
    hs_code: str
    origin_country: str
    image_path: str | None


@dataclass(frozen=True)
class SellerDashboard:
    vendor_id: int
    vendor_name: str
    vendor_status: str
    country: str
    currency: str
    active_products: int
    hidden_products: int
    units_in_stock: int
    sold_out_variants: int


def seller_dashboard(session: Session, caller: Caller | None) -> SellerDashboard:
    _, vendor_id = require_vendor(caller, Capability.CATALOGUE)
    vendor = session.get(Vendor, vendor_id)
    if vendor is None:
        raise NotFound("We couldn't find your shop.", code=VendorErrorCode.SHOP_NOT_FOUND)
    counts = dict(session.exec(select(Product.status, func.count()).where(Product.vendor_id == vendor_id)
                               .group_by(Product.status)).all())
    stocks = session.exec(select(Variant.stock).join(Product, Product.id == Variant.product_id)
                          .where(Product.vendor_id == vendor_id)).all()
    units, sold_out = sum(stocks), sum(1 for s in stocks if s == 0)
    return SellerDashboard(vendor_id=vendor.id, vendor_name=vendor.display_name, vendor_status=vendor.status,
                           country=vendor.country, currency=vendor.currency,
                           active_products=counts.get(ProductStatus.ACTIVE, 0),
                           hidden_products=counts.get(ProductStatus.HIDDEN, 0),
                           units_in_stock=int(units), sold_out_variants=int(sold_out))


def _rows(session: Session, products: list[Product]) -> list[SellerProductRow]:
    ids = [p.id for p in products]
    by_product: dict[int, list[Variant]] = {i: [] for i in ids}
    for v in session.exec(select(Variant).where(Variant.product_id.in_(ids))).all():
        by_product[v.product_id].append(v)
    images = thumbnails(session, ids)
    rows = []
    for p in products:
        vs = by_product[p.id]
        if not vs:
            continue
        cheapest = min(vs, key=lambda v: v.price_minor)
        rows.append(SellerProductRow(
            id=p.id, slug=p.slug, name=p.name, status=p.status, variant_count=len(vs),
            stock=sum(v.stock for v in vs), price_from=Money(cheapest.price_minor, cheapest.price_currency),
            hs_code=cheapest.hs_code, origin_country=cheapest.origin_country, image_path=images.get(p.id)))
    return rows


def seller_products(session: Session, caller: Caller | None, query: object = "", limit: int = 200) -> list[SellerProductRow]:
    _, vendor_id = require_vendor(caller, Capability.CATALOGUE)
    if not isinstance(query, str) or len(query) > 100:
        raise ValidationError("Search text is too long.", code=VendorErrorCode.SELLER_SEARCH_TOO_LONG, field="query")
    stmt = select(Product).where(Product.vendor_id == vendor_id)
    if query.strip():
        stmt = stmt.where(func.lower(Product.name).like(f"%{query.strip().lower()}%"))
    products = list(session.exec(stmt.order_by(Product.name).limit(max(1, min(limit, 500)))).all())
    return _rows(session, products)


def _own_product(session: Session, caller: Caller | None, product_id: object) -> tuple[Caller, Product]:
    caller, vendor_id = require_vendor(caller, Capability.CATALOGUE)
    if isinstance(product_id, bool) or not isinstance(product_id, int) or product_id < 1:
        raise NotFound("We couldn't find that product.", code=VendorErrorCode.SELLER_PRODUCT_NOT_FOUND)
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound("We couldn't find that product.", code=VendorErrorCode.SELLER_PRODUCT_NOT_FOUND)
    if product.vendor_id != vendor_id:
        audit.record(session, "seller.denied", actor_user_id=caller.user_id, entity_type="product",
                     entity_id=product_id)
        session.commit()  # the refusal is audited even though we raise
        raise PermissionDenied("This product belongs to another seller.", code=VendorErrorCode.PRODUCT_OF_OTHER_SELLER)
    return caller, product


def seller_product(session: Session, caller: Caller | None, product_id: object) -> SellerProductRow:
    _, product = _own_product(session, caller, product_id)
    return _rows(session, [product])[0]


def listing_lock(status: str) -> str | None:
    """The message id saying why a shop in ``status`` cannot change listings; None when it can (approved).
    An unknown status is locked too (fail closed). The policy is :mod:`marketplace.vendors.shop_status`'s."""
    return shop_status.refusal(status, ShopAction.PUBLISH)


def _require_open_shop(session: Session, vendor_id: int) -> None:
    vendor = session.get(Vendor, vendor_id)
    lock = listing_lock(vendor.status if vendor else "")
    if lock:
        raise PermissionDenied(lock, code=VendorErrorCode.SHOP_LOCKED)


def set_listing_visibility(session: Session, caller: Caller | None, product_id: object, visible: object) -> str:
    if not isinstance(visible, bool):
        raise ValidationError("Choose whether the product is listed or hidden.", code=VendorErrorCode.VISIBILITY_INVALID,
                              field="visible")
    caller, product = _own_product(session, caller, product_id)
    _require_open_shop(session, product.vendor_id)
    if product.status == ProductStatus.BLOCKED:
        raise PermissionDenied("Staff have blocked this product; contact support to re-list it.",
                               code=VendorErrorCode.PRODUCT_BLOCKED)
    if visible and product.status != ProductStatus.ACTIVE:  # a draft or a hidden product lists only when complete
        variants = session.exec(select(Variant).where(Variant.product_id == product.id)).all()
        if problems := publish_problems(facts_of(variants)):
            raise ValidationError(problems[0].message, code=VendorErrorCode.NOT_PUBLISHABLE, field=problems[0].field,
                                  **problems[0].params)
    new_status = ProductStatus.ACTIVE if visible else ProductStatus.HIDDEN
    if product.status != new_status:
        old = product.status
        product.status = new_status
        session.add(product)
        audit.record(session, "product.visibility", actor_user_id=caller.user_id, entity_type="product",
                     entity_id=product.id, old=old, new=new_status)
    return new_status

"""Catalogue reads for the storefront and the seller portal: categories, product cards, product pages.
(Search, facets and the filtered listings live in :mod:`marketplace.catalog.search`.)

Contract: every function takes a Session and a language code, returns the read models of
:mod:`marketplace.catalog.views` with text in that language (falling back to English), and lists only
active products of approved vendors unless the function says otherwise (``seller_products``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.catalog.views import CategoryView, ProductCard, ProductDetail, VariantView
from marketplace.core.errors import NotFound
from marketplace.core.money import Money
from marketplace.models import (
    Category,
    CategoryTranslation,
    Product,
    ProductImage,
    ProductStatus,
    ProductTranslation,
    Variant,
    Vendor,
    VendorStatus,
)


def _listed():
    return (Product.status == ProductStatus.ACTIVE, Vendor.status == VendorStatus.APPROVED)


def _category_names(session: Session, lang: str) -> dict[int, str]:
    if lang == "en":
        return {}
    rows = session.exec(select(CategoryTranslation).where(CategoryTranslation.lang == lang)).all()
    return {r.category_id: r.name for r in rows}


def categories(session: Session, lang: str, top_level_only: bool = True) -> list[CategoryView]:
    names = _category_names(session, lang)
    cats = session.exec(select(Category).order_by(Category.position, Category.name)).all()
    by_id = {c.id: c for c in cats}
    counts = dict(session.exec(
        select(Product.category_id, func.count()).join(Vendor, Vendor.id == Product.vendor_id)
        .where(*_listed()).group_by(Product.category_id)).all())
    totals: dict[int, int] = defaultdict(int)
    for cat_id, n in counts.items():
        totals[cat_id] += n
        parent = by_id[cat_id].parent_id if cat_id in by_id else None
        while parent is not None:
            totals[parent] += n
            parent = by_id[parent].parent_id
    return [
        CategoryView(id=c.id, slug=c.slug, name=names.get(c.id, c.name), color=c.color,
                     product_count=totals[c.id],
                     parent_slug=by_id[c.parent_id].slug if c.parent_id else None)
        for c in cats if not (top_level_only and c.parent_id is not None)
    ]


def translated_names(session: Session, product_ids: Sequence[int], lang: str) -> dict[int, tuple[str, str]]:
    if lang == "en" or not product_ids:
        return {}
    rows = session.exec(select(ProductTranslation).where(
        ProductTranslation.lang == lang, ProductTranslation.product_id.in_(product_ids))).all()
    return {r.product_id: (r.name, r.description) for r in rows}


def thumbnails(session: Session, product_ids: Sequence[int]) -> dict[int, str]:
    """The first image's thumbnail path of each product (relative to the upload directory)."""
    images: dict[int, str] = {}
    if product_ids:
        for img in session.exec(select(ProductImage).where(ProductImage.product_id.in_(product_ids))
                                .order_by(ProductImage.position, ProductImage.id)).all():
            images.setdefault(img.product_id, img.thumb_path)
    return images


def _cards(session: Session, products: Iterable[tuple[Product, Vendor]], lang: str) -> list[ProductCard]:
    pairs = list(products)
    ids = [p.id for p, _ in pairs]
    if not ids:
        return []
    names = translated_names(session, ids, lang)
    variants: dict[int, list[Variant]] = defaultdict(list)
    for v in session.exec(select(Variant).where(Variant.product_id.in_(ids))).all():
        variants[v.product_id].append(v)
    images = thumbnails(session, ids)
    cards = []
    for product, vendor in pairs:
        vs = variants.get(product.id, [])
        if not vs:
            continue
        in_stock = [v for v in vs if v.stock > 0]
        cheapest = min(in_stock or vs, key=lambda v: v.price_minor)
        cards.append(ProductCard(
            id=product.id, slug=product.slug, name=names.get(product.id, (product.name,))[0],
            price=Money(cheapest.price_minor, cheapest.price_currency),
            compare_at=Money(cheapest.compare_at_minor, cheapest.compare_at_currency)
            if cheapest.compare_at_minor and cheapest.compare_at_currency else None,
            rating_x10=product.rating_x10, review_count=product.review_count,
            vendor_name=vendor.display_name, vendor_country=vendor.country,
            image_path=images.get(product.id), in_stock=bool(in_stock),
            variant_id=cheapest.id, hs_code=cheapest.hs_code, origin_country=cheapest.origin_country,
            weight_g=cheapest.weight_g, category_id=product.category_id, name_en=product.name))
    return cards


def shop_stats(session: Session) -> tuple[int, int, int]:
    """(approved shops, their countries, listed products) for the storefront's welcome."""
    vendors = session.exec(select(Vendor.country).where(Vendor.status == VendorStatus.APPROVED)).all()
    products = session.exec(select(func.count()).select_from(Product).join(Vendor, Vendor.id == Product.vendor_id)
                            .where(*_listed())).one()
    return len(vendors), len(set(vendors)), products


def featured(session: Session, lang: str, limit: int = 12) -> list[ProductCard]:
    rows = session.exec(
        select(Product, Vendor).join(Vendor, Vendor.id == Product.vendor_id)
        .where(*_listed(), Product.featured.is_(True))
        .order_by(Product.rating_x10.desc(), Product.id).limit(limit)).all()
    return _cards(session, rows, lang)


def _options(variant: Variant, lang: str) -> list:
    return (variant.options_i18n.get(lang) if lang != "en" else None) or variant.options


def variant_label(variant: Variant, lang: str) -> str:
    """The variant's option values in ``lang``: "Indigo · M"."""
    return " · ".join(str(value) for _, value in _options(variant, lang))


def option_names(variant: Variant, lang: str) -> str:
    """The names of the options a variant is chosen by, in ``lang``: "Colour · Size"."""
    return " · ".join(str(name) for name, _ in _options(variant, lang))


def product_detail(session: Session, slug: object, lang: str) -> ProductDetail:
    if not isinstance(slug, str) or not slug or len(slug) > 160:
        raise NotFound("We couldn't find that product.", code=CatalogErrorCode.PRODUCT_NOT_FOUND)
    row = session.exec(select(Product, Vendor).join(Vendor, Vendor.id == Product.vendor_id)
                       .where(Product.slug == slug, *_listed())).first()
    if row is None:
        raise NotFound("We couldn't find that product.", code=CatalogErrorCode.PRODUCT_NOT_FOUND)
    product, vendor = row
    name, description = translated_names(session, [product.id], lang).get(product.id, (product.name, product.description))
    category = next(c for c in categories(session, lang, top_level_only=False) if c.id == product.category_id)
    variants = session.exec(select(Variant).where(Variant.product_id == product.id)
                            .order_by(Variant.position, Variant.id)).all()
    images = session.exec(select(ProductImage).where(ProductImage.product_id == product.id)
                          .order_by(ProductImage.position)).all()
    return ProductDetail(
        id=product.id, slug=product.slug, name=name, name_en=product.name, description=description, category=category,
        vendor_id=vendor.id, vendor_slug=vendor.slug, vendor_name=vendor.display_name,
        vendor_country=vendor.country, vendor_city=vendor.city, vendor_response_hours=vendor.response_hours,
        rating_x10=product.rating_x10, review_count=product.review_count,
        images=tuple((i.thumb_path, i.full_path, i.alt or name) for i in images),
        variants=tuple(_variant_view(v, lang) for v in variants))


def seller_variants(session: Session, product_id: int, lang: str) -> list[VariantView]:
    """Every variant of a product, listed or not (the caller has already checked ownership)."""
    variants = session.exec(select(Variant).where(Variant.product_id == product_id)
                            .order_by(Variant.position, Variant.id)).all()
    return [_variant_view(v, lang) for v in variants]


def _variant_view(v: Variant, lang: str) -> VariantView:
    return VariantView(
        id=v.id, sku=v.sku, label=variant_label(v, lang), price=Money(v.price_minor, v.price_currency),
        compare_at=Money(v.compare_at_minor, v.compare_at_currency)
        if v.compare_at_minor and v.compare_at_currency else None,
        stock=v.stock, weight_g=v.weight_g, dimensions_mm=(v.length_mm, v.width_mm, v.height_mm),
        hs_code=v.hs_code, origin_country=v.origin_country, option_names=option_names(v, lang))


def cards_by_ids(session: Session, product_ids: Sequence[int], lang: str) -> list[ProductCard]:
    """Cards of the listed products among ``product_ids``, in the order given (a wishlist's order)."""
    if not product_ids:
        return []
    rows = session.exec(select(Product, Vendor).join(Vendor, Vendor.id == Product.vendor_id)
                        .where(Product.id.in_(list(product_ids)), *_listed())).all()
    position = {pid: i for i, pid in enumerate(product_ids)}
    return _cards(session, sorted(rows, key=lambda row: position[row[0].id]), lang)

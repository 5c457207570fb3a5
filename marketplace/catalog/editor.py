"""The catalogue editor's work: create and edit a product with its variants, translations and cross-border
data, and publish it (draft -> listed). Who may do it is decided one layer up, in ``vendors/catalogue.py``
(the caller, their vendor, ownership, the shop's lock, the audit log): these functions receive the vendor and the
product already checked.

Contract:
- ``save_product(session, vendor, product, data)`` creates (``product`` None: a new DRAFT) or updates a product.
  Every variant goes through ``variant_rules.clean_variant`` (the one validator, shared with CSV import) in the
  vendor's currency; a variant error's ``field`` is ``variants.<index>.<field>``. SKUs are unique platform-wide
  (``SKU_TAKEN`` names the SKU). Existing variants are matched by id (ids of other products are refused); their
  stock is not touched here (stock has its own page). A new variant's stock is set by :func:`_initial_stock`, the
  one place the editor and the CSV import set stock (recorded in the stock history). A listed (ACTIVE) product must stay publishable; a
  staff-BLOCKED product stays blocked. Translations: one (name, description) per shipped language other than
  English; both blank removes it (shoppers then see the English text). Returns a :class:`Saved`.
- ``publish(session, product)`` lists a product: refused for a blocked product, and with ``NOT_PUBLISHABLE``
  (the first reason) while ``publish_rules.publish_problems`` lists any.
- ``publish_report`` returns the reasons and the restricted-goods screen per destination (``restriction_report``)
  so the page can show them before the seller presses Publish.
- ``suggest_hs(text)``: the engine's HS suggestions for a product name and description.
The search index follows products and translations by database triggers (``catalog/search_index.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from slugify import slugify
from sqlmodel import Session, select

from marketplace.catalog import restriction_report
from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.catalog.publish_rules import PublishFacts, VariantFacts, publish_problems
from marketplace.catalog.stock_history import StockReason, change_stock
from marketplace.catalog.variant_rules import CleanVariant, VariantFields, clean_texts, clean_variant
from marketplace.core.errors import NotFound, PermissionDenied, Problem, ValidationError
from marketplace.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from marketplace.core.money import Money
from marketplace.crossborder import hs
from marketplace.models import (
    Category,
    CategoryTranslation,
    Product,
    ProductStatus,
    ProductTranslation,
    Variant,
    Vendor,
)

MAX_VARIANTS = 50
MAX_SUGGEST_CHARS = 400


@dataclass(frozen=True)
class ProductInput:
    name: str
    description: str
    category_id: int
    translations: dict[str, tuple[str, str]] = field(default_factory=dict)  # lang -> (name, description)
    variants: tuple[tuple[int | None, VariantFields], ...] = ()  # (existing variant id or None, fields)


@dataclass(frozen=True)
class EditVariant:
    id: int
    fields: VariantFields


@dataclass(frozen=True)
class ProductEdit:
    id: int
    slug: str
    status: str
    name: str
    description: str
    category_id: int
    currency: str
    translations: dict[str, tuple[str, str]]
    variants: tuple[EditVariant, ...]


@dataclass(frozen=True)
class PublishReport:
    status: str
    problems: list[Problem]
    destinations: list[restriction_report.DestinationFinding]


@dataclass(frozen=True)
class Saved:
    product_id: int
    created: bool
    changed: tuple[str, ...]  # which of name, description, category changed
    variants: int


def editor_categories(session: Session, lang: str) -> list[tuple[int, str]]:
    """Every category as (id, "Parent › Child") in ``lang``, in tree order."""
    cats = session.exec(select(Category).order_by(Category.position, Category.name)).all()
    names = {} if lang == DEFAULT_LANGUAGE else {
        r.category_id: r.name for r in session.exec(select(CategoryTranslation).where(CategoryTranslation.lang == lang))}
    by_id = {c.id: c for c in cats}

    def path(c: Category) -> str:
        parts, seen = [], set()
        while c is not None and c.id not in seen:
            seen.add(c.id)
            parts.append(names.get(c.id, c.name))
            c = by_id.get(c.parent_id) if c.parent_id else None
        return " › ".join(reversed(parts))

    return sorted(((c.id, path(c)) for c in cats), key=lambda pair: pair[1].lower())


def _fields_of(v: Variant) -> VariantFields:
    opts = [(str(n), str(val)) for n, val in (v.options or [])][:2] + [("", "")] * 2
    money = lambda minor: "" if not minor else Money(minor, v.price_currency).amount_str()  # noqa: E731
    return VariantFields(
        sku=v.sku, option1_name=opts[0][0], option1_value=opts[0][1], option2_name=opts[1][0],
        option2_value=opts[1][1], price=money(v.price_minor), compare_at_price=money(v.compare_at_minor or 0),
        stock=str(v.stock), weight_g=str(v.weight_g), length_mm=str(v.length_mm), width_mm=str(v.width_mm),
        height_mm=str(v.height_mm), hs_code=v.hs_code, origin_country=v.origin_country)


def load_product(session: Session, vendor: Vendor, product: Product) -> ProductEdit:
    """The product as the editor shows it."""
    variants = session.exec(select(Variant).where(Variant.product_id == product.id)
                            .order_by(Variant.position, Variant.id)).all()
    translations = {t.lang: (t.name, t.description) for t in
                    session.exec(select(ProductTranslation).where(ProductTranslation.product_id == product.id))}
    return ProductEdit(id=product.id, slug=product.slug, status=product.status, name=product.name,
                       description=product.description, category_id=product.category_id, currency=vendor.currency,
                       translations=translations, variants=tuple(EditVariant(v.id, _fields_of(v)) for v in variants))


def _initial_stock(session: Session, actor_user_id: int, variant: Variant, quantity: int, reason: str) -> None:
    """Set a variant's stock from the editor (a new variant) or a CSV import. The ONE place these set stock: it
    goes through the stock history (``stock_history.change_stock``: who, when, and why, ``initial`` for the
    editor's new variant, ``import`` for a CSV row), so a low-stock alert and the history see it too."""
    if variant.id is None:
        session.add(variant)
        session.flush()
    change_stock(session, variant.id, new_stock=quantity, actor_user_id=actor_user_id,
                 reason=StockReason.IMPORT if reason == "csv" else StockReason.INITIAL)


def unique_slug(session: Session, name: str, wanted: str | None = None) -> str:
    base = (wanted or slugify(name, max_length=120, word_boundary=True)) or "product"
    slug, n = base, 1
    while session.exec(select(Product.id).where(Product.slug == slug)).first() is not None:
        n += 1
        slug = f"{base}-{n}"
    return slug


def check_category(session: Session, category_id: object) -> int:
    if isinstance(category_id, bool) or not isinstance(category_id, int) or session.get(Category, category_id) is None:
        raise ValidationError("Choose a category.", code=CatalogErrorCode.CATEGORY_NOT_FOUND, field="category")
    return category_id


def check_skus_free(session: Session, skus: Sequence[str], own_variant_ids: set[int]) -> None:
    """Refuse SKUs that another variant already holds (anywhere on the platform)."""
    if not skus:
        return
    for variant_id, sku in session.exec(select(Variant.id, Variant.sku).where(Variant.sku.in_(list(skus)))).all():
        if variant_id not in own_variant_ids:
            raise ValidationError("The SKU %(sku)s is already in use. SKUs are unique across Meridian.",
                                  code=CatalogErrorCode.SKU_TAKEN, field="sku", sku=sku)


def apply_variant(variant: Variant, clean: CleanVariant, position: int) -> None:
    variant.sku = clean.sku
    variant.options = [list(pair) for pair in clean.options]
    variant.price_minor = clean.price.minor if clean.price else 0
    variant.compare_at_minor = clean.compare_at.minor if clean.compare_at else None
    variant.compare_at_currency = clean.compare_at.currency if clean.compare_at else None
    variant.weight_g = clean.weight_g
    variant.length_mm, variant.width_mm, variant.height_mm = clean.dims_mm
    variant.hs_code, variant.origin_country = clean.hs_code, clean.origin_country
    variant.position = position


def facts_of(variants: Sequence[Variant]) -> PublishFacts:
    return PublishFacts(tuple(VariantFacts(v.sku, v.price_minor, v.weight_g, v.hs_code, v.origin_country)
                              for v in variants))


def _clean_translations(raw: object) -> dict[str, tuple[str, str]]:
    if not isinstance(raw, dict):
        return {}
    out = {}
    for lang, pair in raw.items():
        if lang not in LANGUAGES or lang == DEFAULT_LANGUAGE:
            raise ValidationError("That language is not offered.", code=CatalogErrorCode.LANGUAGE_INVALID,
                                  field="translations")
        name, description = pair if isinstance(pair, tuple) and len(pair) == 2 else ("", "")
        name = name.strip() if isinstance(name, str) else ""
        description = description.strip() if isinstance(description, str) else ""
        if not name and not description:
            out[lang] = ("", "")
            continue
        try:
            out[lang] = clean_texts(name, description)
        except ValidationError as exc:
            exc.field = f"translations.{lang}.{exc.field}"
            raise
    return out


def _clean_variants(rows: object, currency: str) -> list[tuple[int | None, CleanVariant]]:
    if not isinstance(rows, tuple | list) or not 1 <= len(rows) <= MAX_VARIANTS:
        raise ValidationError("A product has 1 to %(max)s variants.", code=CatalogErrorCode.VARIANTS_INVALID,
                              field="variants", max=MAX_VARIANTS)
    out, seen = [], set()
    for i, row in enumerate(rows):
        variant_id, fields = row if isinstance(row, tuple) and len(row) == 2 else (None, None)
        if not isinstance(fields, VariantFields) or not (variant_id is None or isinstance(variant_id, int)):
            raise ValidationError("A product has 1 to %(max)s variants.", code=CatalogErrorCode.VARIANTS_INVALID,
                                  field="variants", max=MAX_VARIANTS)
        try:
            clean = clean_variant(fields, currency)
        except ValidationError as exc:
            exc.field = f"variants.{i}.{exc.field}"
            raise
        if clean.sku.lower() in seen:
            raise ValidationError("The SKU %(sku)s is used twice.", code=CatalogErrorCode.SKU_REPEATED,
                                  field=f"variants.{i}.sku", sku=clean.sku)
        seen.add(clean.sku.lower())
        out.append((variant_id, clean))
    return out


def save_product(session: Session, vendor: Vendor, actor_user_id: int, product: Product | None,
                 data: object) -> Saved:
    """Create or update a product of ``vendor`` (see the module contract)."""
    if not isinstance(data, ProductInput):
        raise ValidationError("Give the product a name of up to %(max)s characters.",
                              code=CatalogErrorCode.NAME_INVALID, field="name", max=200)
    name, description = clean_texts(data.name, data.description)
    category_id = check_category(session, data.category_id)
    translations = _clean_translations(data.translations)
    rows = _clean_variants(data.variants, vendor.currency)
    existing = {} if product is None else {
        v.id: v for v in session.exec(select(Variant).where(Variant.product_id == product.id))}
    for i, (variant_id, _) in enumerate(rows):
        if variant_id is not None and variant_id not in existing:
            raise NotFound("That variant is not part of this product.", code=CatalogErrorCode.VARIANT_NOT_FOUND,
                           field=f"variants.{i}.sku")
    try:
        check_skus_free(session, [c.sku for _, c in rows], set(existing))
    except ValidationError as exc:
        index = next(i for i, (_, c) in enumerate(rows) if c.sku == exc.params["sku"])
        exc.field = f"variants.{index}.sku"
        raise
    created = product is None
    if product is None:
        product = Product(slug=unique_slug(session, name), vendor_id=vendor.id, category_id=category_id, name=name,
                          description=description, status=ProductStatus.DRAFT)
    before = (product.name, product.description, product.category_id)
    product.name, product.description, product.category_id = name, description, category_id
    session.add(product)
    session.flush()
    kept: list[Variant] = []
    for position, (variant_id, clean) in enumerate(rows):
        variant = existing.get(variant_id) if variant_id is not None else None
        if variant is None:
            variant = Variant(product_id=product.id, sku=clean.sku, price_minor=0, price_currency=vendor.currency,
                              weight_g=clean.weight_g, hs_code="", origin_country="")
            apply_variant(variant, clean, position)
            _initial_stock(session, actor_user_id, variant, clean.stock, "editor")
        else:
            apply_variant(variant, clean, position)
            session.add(variant)
        kept.append(variant)
    session.flush()
    _save_translations(session, product.id, translations)
    if product.status == ProductStatus.ACTIVE and (problems := publish_problems(facts_of(kept))):
        raise ValidationError(problems[0].message, code=CatalogErrorCode.NOT_PUBLISHABLE, field=problems[0].field,
                              **problems[0].params)
    changed = tuple(k for k, old, new in zip(("name", "description", "category"), before,
                                             (name, description, category_id), strict=True) if old != new)
    return Saved(product.id, created, changed, len(kept))


def _save_translations(session: Session, product_id: int, translations: dict[str, tuple[str, str]]) -> None:
    rows = {t.lang: t for t in session.exec(select(ProductTranslation).where(ProductTranslation.product_id == product_id))}
    for lang, (name, description) in translations.items():
        row = rows.get(lang)
        if not name and not description:
            if row is not None:
                session.delete(row)
            continue
        if row is None:
            row = ProductTranslation(product_id=product_id, lang=lang, name=name, description=description)
        row.name, row.description = name, description
        session.add(row)


def publish_report(session: Session, product: Product) -> PublishReport:
    """Why the product cannot be published yet, and where it cannot go or goes with conditions."""
    variants = session.exec(select(Variant).where(Variant.product_id == product.id)
                            .order_by(Variant.position, Variant.id)).all()
    items = [(v.hs_code, product.name) for v in variants if v.hs_code]
    return PublishReport(status=product.status, problems=publish_problems(facts_of(variants)),
                         destinations=restriction_report.destinations(items))


def publish(session: Session, product: Product) -> str:
    """List the product in the storefront (see the module contract); returns its status before."""
    if product.status == ProductStatus.BLOCKED:
        raise PermissionDenied("Staff have blocked this product; contact support to re-list it.",
                               code=CatalogErrorCode.PRODUCT_BLOCKED)
    variants = session.exec(select(Variant).where(Variant.product_id == product.id)).all()
    if problems := publish_problems(facts_of(variants)):
        raise ValidationError(problems[0].message, code=CatalogErrorCode.NOT_PUBLISHABLE, field=problems[0].field,
                              **problems[0].params)
    old = product.status
    product.status = ProductStatus.ACTIVE
    session.add(product)
    return old


def suggest_hs(text: object, limit: int = 5) -> list[hs.HsSuggestion]:
    """The engine's HS 2022 suggestions for what the seller typed (name and description)."""
    if not isinstance(text, str):
        return []
    return hs.suggest(text[:MAX_SUGGEST_CHARS], limit=limit)


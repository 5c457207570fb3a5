"""CSV export and import of a seller's products and variants: one row per variant.

Columns (:data:`COLUMNS`, documented on the import page): ``handle`` (the product's key, its URL slug; rows with
the same handle are one product), ``name``, ``description`` (Markdown), ``category`` (a category slug),
``sku``, ``option1_name``, ``option1_value``, ``option2_name``, ``option2_value``, ``price``,
``compare_at_price``, ``currency`` (the vendor's; blank means the vendor's), ``stock``, ``weight_g``,
``length_mm``, ``width_mm``, ``height_mm``, ``hs_code``, ``origin_country`` and per shipped language other than
English ``name_<lang>``, ``description_<lang>``. A product's texts and category come from its first row; later
rows may leave them blank.

Contract:
- ``export_csv(session, vendor)``: the vendor's products only, UTF-8 text with a header row.
- ``import_csv(session, vendor, actor_user_id, data, dry_run, progress)`` checks EVERY row first with the editor's validator
  (``variant_rules.clean_variant``) and the same database checks (SKUs unique platform-wide: a SKU of another
  vendor is an error, one of the vendor's updates that variant; a handle of another vendor's product is an
  error; a listed product must stay publishable). Errors are :class:`RowError` (row number as a spreadsheet
  shows it, the header being row 1; column; message id and params). Any error, or ``dry_run``, writes nothing.
  Otherwise everything is written in the session's one transaction (new products are drafts; stock through
  ``editor._initial_stock``), calling ``progress(done, total)`` as rows are written. A file that is not UTF-8
  CSV with the documented header, is over :data:`MAX_BYTES` or :data:`MAX_ROWS` raises ``CSV_INVALID``.
- Text cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``...) are exported with a leading
  apostrophe, which the import drops again, so an export re-imports unchanged.
- ``example_csv()``: a small valid file for the page's download.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.catalog import editor
from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.catalog.publish_rules import publish_problems
from marketplace.catalog.variant_rules import VariantFields, clean_texts, clean_variant
from marketplace.core.csv_cells import safe_cell, unsafe_cell
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_
from marketplace.models import Category, Product, ProductStatus, ProductTranslation, Variant, Vendor

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_ERRORS = 200
TRANSLATED = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
VARIANT_COLUMNS = ("sku", "option1_name", "option1_value", "option2_name", "option2_value", "price",
                   "compare_at_price", "currency", "stock", "weight_g", "length_mm", "width_mm", "height_mm",
                   "hs_code", "origin_country")
COLUMNS = ("handle", "name", "description", "category", *VARIANT_COLUMNS,
           *(f"{kind}_{lang}" for lang in TRANSLATED for kind in ("name", "description")))
REQUIRED = ("handle", "sku", "price", "weight_g")
TEXT_COLUMNS = frozenset({"name", "description", "option1_name", "option1_value", "option2_name", "option2_value",
                          *(f"{kind}_{lang}" for lang in TRANSLATED for kind in ("name", "description"))})
_HANDLE = re.compile(r"[a-z0-9][a-z0-9-]{0,159}")

MSG_CURRENCY = N_("Prices are in your shop's currency, %(currency)s.")
MSG_HANDLE = N_("A handle has lower-case letters, digits and dashes, like blue-mug.")
MSG_HANDLE_TAKEN = N_("The handle %(handle)s belongs to another seller's product. Choose another.")
MSG_SKU_OTHER = N_("The SKU %(sku)s belongs to another seller.")
MSG_SKU_MOVED = N_("The SKU %(sku)s belongs to your product %(handle)s.")
MSG_SKU_TWICE = N_("The SKU %(sku)s appears twice in the file.")
MSG_CATEGORY = N_("Unknown category %(category)s: use a category slug from the list.")
MSG_NEW_PRODUCT = N_("A new product needs a name and a category in its first row.")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ImportResult:
    rows: int
    new_products: int
    new_variants: int
    updated_variants: int
    errors: tuple[RowError, ...]
    written: bool


@dataclass
class _Row:
    number: int
    raw: dict[str, str]
    clean: object = None
    handle: str = ""


def _fields(raw: dict[str, str]) -> VariantFields:
    return VariantFields(**{name: raw.get(name, "") or "" for name in VariantFields.__dataclass_fields__}
                         | {"stock": raw.get("stock", "") or "0"})


def _read(data: object) -> list[dict[str, str]]:
    invalid = N_("Upload a UTF-8 CSV file with the columns described on this page (at most %(rows)s rows, 5 MB).")
    if not isinstance(data, bytes) or not data or len(data) > MAX_BYTES:
        raise ValidationError(invalid, code=CatalogErrorCode.CSV_INVALID, field="file", rows=MAX_ROWS)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(invalid, code=CatalogErrorCode.CSV_INVALID, field="file", rows=MAX_ROWS) from None
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [h.strip() for h in (reader.fieldnames or [])]
        rows = [{(k or "").strip(): (v if isinstance(v, str) else "") for k, v in r.items()} for r in reader]
        rows = [{k: unsafe_cell(v) if k in TEXT_COLUMNS else v for k, v in r.items()} for r in rows]
    except csv.Error:
        raise ValidationError(invalid, code=CatalogErrorCode.CSV_INVALID, field="file", rows=MAX_ROWS) from None
    unknown = [h for h in header if h not in COLUMNS]
    missing = [h for h in REQUIRED if h not in header]
    if unknown or missing or not rows or len(rows) > MAX_ROWS:
        if unknown or missing:
            raise ValidationError("The header must name the documented columns; %(columns)s is not one of them.",
                                  code=CatalogErrorCode.CSV_INVALID, field="file",
                                  columns=", ".join(unknown or missing))
        raise ValidationError(invalid, code=CatalogErrorCode.CSV_INVALID, field="file", rows=MAX_ROWS)
    return rows


def import_csv(session: Session, vendor: Vendor, actor_user_id: int, data: object, dry_run: bool = True,
               progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Check, and unless ``dry_run`` or any row is bad, import a CSV file (see the module contract). Who may
    import for ``vendor`` is decided by the caller (``vendors/catalogue.py``)."""
    raw_rows = _read(data)
    errors: list[RowError] = []
    rows = [_Row(number=i + 2, raw=r) for i, r in enumerate(raw_rows)]

    def fail(row: _Row, column: str, message: str, **params: object) -> None:
        if len(errors) < MAX_ERRORS:
            errors.append(RowError(row.number, column, message, params))

    seen_skus: dict[str, int] = {}
    for row in rows:
        currency = (row.raw.get("currency") or "").strip().upper()
        if currency and currency != vendor.currency:
            fail(row, "currency", MSG_CURRENCY, currency=vendor.currency)
            continue
        handle = (row.raw.get("handle") or "").strip()
        if not _HANDLE.fullmatch(handle):
            fail(row, "handle", MSG_HANDLE)
            continue
        row.handle = handle
        try:
            row.clean = clean_variant(_fields(row.raw), vendor.currency)
        except ValidationError as exc:
            fail(row, exc.field or "sku", exc.message, **exc.params)
            continue
        key = row.clean.sku.lower()
        if key in seen_skus:
            fail(row, "sku", MSG_SKU_TWICE, sku=row.clean.sku)
        seen_skus[key] = row.number

    good = [r for r in rows if r.clean is not None]
    skus = [r.clean.sku for r in good]
    handles = sorted({r.raw["handle"].strip() for r in good})
    existing: dict[str, tuple[Variant, Product]] = {}
    for start in range(0, len(skus), 500):
        for variant, product in session.exec(select(Variant, Product).join(Product, Product.id == Variant.product_id)
                                             .where(Variant.sku.in_(skus[start:start + 500]))).all():
            existing[variant.sku] = (variant, product)
    products: dict[str, Product] = {}
    for start in range(0, len(handles), 500):
        for product in session.exec(select(Product).where(Product.slug.in_(handles[start:start + 500]))).all():
            products[product.slug] = product
    categories = {c.slug: c.id for c in session.exec(select(Category))}

    groups: dict[str, list[_Row]] = {}
    for row in rows:  # a product's texts come from its first row, even when that row's variant is bad
        if row.handle:
            groups.setdefault(row.handle, []).append(row)
    for row in good:
        handle = row.handle
        product = products.get(handle)
        if product is not None and product.vendor_id != vendor.id:
            fail(row, "handle", MSG_HANDLE_TAKEN, handle=handle)
            continue
        held = existing.get(row.clean.sku)
        if held is not None:
            if held[1].vendor_id != vendor.id:
                fail(row, "sku", MSG_SKU_OTHER, sku=row.clean.sku)
            elif held[1].slug != handle:
                fail(row, "sku", MSG_SKU_MOVED, sku=row.clean.sku, handle=held[1].slug)
    plans = _plan_products(session, vendor.id, groups, products, categories, existing, fail)
    if errors or dry_run:
        new_variants = sum(1 for r in good if r.clean.sku not in existing)
        return ImportResult(rows=len(rows), new_products=sum(1 for h in groups if h not in products),
                            new_variants=new_variants, updated_variants=len(good) - new_variants,
                            errors=tuple(errors), written=False)
    return _write(session, actor_user_id, vendor, plans, existing, len(rows), progress)


@dataclass
class _Plan:
    handle: str
    product: Product | None
    texts: tuple[str, str] | None
    category_id: int | None
    translations: dict[str, tuple[str, str]]
    rows: list[_Row]


def _plan_products(session: Session, vendor_id: int, groups: dict[str, list[_Row]], products: dict[str, Product],
                   categories: dict[str, int], existing: dict, fail: Callable) -> list[_Plan]:
    plans = []
    for handle, group in groups.items():
        first = group[0].raw
        product = products.get(handle)
        if product is not None and product.vendor_id != vendor_id:
            continue
        name, description = (first.get("name") or "").strip(), first.get("description") or ""
        texts = None
        try:
            if name or product is None:
                texts = clean_texts(name, description)
        except ValidationError as exc:
            if product is None and not name:
                fail(group[0], "name", MSG_NEW_PRODUCT)
            else:
                fail(group[0], exc.field or "name", exc.message, **exc.params)
            continue
        category_slug = (first.get("category") or "").strip()
        category_id = categories.get(category_slug) if category_slug else None
        if category_slug and category_id is None:
            fail(group[0], "category", MSG_CATEGORY, category=category_slug)
            continue
        if product is None and category_id is None:
            fail(group[0], "category", MSG_NEW_PRODUCT)
            continue
        translations = {}
        for lang in TRANSLATED:
            t_name, t_description = (first.get(f"name_{lang}") or "").strip(), first.get(f"description_{lang}") or ""
            if t_name or t_description.strip():
                try:
                    translations[lang] = clean_texts(t_name, t_description)
                except ValidationError as exc:
                    fail(group[0], f"{exc.field}_{lang}", exc.message, **exc.params)
        if product is not None and product.status == ProductStatus.ACTIVE:
            _check_stays_publishable(product, group, fail)
        plans.append(_Plan(handle, product, texts, category_id, translations, group))
    return plans


def _check_stays_publishable(product: Product, group: list[_Row], fail: Callable) -> None:
    for row in group:
        clean = row.clean
        if clean is None:
            continue
        probe = Variant(sku=clean.sku, product_id=product.id, price_minor=0, price_currency="EUR", weight_g=1,
                        hs_code="", origin_country="")
        editor.apply_variant(probe, clean, 0)
        for problem in publish_problems(editor.facts_of([probe])):
            fail(row, problem.field or "sku", problem.message, **problem.params)


def _write(session: Session, actor_user_id: int, vendor: Vendor, plans: list[_Plan], existing: dict, total: int,
           progress: Callable[[int, int], None] | None) -> ImportResult:
    done = new_products = new_variants = updated = 0
    for plan in plans:
        product = plan.product
        if product is None:
            name, description = plan.texts
            product = Product(slug=plan.handle, vendor_id=vendor.id, category_id=plan.category_id, name=name,
                              description=description, status=ProductStatus.DRAFT)
            new_products += 1
        else:
            if plan.texts is not None:
                product.name, product.description = plan.texts
            if plan.category_id is not None:
                product.category_id = plan.category_id
        session.add(product)
        session.flush()
        _save_translations(session, product.id, plan.translations)
        position = 0 if plan.product is None else session.exec(  # new variants go after the existing ones
            select(func.count()).select_from(Variant).where(Variant.product_id == product.id)).one()
        for row in plan.rows:
            held = existing.get(row.clean.sku)
            if held is None:
                variant = Variant(product_id=product.id, sku=row.clean.sku, price_minor=0,
                                  price_currency=vendor.currency, weight_g=row.clean.weight_g, hs_code="",
                                  origin_country="")
                editor.apply_variant(variant, row.clean, position)
                position += 1
                new_variants += 1
            else:
                variant = held[0]
                editor.apply_variant(variant, row.clean, variant.position)
                updated += 1
            session.add(variant)
            editor._initial_stock(session, actor_user_id, variant, row.clean.stock, "csv")  # noqa: SLF001
            done += 1
            if progress is not None and (done % 50 == 0 or done == total):
                progress(done, total)
        session.flush()
    return ImportResult(rows=total, new_products=new_products, new_variants=new_variants, updated_variants=updated,
                        errors=(), written=True)


def _save_translations(session: Session, product_id: int, translations: dict[str, tuple[str, str]]) -> None:
    if not translations:
        return
    rows = {t.lang: t for t in session.exec(select(ProductTranslation).where(ProductTranslation.product_id == product_id))}
    for lang, (name, description) in translations.items():
        row = rows.get(lang) or ProductTranslation(product_id=product_id, lang=lang, name=name)
        row.name, row.description = name, description
        session.add(row)


def _csv_text(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export_csv(session: Session, vendor: Vendor) -> str:
    """The vendor's products and variants, one row per variant."""
    categories = {c.id: c.slug for c in session.exec(select(Category))}
    products = session.exec(select(Product).where(Product.vendor_id == vendor.id).order_by(Product.slug)).all()
    ids = [p.id for p in products]
    variants: dict[int, list[Variant]] = {i: [] for i in ids}
    translations: dict[int, dict[str, ProductTranslation]] = {i: {} for i in ids}
    if ids:
        for v in session.exec(select(Variant).where(Variant.product_id.in_(ids)).order_by(Variant.position, Variant.id)):
            variants[v.product_id].append(v)
        for t in session.exec(select(ProductTranslation).where(ProductTranslation.product_id.in_(ids))):
            translations[t.product_id][t.lang] = t
    rows = []
    for p in products:
        for v in variants[p.id]:
            fields = editor._fields_of(v)  # noqa: SLF001 - the editor's own text form of a stored variant
            row = {"handle": p.slug, "name": p.name, "description": p.description,
                   "category": categories.get(p.category_id, ""), "currency": v.price_currency,
                   **{name: getattr(fields, name) for name in VARIANT_COLUMNS if name != "currency"}}
            for lang in TRANSLATED:
                t = translations[p.id].get(lang)
                row[f"name_{lang}"], row[f"description_{lang}"] = (t.name, t.description) if t else ("", "")
            rows.append({k: safe_cell(v) if k in TEXT_COLUMNS else v for k, v in row.items()})
    return _csv_text(rows)


def example_csv() -> str:
    """A small valid file: one product in two sizes, one single-variant product."""
    base = {"category": "tableware", "currency": "EUR", "hs_code": "6912.00", "origin_country": "PT",
            "length_mm": "120", "width_mm": "120", "height_mm": "100"}
    rows = [
        {**base, "handle": "stoneware-mug", "name": "Stoneware mug", "description": "Hand-thrown.\nDishwasher safe.",
         "sku": "MUG-S", "option1_name": "Size", "option1_value": "Small", "price": "18.00", "stock": "12",
         "weight_g": "320", "name_de": "Steinzeugbecher", "description_de": "Handgedreht."},
        {**base, "handle": "stoneware-mug", "sku": "MUG-L", "option1_name": "Size", "option1_value": "Large",
         "price": "22.00", "compare_at_price": "26.00", "stock": "8", "weight_g": "410"},
        {**base, "handle": "linen-tea-towel", "name": "Linen tea towel", "sku": "TOWEL-1", "price": "14.50",
         "stock": "30", "weight_g": "90", "hs_code": "6302.59", "height_mm": "10",
         "category": "home-textiles"},
    ]
    return _csv_text(rows)

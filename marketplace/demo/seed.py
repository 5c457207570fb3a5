"""Deterministic demo data: categories, vendors, ~400 products with variants and German translations,
locally drawn product images, the demo accounts, and real reviews behind every rating (demo/reviews.py).

Contract:
- ``seed(session, upload_dir)`` fills an empty, migrated database and returns a :class:`SeedReport`.
  It refuses to run on a database that already has vendors (``AlreadySeeded``), so it never duplicates or
  overwrites anything. Running it twice on two empty databases gives identical rows.
- Images go to ``upload_dir/catalogue`` and are drawn only when missing or when the seed version changed.
- ``DEMO_ACCOUNTS`` is what ``make run`` prints and the README lists.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, select

from marketplace.accounts.passwords import hash_password
from marketplace.demo.catalogue import SEED_VERSION, build_catalogue
from marketplace.demo.catalogue_data.vendor_addresses import ADDRESSES
from marketplace.demo.images import ensure_images, image_filename
from marketplace.demo.reviews import seed_reviews
from marketplace.models import (
    Category,
    CategoryTranslation,
    Product,
    ProductImage,
    ProductStatus,
    ProductTranslation,
    Role,
    User,
    Variant,
    Vendor,
    VendorMember,
    VendorTranslation,
)

REFERENCE_DATE = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)  # fixed, so the seed is deterministic


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    name: str
    role: Role
    vendor_key: str | None = None
    staff_role: str | None = None  # staff accounts only (accounts.staff_roles)
    language: str = "en"
    currency: str = "EUR"
    ship_to: str = "DE"


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("shopper@meridian.test", "shopper-demo-2026", "Lena Hoffmann", Role.SHOPPER,
                language="de", currency="EUR", ship_to="DE"),
    DemoAccount("kyoto@meridian.test", "seller-demo-2026", "Aiko Tanaka", Role.SELLER, vendor_key="kyoto-kiln",
                currency="JPY", ship_to="JP"),
    DemoAccount("milano@meridian.test", "seller-demo-2026", "Marco Bellini", Role.SELLER,
                vendor_key="navigli-pelle", currency="EUR", ship_to="IT"),
    DemoAccount("staff@meridian.test", "staff-demo-2026", "Priya Raman", Role.STAFF, staff_role="moderator",
                currency="GBP", ship_to="GB"),
    DemoAccount("support@meridian.test", "support-demo-2026", "Jonas Weber", Role.STAFF, staff_role="support",
                language="de", currency="EUR", ship_to="DE"),
    DemoAccount("finance@meridian.test", "finance-demo-2026", "Mei Lin", Role.STAFF, staff_role="finance",
                currency="GBP", ship_to="GB"),
    DemoAccount("admin@meridian.test", "admin-demo-2026", "Sam Okafor", Role.ADMIN, currency="USD", ship_to="US"),
)


class AlreadySeeded(RuntimeError):
    """The database already holds data; seeding would duplicate it."""


@dataclass(frozen=True)
class SeedReport:
    vendors: int
    categories: int
    products: int
    variants: int
    users: int
    images_written: int


def is_empty(session: Session) -> bool:
    return session.exec(select(Vendor.id).limit(1)).first() is None


def _categories(session: Session, catalogue) -> dict[str, int]:  # noqa: ANN001
    ids: dict[str, int] = {}
    pending = list(catalogue.categories)
    position = 0
    while pending:  # parents before children
        for cat in list(pending):
            if cat.parent_slug is None or cat.parent_slug in ids:
                row = Category(slug=cat.slug, name=cat.name, color=cat.color, position=position,
                               parent_id=ids.get(cat.parent_slug) if cat.parent_slug else None)
                session.add(row)
                session.flush()
                session.add(CategoryTranslation(category_id=row.id, lang="de", name=cat.name_de))
                ids[cat.slug] = row.id
                pending.remove(cat)
                position += 1
    return ids


def _vendors(session: Session, catalogue) -> dict[str, int]:  # noqa: ANN001
    ids = {}
    for index, v in enumerate(catalogue.vendors):
        row = Vendor(slug=v.key, display_name=v.display_name, legal_name=v.legal_name, country=v.country,
                     city=v.city, currency=v.currency, description=v.description, status=v.status,
                     status_reason=v.status_reason, commission_bps=v.commission_bps,
                     response_hours=v.response_hours, created_at=REFERENCE_DATE - timedelta(days=400 - index * 9),
                     **asdict(ADDRESSES[v.key]))
        session.add(row)
        session.flush()
        session.add(VendorTranslation(vendor_id=row.id, lang="de", description=v.description_de))
        ids[v.key] = row.id
    return ids


def _products(session: Session, catalogue, vendor_ids: dict[str, int], category_ids: dict[str, int],  # noqa: ANN001
              product_ids: dict[str, int]) -> int:
    """Every catalogue product with its variants; its rating starts at none (demo/reviews.py adds the reviews)."""
    variants = 0
    for p in catalogue.products:
        product = Product(slug=p.slug, vendor_id=vendor_ids[p.vendor_key], category_id=category_ids[p.category_slug],
                          name=p.name, description=p.description, status=ProductStatus.ACTIVE, featured=p.featured,
                          created_at=REFERENCE_DATE - timedelta(days=p.age_days))
        session.add(product)
        session.flush()
        product_ids[p.slug] = product.id
        for lang, (name, description) in sorted(p.translations.items()):
            session.add(ProductTranslation(product_id=product.id, lang=lang, name=name, description=description))
        for position, v in enumerate(p.variants):
            session.add(Variant(
                product_id=product.id, sku=v.sku, options=[list(o) for o in v.options],
                options_i18n={"de": [list(o) for o in v.options_de]} if v.options_de else {},
                price_minor=v.price_minor, price_currency=v.currency,
                compare_at_minor=v.compare_at_minor, compare_at_currency=v.currency if v.compare_at_minor else None,
                stock=v.stock, weight_g=v.weight_g, length_mm=v.length_mm, width_mm=v.width_mm,
                height_mm=v.height_mm, hs_code=p.hs_code, origin_country=p.origin_country, position=position))
            variants += 1
        session.add(ProductImage(product_id=product.id, thumb_path=f"catalogue/{image_filename(p.slug, 400)}",
                                 full_path=f"catalogue/{image_filename(p.slug, 1200)}", alt=p.name, position=0, created_at=REFERENCE_DATE))
    return variants


def _users(session: Session, vendor_ids: dict[str, int]) -> int:
    for account in DEMO_ACCOUNTS:
        user = User(email=account.email, password_hash=hash_password(account.password), display_name=account.name,
                    role=account.role, staff_role=account.staff_role, language=account.language, currency=account.currency,
                    ship_to_country=account.ship_to, created_at=REFERENCE_DATE)
        session.add(user)
        session.flush()
        if account.vendor_key:
            session.add(VendorMember(vendor_id=vendor_ids[account.vendor_key], user_id=user.id, role="owner"))
    return len(DEMO_ACCOUNTS)


def seed(session: Session, upload_dir: Path, draw_images: bool = True) -> SeedReport:
    if not is_empty(session):
        raise AlreadySeeded("The database already has data; seeding was skipped so nothing is duplicated.")
    catalogue = build_catalogue()
    category_ids = _categories(session, catalogue)
    vendor_ids = _vendors(session, catalogue)
    product_ids: dict[str, int] = {}
    variants = _products(session, catalogue, vendor_ids, category_ids, product_ids)
    users = _users(session, vendor_ids)
    users += seed_reviews(session, catalogue, product_ids, REFERENCE_DATE)
    written = ensure_images(catalogue, Path(upload_dir)) if draw_images else 0
    return SeedReport(vendors=len(vendor_ids), categories=len(category_ids), products=len(catalogue.products),
                      variants=variants, users=users, images_written=written)


__all__ = ["DEMO_ACCOUNTS", "SEED_VERSION", "AlreadySeeded", "SeedReport", "is_empty", "seed"]

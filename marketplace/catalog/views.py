"""Plain read models the catalogue services return (no ORM objects leave a service)."""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.core.money import Money


@dataclass(frozen=True)
class CategoryView:
    id: int
    slug: str
    name: str
    color: str
    product_count: int
    parent_slug: str | None = None


@dataclass(frozen=True)
class ProductCard:
    id: int
    slug: str
    name: str
    price: Money  # the cheapest in-stock variant (or the cheapest, when all are sold out), seller's currency
    compare_at: Money | None
    rating_x10: int
    review_count: int
    vendor_name: str
    vendor_country: str
    image_path: str | None  # relative to the upload directory
    in_stock: bool
    # facts of the priced variant for market-aware display (catalog.display); defaults keep old callers working
    variant_id: int = 0
    hs_code: str = ""
    origin_country: str = ""
    weight_g: int = 0
    category_id: int = 0
    name_en: str = ""  # the catalogue's English name: what the restriction rules' keywords read, as at checkout


@dataclass(frozen=True)
class VariantView:
    id: int
    sku: str
    label: str  # option values, "Indigo · M", in the requested language
    price: Money
    compare_at: Money | None
    stock: int
    weight_g: int
    dimensions_mm: tuple[int, int, int]
    hs_code: str
    origin_country: str
    option_names: str = ""  # "Colour · Size"


@dataclass(frozen=True)
class ProductDetail:
    id: int
    slug: str
    name: str
    description: str
    category: CategoryView
    vendor_id: int
    vendor_slug: str
    vendor_name: str
    vendor_country: str
    vendor_city: str
    vendor_response_hours: int
    rating_x10: int
    review_count: int
    images: tuple[tuple[str, str, str], ...]  # (thumb path, full path, alt)
    variants: tuple[VariantView, ...]
    name_en: str = ""  # the catalogue's English name: what the restriction rules' keywords read, as at checkout

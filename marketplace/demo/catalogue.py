"""The deterministic demo catalogue: vendors, categories, products and variants as plain data.

``build_catalogue()`` expands the content in ``marketplace.demo.catalogue_data`` into frozen
dataclasses. It touches no database and no files, and always returns the same catalogue: the only
variation (price jitter, sales, stock, ratings, listing age) comes from ``random.Random`` seeded with
each product's slug. Money is integer minor units in the vendor's currency (ISO 4217 exponent).
Bump ``SEED_VERSION`` whenever the content or the product images change.
"""

from __future__ import annotations

import functools
import itertools
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from marketplace.demo.catalogue_data import CATEGORIES, FAMILIES, VENDORS
from marketplace.demo.catalogue_data.options import COLOURS
from marketplace.demo.catalogue_data.schema import Axis, AxisValue, Family, Token, VendorSpec

SEED_VERSION = "2026-11-25.2"

_SEED = "meridian-demo-catalogue"
FEATURED_COUNT = 24
MAX_VARIANTS = 6

# ISO 4217 minor-unit exponents of the currencies vendors price in.
CURRENCY_EXPONENT: dict[str, int] = {
    "JPY": 0, "KRW": 0,
    "EUR": 2, "USD": 2, "GBP": 2, "CNY": 2, "INR": 2, "MXN": 2, "BRL": 2, "TRY": 2,
}


@dataclass(frozen=True)
class DemoVendor:
    key: str
    display_name: str
    legal_name: str
    country: str
    city: str
    currency: str
    description: str
    description_de: str
    status: str
    status_reason: str | None
    commission_bps: int | None
    response_hours: int


@dataclass(frozen=True)
class DemoCategory:
    slug: str
    name: str
    name_de: str
    parent_slug: str | None
    color: str
    motif: str


@dataclass(frozen=True)
class DemoVariant:
    sku: str
    options: tuple[tuple[str, str], ...]
    options_de: tuple[tuple[str, str], ...]
    price_minor: int
    currency: str
    compare_at_minor: int | None
    stock: int
    weight_g: int
    length_mm: int
    width_mm: int
    height_mm: int


@dataclass(frozen=True)
class DemoProduct:
    slug: str
    vendor_key: str
    category_slug: str
    name: str
    description: str
    translations: dict[str, tuple[str, str]]
    hs_code: str
    origin_country: str
    variants: tuple[DemoVariant, ...]
    featured: bool
    rating_x10: int
    review_count: int
    age_days: int


@dataclass(frozen=True)
class Catalogue:
    vendors: tuple[DemoVendor, ...]
    categories: tuple[DemoCategory, ...]
    products: tuple[DemoProduct, ...]


# --- helpers ---------------------------------------------------------------------------------------


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated slug ("Men's Rain Jacket" -> "mens-rain-jacket")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _round_to(value: int, step: int) -> int:
    """Round a positive integer half-up to a multiple of ``step`` (at least one step)."""
    return max(step, (value + step // 2) // step * step)


def nice_price(minor: int, currency: str) -> int:
    """Round an amount in minor units to a believable shelf price for the currency."""
    unit = 10 ** CURRENCY_EXPONENT[currency]
    if currency == "JPY":
        return _round_to(minor, 10 if minor < 1000 else 100 if minor < 30000 else 1000)
    if currency == "KRW":
        return _round_to(minor, 100 if minor < 10000 else 1000)
    if currency == "EUR":  # 24.90, 189.00, 1,290.00
        if minor < 100 * unit:
            return _round_to(minor, unit) - 10
        if minor < 1000 * unit:
            return _round_to(minor, 10 * unit) - unit
        return _round_to(minor, 10 * unit)
    if currency == "BRL":  # 129.90, 1,499.90
        return _round_to(minor, unit if minor < 100 * unit else 10 * unit) - 10
    if currency == "USD":  # 39.99, 549.00
        if minor < 100 * unit:
            return _round_to(minor, unit) - 1
        return _round_to(minor, 10 * unit) - unit
    if currency == "GBP":  # 8.99, 145.00
        if minor < 100 * unit:
            return _round_to(minor, unit) - 1
        return _round_to(minor, 5 * unit)
    if currency == "CNY":  # 38.00, 680.00
        return _round_to(minor, unit if minor < 100 * unit else 10 * unit)
    if currency == "INR":  # 890.00, 2,450.00
        return _round_to(minor, 10 * unit if minor < 1000 * unit else 50 * unit)
    if currency in ("MXN", "TRY"):  # 220.00, 1,450.00
        step = 5 if minor < 100 * unit else 10 if minor < 1000 * unit else 50
        return _round_to(minor, step * unit)
    raise ValueError(f"no price rounding rule for {currency}")


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def _last(tokens: list[Token], attr: str) -> object:
    """The last non-None override of ``attr`` among the tokens of a product."""
    value = None
    for token in tokens:
        if getattr(token, attr) is not None:
            value = getattr(token, attr)
    return value


def _colour_axis(keys: list[str]) -> Axis:
    shade = all(key.startswith("shade_") for key in keys)
    values = tuple(
        AxisValue(COLOURS[key][0], COLOURS[key][1], re.sub("[^A-Z]", "", key.upper().replace("SHADE", ""))[:3])
        for key in keys
    )
    return Axis("Shade", "Farbton", values) if shade else Axis("Colour", "Farbe", values)


# --- expansion -------------------------------------------------------------------------------------


@dataclass
class _Draft:
    """A product before the catalogue-wide featured selection."""

    fields: dict[str, object]
    top_category: str


def _expand(family: Family, vendor: VendorSpec, index: int, tokens: list[Token]) -> dict[str, object]:
    name_en = family.name[0].format(*(t.en for t in tokens))
    name_de = family.name[1].format(*(t.de for t in tokens))
    slug = slugify(name_en)
    rng = random.Random(f"{_SEED}:{slug}")

    body_en, body_de = family.body[(index - 1) % len(family.body)] if family.body else ("", "")
    description = " ".join(
        _sentence(part) for part in (
            family.intro[0].format(*(t.pe or t.en for t in tokens)), body_en, family.tail[0],
        ) if part
    )
    description_de = " ".join(
        _sentence(part) for part in (
            family.intro[1].format(*(t.pd or t.de for t in tokens)), body_de, family.tail[1],
        ) if part
    )

    hs_code = _last(tokens, "hs") or family.hs
    origin = _last(tokens, "origin") or family.origin or vendor.country
    category = _last(tokens, "category") or family.category
    palette = _last(tokens, "palette")
    palette = family.palette if palette is None else palette
    axes = _last(tokens, "axes")
    axes = family.axes if axes is None else axes
    dims = _last(tokens, "dims") or family.dims

    all_axes: list[Axis] = []
    if palette and family.colours:
        count = min(family.colours, len(palette))
        start = (index - 1) % len(palette)
        all_axes.append(_colour_axis([palette[(start + k) % len(palette)] for k in range(count)]))
    all_axes.extend(axes)

    currency = vendor.currency
    unit = 10 ** CURRENCY_EXPONENT[currency]
    base_major = family.price + sum(t.price for t in tokens)
    base_weight = family.weight + sum(t.weight for t in tokens)
    jitter = rng.choice((-3, -2, 0, 0, 0, 2, 3, 5))
    on_sale = vendor.status == "approved" and rng.random() < 0.12
    discount = rng.choice((15, 20, 25, 30))

    combos = list(itertools.product(*(a.values for a in all_axes))) or [()]
    if len(combos) > MAX_VARIANTS:
        raise ValueError(f"{slug}: {len(combos)} variants, at most {MAX_VARIANTS} allowed")
    variants = []
    for combo in combos:
        minor = base_major * unit
        for value in combo:
            minor = minor * value.pct // 100
        minor += sum(v.price for v in combo) * unit
        regular = nice_price(minor * (100 + jitter) // 100, currency)
        price, compare_at = regular, None
        if on_sale:
            sale = nice_price(regular * (100 - discount) // 100, currency)
            if sale < regular:
                price, compare_at = sale, regular
        scale = 100
        for value in combo:
            scale = scale * value.scale // 100
        codes = "".join(f"-{v.code}" for v in combo)
        variants.append(DemoVariant(
            sku=f"{vendor.sku_prefix}-{family.code}-{index:03d}{codes}",
            options=tuple((a.en, v.en) for a, v in zip(all_axes, combo, strict=True)),
            options_de=tuple((a.de, v.de) for a, v in zip(all_axes, combo, strict=True)),
            price_minor=price,
            currency=currency,
            compare_at_minor=compare_at,
            stock=0 if rng.random() < 0.07 else rng.randint(3, 120),
            weight_g=max(5, base_weight + sum(v.weight for v in combo)),
            length_mm=dims[0] * scale // 100,
            width_mm=dims[1] * scale // 100,
            height_mm=dims[2] * scale // 100,
        ))

    if rng.random() < 0.12:
        rating, reviews = 0, 0
    else:
        rating = 50 - min(15, rng.randint(0, 6) + rng.randint(0, 6))
        if rng.random() < 0.05:
            rating = rng.randint(35, 37)
        bucket = rng.random()
        reviews = rng.randint(1, 12) if bucket < 0.5 else rng.randint(13, 80) if bucket < 0.85 else rng.randint(81, 640)

    return {
        "slug": slug,
        "vendor_key": vendor.key,
        "category_slug": category,
        "name": name_en,
        "description": description,
        "translations": {"de": (name_de, description_de)},
        "hs_code": hs_code,
        "origin_country": origin,
        "variants": tuple(variants),
        "rating_x10": rating,
        "review_count": reviews,
        "age_days": rng.randint(0, 365),
    }


def _pick_featured(drafts: list[_Draft], top_levels: list[str], approved: set[str]) -> set[str]:
    """Round-robin over top-level categories, best-rated first, at most two per vendor."""
    featured: set[str] = set()
    per_vendor: Counter[str] = Counter()
    by_top = {
        top: sorted(
            (d for d in drafts if d.top_category == top and d.fields["vendor_key"] in approved),
            key=lambda d: (-int(d.fields["rating_x10"]), -int(d.fields["review_count"]), str(d.fields["slug"])),
        )
        for top in top_levels
    }
    while len(featured) < FEATURED_COUNT:
        added = False
        for top in top_levels:
            if len(featured) >= FEATURED_COUNT:
                break
            for draft in by_top[top]:
                slug, vendor = str(draft.fields["slug"]), str(draft.fields["vendor_key"])
                if slug not in featured and per_vendor[vendor] < 2:
                    featured.add(slug)
                    per_vendor[vendor] += 1
                    added = True
                    break
        if not added:
            break
    return featured


def _build() -> Catalogue:
    vendors = tuple(
        DemoVendor(
            key=v.key, display_name=v.display_name, legal_name=v.legal_name, country=v.country, city=v.city,
            currency=v.currency, description=v.description, description_de=v.description_de, status=v.status,
            status_reason=v.status_reason, commission_bps=v.commission_bps, response_hours=v.response_hours,
        )
        for v in VENDORS
    )
    specs = {v.key: v for v in VENDORS}
    categories = tuple(DemoCategory(*row) for row in CATEGORIES)
    parent = {c.slug: c.parent_slug for c in categories}

    def top_of(slug: str) -> str:
        while parent[slug] is not None:
            slug = parent[slug]  # type: ignore[assignment]
        return slug

    drafts: list[_Draft] = []
    seen: set[str] = set()
    for family in FAMILIES:
        vendor = specs[family.vendor]
        index = 0
        for combo in itertools.product(*(range(len(table)) for table in family.tokens)):
            if combo in family.skip:
                continue
            index += 1
            fields = _expand(family, vendor, index, [family.tokens[i][j] for i, j in enumerate(combo)])
            slug = str(fields["slug"])
            if slug in seen:
                raise ValueError(f"duplicate product slug {slug!r}")
            if fields["category_slug"] not in parent:
                raise ValueError(f"{slug}: unknown category {fields['category_slug']!r}")
            seen.add(slug)
            drafts.append(_Draft(fields, top_of(str(fields["category_slug"]))))

    top_levels = [c.slug for c in categories if c.parent_slug is None]
    approved = {v.key for v in vendors if v.status == "approved"}
    featured = _pick_featured(drafts, top_levels, approved)
    products = tuple(
        DemoProduct(featured=str(d.fields["slug"]) in featured, **d.fields)  # type: ignore[arg-type]
        for d in drafts
    )
    return Catalogue(vendors=vendors, categories=categories, products=products)


@functools.cache
def build_catalogue() -> Catalogue:
    """The demo catalogue (built once per process; the result is immutable apart from ``translations``)."""
    return _build()

"""The deterministic demo catalogue: acceptance numbers, identifiers, HS codes, money and translations."""

from __future__ import annotations

import csv
import dataclasses
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from marketplace.demo import catalogue as catalogue_module
from marketplace.demo.catalogue import (
    CURRENCY_EXPONENT,
    SEED_VERSION,
    Catalogue,
    DemoProduct,
    build_catalogue,
    nice_price,
    slugify,
)

ROOT = Path(__file__).resolve().parents[3]
HS_CSV = ROOT / "marketplace" / "crossborder" / "data" / "hs2022.csv"
COUNTRIES = {"CN", "JP", "KR", "IN", "DE", "FR", "IT", "GB", "US", "MX", "BR", "TR"}
CURRENCY_BY_COUNTRY = {
    "JP": {"JPY"}, "KR": {"KRW"}, "IN": {"INR"}, "DE": {"EUR"}, "FR": {"EUR"}, "IT": {"EUR"}, "GB": {"GBP"},
    "US": {"USD"}, "MX": {"MXN"}, "BR": {"BRL"}, "TR": {"TRY"}, "CN": {"CNY", "USD"},
}
REQUIRED_TOP_LEVEL = {"apparel", "footwear", "electronics", "beauty", "home", "toys", "books", "jewellery",
                      "food-drink", "sports"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SKU = re.compile(r"^[A-Z]{3}-[A-Z]{3}-\d{3}(?:-[A-Z0-9]+)*$")


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return build_catalogue()


@cache
def hs_level6() -> frozenset[str]:
    with HS_CSV.open(encoding="utf-8", newline="") as fh:
        return frozenset(row["hscode"] for row in csv.DictReader(fh) if row["level"] == "6")


def subtree_counts(cat: Catalogue) -> Counter[str]:
    parent = {c.slug: c.parent_slug for c in cat.categories}
    counts: Counter[str] = Counter()
    for product in cat.products:
        slug: str | None = product.category_slug
        while slug is not None:
            counts[slug] += 1
            slug = parent[slug]
    return counts


def walk(value: object):
    """Every leaf value inside dataclasses, tuples and dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from walk(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from walk(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(key)
            yield from walk(item)
    else:
        yield value


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?=\s+[A-ZÄÖÜ0-9\"„]|\s*$)", text))


# --- vendors and categories ------------------------------------------------------------------------


def test_seed_version_is_dated() -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}\.\d+", SEED_VERSION)


def test_vendors_cover_at_least_twelve_vendors_in_ten_countries(cat: Catalogue) -> None:
    assert len(cat.vendors) >= 12
    countries = {v.country for v in cat.vendors}
    assert len(countries) >= 10
    assert countries <= COUNTRIES
    keys = [v.key for v in cat.vendors]
    assert len(keys) == len(set(keys))
    assert all(SLUG.match(k) for k in keys)


def test_vendor_currency_matches_country(cat: Catalogue) -> None:
    for vendor in cat.vendors:
        assert vendor.currency in CURRENCY_BY_COUNTRY[vendor.country], vendor.key
        assert vendor.currency in CURRENCY_EXPONENT


def test_vendor_texts_and_fields(cat: Catalogue) -> None:
    for v in cat.vendors:
        assert v.display_name and v.legal_name and v.city
        assert v.description and v.description_de and v.description != v.description_de
        assert 1 <= v.response_hours <= 72
        assert v.commission_bps is None or 0 < v.commission_bps < 5000
    overrides = [v for v in cat.vendors if v.commission_bps is not None]
    assert 2 <= len(overrides) <= 3


def test_exactly_one_pending_and_one_suspended_vendor(cat: Catalogue) -> None:
    statuses = Counter(v.status for v in cat.vendors)
    assert statuses["pending"] == 1
    assert statuses["suspended"] == 1
    assert statuses["approved"] == len(cat.vendors) - 2
    suspended = next(v for v in cat.vendors if v.status == "suspended")
    assert suspended.status_reason and len(suspended.status_reason) > 20
    assert all(v.status_reason is None for v in cat.vendors if v.status == "approved")


def test_categories_tree(cat: Catalogue) -> None:
    slugs = [c.slug for c in cat.categories]
    assert len(slugs) == len(set(slugs))
    top = {c.slug for c in cat.categories if c.parent_slug is None}
    assert len(top) >= 10
    assert top >= REQUIRED_TOP_LEVEL
    for c in cat.categories:
        assert SLUG.match(c.slug)
        assert c.parent_slug is None or c.parent_slug in top
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", c.color)
        assert c.motif and c.name and c.name_de


# --- products --------------------------------------------------------------------------------------


def test_at_least_400_products(cat: Catalogue) -> None:
    assert len(cat.products) >= 400


def test_every_category_and_vendor_has_at_least_20_products(cat: Catalogue) -> None:
    counts = subtree_counts(cat)
    for category in cat.categories:
        assert counts[category.slug] >= 20, category.slug
    per_vendor = Counter(p.vendor_key for p in cat.products)
    for vendor in cat.vendors:
        assert per_vendor[vendor.key] >= 20, vendor.key


def test_products_reference_known_vendors_and_categories(cat: Catalogue) -> None:
    vendors = {v.key for v in cat.vendors}
    categories = {c.slug for c in cat.categories}
    for p in cat.products:
        assert p.vendor_key in vendors
        assert p.category_slug in categories


def test_slugs_and_skus_are_unique_and_well_formed(cat: Catalogue) -> None:
    slugs = [p.slug for p in cat.products]
    assert len(slugs) == len(set(slugs))
    assert all(SLUG.match(s) for s in slugs)
    skus = [v.sku for p in cat.products for v in p.variants]
    assert len(skus) == len(set(skus))
    assert all(SKU.match(s) for s in skus), [s for s in skus if not SKU.match(s)][:5]


def test_names_are_distinct_and_not_placeholders(cat: Catalogue) -> None:
    names = [p.name for p in cat.products]
    assert len(names) == len(set(names))
    for p in cat.products:
        text = f"{p.name} {p.description}".lower()
        assert "lorem" not in text and "ipsum" not in text
        assert not re.search(r"\bproduct \d+\b", text)
        assert 2 <= sentences(p.description) <= 4, p.description


def test_every_hs_code_is_a_level_6_code_of_hs2022(cat: Catalogue) -> None:
    valid = hs_level6()
    assert len(valid) > 5000  # the real nomenclature, not an empty or truncated file
    bad = [(p.slug, p.hs_code) for p in cat.products if not re.fullmatch(r"\d{6}", p.hs_code) or p.hs_code not in valid]
    assert not bad


def test_hs_codes_are_varied(cat: Catalogue) -> None:
    assert len({p.hs_code for p in cat.products}) >= 45


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        (r"Cotton .*T-Shirt$", "610910"),
        (r"Merino .*T-Shirt$", "610990"),
        (r"Smartphone$", "851713"),
        (r"Power Bank$", "850760"),
        (r"Eau de Parfum$", "330300"),
        (r"Stoneware Mug$", "691200"),
        (r"^Persuasion", "490199"),
        (r"Gravel Bike$", "871200"),
        (r"Flip-Flops$", "640220"),
    ],
)
def test_spot_check_classifications(cat: Catalogue, pattern: str, code: str) -> None:
    matches = [p for p in cat.products if re.search(pattern, p.name)]
    assert matches
    assert {p.hs_code for p in matches} == {code}


def test_restricted_goods_examples_are_present(cat: Catalogue) -> None:
    codes = {p.hs_code for p in cat.products}
    assert {"850760", "330300"} <= codes


def test_origin_countries(cat: Catalogue) -> None:
    vendor_country = {v.key: v.country for v in cat.vendors}
    for p in cat.products:
        assert re.fullmatch(r"[A-Z]{2}", p.origin_country)
    assert any(p.origin_country != vendor_country[p.vendor_key] for p in cat.products)


def test_german_translation_for_every_product(cat: Catalogue) -> None:
    germanish = re.compile(r"\b(und|mit|aus|für|der|die|das|ein|eine|von|im|auf)\b|[äöüß]")
    for p in cat.products:
        name_de, desc_de = p.translations["de"]
        assert name_de and desc_de
        assert name_de != p.name, p.slug
        assert desc_de != p.description, p.slug
        assert germanish.search(desc_de), desc_de
        assert 2 <= sentences(desc_de) <= 4, desc_de


def test_variants_shape(cat: Catalogue) -> None:
    for p in cat.products:
        assert 1 <= len(p.variants) <= 6, p.slug
        option_sets = {v.options for v in p.variants}
        assert len(option_sets) == len(p.variants), p.slug
        for v in p.variants:
            assert len(v.options) == len(v.options_de)
            assert all(name.isascii() for name, _ in v.options)
            assert v.weight_g > 0 and v.length_mm > 0 and v.width_mm > 0 and v.height_mm > 0


# --- money -----------------------------------------------------------------------------------------


def test_no_float_anywhere(cat: Catalogue) -> None:
    assert not [x for x in walk(cat) if isinstance(x, float)]


def test_prices_are_positive_integer_minor_units_in_vendor_currency(cat: Catalogue) -> None:
    currency = {v.key: v.currency for v in cat.vendors}
    for p in cat.products:
        for v in p.variants:
            assert type(v.price_minor) is int and v.price_minor > 0
            assert v.currency == currency[p.vendor_key]
            if v.compare_at_minor is not None:
                assert type(v.compare_at_minor) is int and v.compare_at_minor > v.price_minor


def test_some_variants_are_on_sale(cat: Catalogue) -> None:
    on_sale = [p for p in cat.products if any(v.compare_at_minor for v in p.variants)]
    assert 0.05 * len(cat.products) <= len(on_sale) <= 0.25 * len(cat.products)


# plausible price ranges in minor units: (min, max)
PLAUSIBLE = {
    "JPY": (300, 200_000), "KRW": (3_000, 300_000), "EUR": (300, 300_000), "USD": (300, 300_000),
    "GBP": (300, 50_000), "CNY": (2_000, 1_000_000), "INR": (20_000, 10_000_000), "MXN": (5_000, 3_000_000),
    "BRL": (1_000, 2_000_000), "TRY": (5_000, 5_000_000),
}


def test_prices_respect_currency_exponent_and_are_plausible(cat: Catalogue) -> None:
    for p in cat.products:
        for v in p.variants:
            low, high = PLAUSIBLE[v.currency]
            assert low <= v.price_minor <= high, (p.slug, v.sku, v.price_minor, v.currency)
            if v.currency == "JPY":
                assert v.price_minor % 10 == 0  # whole yen, rounded like a shelf price
            if v.currency == "KRW":
                assert v.price_minor % 100 == 0


def price_of(cat: Catalogue, slug: str) -> int:
    product = next(p for p in cat.products if p.slug == slug)
    return max(v.compare_at_minor or v.price_minor for v in product.variants[:1])


def test_anchor_prices(cat: Catalogue) -> None:
    assert 2_800 <= price_of(cat, "indigo-glaze-stoneware-mug") <= 3_600  # about ¥3,200
    assert 20_000 <= price_of(cat, "rice-water-brightening-serum") <= 35_000  # about ₩28,000
    assert 200_000 <= price_of(cat, "dabu-block-print-cotton-kurta") <= 300_000  # about ₹2,450
    assert 25_000 <= price_of(cat, "vegetable-tanned-leather-tote") <= 45_000  # EUR 250-450


@pytest.mark.parametrize(
    ("minor", "currency", "expected"),
    [(3_150, "JPY", 3_200), (27_600, "KRW", 28_000), (18_870, "EUR", 18_900), (2_480, "EUR", 2_490),
     (3_950, "USD", 3_999), (244_000, "INR", 245_000), (12_950, "BRL", 12_990), (905, "GBP", 899)],
)
def test_nice_price(minor: int, currency: str, expected: int) -> None:
    assert nice_price(minor, currency) == expected


# --- weights, stock, ratings, featured -------------------------------------------------------------


def test_weights_are_believable(cat: Catalogue) -> None:
    for p in cat.products:
        grams = [v.weight_g for v in p.variants]
        if p.hs_code == "610910":
            assert all(100 <= g <= 400 for g in grams), p.slug
        if p.hs_code == "847130" and re.search(r"Laptop|Ultrabook", p.name):
            assert all(900 <= g <= 3_000 for g in grams), p.slug
        if p.hs_code == "490199":
            assert all(150 <= g <= 1_500 for g in grams), p.slug
        for v in p.variants:
            if ("Size", "1 kg") in v.options:
                assert v.weight_g >= 1_000


def test_stock_levels(cat: Catalogue) -> None:
    stocks = [v.stock for p in cat.products for v in p.variants]
    assert all(type(s) is int and 0 <= s <= 120 for s in stocks)
    assert 0 < stocks.count(0) < 0.15 * len(stocks)
    assert sum(3 <= s <= 120 for s in stocks) > 0.8 * len(stocks)


def test_ratings_reviews_and_age(cat: Catalogue) -> None:
    for p in cat.products:
        assert p.rating_x10 == 0 or 35 <= p.rating_x10 <= 50
        assert (p.rating_x10 == 0) == (p.review_count == 0)
        assert 0 <= p.age_days <= 365
    assert len({p.age_days for p in cat.products}) > 100


def test_featured_products_are_spread_out(cat: Catalogue) -> None:
    featured: list[DemoProduct] = [p for p in cat.products if p.featured]
    assert 20 <= len(featured) <= 28
    parent = {c.slug: c.parent_slug for c in cat.categories}
    tops = {p.category_slug if parent[p.category_slug] is None else parent[p.category_slug] for p in featured}
    assert len(tops) >= 8
    assert len({p.vendor_key for p in featured}) >= 10
    approved = {v.key for v in cat.vendors if v.status == "approved"}
    assert all(p.vendor_key in approved for p in featured)


# --- determinism -----------------------------------------------------------------------------------


def test_build_is_deterministic_and_cached() -> None:
    assert catalogue_module._build() == catalogue_module._build()
    assert build_catalogue() is build_catalogue()


def test_slugify() -> None:
    assert slugify("Men's Ridgeline 3-Layer Rain Jacket") == "mens-ridgeline-3-layer-rain-jacket"
    assert slugify("Néroli Soleil Eau de Parfum") == "neroli-soleil-eau-de-parfum"

"""Builders for search tests: a small catalogue with known words, prices in several currencies, sellers in
several countries, translations, ratings and stock, so each filter and sort has a visible effect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from marketplace.models import Category, Product, ProductTranslation, Variant, Vendor
from tests import factories


@dataclass
class SearchCatalogue:
    shoes: Category
    trainers: Category
    bags: Category
    milano: Vendor
    kyoto: Vendor
    products: dict[str, Product]


def item(session: Session, vendor: Vendor, category: Category, name: str, *, price_minor: int, rating_x10: int = 0,
         stock: int = 5, age_days: int = 10, description: str = "", hs_code: str = "640411",
         german: tuple[str, str] | None = None) -> Product:
    product = factories.product(session, vendor, category, name=name, price_minor=price_minor, stock=stock)
    product.rating_x10, product.review_count = rating_x10, rating_x10 // 5
    product.description = description or f"{name}, made with care."
    product.created_at = datetime(2026, 11, 1, tzinfo=UTC) - timedelta(days=age_days)
    session.add(product)
    for variant in session.exec(select(Variant).where(Variant.product_id == product.id)).all():
        variant.hs_code = hs_code
        session.add(variant)
    if german:
        session.add(ProductTranslation(product_id=product.id, lang="de", name=german[0], description=german[1]))
    session.flush()
    return product


def search_catalogue(session: Session) -> SearchCatalogue:
    """Seven listed products: sneakers and boots from Milan (EUR), sneakers and a bag from Kyoto (JPY)..."""
    shoes = factories.category(session, slug="shoes")
    trainers = factories.category(session, slug="trainers", parent=shoes)
    bags = factories.category(session, slug="bags")
    milano = factories.vendor(session, country="IT", currency="EUR")
    kyoto = factories.vendor(session, country="JP", currency="JPY")
    products = {
        "canvas": item(session, milano, trainers, "Canvas Sneakers", price_minor=4_500, rating_x10=46, age_days=3,
                       german=("Segeltuch-Sneaker", "Leichte Turnschuhe aus Segeltuch.")),
        "leather": item(session, milano, trainers, "Leather Sneakers", price_minor=12_000, rating_x10=41,
                        age_days=30, german=("Leder-Sneaker", "Turnschuhe aus glattem Leder.")),
        "boots": item(session, milano, shoes, "Chelsea Boots", price_minor=19_000, rating_x10=38, age_days=60,
                      stock=0),
        "kyoto": item(session, kyoto, trainers, "Indigo Sneakers", price_minor=9_800, rating_x10=49, age_days=1),
        "tote": item(session, kyoto, bags, "Indigo Tote Bag", price_minor=2_400, rating_x10=0, age_days=5,
                     hs_code="420222", german=("Indigo-Tragetasche", "Eine Tasche aus Baumwolle.")),
        "knife": item(session, kyoto, bags, "Santoku Knife Roll Bag", price_minor=3_000, rating_x10=44,
                      age_days=8, description="A roll bag holding a santoku knife, for chefs.", hs_code="821192"),
        "flask": item(session, milano, bags, "Hip Flask Bag", price_minor=900, rating_x10=30, age_days=90,
                      description="A leather bag with a hip flask of grappa liqueur.", hs_code="220870"),
    }
    return SearchCatalogue(shoes, trainers, bags, milano, kyoto, products)

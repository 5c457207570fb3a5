"""Catalogue reads: only listed products of approved vendors, translations with English fallback,
pagination (search: test_search.py)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from marketplace.catalog import queries
from marketplace.core.errors import NotFound
from marketplace.models import CategoryTranslation, ProductStatus, ProductTranslation, VendorStatus
from tests import factories


@pytest.fixture
def catalogue(db_engine):
    with Session(db_engine) as session:
        home = factories.category(session, slug="home")
        mugs = factories.category(session, slug="mugs", parent=home)
        session.add(CategoryTranslation(category_id=home.id, lang="de", name="Wohnen"))
        kyoto = factories.vendor(session)
        listed = [factories.product(session, kyoto, mugs, name=f"Stoneware Mug {n}") for n in range(30)]
        session.add(ProductTranslation(product_id=listed[0].id, lang="de", name="Steinzeugbecher",
                                       description="Handgemacht in Kyoto."))
        factories.product(session, kyoto, mugs, name="Hidden Mug", status=ProductStatus.HIDDEN)
        banned = factories.vendor(session, status=VendorStatus.SUSPENDED)
        factories.product(session, banned, mugs, name="Suspended Vendor Mug")
        session.commit()
        yield session, listed


def test_categories_count_listed_products_including_subcategories(catalogue):
    session, _ = catalogue
    top = queries.categories(session, "de")
    assert [(c.slug, c.name, c.product_count) for c in top] == [("home", "Wohnen", 30)]


@pytest.mark.parametrize("slug", ["nope", "", None, "x" * 500, "../etc/passwd"])
def test_unknown_categories_and_products_are_not_found(catalogue, slug):
    session, _ = catalogue
    with pytest.raises(NotFound):
        queries.product_detail(session, slug, "en")


def test_product_detail_is_translated_with_english_fallback(catalogue):
    session, listed = catalogue
    german = queries.product_detail(session, listed[0].slug, "de")
    fallback = queries.product_detail(session, listed[1].slug, "de")
    assert (german.name, german.description) == ("Steinzeugbecher", "Handgemacht in Kyoto.")
    assert fallback.name == "Stoneware Mug 1"
    assert german.variants[0].price.currency == "JPY" and german.variants[0].price.minor == 3200

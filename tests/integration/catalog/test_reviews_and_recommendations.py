"""Review reads (approved only, histogram, newest first, pages) and recommendations (co-purchases, similar items,
recently viewed, bestsellers per ship-to market with a best-rated fallback) on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from marketplace.catalog import recommendations, reviews
from marketplace.core import clock
from marketplace.core.errors import ValidationError
from marketplace.models import ProductStatus
from tests import factories
from tests import factories_product as more


@pytest.fixture(autouse=True)
def _fresh_cache():
    recommendations.cache_clear()
    yield
    recommendations.cache_clear()


@pytest.fixture
def shop(db_engine):
    with Session(db_engine) as session:
        mugs, scarves = factories.category(session), factories.category(session)
        kyoto, milano = factories.vendor(session), factories.vendor(session, country="IT", currency="EUR")
        yield session, kyoto, milano, mugs, scarves


def test_the_histogram_counts_only_approved_reviews_from_five_stars_down(shop):
    session, kyoto, _, mugs, _ = shop
    # given a product with approved reviews of 5, 5, 4 and 1 stars, one pending and one rejected
    bowl = factories.product(session, kyoto, mugs)
    for stars in (5, 5, 4, 1):
        more.review(session, bowl, stars)
    more.review(session, bowl, 1, status="pending")
    more.review(session, bowl, 2, status="rejected")
    session.commit()
    # when the page reads the summary
    summary = reviews.review_summary(session, bowl.id)
    # then only the approved four count, every star row is there, and the average is 15/4 = 3.75 -> 3.8
    assert summary.count == 4
    assert summary.histogram == ((5, 2), (4, 1), (3, 0), (2, 0), (1, 1))
    assert summary.average_x10 == 38


def test_a_product_without_reviews_has_an_empty_histogram(shop):
    session, kyoto, _, mugs, _ = shop
    bowl = factories.product(session, kyoto, mugs)
    summary = reviews.review_summary(session, bowl.id)
    assert summary.count == 0 and summary.average_x10 == 0 and [n for _, n in summary.histogram] == [0] * 5


def test_reviews_come_newest_first_in_pages_with_short_author_names(shop):
    session, kyoto, _, mugs, _ = shop
    bowl = factories.product(session, kyoto, mugs)
    anna = factories.user(session)
    anna.display_name = "Anna Maria Keller"
    now = clock.now()
    for days in range(7):
        more.review(session, bowl, 4, author=anna, title=f"{days} days ago", at=now - timedelta(days=days))
    more.review(session, bowl, 5, title="hidden", status="pending", at=now + timedelta(days=1))
    session.commit()
    first = reviews.product_reviews(session, bowl.id, 1, per_page=5)
    assert [r.title for r in first.items] == [f"{d} days ago" for d in range(5)] and first.has_more
    second = reviews.product_reviews(session, bowl.id, 2, per_page=5)
    assert [r.title for r in second.items] == ["5 days ago", "6 days ago"] and not second.has_more
    assert first.items[0].author == "Anna K."
    with pytest.raises(ValidationError):
        reviews.product_reviews(session, bowl.id, 0)
    with pytest.raises(ValidationError):
        reviews.product_reviews(session, bowl.id, "2")


def test_the_sellers_rating_averages_approved_reviews_of_all_its_products(shop):
    session, kyoto, milano, mugs, _ = shop
    a, b = factories.product(session, kyoto, mugs), factories.product(session, kyoto, mugs)
    other = factories.product(session, milano, mugs)
    more.review(session, a, 5)
    more.review(session, b, 4)
    more.review(session, b, 1, status="pending")
    more.review(session, other, 1)
    session.commit()
    assert reviews.vendor_rating(session, kyoto.id) == (45, 2)
    assert reviews.vendor_rating(session, factories.vendor(session).id) == (0, 0)


def test_often_bought_together_ranks_co_purchases_and_skips_canceled_and_unlisted(shop):
    session, kyoto, milano, mugs, scarves = shop
    bowl = factories.product(session, kyoto, mugs, name="Bowl")
    whisk = factories.product(session, kyoto, mugs, name="Whisk")
    scarf = factories.product(session, milano, scarves, name="Scarf")
    hidden = factories.product(session, kyoto, mugs, name="Hidden", status=ProductStatus.HIDDEN)
    lonely = factories.product(session, kyoto, mugs, name="Lonely")
    # given: bowl+whisk twice, bowl+scarf once (two vendors in one order group), bowl+hidden, a canceled pair
    more.order(session, [(bowl, 1), (whisk, 1)])
    more.order(session, [(bowl, 2), (whisk, 1), (scarf, 1)])
    more.order(session, [(bowl, 1), (hidden, 1)])
    more.order(session, [(bowl, 1), (lonely, 1)], status="canceled")
    more.order(session, [(lonely, 1)])
    session.commit()
    # when the bowl's page asks what was bought with it
    together = recommendations.often_bought_together(session, bowl.id, "en")
    # then the whisk (two shared orders) comes before the scarf (one, from another vendor in the same group)
    assert [c.name for c in together] == ["Whisk", "Scarf"]
    assert recommendations.often_bought_together(session, lonely.id, "en") == []


def test_similar_items_share_the_category_and_sit_near_in_price(shop):
    session, kyoto, milano, mugs, scarves = shop
    anchor = factories.product(session, milano, mugs, price_minor=5000, currency="EUR", name="Anchor")
    factories.product(session, milano, mugs, price_minor=5200, currency="EUR", name="Near")
    factories.product(session, milano, mugs, price_minor=20000, currency="EUR", name="Far")
    factories.product(session, milano, mugs, price_minor=4500, currency="EUR", name="Close below")
    factories.product(session, milano, scarves, price_minor=5000, currency="EUR", name="Other category")
    factories.product(session, milano, mugs, price_minor=5000, currency="EUR", name="Hidden",
                      status=ProductStatus.HIDDEN)
    session.commit()
    similar = recommendations.similar_items(session, anchor.id, "en")
    assert [c.name for c in similar] == ["Near", "Close below", "Far"]


def test_recently_viewed_keeps_the_browsers_order_and_drops_what_is_not_listed(shop):
    session, kyoto, _, mugs, _ = shop
    a, b = factories.product(session, kyoto, mugs, name="A"), factories.product(session, kyoto, mugs, name="B")
    hidden = factories.product(session, kyoto, mugs, name="H", status=ProductStatus.HIDDEN)
    session.commit()
    cards = recommendations.recently_viewed(session, [b.id, hidden.id, "x", a.id, 999_999], "en")
    assert [c.name for c in cards] == ["B", "A"]
    assert [c.name for c in recommendations.recently_viewed(session, [b.id, a.id], "en", exclude=b.id)] == ["A"]


def test_bestsellers_count_units_sold_to_the_market_in_the_last_90_days(shop):
    session, kyoto, milano, mugs, _ = shop
    bowl, whisk = factories.product(session, kyoto, mugs, name="Bowl"), factories.product(session, kyoto, mugs,
                                                                                           name="Whisk")
    tote = factories.product(session, milano, mugs, name="Tote")
    old = clock.now() - timedelta(days=120)
    more.order(session, [(whisk, 3)], ship_to="DE")
    more.order(session, [(bowl, 2)], ship_to="DE")
    more.order(session, [(bowl, 2)], ship_to="DE")
    more.order(session, [(tote, 9)], ship_to="US")
    more.order(session, [(tote, 50)], ship_to="DE", at=old)
    session.commit()
    best, from_sales = recommendations.bestsellers(session, "DE", "en")
    assert from_sales and [c.name for c in best] == ["Bowl", "Whisk"]
    us, _ = recommendations.bestsellers(session, "US", "en")
    assert [c.name for c in us] == ["Tote"]


def test_with_no_sales_in_a_market_bestsellers_fall_back_to_the_best_rated(shop):
    session, kyoto, _, mugs, _ = shop
    ok = factories.product(session, kyoto, mugs, name="OK")
    top = factories.product(session, kyoto, mugs, name="Top")
    ok.rating_x10, top.rating_x10 = 41, 49
    session.commit()
    best, from_sales = recommendations.bestsellers(session, "JP", "en")
    assert not from_sales and [c.name for c in best][:2] == ["Top", "OK"]


def test_recommendations_are_cached_until_cleared(shop):
    session, kyoto, _, mugs, _ = shop
    bowl, whisk = factories.product(session, kyoto, mugs, name="Bowl"), factories.product(session, kyoto, mugs,
                                                                                           name="Whisk")
    session.commit()
    assert recommendations.often_bought_together(session, bowl.id, "en") == []
    more.order(session, [(bowl, 1), (whisk, 1)])
    session.commit()
    assert recommendations.often_bought_together(session, bowl.id, "en") == []  # within the TTL
    recommendations.cache_clear()
    assert [c.name for c in recommendations.often_bought_together(session, bowl.id, "en")] == ["Whisk"]

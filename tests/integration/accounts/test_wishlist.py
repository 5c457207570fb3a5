"""The wishlist: listed products only, one row per product, at most 500, each shopper sees only their own."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from marketplace.accounts import wishlist
from marketplace.catalog import queries
from marketplace.core.errors import NotFound, ValidationError
from marketplace.models import ProductStatus, WishlistItem
from tests import factories


def _rows(session) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(WishlistItem)).one()


def test_adding_twice_keeps_one_row_and_removing_forgets_it(shop):
    s = shop.session
    assert wishlist.add(s, shop.alice.id, shop.mug.id) is True
    assert wishlist.add(s, shop.alice.id, str(shop.mug.id)) is False
    assert wishlist.contains(s, shop.alice.id, shop.mug.id) and _rows(s) == 1
    assert wishlist.remove(s, shop.alice.id, shop.mug.id) is True
    assert wishlist.remove(s, shop.alice.id, shop.mug.id) is False
    assert _rows(s) == 0


def test_the_list_is_mine_only_newest_first_and_hides_products_taken_down(shop):
    s = shop.session
    wishlist.add(s, shop.alice.id, shop.mug.id)
    wishlist.add(s, shop.alice.id, shop.bag.id)
    wishlist.add(s, shop.bob.id, shop.bowl.id)
    s.commit()
    assert wishlist.product_ids(s, shop.alice.id) == [shop.bag.id, shop.mug.id]
    assert wishlist.product_ids(s, shop.bob.id) == [shop.bowl.id]
    assert [c.name for c in queries.cards_by_ids(s, wishlist.product_ids(s, shop.alice.id), "en")] == [
        "Leather bag", "Tea mug"]

    shop.bag.status = ProductStatus.HIDDEN
    s.add(shop.bag)
    s.commit()
    assert wishlist.product_ids(s, shop.alice.id) == [shop.mug.id]
    # Bob removing Alice's product touches only his own list
    assert wishlist.remove(s, shop.bob.id, shop.mug.id) is False
    assert wishlist.contains(s, shop.alice.id, shop.mug.id)


def test_a_single_variant_product_can_go_straight_to_the_cart(shop):
    quick = wishlist.quick_add_variants(shop.session, [shop.mug.id, shop.bowl.id])
    assert set(quick) == {shop.mug.id}  # the bowl has two variants: the shopper chooses on its page


@pytest.mark.parametrize("bad", [None, 0, -3, True, "abc", "1.5", 10**30, [1], 999_999])
def test_bad_or_unknown_product_ids_are_refused_and_change_nothing(shop, bad):
    with pytest.raises(NotFound) as refused:
        wishlist.add(shop.session, shop.alice.id, bad)
    assert refused.value.message == "We couldn't find that product."
    assert _rows(shop.session) == 0


def test_a_product_that_is_not_listed_cannot_be_added(shop):
    s = shop.session
    shop.mug.status = ProductStatus.DRAFT
    s.add(shop.mug)
    s.flush()
    with pytest.raises(NotFound):
        wishlist.add(s, shop.alice.id, shop.mug.id)
    with pytest.raises(NotFound):
        wishlist.product_id_for_slug(s, shop.mug.slug)
    assert wishlist.product_id_for_slug(s, shop.bag.slug) == shop.bag.id


def test_the_wishlist_holds_at_most_500_items(shop, monkeypatch):
    s = shop.session
    cat = factories.category(s)
    products = [factories.product(s, shop.kyoto, cat) for _ in range(3)]
    monkeypatch.setattr(wishlist, "MAX_ITEMS", 2)
    wishlist.add(s, shop.alice.id, products[0].id)
    wishlist.add(s, shop.alice.id, products[1].id)
    with pytest.raises(ValidationError) as full:
        wishlist.add(s, shop.alice.id, products[2].id)
    assert full.value.params == {"max": 2} and _rows(s) == 2
    assert wishlist.add(s, shop.bob.id, products[2].id) is True  # the limit is per shopper


def test_the_real_limit_is_500():
    assert wishlist.MAX_ITEMS == 500

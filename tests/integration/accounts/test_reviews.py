"""Reviews: only of my own delivered purchases, once per line, validated and stored pending moderation."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from marketplace.accounts import reviews
from marketplace.core.errors import NotFound, ValidationError
from marketplace.models import Review
from tests import factories_account as fa


def _count(session) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(Review)).one()


@pytest.fixture
def delivered(shop):
    group = fa.order(shop.session, shop.alice, [(shop.kyoto, [(shop.mug, 1), (shop.bowl, 1)])], status="delivered")
    shop.session.commit()
    return fa.lines(shop.session, group)


def test_delivered_lines_are_listed_until_reviewed_and_the_review_is_pending(shop, delivered):
    s = shop.session
    fa.order(s, shop.alice, [(shop.milano, [(shop.bag, 1)])], status="shipped")  # not delivered yet
    assert [r.order_line_id for r in reviews.reviewable(s, shop.alice.id)] == [line.id for line in delivered]

    view = reviews.submit(s, shop.alice.id, delivered[0].id, rating=5, title="  Lovely\tmug ",
                          body="Holds heat well.\r\n\r\n\r\n\r\nWould buy again.\x00", lang="en")

    assert (view.rating, view.title, view.body, view.status) == (5, "Lovely mug", "Holds heat well.\n\nWould buy again.",
                                                                 "pending")
    assert [r.order_line_id for r in reviews.reviewable(s, shop.alice.id)] == [delivered[1].id]
    assert [(r.product_name, r.status) for r in reviews.my_reviews(s, shop.alice.id)] == [("Tea mug", "pending")]
    stored = s.exec(select(Review)).one()
    assert (stored.product_id, stored.user_id, stored.status) == (shop.mug.id, shop.alice.id, "pending")


def test_a_line_can_be_reviewed_only_once(shop, delivered):
    s = shop.session
    reviews.submit(s, shop.alice.id, delivered[0].id, rating=4, title="Good", body="")
    with pytest.raises(ValidationError) as twice:
        reviews.submit(s, shop.alice.id, delivered[0].id, rating=1, title="Changed my mind", body="")
    assert twice.value.message == "You have already reviewed this item." and _count(s) == 1


def test_another_shoppers_line_is_not_found(shop, delivered):
    with pytest.raises(NotFound) as theirs:
        reviews.submit(shop.session, shop.bob.id, delivered[0].id, rating=5, title="Great", body="")
    assert theirs.value.message == "We couldn't find that purchase."
    assert reviews.reviewable(shop.session, shop.bob.id) == [] and _count(shop.session) == 0


def test_a_line_not_yet_delivered_cannot_be_reviewed(shop):
    s = shop.session
    group = fa.order(s, shop.alice, [(shop.kyoto, [(shop.mug, 1)])], status="shipped")
    with pytest.raises(ValidationError) as early:
        reviews.submit(s, shop.alice.id, fa.lines(s, group)[0].id, rating=5, title="Great", body="")
    assert early.value.message == "You can review this item once it has been delivered." and _count(s) == 0


@pytest.mark.parametrize("line_id", [None, 0, -1, True, "x", 10**40, 987654])
def test_bad_line_ids_are_not_found(shop, line_id):
    with pytest.raises(NotFound):
        reviews.submit(shop.session, shop.alice.id, line_id, rating=5, title="Great", body="")


@pytest.mark.parametrize("fields, message", [
    ({"rating": 0}, "Choose a rating from 1 to 5 stars."),
    ({"rating": 6}, "Choose a rating from 1 to 5 stars."),
    ({"rating": 4.5}, "Choose a rating from 1 to 5 stars."),
    ({"rating": True}, "Choose a rating from 1 to 5 stars."),
    ({"rating": None}, "Choose a rating from 1 to 5 stars."),
    ({"title": "   \x07 "}, "Give your review a title."),
    ({"title": "t" * 121}, "Use at most %(max)s characters for the title."),
    ({"title": 42}, "That text is not valid."),
    ({"body": "b" * 4001}, "Use at most %(max)s characters for your review."),
    ({"body": {"html": "<b>"}}, "That text is not valid."),
])
def test_bad_input_gets_a_specific_error_and_stores_nothing(shop, delivered, fields, message):
    values = {"rating": 5, "title": "Great", "body": "Fine.", **fields}
    with pytest.raises(ValidationError) as bad:
        reviews.submit(shop.session, shop.alice.id, delivered[0].id, **values)
    assert bad.value.message == message and _count(shop.session) == 0


def test_markup_stays_literal_plain_text(shop, delivered):
    view = reviews.submit(shop.session, shop.alice.id, delivered[0].id, rating="3", title="<script>x</script>",
                          body="<img src=x onerror=alert(1)>")
    assert view.title == "<script>x</script>" and view.rating == 3  # rendered as text by the page, never as HTML

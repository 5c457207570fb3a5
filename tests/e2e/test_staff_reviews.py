"""Review moderation in Chromium (issue 13's acceptance): a shopper's pending review, approved by the demo
moderator on /staff/reviews (a phone), appears on the product page and changes the product's rating; a second
one, rejected with a reason on a desktop, never appears there and shows the reason on its author's reviews
page. Support staff are refused. Pages are checked with axe and photographed."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from marketplace.catalog.reviews import review_summary
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import Product, ProductStatus, Review
from tests import factories
from tests.e2e.conftest import check_page, log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
MODERATOR, SUPPORT = "staff@meridian.test", "support@meridian.test"


def _stars(x10: int) -> str:
    return f"{x10 // 10}.{x10 % 10}"


@pytest.fixture
def pending(app_server):
    """A fresh shopper with two pending reviews (1 and 2 stars) of a demo product rated 4.0 or better."""
    tag = uuid.uuid4().hex[:8]
    with Session(app_server.engine()) as session:
        author = factories.user(session, email=f"reviewer-{tag}@example.test")
        author.display_name = f"Rita Moreau{tag}"
        product = session.exec(select(Product).where(Product.status == ProductStatus.ACTIVE,
                                                     Product.rating_x10 >= 40, Product.review_count.between(2, 4))
                               .order_by(Product.id.desc())).first()
        session.add_all([Review(product_id=product.id, user_id=author.id, rating=stars, title=f"{word} {tag}",
                                body="The glaze chipped in transit.", lang="en", status="pending")
                         for stars, word in ((1, "Chipped"), (2, "Spammy"))])
        session.commit()
        yield tag, author.email, product.slug, product.id, review_summary(session, product.id)


def _card(page: Page, title: str):
    return page.locator(".review-card", has_text=title)


def test_an_approved_review_appears_and_changes_the_rating(phone: Page, desktop: Page, pending, app_server, shoot):
    tag, author_email, slug, product_id, before = pending
    page = phone
    page.goto(f"/p/{slug}")
    expect(page.locator("#product-rating")).to_contain_text(_stars(before.average_x10))
    expect(page.locator("#review-list")).not_to_contain_text(f"Chipped {tag}")

    log_in(page, MODERATOR, ACCOUNTS[MODERATOR].password)
    page.goto("/staff/reviews")
    expect(page.locator("#reviews-heading")).to_have_text("Reviews")
    page.locator("#reviews-tab-pending").click()
    card = _card(page, f"Chipped {tag}")
    while card.count() == 0 and page.get_by_role("button", name="Next").is_enabled():  # older ones wait first
        page.get_by_role("button", name="Next").click()
        page.wait_for_timeout(300)
    expect(card).to_be_visible()
    expect(card).to_contain_text("Rita M.")
    check_page(page, shoot, "phone-reviews-queue")
    card.locator(".review-approve").click()
    expect(page.locator("#reviews-done")).to_contain_text("Approved")
    expect(_card(page, f"Chipped {tag}")).to_have_count(0)

    with Session(app_server.engine()) as session:
        after = review_summary(session, product_id)
        stored = session.get(Product, product_id)
        assert after.count == before.count + 1 and after.average_x10 < before.average_x10
        assert (stored.rating_x10, stored.review_count) == (after.average_x10, after.count)
    page.goto(f"/p/{slug}")
    expect(page.locator("#product-rating")).to_contain_text(_stars(after.average_x10))
    expect(page.locator("#product-rating")).to_contain_text(str(after.count))
    expect(page.locator("#review-list")).to_contain_text(f"Chipped {tag}")

    desk = desktop
    log_in(desk, MODERATOR, ACCOUNTS[MODERATOR].password)
    desk.goto("/staff/reviews")
    card = _card(desk, f"Spammy {tag}")
    while card.count() == 0 and desk.get_by_role("button", name="Next").is_enabled():
        desk.get_by_role("button", name="Next").click()
        desk.wait_for_timeout(300)
    card.locator(".review-reject").click()  # no reason: refused, nothing changes
    expect(desk.locator("#reviews-error")).to_contain_text("Say why the review is rejected")
    card = _card(desk, f"Spammy {tag}")
    card.locator("textarea").fill("Links to another shop.")
    card.locator(".review-reject").click()
    expect(desk.locator("#reviews-done")).to_contain_text("Rejected")
    desk.locator("#reviews-tab-rejected").click()
    expect(_card(desk, f"Spammy {tag}")).to_contain_text("Links to another shop.")
    check_page(desk, shoot, "desktop-reviews-rejected")

    log_in(desk, author_email, PASSWORD)
    desk.goto("/account/reviews")
    expect(desk.locator(".my-review", has_text=f"Spammy {tag}")).to_contain_text("Links to another shop.")
    check_page(desk, shoot, "desktop-author-reviews")
    desk.goto(f"/p/{slug}")
    expect(desk.locator("#review-list")).not_to_contain_text(f"Spammy {tag}")


def test_support_staff_cannot_moderate_reviews(desktop: Page, shoot):
    log_in(desktop, SUPPORT, ACCOUNTS[SUPPORT].password)
    desktop.goto("/staff/reviews")
    expect(desktop.locator("#denied-message")).to_contain_text("Your staff role can't use this")
    expect(desktop.locator(".review-card")).to_have_count(0)

"""A shopper on a phone: home -> category -> product -> variant -> add to cart -> cart; and the language
switch changes the page's text at run time."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from marketplace.core.i18n import catalog
from marketplace.models import Product, Variant
from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.e2e


def test_phone_shopper_browses_picks_a_variant_and_adds_to_cart(phone: Page, app_server, shoot):
    page = phone
    page.goto("/")
    expect(page.locator(".product-card").first).to_be_visible()
    expect(page.locator("#cart-count")).to_have_count(0)

    page.locator(".category-tile").first.click()
    expect(page).to_have_url(re.compile(r"/c/[\w-]+/?$"))
    expect(page.locator(".product-card").first).to_be_visible()
    shoot(page, "category")

    # open a product that has several variants in stock
    with Session(app_server.engine()) as session:
        slugs = {slug for slug, count in session.exec(
            select(Product.slug, Variant.id).join(Variant, Variant.product_id == Product.id)
            .where(Variant.stock > 5)).all() if count}
    cards = page.locator(".product-card")
    target = None
    for i in range(cards.count()):
        href = cards.nth(i).get_attribute("href") or ""
        slug = href.rstrip("/").rsplit("/", 1)[-1]
        if slug in slugs and _variant_count(app_server, slug) > 1:
            target = cards.nth(i)
            break
    assert target is not None, "no multi-variant product on the first category page"
    target.click()
    expect(page.locator("#product-name")).not_to_be_empty()
    chips = page.locator(".variant-chip")
    expect(chips.first).to_be_visible()
    chosen = None
    for i in range(1, chips.count()):  # pick another variant than the preselected one, one in stock
        chips.nth(i).click()
        expect(chips.nth(i)).to_have_attribute("aria-pressed", "true")
        if page.locator("#add-to-cart").is_enabled():
            chosen = chips.nth(i)
            break
    assert chosen is not None, "no other variant in stock"
    chosen_label = chosen.inner_text().strip()
    shoot(page, "product")

    page.locator("#add-to-cart").click()
    expect(page.locator("#cart-count")).to_have_text("1")
    toast = page.locator("[data-sonner-toast]").first
    expect(toast).to_be_visible()  # "Added to your cart" shows below the header, never over the cart button
    toast_box, cart_box = toast.bounding_box(), page.locator("#cart-link").bounding_box()
    assert toast_box["y"] >= cart_box["y"] + cart_box["height"], (toast_box, cart_box)
    shoot(page, "added")
    product_name = page.locator("#product-name").inner_text().strip()

    page.locator("#cart-link").click()
    expect(page).to_have_url(re.compile(r"/cart/?$"))
    line = page.locator(".cart-line").first
    expect(line).to_contain_text(product_name)
    expect(line).to_contain_text(chosen_label)
    expect(page.locator("#cart-subtotal")).not_to_be_empty()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shoot(page, "cart")
    assert_accessible(page, "cart")


def _variant_count(app, slug: str) -> int:  # noqa: ANN001
    with Session(app.engine()) as session:
        product = session.exec(select(Product).where(Product.slug == slug)).one()
        return len(session.exec(select(Variant.id).where(Variant.product_id == product.id)).all())


def test_the_page_text_switches_between_english_and_german(phone: Page, shoot):
    page = phone
    page.goto("/")
    english, german = catalog("en"), catalog("de")
    heading = "Independent makers from around the world, delivered to your door"
    expect(page.locator("h1")).to_have_text(english[heading])
    expect(page.locator("#add-to-cart, .category-tile").first).to_be_visible()

    page.get_by_role("button", name="Deutsch").click()
    expect(page.locator("h1")).to_have_text(german[heading])
    expect(page.get_by_role("heading", name=german["Shop by category"])).to_be_visible()
    expect(page.locator("#search-phone")).to_have_attribute("placeholder", german["Search products and makers"])
    expect(page.locator("html")).to_have_attribute("lang", "de")
    shoot(page, "home-de")

    page.reload()  # the choice is kept (cookie) across a reload
    expect(page.locator("h1")).to_have_text(german[heading])

    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.locator("html")).to_have_attribute("lang", "en")

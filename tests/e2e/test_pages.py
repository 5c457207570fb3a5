"""Every page at 390x844 and 1440x900: it renders real data, has no horizontal scrolling on phones, passes
axe-core with no serious or critical violation, and is screenshot to test-artifacts/<page>/<viewport>.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import Category, Product, Variant, Vendor
from tests.e2e.conftest import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    assert_accessible,
    log_in,
    no_horizontal_scroll,
    small_touch_targets,
)

pytestmark = pytest.mark.e2e
PASSWORDS = {a.email: a.password for a in DEMO_ACCOUNTS}

# name, path (with {placeholders}), who logs in first, selector that shows the page has its data
PAGES = [
    ("home", "/", None, ".product-card"),
    ("category", "/c/{category}", None, ".product-card"),
    ("product", "/p/{product}", None, "#product-price"),
    ("search", "/search?q={query}", None, ".product-card"),
    ("cart", "/cart", None, ".cart-line"),
    ("login", "/login", None, "#login-submit"),
    ("register", "/register", None, "#register-submit"),
    ("account", "/account", "shopper@meridian.test", "#account-name"),
    ("account-orders", "/account/orders", "shopper@meridian.test", "main h1"),
    ("account-wishlist", "/account/wishlist", "shopper@meridian.test", "main h1"),
    ("account-addresses", "/account/addresses", "shopper@meridian.test", "#address-add"),
    ("account-reviews", "/account/reviews", "shopper@meridian.test", "main h1"),
    ("account-messages", "/account/messages", "shopper@meridian.test", "#contact-support"),
    ("seller", "/seller", "kyoto@meridian.test", "#seller-products .table-row"),
    ("seller-product", "/seller/products/{own_product}", "kyoto@meridian.test", "#seller-product-name"),
    ("staff", "/staff", "staff@meridian.test", "#vendor-list .vendor-row"),
]


@pytest.fixture(scope="module")
def sample(app_server) -> dict[str, str]:
    with Session(app_server.engine()) as session:
        category = session.exec(select(Category).where(Category.parent_id.is_(None)).order_by(Category.position)).first()
        product = session.exec(select(Product).where(Product.featured.is_(True)).order_by(Product.id)).first()
        kyoto = session.exec(select(Vendor).where(Vendor.slug == "kyoto-kiln")).one()
        own = session.exec(select(Product).where(Product.vendor_id == kyoto.id).order_by(Product.id)).first()
        variant = session.exec(select(Variant).where(Variant.product_id == product.id, Variant.stock > 0)).first()
    return {"category": category.slug, "product": product.slug, "query": product.name.split()[-1].lower(),
            "own_product": str(own.id), "variant": str(variant.id)}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("name, path, who, ready", PAGES, ids=[p[0] for p in PAGES])
def test_page_is_finished_at_both_sizes(chromium: Browser, app_server, sample, viewport, name, path, who, ready):
    size = PHONE if viewport == "phone" else DESKTOP
    context = chromium.new_context(viewport=size, base_url=app_server.base, is_mobile=viewport == "phone",
                                   has_touch=viewport == "phone")
    context.set_default_timeout(20_000)
    page: Page = context.new_page()
    try:
        if who:
            log_in(page, who, PASSWORDS[who])
        if name == "cart":
            page.goto(f"/p/{sample['product']}")
            page.locator("#add-to-cart").click()
            expect(page.locator("#cart-count")).to_have_text("1")
        page.goto(path.format(**sample))
        expect(page.locator(ready).first).to_be_visible()
        page.wait_for_load_state("networkidle")
        if viewport == "phone":
            assert no_horizontal_scroll(page), f"{name} scrolls sideways on a phone"
            assert not small_touch_targets(page), f"{name}: touch targets under 44 px: {small_touch_targets(page)}"
        folder = ARTIFACTS / "pages" / name
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{viewport}.png"), full_page=True)
        assert_accessible(page, f"{name} at {viewport}")
    finally:
        context.close()

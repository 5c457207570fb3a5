"""The seller's live sales figures in Chromium: seller A (kyoto) has the sales page open on a phone; a shopper
buys one of kyoto's products through the real checkout (``place_demo_orders``: cart, quote, embedded card
payment) after a visitor opened that product's page; the order count, the revenue, the day table and the
views in the funnel update without a reload (the page's background watcher sees the new order). On a desktop the charts have their tables, the 7-day preset and a custom range
work, and a reversed range is refused with its reason. Both are checked with axe and photographed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from marketplace.checkout.demo_orders import place_demo_orders
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import Product, Vendor
from tests.e2e.conftest import check_page, log_in

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
KYOTO, MILANO, SHOPPER = "kyoto@meridian.test", "milano@meridian.test", "shopper@meridian.test"


def _value(page: Page, box: str) -> str:
    return page.locator(f"#{box}").inner_text().strip().splitlines()[-1].strip()


def _count(page: Page, box: str) -> int:
    return int(re.sub(r"\D", "", _value(page, box)) or 0)


def _kyoto_product_slug(app_server) -> str:  # noqa: ANN001
    with Session(app_server.engine()) as session:
        return session.exec(select(Product.slug).join(Vendor, Vendor.id == Product.vendor_id)
                            .where(Vendor.slug == "kyoto-kiln", Product.status == "active").order_by(Product.id)).first()


def _views(page: Page) -> int:
    return int(re.sub(r"\D", "", page.locator("#sales-funnel > *").first.inner_text().splitlines()[-1]) or 0)


def test_the_sales_page_updates_when_a_shopper_orders_without_a_reload(phone: Page, desktop: Page, app_server,
                                                                       shoot) -> None:
    page = phone
    log_in(page, KYOTO, ACCOUNTS[KYOTO].password)
    page.goto("/seller/sales")
    expect(page.locator("#sales-live")).to_be_visible(timeout=20_000)  # the first seller page of a cold app
    expect(page.locator("#sales-revenue")).to_contain_text("¥")
    orders_before, revenue_before = _count(page, "sales-orders"), _value(page, "sales-revenue")
    views_before = _views(page)
    page.evaluate("window.__sameDocument = true")
    check_page(page, shoot, "phone-sales")

    desktop.goto(f"/p/{_kyoto_product_slug(app_server)}")  # a visitor views one of kyoto's products
    expect(desktop.get_by_role("heading", level=1)).to_be_visible()
    place_demo_orders(app_server.engine(), SHOPPER, ("kyoto-kiln",))  # the real checkout, as a shopper would

    expect(page.locator("#sales-orders")).to_contain_text(str(orders_before + 1), timeout=20_000)
    assert _value(page, "sales-revenue") != revenue_before
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded"
    assert _views(page) >= views_before + 1  # the product page recorded the visitor's view
    expect(page.locator("#sales-days .sales-row").first).to_be_visible()
    expect(page.locator("#sales-countries")).to_contain_text("Germany")
    check_page(page, shoot, "phone-sales-after-order")


def test_ranges_charts_and_tables_on_a_desktop_and_seller_b_sees_only_their_own(desktop: Page, phone: Page,
                                                                                shoot) -> None:
    page = desktop
    log_in(page, KYOTO, ACCOUNTS[KYOTO].password)
    page.goto("/seller/sales")
    expect(page.locator("#sales-days-chart svg").first).to_be_visible()
    expect(page.locator("#sales-days-chart")).to_have_attribute("role", "img")
    expect(page.locator("#sales-products .sales-row").first).to_be_visible()
    expect(page.locator("#sales-funnel")).to_contain_text("Product views")
    check_page(page, shoot, "desktop-sales")

    page.locator("#sales-presets").get_by_role("button", name="Last 7 days").click()
    expect(page.locator("#sales-presets").get_by_role("button", name="Last 7 days")).to_have_attribute(
        "aria-pressed", "true")

    page.locator("#sales-start").fill("2026-11-30")
    page.locator("#sales-end").fill("2026-11-01")
    page.locator("#sales-apply").click()
    expect(page.locator("#sales-range-error")).to_contain_text("start date must be on or before the end date")
    check_page(page, shoot, "desktop-sales-range-refused")

    kyoto_product = page.locator("#sales-products .sales-row th").first.inner_text().strip()
    log_in(phone, MILANO, ACCOUNTS[MILANO].password)
    phone.goto("/seller/sales")
    expect(phone.locator("#sales-revenue")).to_contain_text("€")
    expect(phone.locator("#sales-revenue")).not_to_contain_text("¥")
    expect(phone.locator("#sales-range")).to_be_visible()
    expect(phone.locator("body")).not_to_contain_text(kyoto_product)

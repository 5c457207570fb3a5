"""Staff analytics in Chromium: finance@meridian.test opens /staff/analytics from the staff console (KPI cards,
charts with their tables, CSV links, the live monitor), a shopper pays for an order in another browser, and the
live monitor shows the new order within 2 seconds of the payment without the page reloading; the GMV table's
CSV downloads. A moderator is refused. Phone and desktop, axe-checked and photographed."""

from __future__ import annotations

import csv
import io
import secrets
import time

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import Product, ProductStatus, Variant, Vendor, VendorStatus
from tests.e2e.conftest import check_page, log_in
from tests.e2e.shopping import pay
from tests.e2e.signup import register

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
FINANCE, MODERATOR = "finance@meridian.test", "staff@meridian.test"
PHONE = {"width": 390, "height": 844}
TAKEN = {a.vendor_key for a in DEMO_ACCOUNTS if a.vendor_key}  # other tests use the demo sellers' shops


def _product_slug(app) -> str:  # noqa: ANN001
    """A listed single-variant product in stock, of the newest approved shop no other test suspends first."""
    with Session(app.engine()) as session:
        one_variant = (select(Variant.product_id).group_by(Variant.product_id)
                       .having(func.count(Variant.id) == 1).having(func.min(Variant.stock) >= 3))
        return session.exec(
            select(Product.slug).join(Vendor, Vendor.id == Product.vendor_id)
            .where(Vendor.status == VendorStatus.APPROVED, Vendor.slug.not_in(TAKEN),
                   Product.status == ProductStatus.ACTIVE, Product.id.in_(one_variant))
            .order_by(Vendor.id.desc(), Product.id.desc())).first()


def _buy(chromium: Browser, app_server, slug: str) -> tuple[str, float]:  # noqa: ANN001
    """A new shopper buys ``slug`` on a phone; returns the order number and when the payment was confirmed."""
    email = f"analytics-{secrets.token_hex(4)}@example.test"
    cookie = register(app_server, "Lena Vogel", email, "a-long-passphrase")
    context = chromium.new_context(viewport=PHONE, base_url=app_server.base, is_mobile=True, has_touch=True)
    context.set_default_timeout(20_000)
    context.add_cookies([{"name": name, "value": value, "url": app_server.base} for name, value in (
        ("mp_lang", "en"), ("mp_ship", "DE"), ("mp_cur", "EUR"), ("mp_session", cookie))])
    page = context.new_page()
    page.goto(f"/p/{slug}")
    page.locator("#add-to-cart").click()
    expect(page.locator("#cart-count")).to_have_text("1")
    page.goto("/checkout")
    number = pay(page)
    paid_at = time.monotonic()
    context.close()
    return number, paid_at


def test_finance_watches_a_new_order_arrive_live(chromium: Browser, desktop: Page, phone: Page, app_server, shoot):
    slug = _product_slug(app_server)
    assert slug, "no listed single-variant product in the demo data"

    log_in(phone, FINANCE, ACCOUNTS[FINANCE].password)
    phone.goto("/staff/analytics")
    expect(phone.locator("#analytics-heading")).to_have_text("Analytics")
    expect(phone.locator("#analytics-gmv")).to_contain_text("€")
    expect(phone.locator("#analytics-live")).to_be_visible()
    check_page(phone, shoot, "phone-analytics")

    log_in(desktop, FINANCE, ACCOUNTS[FINANCE].password)
    desktop.goto("/staff/analytics")
    expect(desktop.get_by_role("link", name="Analytics").first).to_have_attribute("href", "/staff/analytics")
    expect(desktop.locator("#analytics-live")).to_be_visible()
    expect(desktop.locator("#analytics-days-chart .recharts-surface")).to_be_visible()
    check_page(desktop, shoot, "desktop-analytics")
    desktop.evaluate("window.__sameDocument = true")

    number, paid_at = _buy(chromium, app_server, slug)
    feed = desktop.locator("#analytics-feed .feed-number", has_text=number)
    expect(feed.first).to_be_visible(timeout=2_000)  # the acceptance point: within 2 seconds of the payment
    shown_after = time.monotonic() - paid_at
    assert shown_after <= 2.0, f"the monitor showed the order {shown_after:.2f} s after its payment"
    assert desktop.evaluate("window.__sameDocument === true"), "the page reloaded"
    expect(desktop.locator("#analytics-feed")).to_contain_text("€")
    check_page(desktop, shoot, "desktop-analytics-live")

    with desktop.expect_download() as info:
        desktop.locator("#analytics-days-csv").click()
    download = info.value
    assert download.suggested_filename.startswith("analytics-days-")
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))  # noqa: SIM115
    assert rows and set(rows[0]) == {"day", "orders", "gmv", "currency"} and sum(int(r["orders"]) for r in rows) >= 1

    desktop.reload()  # a reload hands the watch to a new watcher where the tab's socket now is
    expect(desktop.locator("#analytics-live")).to_be_visible()
    desktop.evaluate("window.__sameDocument = true")
    second, paid_at = _buy(chromium, app_server, slug)
    expect(desktop.locator("#analytics-feed .feed-number", has_text=second).first).to_be_visible(timeout=2_000)
    assert time.monotonic() - paid_at <= 2.0
    assert desktop.evaluate("window.__sameDocument === true"), "the page reloaded"


def test_a_moderator_is_refused(desktop: Page):
    log_in(desktop, MODERATOR, ACCOUNTS[MODERATOR].password)
    desktop.goto("/staff/analytics")
    expect(desktop.locator("#denied-message")).to_be_visible()
    expect(desktop.locator("#analytics-gmv")).to_have_count(0)

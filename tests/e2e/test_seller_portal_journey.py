"""Issue #12's acceptance journey, end to end in Chromium against the production build: a new seller sells.

A person signs up (phone), opens "Sell on Meridian" from the footer and applies with a German business: an
invalid German VAT number is refused with the reason, a valid one accepted. The operator approves the shop with
``python -m marketplace vendors approve ID``. On a desktop the seller creates a product with two variants,
accepts the engine's HS suggestion, uploads two pictures and publishes. The product shows in the storefront in
EUR, USD and JPY with its landed cost. With the seller's live sales page open, a shopper buys it (phone, the
real checkout); the page counts the order without a reload, the order is on the seller's orders page, and the
platform's commission on it is in the seller's ledger.
"""

from __future__ import annotations

import io
import re
import secrets

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from marketplace.models import Category, OrderGroup, Product, Vendor, VendorOrder, VendorStatus
from tests.e2e.conftest import PHONE, check_page, log_in
from tests.e2e.shopping import command, pay
from tests.e2e.signup import register

pytestmark = pytest.mark.e2e
PASSWORD = "a-long-seller-password"
PROFILE = {"legal_name": "Lederwerk Jana GmbH", "display_name": "Jana's Leather", "street_address": "Hauptstraße 5",
           "postal_code": "10115", "city": "Berlin", "phone": "030 1234567", "return_window_days": "30"}


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (900, 900), colour).save(buf, "JPEG")
    return buf.getvalue()


def _fill(page: Page, selector: str, value: str) -> None:
    field = page.locator(selector)
    field.fill(value)
    field.blur()  # the debounced inputs report on blur at the latest


def _apply(page: Page, app_server, email: str, shoot) -> int:  # noqa: ANN001
    """From the footer to a submitted application; the shop's id."""
    page.goto("/")
    page.locator("#footer-sell").click()
    expect(page).to_have_url(re.compile(r"/sell/?$"))
    page.locator("#sell-start").click()
    page.wait_for_url(re.compile(r"/sell/apply/?$"))
    page.locator("#profile-country").select_option("DE")
    for name, value in {**PROFILE, "vat_number": "DE136695977"}.items():
        page.locator(f"#profile-{name}").fill(value)
    page.locator("#profile-save").click()
    expect(page.locator("#profile-vat_number-error")).to_contain_text("check digit doesn't match")
    check_page(page, shoot, "phone-apply-refused")
    page.locator("#profile-vat_number").fill("DE136695976")
    with page.expect_navigation():
        page.locator("#profile-save").click()
    expect(page.locator("#auth-notice")).to_contain_text("waiting for review")
    with Session(app_server.engine()) as session:
        vendor = session.exec(select(Vendor).where(Vendor.legal_name == PROFILE["legal_name"])).one()
        assert (vendor.status, vendor.vat_number, vendor.currency) == (VendorStatus.PENDING, "DE136695976", "EUR")
        return vendor.id


def _create_product(page: Page, app_server, tag: str, shoot) -> tuple[int, str]:  # noqa: ANN001
    """Two variants, the HS suggestion accepted, two pictures, published; the product's id and slug."""
    with Session(app_server.engine()) as session:
        bags = session.exec(select(Category.id).where(Category.slug == "bags")).one()
    page.goto("/seller")
    expect(page.locator("#seller-products-empty")).to_contain_text("No products yet")  # a new shop, approved
    page.locator("#new-product").click()
    expect(page.locator("#editor-heading")).to_have_text("New product")
    _fill(page, "#product-name", f"Leather card wallet {tag}")
    _fill(page, "#product-description", "Vegetable-tanned calf leather.\nFour card slots.")
    page.locator("#product-category").select_option(str(bags))
    _fill(page, "#product-option1", "Colour")
    for i, (colour, price) in enumerate((("Tan", "45.00"), ("Black", "49.00"))):
        if i:
            page.locator("#add-variant").click()
        _fill(page, f"#variant-sku-{i}", f"JL-{tag}-{colour.upper()}")
        _fill(page, f"#variant-value1-{i}", colour)
        _fill(page, f"#variant-price-{i}", price)
        _fill(page, f"#variant-weight_g-{i}", "60")
        _fill(page, f"#variant-stock-{i}", "8")
    page.locator("#hs-suggestions .hs-use").first.click()  # the engine's best guess for the name and description
    expect(page.locator("#hs-title")).not_to_be_empty()
    page.locator("#save-product").click()
    page.wait_for_url("**/seller/products/*/edit")
    product_id = int(re.search(r"/seller/products/(\d+)/edit", page.url)[1])

    page.goto(f"/seller/products/{product_id}")
    upload = page.locator(".rx-Upload input[type=file]")
    upload.set_input_files([{"name": "front.jpg", "mimeType": "image/jpeg", "buffer": _jpeg((150, 90, 40))},
                            {"name": "open.jpg", "mimeType": "image/jpeg", "buffer": _jpeg((30, 30, 30))}])
    expect(page.locator("#pictures-list img")).to_have_count(2)

    page.goto(f"/seller/products/{product_id}/edit")
    expect(page.locator("#price-preview")).to_contain_text("¥")
    page.locator("#publish-product").click()
    expect(page.locator("#editor-notice")).to_have_text("Published: the product is in the shop.")
    check_page(page, shoot, "desktop-editor-published")
    with Session(app_server.engine()) as session:
        return product_id, session.get(Product, product_id).slug


def _storefront_prices(chromium: Browser, app_server, slug: str, shoot) -> None:  # noqa: ANN001
    """The product in three markets' currencies, each with its landed-cost receipt (a visitor per market)."""
    for ship_to, currency, symbol in (("CH", "EUR", "€"), ("US", "USD", "$"), ("JP", "JPY", "¥")):
        context = chromium.new_context(viewport=PHONE, base_url=app_server.base, is_mobile=True, has_touch=True)
        context.set_default_timeout(20_000)
        context.add_cookies([{"name": name, "value": value, "url": app_server.base}
                             for name, value in (("mp_ship", ship_to), ("mp_cur", currency), ("mp_lang", "en"))])
        page = context.new_page()
        page.goto(f"/p/{slug}")
        expect(page.locator("#product-price")).to_contain_text(symbol)
        expect(page.locator("#landed-receipt")).to_contain_text("Import")
        expect(page.locator(".gallery-slide")).to_have_count(2)
        check_page(page, shoot, f"phone-product-{currency.lower()}")
        context.close()


def _buy(chromium: Browser, app_server, slug: str) -> str:  # noqa: ANN001
    email = f"buyer-{secrets.token_hex(4)}@example.test"
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
    context.close()
    return number


def test_a_new_seller_signs_up_is_approved_lists_a_product_and_sees_a_shoppers_order_live(
        chromium: Browser, phone: Page, desktop: Page, app_server, shoot):
    tag = secrets.token_hex(3).upper()
    email = f"jana-{tag.lower()}@example.test"
    phone.context.add_cookies([{"name": "mp_session", "value": register(app_server, "Jana Leder", email, PASSWORD),
                                "url": app_server.base}])
    vendor_id = _apply(phone, app_server, email, shoot)
    assert f"approved shop {vendor_id}" in command(app_server, "vendors", "approve", str(vendor_id))

    log_in(desktop, email, PASSWORD)
    product_id, slug = _create_product(desktop, app_server, tag, shoot)
    _storefront_prices(chromium, app_server, slug, shoot)

    desktop.goto("/seller/sales")
    expect(desktop.locator("#sales-live")).to_be_visible()
    expect(desktop.locator("#sales-orders")).to_contain_text("0")
    desktop.evaluate("window.__sameDocument = true")
    group_number = _buy(chromium, app_server, slug)
    expect(desktop.locator("#sales-orders")).to_contain_text("1", timeout=20_000)  # the watcher saw the order
    expect(desktop.locator("#sales-revenue")).to_contain_text("€")
    assert desktop.evaluate("window.__sameDocument === true"), "the page reloaded"
    check_page(desktop, shoot, "desktop-sales-live")

    with Session(app_server.engine()) as session:
        group = session.exec(select(OrderGroup).where(OrderGroup.number == group_number)).one()
        order = session.exec(select(VendorOrder).where(VendorOrder.vendor_id == vendor_id)).one()
        assert order.group_id == group.id
    desktop.goto("/seller/orders")
    expect(desktop.locator("#seller-order-table").get_by_role("link", name=order.number)).to_be_visible()
    desktop.goto("/seller/money")
    desktop.locator("#ledger-kinds").get_by_role("button", name="Commission", exact=True).click()
    expect(desktop.locator("#ledger-table .money-entry-row", has_text=order.number).first).to_be_visible()
    expect(desktop.locator("#commission-rate")).to_contain_text("%")
    check_page(desktop, shoot, "desktop-money-commission")

"""The seller's stock page and the orders list's search and bulk print in Chromium, at phone and desktop size.

Seller A (kyoto) selects two variants of one product on a phone, sets their stock to 2 with a note (bulk edit),
sees them as low on stock (badge, counts, the "Low stock" filter, the overview's alert), opens one variant's
history with the note and their own name, and edits one row inline on the desktop. On the orders list
(desktop) they search by SKU, select two of their own orders whose labels are bought and download one PDF with
both labels and one with both customs declarations and invoices. Every page is checked with axe and
photographed."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.checkout.demo_orders import place_demo_orders
from marketplace.core.db import immediate_scope
from marketplace.core.files import FileStore
from marketplace.core.settings import get_settings
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.integrations.carriers import carrier_for
from marketplace.models import OrderLine, Product, User, Variant, Vendor, VendorOrder
from marketplace.orders import fulfilment, labels
from marketplace.orders.fulfilment_package import Package
from tests.e2e.conftest import check_page, log_in
from tests.factories_account import caller

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
KYOTO, SHOPPER = "kyoto@meridian.test", "shopper@meridian.test"


@pytest.fixture
def variants(app_server) -> tuple[str, list[str]]:
    """Kyoto's last product with two or more variants: its name and the SKUs of its first two variants."""
    with Session(app_server.engine()) as session:
        vendor = session.exec(select(Vendor).where(Vendor.slug == ACCOUNTS[KYOTO].vendor_key)).one()
        product_id = session.exec(select(Variant.product_id).join(Product, Product.id == Variant.product_id)
                                  .where(Product.vendor_id == vendor.id).group_by(Variant.product_id)
                                  .having(func.count() >= 2).order_by(Variant.product_id.desc())).first()
        product = session.get(Product, product_id)
        skus = session.exec(select(Variant.sku).where(Variant.product_id == product_id).order_by(Variant.id)).all()
        return product.name, list(skus[:2])


@pytest.fixture
def labelled_orders(app_server) -> tuple[list[str], list[str], str]:
    """Two new paid kyoto orders to Germany, accepted, packed and labelled by the embedded carrier (documents in
    the app's store): their numbers, tracking numbers and the SKU they share."""
    engine = app_server.engine()
    groups = place_demo_orders(engine, SHOPPER, ("kyoto-kiln", "kyoto-kiln"))
    numbers, tracking = [], []
    with Session(engine) as session:
        seller = caller(session, session.exec(select(User).where(User.email == KYOTO)).one())
    for group in groups:
        with Session(engine) as session:
            order = session.exec(select(VendorOrder).where(VendorOrder.number.startswith(group))).one()
            order_id, number = order.id, order.number
        with immediate_scope(engine) as session:
            fulfilment.accept(session, seller, order_id)
            fulfilment.pack(session, seller, order_id, Package(300, 200, 120, 800))
        with immediate_scope(engine) as session:
            bought = labels.buy_label(session, seller, order_id, carrier_for(get_settings()), FileStore())
        numbers.append(number)
        tracking.append(bought.label.tracking_number)
    with Session(engine) as session:
        sku = session.exec(select(OrderLine.sku).join(VendorOrder, VendorOrder.id == OrderLine.vendor_order_id)
                           .where(VendorOrder.number == numbers[0])).first()
    return numbers, tracking, sku


def _download(page: Page, link_id: str) -> tuple[str, list[str]]:
    with page.expect_download() as info:
        page.locator(link_id).click()
    download = info.value
    data = open(download.path(), "rb").read()  # noqa: SIM115 - Playwright's temporary file
    assert data.startswith(b"%PDF")
    return download.suggested_filename, [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def test_bulk_edit_history_and_low_stock(phone: Page, desktop: Page, variants, shoot):
    name, skus = variants
    page = phone
    log_in(page, KYOTO, ACCOUNTS[KYOTO].password)
    page.goto("/seller/stock")
    expect(page.locator("#stock-cards")).to_be_visible()
    check_page(page, shoot, "phone-stock")

    page.locator("#stock-search").fill(name)
    page.locator("#stock-search").press("Enter")
    cards = [page.locator(f"#stock-cards [data-sku='{sku}']") for sku in skus]
    for card in cards:
        expect(card).to_be_visible()
        card.get_by_role("checkbox").click()
    expect(page.locator("#stock-selected-count")).to_contain_text("2")
    page.locator("#bulk-mode").select_option("set")
    page.locator("#bulk-quantity").fill("2")
    page.locator("#bulk-note").fill("E2E recount")
    page.locator("#bulk-apply").click()
    expect(page.get_by_text("Stock updated for 2 variants.")).to_be_visible()
    for card in cards:
        expect(card).to_contain_text("Low stock")
        expect(card.locator("input[name=stock]")).to_have_value("2")
    check_page(page, shoot, "phone-stock-edited")

    cards[0].locator(".stock-history").click()
    dialog = page.locator("#stock-history")
    expect(dialog).to_contain_text("Manual change")
    expect(dialog).to_contain_text("E2E recount")
    expect(dialog).to_contain_text(skus[0])
    check_page(page, shoot, "phone-stock-history")
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()

    page.goto("/seller")
    expect(page.locator("#stock-alert")).to_contain_text("Low on stock")
    check_page(page, shoot, "phone-overview-alert")

    log_in(desktop, KYOTO, ACCOUNTS[KYOTO].password)
    desktop.goto("/seller/stock?show=low")
    row = desktop.locator(f"#stock-table [data-sku='{skus[1]}']")
    expect(row).to_be_visible()
    expect(desktop.locator("#stock-filters").get_by_role("button", name="Low stock")).to_have_attribute(
        "aria-pressed", "true")
    row.locator("input[name=stock]").fill("9")
    row.locator("input[name=threshold]").fill("3")
    row.locator(".stock-save").click()
    expect(desktop.get_by_text("Saved.")).to_be_visible()
    expect(row).to_be_hidden()  # 9 is above its new alert level of 3: no longer in the low filter
    check_page(desktop, shoot, "desktop-stock")


def test_orders_search_and_bulk_print(phone: Page, desktop: Page, labelled_orders, shoot):
    numbers, tracking, sku = labelled_orders
    log_in(phone, KYOTO, ACCOUNTS[KYOTO].password)
    phone.goto("/seller/orders")
    phone.locator("#order-search").fill(numbers[0])
    phone.locator("#order-search").press("Enter")
    card = phone.locator(".seller-order-item", has_text=numbers[0])
    expect(card).to_be_visible()
    card.get_by_role("checkbox").click()
    expect(phone.locator("#print-labels")).to_be_visible()
    check_page(phone, shoot, "phone-orders-selected")

    page = desktop
    log_in(page, KYOTO, ACCOUNTS[KYOTO].password)
    page.goto("/seller/orders")
    page.locator("#order-search").fill(sku)
    page.locator("#order-search").press("Enter")
    rows = [page.locator("#seller-order-table .seller-order-row", has_text=number) for number in numbers]
    for row in rows:
        expect(row).to_be_visible()
        row.get_by_role("checkbox").click()
    expect(page.locator("#orders-selected-count")).to_contain_text("2")
    check_page(page, shoot, "desktop-orders-selected")

    filename, pages = _download(page, "#print-labels")
    assert filename == "labels-2-orders.pdf"
    text = "\n".join(pages)
    assert all(number in text for number in tracking)
    filename, pages = _download(page, "#print-customs")
    assert filename == "customs-documents-2-orders.pdf" and len(pages) >= 4

    page.locator("#order-search").fill(numbers[0])
    page.locator("#order-search").press("Enter")
    expect(rows[0]).to_be_visible()
    expect(rows[1]).to_be_hidden()
    page.locator("#order-search").fill("no-such-order-zz")
    page.locator("#order-search").press("Enter")
    expect(page.locator("#seller-orders-empty")).to_contain_text("No orders match this search.")

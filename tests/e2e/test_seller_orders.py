"""The seller's order screens in Chromium: seller A (kyoto) opens a new paid order from the list on a phone,
accepts it, packs it with the proposed box, looks at the rates, buys the embedded carrier's label, downloads
the label (with its tracking number) and the CN22 (with the line's HS code) as PDFs, and hands the parcel over;
the list and the order page are checked with axe and photographed at phone and desktop size."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from sqlmodel import Session, select

from marketplace.checkout.demo_orders import place_demo_orders
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import OrderLine, VendorOrder
from tests.e2e.conftest import check_page, log_in

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
KYOTO, SHOPPER = "kyoto@meridian.test", "shopper@meridian.test"




def _download_text(page: Page, link_id: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.locator(link_id).click()
    download = info.value
    data = open(download.path(), "rb").read()  # noqa: SIM115 - Playwright's temporary file
    assert data.startswith(b"%PDF")
    return download.suggested_filename, "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def paid_order(app_server) -> tuple[str, str]:
    """A new paid order for kyoto (this test's own, not a seeded one): its vendor order number and HS code."""
    engine = app_server.engine()
    [group_number] = place_demo_orders(engine, SHOPPER, ("kyoto-kiln",))
    with Session(engine) as session:
        order = session.exec(select(VendorOrder).where(VendorOrder.number.startswith(group_number))).one()
        line = session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id)).first()
        return order.number, line.hs_code


def test_a_seller_accepts_packs_labels_and_hands_over_a_paid_order(phone: Page, desktop: Page, paid_order, shoot):
    number, hs_code = paid_order
    page = phone
    log_in(page, KYOTO, ACCOUNTS[KYOTO].password)
    page.goto("/seller/orders")
    card = page.locator(".seller-order-card", has_text=number)
    expect(card).to_be_visible()
    expect(card).to_contain_text("Germany")
    expect(card).to_contain_text("To accept")
    page.locator("#order-steps").get_by_role("button", name="To accept").click()
    expect(card).to_be_visible()
    check_page(page, shoot, "phone-orders")

    card.click()
    expect(page).to_have_url(re.compile(rf"/seller/orders/{re.escape(number)}$"))
    expect(page.locator("#seller-order-number")).to_contain_text(number)
    expect(page.locator("#history")).to_contain_text("Paid")
    expect(page.get_by_text(hs_code)).to_be_visible()
    check_page(page, shoot, "phone-order-new")

    page.locator("#accept-order").click()
    expect(page.locator("#order-status")).to_have_text("Accepted")
    expect(page.locator("#pack-weight_g")).not_to_have_value("")
    page.locator("#pack-submit").click()
    expect(page.locator("#buy-label")).to_be_visible()
    expect(page.locator("#label")).to_contain_text("Kyoto")  # the vendor's stored ship-from address
    page.locator("#show-rates").click()
    expect(page.locator("#rates")).to_contain_text("Customer's choice")
    check_page(page, shoot, "phone-order-label")

    page.locator("#buy-label").click()
    tracking = page.locator("#tracking-number")
    expect(tracking).to_have_text(re.compile(r"^[A-Z]{2}\d{9}[A-Z]{2}$"))
    name, label_text = _download_text(page, "#doc-label")
    assert number in name and tracking.inner_text() in label_text
    _, customs_text = _download_text(page, "#doc-customs")
    assert "CN 2" in customs_text and hs_code in customs_text.replace(" ", "")

    page.locator("#hand-over").click()
    expect(page.locator("#order-status")).to_have_text("Shipped")
    expect(page.locator("#hand-over")).to_have_count(0)
    check_page(page, shoot, "phone-order-shipped")

    log_in(desktop, KYOTO, ACCOUNTS[KYOTO].password)
    desktop.goto("/seller/orders")
    desktop.locator("#order-steps").get_by_role("button", name="Shipped").click()
    expect(desktop.locator("#seller-order-table .seller-order-row", has_text=number)).to_be_visible()
    check_page(desktop, shoot, "desktop-orders")
    desktop.goto(f"/seller/orders/{number}")
    expect(desktop.locator("#documents")).to_be_visible()
    check_page(desktop, shoot, "desktop-order")

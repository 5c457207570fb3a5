"""Issue #11's acceptance journey, end to end in Chromium against the production build: after the payment.

A German shopper (a fresh account, German UI, EUR) buys a piece from the Japanese seller (Kyoto Kiln) on a phone.
The seller, on a desktop, accepts the order, packs it, buys the embedded carrier's label and downloads the
label, the CN 22 and the commercial invoice (HS code, origin, value and the IOSS line read back from the PDFs),
then hands the parcel over. The outbox worker (``python -m marketplace worker --once``, the command ``make run``
starts beside the app; ``CARRIER_CLOCK`` speeds the embedded carrier up) advances the tracking; the shopper's
order page shows the parcel's timeline reaching "delivered"; the review that a delivered line allows is posted;
with ``PAYOUT_HOLD_DAYS=0`` the vendor's share is available at once and ``python -m marketplace payouts`` pays it.
"""

from __future__ import annotations

import io
import re
import secrets
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from sqlmodel import Session, select

from marketplace.core.i18n import translate
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import LedgerEntry, OrderGroup, OrderLine, Product, Variant, Vendor, VendorOrder
from marketplace.payments import ledger
from tests.e2e.conftest import PHONE, check_page, log_in
from tests.e2e.shopping import command, pay
from tests.e2e.signup import register

pytestmark = pytest.mark.e2e
KYOTO = "kyoto@meridian.test"
PASSWORDS = {a.email: a.password for a in DEMO_ACCOUNTS}




def _pdf_text(page: Page, link: str) -> str:
    with page.expect_download() as info:
        page.locator(link).click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def kyoto_piece(app_server) -> tuple[str, str, str, int]:
    """A Kyoto Kiln product under the EU's IOSS ceiling with stock: slug, name, HS code and the vendor's id."""
    with Session(app_server.engine()) as session:
        vendor = session.exec(select(Vendor).where(Vendor.slug == "kyoto-kiln")).one()
        rows = session.exec(select(Product, Variant).join(Variant, Variant.product_id == Product.id)
                            .where(Product.vendor_id == vendor.id, Product.status == "active", Variant.stock >= 5,
                                   Variant.position == 0, Variant.price_minor <= 9_000)  # JPY 9,000: about EUR 55
                            .order_by(Product.id)).first()
        product, variant = rows
        return product.slug, product.name, variant.hs_code, vendor.id


def _buy(chromium: Browser, app_server, slug: str) -> tuple[Page, str]:
    email = f"lena-{secrets.token_hex(4)}@example.test"
    cookie = register(app_server, "Lena Vogel", email, "a-long-passphrase")
    context = chromium.new_context(viewport=PHONE, base_url=app_server.base, is_mobile=True, has_touch=True,
                                   locale="de-DE")
    context.set_default_timeout(20_000)
    context.add_cookies([{"name": name, "value": value, "url": app_server.base} for name, value in (
        ("mp_lang", "de"), ("mp_ship", "DE"), ("mp_cur", "EUR"), ("mp_session", cookie))])
    page = context.new_page()
    page.goto(f"/p/{slug}")
    expect(page.locator("#price-note")).to_have_text(translate("de", "Duties & taxes included"))
    page.locator("#add-to-cart").click()
    expect(page.locator("#cart-count")).to_have_text("1")
    page.goto("/checkout")
    expect(page.locator("#checkout-email-known")).to_contain_text(email)
    return page, pay(page)


def _ship(desktop: Page, number: str, hs_code: str, shoot) -> None:
    log_in(desktop, KYOTO, PASSWORDS[KYOTO])
    desktop.goto("/seller/orders")
    desktop.locator("#seller-order-table").get_by_role("link", name=number).click()
    expect(desktop).to_have_url(re.compile(rf"/seller/orders/{re.escape(number)}$"))
    desktop.locator("#accept-order").click()
    expect(desktop.locator("#order-status")).to_have_text("Accepted")
    desktop.locator("#pack-submit").click()
    desktop.locator("#buy-label").click()
    tracking = desktop.locator("#tracking-number")
    expect(tracking).to_have_text(re.compile(r"^[A-Z]{2}\d{9}[A-Z]{2}$"))
    assert tracking.inner_text() in _pdf_text(desktop, "#doc-label")
    customs = _pdf_text(desktop, "#doc-customs")
    invoice = _pdf_text(desktop, "#doc-invoice")
    for text in (customs, invoice):
        assert hs_code in text.replace(" ", ""), text
        assert "JP" in text and "IOSS" in text and "IM" in text, text
    assert "CN 22" in customs and "EUR" in invoice
    desktop.locator("#hand-over").click()
    expect(desktop.locator("#order-status")).to_have_text("Shipped")
    check_page(desktop, shoot, "desktop-seller-shipped")


def test_a_german_shoppers_order_from_japan_is_shipped_tracked_delivered_reviewed_and_paid_out(
        chromium: Browser, desktop: Page, app_server, kyoto_piece, shoot):
    slug, name, hs_code, vendor_id = kyoto_piece
    shopper, group_number = _buy(chromium, app_server, slug)
    with Session(app_server.engine()) as session:
        group = session.exec(select(OrderGroup).where(OrderGroup.number == group_number)).one()
        order = session.exec(select(VendorOrder).where(VendorOrder.group_id == group.id)).one()
        assert order.vendor_id == vendor_id and order.incoterm == "DDP"

    _ship(desktop, order.number, hs_code, shoot)

    # the worker moves the parcel to the door (a carrier day in well under a second)
    out = command(app_server, "worker", "--once", CARRIER_CLOCK="10000000", PAYOUT_HOLD_DAYS="0")
    assert "tracking" in out, out
    with Session(app_server.engine()) as session:
        assert session.get(VendorOrder, order.id).status == "delivered"
        available = ledger.balances(session, vendor_id).available

    shopper.goto(f"/account/orders/{group_number}")
    expect(shopper.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")  # private: not indexed
    parcel = shopper.locator(".parcel-card").first
    expect(parcel.locator(".tracking-step").first).to_contain_text(translate("de", "Delivered"))
    expect(parcel.locator(".tracking-step").last).to_contain_text(translate("de", "Parcel accepted by the carrier"))
    check_page(shopper, shoot, "phone-order-delivered")

    # a delivered line may now be reviewed
    shopper.goto("/account/reviews")
    form = shopper.locator(".review-form", has_text=name)
    form.locator(".review-rating").select_option("5")
    form.locator(".review-title").fill("Wunderschön glasiert")
    form.locator(".review-submit").click()
    expect(shopper.locator(".my-review", has_text="Wunderschön glasiert")).to_be_visible()
    check_page(shopper, shoot, "phone-review-written")

    # the vendor's share is available (no hold) and the payouts command pays it
    with Session(app_server.engine()) as session:
        share = sum(session.exec(select(LedgerEntry.amount_minor)
                                 .where(LedgerEntry.vendor_order_id == order.id)).all())
    assert share > 0 and available.minor >= share
    out = command(app_server, "payouts")
    assert "created" in out, out
    with Session(app_server.engine()) as session:
        assert ledger.balances(session, vendor_id).available.minor == 0
        line = session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id)).one()
        assert line.hs_code == hs_code
    shopper.context.close()

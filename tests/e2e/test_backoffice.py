"""Seller and staff access: a seller sees only their own products and is refused another seller's product
by URL and by event; staff see the vendor list; a shopper cannot open the staff console."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect
from sqlmodel import Session, select

from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import Product, Vendor
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
KYOTO, MILANO = "kyoto@meridian.test", "milano@meridian.test"
STAFF, SHOPPER = "staff@meridian.test", "shopper@meridian.test"


def _vendor_products(app, vendor_slug: str) -> list[Product]:  # noqa: ANN001
    with Session(app.engine()) as session:
        vendor = session.exec(select(Vendor).where(Vendor.slug == vendor_slug)).one()
        return list(session.exec(select(Product).where(Product.vendor_id == vendor.id)).all())


def _status(app, product_id: int) -> str:  # noqa: ANN001
    with Session(app.engine()) as session:
        return session.get(Product, product_id).status


def test_a_seller_sees_only_their_own_products(desktop: Page, app_server):
    log_in(desktop, KYOTO, ACCOUNTS[KYOTO].password)
    expect(desktop).to_have_url(re.compile(r"/seller/?$"))
    rows = desktop.locator("#seller-products .seller-product-name")
    expect(rows.first).to_be_visible()
    own = {p.name for p in _vendor_products(app_server, ACCOUNTS[KYOTO].vendor_key)}
    shown = {name.strip() for name in rows.all_inner_texts()}
    assert shown == own
    others = {p.name for p in _vendor_products(app_server, ACCOUNTS[MILANO].vendor_key)}
    assert shown.isdisjoint(others)


def test_another_sellers_product_is_refused_by_url_and_changes_nothing(desktop: Page, app_server):
    theirs = _vendor_products(app_server, ACCOUNTS[MILANO].vendor_key)[0]
    log_in(desktop, KYOTO, ACCOUNTS[KYOTO].password)
    desktop.goto(f"/seller/products/{theirs.id}")
    expect(desktop.locator("#denied-message")).to_have_text("This product belongs to another seller.")
    expect(desktop.locator("#seller-product-name")).to_have_count(0)
    assert _status(app_server, theirs.id) == "active"


def test_another_sellers_product_is_refused_by_event_and_changes_nothing(desktop: Page, app_server):
    """The client rewrites its own 'hide' event to name another seller's product: the server refuses."""
    mine = _vendor_products(app_server, ACCOUNTS[KYOTO].vendor_key)[0]
    theirs = _vendor_products(app_server, ACCOUNTS[MILANO].vendor_key)[0]
    rewritten = []

    def tamper(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()

        def to_server(message):  # noqa: ANN001
            if isinstance(message, str) and "set_visibility" in message:
                forged = re.sub(r'(product_id\\*"\s*:\s*\\*")\d+', rf"\g<1>{theirs.id}", message)
                rewritten.append(forged != message)
                message = forged
            server.send(message)

        ws.on_message(to_server)
        server.on_message(lambda message: ws.send(message))

    desktop.route_web_socket(re.compile(r".*/_event.*"), tamper)
    log_in(desktop, KYOTO, ACCOUNTS[KYOTO].password)
    row = desktop.locator("#seller-products .table-row", has_text=mine.name).first
    row.get_by_role("button").click()
    expect(desktop.get_by_text("This product belongs to another seller.")).to_be_visible()
    assert rewritten == [True]
    assert _status(app_server, theirs.id) == "active"
    assert _status(app_server, mine.id) == "active"


def test_staff_see_every_vendor_with_its_status(desktop: Page, app_server):
    log_in(desktop, STAFF, ACCOUNTS[STAFF].password)
    expect(desktop).to_have_url(re.compile(r"/staff/?$"))
    rows = desktop.locator("#vendor-list .vendor-row")
    with Session(app_server.engine()) as session:
        vendors = session.exec(select(Vendor)).all()
    expect(rows).to_have_count(len(vendors))
    suspended = next(v for v in vendors if v.status == "suspended")
    expect(desktop.locator(".vendor-row", has_text=suspended.display_name)).to_contain_text("Suspended")
    desktop.get_by_role("button", name=re.compile(r"^Pending review")).click()
    expect(rows).to_have_count(sum(1 for v in vendors if v.status == "pending"))


def test_a_shopper_cannot_open_the_staff_console_or_seller_portal(phone: Page):
    log_in(phone, SHOPPER, ACCOUNTS[SHOPPER].password)
    phone.goto("/staff")
    expect(phone.locator("#denied-message")).to_be_visible()
    expect(phone.locator("#vendor-list .vendor-row")).to_have_count(0)
    phone.goto("/seller")
    expect(phone.locator("#denied-message")).to_be_visible()
    expect(phone.locator("#seller-products .table-row")).to_have_count(0)


def test_anonymous_visitors_are_sent_to_log_in(phone: Page):
    phone.goto("/staff")
    expect(phone).to_have_url(re.compile(r"/login/?\?next=%2Fstaff"))


def test_wrong_password_shows_a_clear_error_and_keeps_the_email(phone: Page):
    phone.goto("/login")
    phone.locator("#field-email").fill("shopper@meridian.test")
    phone.locator("#field-password").fill("definitely-wrong")
    phone.locator("#login-submit").click()
    expect(phone.locator("#auth-error")).to_have_text("That e-mail and password don't match an account.")
    expect(phone.locator("#field-email")).to_have_value("shopper@meridian.test")


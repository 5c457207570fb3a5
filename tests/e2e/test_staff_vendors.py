"""Staff moderate a shop in the browser: the demo staff member opens a shop from the vendor list, suspends it
with a reason (its product leaves search and its product page at once, the audit log has the reason), then
reinstates it (the product is back); the shop's page is finished at phone and desktop size."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from marketplace import routes
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import AuditLog, Product, ProductStatus, Vendor, VendorStatus
from tests.e2e.conftest import check_page, log_in

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
STAFF = "staff@meridian.test"
TAKEN = {a.vendor_key for a in DEMO_ACCOUNTS if a.vendor_key}  # other tests use the demo sellers' shops


def _shop_and_product(app) -> tuple[Vendor, Product]:  # noqa: ANN001
    with Session(app.engine()) as session:
        vendor = session.exec(select(Vendor).where(Vendor.status == VendorStatus.APPROVED,
                                                   Vendor.slug.not_in(TAKEN)).order_by(Vendor.id)).first()
        product = session.exec(select(Product).where(Product.vendor_id == vendor.id,
                                                     Product.status == ProductStatus.ACTIVE)
                               .order_by(Product.id.desc())).first()  # the newest: the page lists those
        return vendor, product


def _status(app, vendor_id: int) -> str:  # noqa: ANN001
    with Session(app.engine()) as session:
        return session.get(Vendor, vendor_id).status


def _moderate(page: Page, action: str, reason: str) -> None:
    page.locator("#moderation-action").select_option(action)
    page.locator("#moderation-reason").fill(reason)
    page.locator("#moderation-submit").click()
    expect(page.locator("#moderation-done")).to_be_visible()


def _expect_in_search(page: Page, name: str, listed: bool) -> None:
    """Search for the product's first word; the card shows (or, once the results load, does not)."""
    page.goto(f"{routes.SEARCH}?q={name.split()[0]}")
    cards = page.locator(".product-card", has_text=name)
    if listed:
        expect(cards.first).to_be_visible()
    else:
        expect(page.locator("#result-count")).to_be_visible()
        expect(cards).to_have_count(0)


def test_staff_suspend_a_shop_and_its_product_leaves_search_until_reinstated(desktop: Page, phone: Page, shoot,
                                                                              app_server):
    vendor, product = _shop_and_product(app_server)
    staff = ACCOUNTS[STAFF]
    log_in(desktop, STAFF, staff.password)
    _expect_in_search(desktop, product.name, listed=True)
    desktop.goto(routes.STAFF)
    desktop.locator("#vendor-list a", has_text=vendor.display_name).first.click()
    expect(desktop).to_have_url(re.compile(rf"/staff/vendors/{vendor.id}/?$"))
    expect(desktop.locator("#vendor-heading")).to_have_text(vendor.display_name)
    expect(desktop.locator("#products")).to_contain_text(product.name)
    check_page(desktop, shoot, "desktop-staff-vendor")

    _moderate(desktop, "suspend", "Counterfeit reports under review.")
    assert _status(app_server, vendor.id) == VendorStatus.SUSPENDED
    expect(desktop.locator("#history")).to_contain_text("Counterfeit reports under review.")
    _expect_in_search(desktop, product.name, listed=False)
    desktop.goto(routes.product(product.slug))
    expect(desktop.get_by_text("We couldn't find that product.")).to_be_visible()
    with Session(app_server.engine()) as session:
        entry = session.exec(select(AuditLog).where(AuditLog.action == "vendor.suspended",
                                                    AuditLog.entity_id == str(vendor.id))).one()
        assert entry.detail["reason"] == "Counterfeit reports under review."

    log_in(phone, STAFF, staff.password)
    phone.goto(routes.staff_vendor(vendor.id))
    expect(phone.locator("#moderation-action")).to_be_visible()
    check_page(phone, shoot, "phone-staff-vendor")
    _moderate(phone, "reinstate", "Reports were unfounded.")
    assert _status(app_server, vendor.id) == VendorStatus.APPROVED
    _expect_in_search(desktop, product.name, listed=True)

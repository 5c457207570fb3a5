"""Selling on Meridian, end to end in Chromium: a new person opens "Sell on Meridian" from the footer, creates an
account on the way (the sign-up e-mail's link brings them back to the application), fills the business profile
(an invalid German VAT number is refused with the reason, a valid one accepted), applies and sees the pending
review on the seller overview; adds a payout IBAN (shown masked) and uploads, lists and removes a document;
the operator's command approves the shop; the overview then shows it approved. Phone and desktop, axe-checked
and photographed."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from marketplace.models import OutboxMessage, Vendor, VendorStatus
from marketplace.vendors.moderation import approve_vendor
from tests.e2e.conftest import check_page, client_address, log_in

pytestmark = pytest.mark.e2e
PASSWORD = "a-long-seller-password"
_RUN = itertools.count()


def _verify_link(app_server, email: str) -> str:  # noqa: ANN001
    with Session(app_server.engine()) as session:
        bodies = [m.payload["body"] for m in session.exec(select(OutboxMessage)).all() if m.payload.get("to") == email]
    return "/api/auth/verify?token=" + bodies[-1].split("/api/auth/verify?token=")[1].split()[0]


def _fill(page: Page, **fields: str) -> None:
    for name, value in fields.items():
        page.locator(f"#profile-{name}").fill(value)


def test_a_new_seller_signs_up_applies_and_is_approved(phone: Page, desktop: Page, app_server, shoot):
    email = f"new-seller-{next(_RUN)}-{client_address().replace('.', '-')}@example.com"
    page = phone
    page.set_extra_http_headers({"x-forwarded-for": client_address()})
    page.goto("/")
    page.locator("#footer-sell").click()
    expect(page).to_have_url(re.compile(r"/sell/?$"))
    expect(page.locator("#sell-commission")).to_contain_text("% commission")
    check_page(page, shoot, "phone-sell")

    page.locator("#sell-start").click()  # not signed in: to log in, and on to sign up, keeping the way back
    page.wait_for_url("**/login?next=%2Fsell%2Fapply")
    page.locator("#create-account-link").click()
    page.wait_for_url("**/register?next=%2Fsell%2Fapply")
    page.locator("#field-name").fill("Jana Töpfer")
    page.locator("#field-email").fill(email)
    page.locator("#field-password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#register-submit").click()
    expect(page.locator("#auth-notice")).to_contain_text("Check your inbox")
    page.goto(_verify_link(app_server, email))
    expect(page.locator("#auth-notice")).to_contain_text("Your account is ready")
    page.locator("#field-password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r"/sell/apply/?$"))

    page.locator("#profile-country").select_option("DE")
    _fill(page, legal_name="Töpferei Jana GmbH", display_name="Jana's Pottery", street_address="Hauptstraße 5",
          postal_code="10115", city="Berlin", phone="030 1234567", vat_number="DE136695977", return_window_days="30")
    page.locator("#profile-save").click()
    expect(page.locator("#profile-vat_number-error")).to_contain_text("check digit doesn't match")
    expect(page.locator("#profile-legal_name")).to_have_value("Töpferei Jana GmbH")  # nothing typed is lost
    check_page(page, shoot, "phone-apply-refused")

    _fill(page, vat_number="DE136695976")
    with page.expect_navigation():
        page.locator("#profile-save").click()
    expect(page.locator("#auth-notice")).to_contain_text("waiting for review")  # the role changed: log in again
    page.locator("#field-password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r"/seller/?$"))
    expect(page.locator("#shop-status")).to_contain_text("We're reviewing your application")
    expect(page.locator("#shop-status")).to_contain_text("A payout account")
    expect(page.locator("#seller-shop-name")).to_have_text("Jana's Pottery")
    check_page(page, shoot, "phone-seller-pending")

    page.goto("/seller/profile")
    expect(page.locator("#profile-status")).to_have_text("Waiting for review")
    expect(page.locator("#profile-vat_number")).to_have_value("DE136695976")
    page.locator("#payout-holder").fill("Töpferei Jana GmbH")
    page.locator("#payout-iban").fill("DE89 3704 0044 0532 0130 01")
    page.locator("#payout-save").click()
    expect(page.locator("#payout-iban-error")).to_contain_text("check digits")
    page.locator("#payout-iban").fill("DE89 3704 0044 0532 0130 00")
    page.locator("#payout-save").click()
    expect(page.locator("#payout-saved")).to_have_text("Töpferei Jana GmbH · •••• 3000")
    expect(page.locator("#profile-missing")).not_to_contain_text("payout")  # the checklist follows
    upload = page.locator("#documents-section input[type=file]")
    upload.set_input_files([{"name": "register.pdf", "mimeType": "application/pdf",
                             "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}])
    expect(page.locator("#documents-list")).to_contain_text("register.pdf")
    expect(page.locator("#documents-list")).to_contain_text("PDF")
    upload.set_input_files([{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": b"PK\x03\x04 a zip"}])
    expect(page.locator("#documents-error")).to_contain_text("Only PDF, JPEG and PNG files")
    check_page(page, shoot, "phone-profile")
    page.locator("#documents-list").get_by_role("button", name="Remove").click()
    expect(page.locator("#documents-notice")).to_have_text("Document removed.")
    expect(page.locator("#documents-list")).to_have_count(0)

    engine = app_server.engine()
    with Session(engine) as session:  # the operator's command: python -m marketplace vendors approve ID
        vendor = session.exec(select(Vendor).where(Vendor.display_name == "Jana's Pottery")).one()
        assert (vendor.status, vendor.vat_number) == (VendorStatus.PENDING, "DE136695976")
        approve_vendor(session, vendor.id)
        session.commit()

    log_in(desktop, email, PASSWORD)
    desktop.goto("/seller")
    expect(desktop.locator("#seller-shop-name")).to_have_text("Jana's Pottery", timeout=30_000)
    expect(desktop.locator("#shop-status")).to_have_count(0)  # approved: nothing to explain
    check_page(desktop, shoot, "desktop-seller-approved")
    desktop.goto("/seller/profile")
    expect(desktop.locator("#profile-status")).to_have_text("Approved")
    expect(desktop.locator("#profile-missing")).to_have_count(0)  # nothing to wait for once approved
    check_page(desktop, shoot, "desktop-profile")
    desktop.goto("/sell")
    check_page(desktop, shoot, "desktop-sell")

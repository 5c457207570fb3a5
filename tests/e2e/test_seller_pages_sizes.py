"""The seller pages the journeys photograph at only one size, at the other one too (issue #12: every seller page
at 390×844 and 1440×900, axe-checked): the new-product editor and the team page on a phone, the application
form and a team invitation's page on a desktop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from marketplace.demo.seed import DEMO_ACCOUNTS
from tests.e2e.conftest import check_page, log_in

pytestmark = pytest.mark.e2e
PASSWORDS = {a.email: a.password for a in DEMO_ACCOUNTS}
KYOTO, SHOPPER = "kyoto@meridian.test", "shopper@meridian.test"


def test_the_editor_and_the_team_page_on_a_phone(phone: Page, shoot):
    log_in(phone, KYOTO, PASSWORDS[KYOTO])
    phone.goto("/seller/products/new")
    expect(phone.locator("#editor-heading")).to_have_text("New product")
    check_page(phone, shoot, "phone-editor-new")
    phone.goto("/seller/team")
    expect(phone.locator("#invite-email")).to_be_visible()  # kyoto's account is the shop's owner
    check_page(phone, shoot, "phone-team")


def test_the_application_and_an_unknown_invitation_on_a_desktop(desktop: Page, shoot):
    log_in(desktop, SHOPPER, PASSWORDS[SHOPPER])
    desktop.goto("/sell/apply")
    expect(desktop.locator("#profile-legal_name")).to_be_visible()
    check_page(desktop, shoot, "desktop-apply")
    desktop.goto("/seller/join/" + "x" * 43)  # a link no invitation has: the page says so
    expect(desktop.locator("main")).to_contain_text("invitation")
    check_page(desktop, shoot, "desktop-join-unknown")

"""Admins manage people in Chromium: the demo admin gives a fresh account the support role on /staff/people
(a phone), then finds a signed-in shopper by e-mail and locks the account with a reason (a desktop): the
shopper's open tab is signed out at its next request and the log-in is refused; unlocking lets them back in.
A finance member is refused the page. Pages are checked with axe and photographed."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session

from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import User
from tests import factories
from tests.e2e.conftest import check_page, log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
ADMIN, FINANCE = "admin@meridian.test", "finance@meridian.test"


@pytest.fixture
def people(app_server):
    tag = uuid.uuid4().hex[:6]
    with Session(app_server.engine()) as session:
        recruit = factories.user(session, email=f"recruit-{tag}@example.test")
        shopper = factories.user(session, email=f"locked-{tag}@example.test")
        shopper.display_name = f"Lotte {tag}"
        session.commit()
        return recruit.email, recruit.id, shopper.email, shopper.id


def test_an_admin_grants_a_staff_role_and_locks_a_shopper(phone: Page, desktop: Page, chromium: Browser, app_server,
                                                          people, shoot):
    recruit_email, recruit_id, shopper_email, shopper_id = people
    log_in(phone, ADMIN, ACCOUNTS[ADMIN].password)
    phone.goto("/staff/people")
    expect(phone.locator("#people-heading")).to_have_text("People")
    expect(phone.locator("#staff-members")).to_contain_text("support@meridian.test")
    phone.locator("#grant-email").fill(recruit_email)
    phone.locator("#grant-role").select_option("support")
    phone.locator("#grant-submit").click()
    expect(phone.locator("#people-done")).to_contain_text(recruit_email)
    expect(phone.locator(".staff-member", has_text=recruit_email)).to_contain_text("Support")
    check_page(phone, shoot, "phone-people")
    with Session(app_server.engine()) as session:
        user = session.get(User, recruit_id)
        assert (user.role, user.staff_role) == ("staff", "support")

    context = chromium.new_context(base_url=app_server.base, viewport={"width": 390, "height": 844})
    context.set_default_timeout(20_000)
    shopper = context.new_page()
    log_in(shopper, shopper_email, PASSWORD)
    shopper.goto("/account")
    expect(shopper.get_by_text("Lotte").first).to_be_visible()

    log_in(desktop, ADMIN, ACCOUNTS[ADMIN].password)
    desktop.goto("/staff/people")
    desktop.locator("#find-email").fill(shopper_email)
    desktop.locator("#find-submit").click()
    expect(desktop.locator("#found-account")).to_contain_text(shopper_email)
    desktop.locator("#lock-submit").click()  # no reason: refused
    expect(desktop.locator("#people-error")).to_contain_text("Say why")
    desktop.locator("#lock-reason").fill("Card testing from this account")
    desktop.locator("#lock-submit").click()
    expect(desktop.locator("#people-done")).to_contain_text("Locked")
    expect(desktop.locator("#found-locked")).to_be_visible()
    check_page(desktop, shoot, "desktop-people-locked")

    shopper.goto("/account")  # the open tab's next request: signed out
    expect(shopper).to_have_url(re.compile(r"/login\?next=%2Faccount$"))
    with Session(app_server.engine()) as session:
        assert not session.get(User, shopper_id).is_active

    desktop.locator("#lock-reason").fill("Bank confirmed the cards")
    desktop.locator("#lock-submit").click()
    expect(desktop.locator("#people-done")).to_contain_text("Unlocked")
    log_in(shopper, shopper_email, PASSWORD)
    shopper.goto("/account")
    expect(shopper.get_by_text("Lotte").first).to_be_visible()
    context.close()


def test_finance_cannot_manage_people(desktop: Page):
    log_in(desktop, FINANCE, ACCOUNTS[FINANCE].password)
    desktop.goto("/staff/people")
    expect(desktop.locator("#denied-message")).to_contain_text("Your staff role can't use this")

"""The seller's inbox in Chromium: a shopper's new thread about a kyoto order (this test's own, created in the
test database) shows unread in seller A's inbox on a phone; seller A filters unread, opens it (the order is
linked), replies; the inbox no longer counts it unread; the shopper sees the reply on their thread page (desktop).
Both seller screens are checked with axe and photographed at phone and desktop size."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from marketplace.checkout.demo_orders import place_demo_orders
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import User, VendorOrder
from marketplace.support import messages
from tests import factories_account
from tests.e2e.conftest import DESKTOP, check_page, log_in

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
KYOTO, SHOPPER = "kyoto@meridian.test", "shopper@meridian.test"




@pytest.fixture
def shopper_thread(app_server) -> tuple[int, str, str]:
    """The demo shopper writes to kyoto about a new order of theirs: thread id, subject, order number."""
    engine = app_server.engine()
    [group_number] = place_demo_orders(engine, SHOPPER, ("kyoto-kiln",))
    subject = f"Gift wrap {secrets.token_hex(3)}?"
    with Session(engine) as session:
        order = session.exec(select(VendorOrder).where(VendorOrder.number.startswith(group_number))).one()
        shopper = session.exec(select(User).where(User.email == SHOPPER)).one()
        caller = factories_account.caller(session, shopper)
        thread_id = messages.start_thread(session, caller, subject=subject, body="Could you wrap it as a gift?",
                                          vendor_order_number=order.number)
        session.commit()
        return thread_id, subject, order.number


def test_a_seller_reads_and_answers_a_shopper_from_the_inbox(phone: Page, desktop: Page, app_server, shopper_thread,
                                                             shoot):
    thread_id, subject, number = shopper_thread
    page = phone
    log_in(page, KYOTO, ACCOUNTS[KYOTO].password)
    page.goto("/seller/messages")
    card = page.locator(".seller-thread", has_text=subject)
    expect(card).to_contain_text("Could you wrap it as a gift?", timeout=15_000)  # first load on a busy machine
    expect(card.locator(".seller-thread-unread")).to_be_visible()
    expect(card.locator(".seller-thread-order")).to_have_attribute("href", f"/seller/orders/{number}")
    page.locator("#show-unread").click()
    expect(page.locator("#show-unread")).to_have_attribute("aria-pressed", "true")
    expect(card).to_be_visible()
    check_page(page, shoot, "phone-inbox")

    card.locator(".seller-thread-link").click()
    expect(page).to_have_url(re.compile(rf"/seller/messages/{thread_id}$"))
    expect(page.locator("#seller-thread-subject")).to_have_text(subject)
    expect(page.locator("#seller-thread-order")).to_contain_text(number)
    page.locator("#seller-reply-send").click()  # empty: the browser's required check keeps it from sending
    expect(page.locator("#seller-thread-messages .message-bubble")).to_have_count(1)
    page.locator("#seller-reply-body").fill("Of course, free of charge.")
    page.locator("#seller-reply-send").click()
    expect(page.locator("#seller-thread-messages .message-bubble")).to_have_count(2)
    expect(page.locator("#seller-thread-messages")).to_contain_text("Of course, free of charge.")
    check_page(page, shoot, "phone-thread")

    page.goto("/seller/messages?show=unread")
    expect(page.locator(".seller-thread", has_text=subject)).to_have_count(0)

    log_in(desktop, KYOTO, ACCOUNTS[KYOTO].password)
    desktop.goto("/seller/messages")
    expect(desktop.locator(".seller-thread", has_text=subject)).to_be_visible(timeout=15_000)
    check_page(desktop, shoot, "desktop-inbox")
    desktop.goto(f"/seller/messages/{thread_id}")
    expect(desktop.locator("#seller-thread-subject")).to_have_text(subject)
    check_page(desktop, shoot, "desktop-thread")

    # the shopper sees the reply where replies always reached them
    shopper = desktop.context.browser.new_context(viewport=DESKTOP, base_url=app_server.base, locale="en-US")
    try:
        shopper.set_default_timeout(20_000)
        tab = shopper.new_page()
        log_in(tab, SHOPPER, ACCOUNTS[SHOPPER].password)
        tab.goto(f"/account/messages/{thread_id}")
        expect(tab.locator("#thread-messages")).to_contain_text("Of course, free of charge.")
    finally:
        shopper.close()

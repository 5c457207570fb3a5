"""Logging out leaves nothing of the signed-out shopper in the tab: the page state Reflex keeps per tab is
dropped with the session, so whoever uses the tab next never receives the previous shopper's data."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_logging_out_starts_the_tab_afresh(phone: Page):
    page = phone
    log_in(page, "shopper@meridian.test", "shopper-demo-2026")
    page.goto("/account")
    expect(page.locator("#account-email")).to_have_text("shopper@meridian.test")
    token_before = page.wait_for_function("sessionStorage.getItem('token')").json_value()
    received: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(str(frame))))

    # when the shopper logs out (the form posts to the backend route)
    page.locator("#account-button").click()
    with page.expect_navigation():
        page.locator("#logout-button").click()
    expect(page).to_have_url(re.compile(r"^http://[^/]+/$"))
    expect(page.locator("#login-link")).to_be_visible()

    # then the tab gets a new state token (the logout page dropped the old one; the next page load makes a new
    # one when its socket starts, which may be a moment after the URL changed: wait for it, never sample it)
    page.wait_for_function("(before) => { const t = sessionStorage.getItem('token'); return !!t && t !== before; }",
                           arg=token_before)
    # and nothing the server sends names the shopper any more
    page.goto("/account/orders")  # signed out: sent to log in
    expect(page).to_have_url(re.compile(r"/login"))
    assert not any("shopper@meridian.test" in frame for frame in received)

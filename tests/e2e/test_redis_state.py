"""With Redis reachable, the app keeps its per-tab state in Redis (the state manager several backend
workers share), and a reload of the page finds the same state there."""

from __future__ import annotations

import pytest
import redis
from playwright.sync_api import Page, expect

from tests.conftest import REDIS_SKIP, REDIS_UP

pytestmark = [pytest.mark.e2e, pytest.mark.redis, pytest.mark.skipif(not REDIS_UP, reason=REDIS_SKIP)]


def test_tab_state_lives_in_redis_and_survives_a_reload(phone: Page):
    client = redis.Redis(host="127.0.0.1", port=6379, db=7)
    phone.goto("/")
    expect(phone.locator(".product-card").first).to_be_visible()
    phone.get_by_role("button", name="Deutsch").click()
    expect(phone.locator("h1")).not_to_have_text("Independent makers from around the world, delivered to your door")
    token = phone.wait_for_function("window.sessionStorage.getItem('token')").json_value()
    assert token, "the tab has a Reflex client token"
    keys = [k.decode() for k in client.scan_iter(match=f"{token}*", count=1000)]
    assert keys, "no state for this tab in Redis db 7"
    phone.reload()
    expect(phone.locator(".product-card").first).to_be_visible()
    phone.wait_for_function("(token) => window.sessionStorage.getItem('token') === token", arg=token)

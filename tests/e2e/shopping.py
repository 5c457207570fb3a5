"""What several end-to-end journeys do the same way: pay at checkout with the embedded gateway's test card, and
run a ``python -m marketplace`` command against the running app's database as an operator would."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
BERLIN = {"name": "Lena Vogel", "street_address": "Torstraße 12", "postal_code": "10119", "city": "Berlin",
          "phone": "030 1234567"}
TEST_CARD = "4242 4242 4242 4242"


def fill_address(page: Page, values: dict[str, str]) -> None:
    for name, value in values.items():
        field = page.locator(f"#addr-{name}")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def fill_card(page: Page, number: str = TEST_CARD) -> None:
    page.locator("#card-number").fill(number)
    page.locator("#card-expiry").fill("12 / 30")
    page.locator("#card-cvc").fill("123")


def pay(page: Page, address: dict[str, str] = BERLIN, email: str | None = None) -> str:
    """On the checkout page: the guest's e-mail (when asked), the address and the test card; pays and returns
    the order group's number from the confirmation page."""
    if email and page.locator("#checkout-email").is_visible():
        page.locator("#checkout-email").fill(email)
    fill_address(page, address)
    fill_card(page)
    page.locator("#pay-button").click()
    expect(page).to_have_url(re.compile(r"/checkout/done/MRD-[0-9A-F]{8}/?$"), timeout=30_000)
    return page.locator("#done-number").inner_text().strip()


def command(app_server, *args: str, **env: str) -> str:  # noqa: ANN001 - the app_server fixture's RunningApp
    """``python -m marketplace <args>`` against the app's database; fails the test on a non-zero exit."""
    run_env = {**os.environ, "DATABASE_URL": app_server.db_url, **env}
    done = subprocess.run([sys.executable, "-m", "marketplace", *args], cwd=ROOT, env=run_env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout

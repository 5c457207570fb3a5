"""The seller's money page in Chromium: seller A (kyoto) has a new paid order; on a phone the page shows the
balances, the commission rate and the hold, and the order's sale and commission in the ledger (the commission
kind filter keeps only the commission); on a desktop the ledger is a table linking the order, and the month's
statement downloads as a CSV with the order's rows and a running balance. Both are checked with axe and
photographed."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from marketplace.checkout.demo_orders import place_demo_orders
from marketplace.core import clock
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import VendorOrder
from tests.e2e.conftest import check_page, log_in

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
KYOTO, SHOPPER = "kyoto@meridian.test", "shopper@meridian.test"




@pytest.fixture
def paid_order(app_server) -> str:
    """A new paid order for kyoto: its vendor order number (checkout wrote its sale and commission entries)."""
    engine = app_server.engine()
    [group_number] = place_demo_orders(engine, SHOPPER, ("kyoto-kiln",))
    with Session(engine) as session:
        return session.exec(select(VendorOrder.number).where(VendorOrder.number.startswith(group_number))).one()


def test_a_seller_reads_balances_filters_the_ledger_and_downloads_the_statement(phone: Page, desktop: Page,
                                                                                paid_order, shoot):
    number = paid_order
    page = phone
    log_in(page, KYOTO, ACCOUNTS[KYOTO].password)
    page.goto("/seller/money")
    expect(page.locator("#balance-pending")).to_contain_text("¥")
    expect(page.locator("#commission-rate")).to_contain_text("%")
    expect(page.locator("#hold-line")).to_contain_text("days after delivery")
    cards = page.locator("#ledger-cards .money-entry-card", has_text=number)
    expect(cards).to_have_count(2)  # the sale and its commission
    check_page(page, shoot, "phone-money")

    page.locator("#ledger-kinds").get_by_role("button", name="Commission", exact=True).click()
    expect(page.locator("#ledger-kinds").get_by_role("button", name="Commission", exact=True)).to_have_attribute(
        "aria-pressed", "true")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Commission")
    expect(page.locator("#ledger-cards .money-entry-card", has_text="Sale income")).to_have_count(0)
    check_page(page, shoot, "phone-money-commission")

    log_in(desktop, KYOTO, ACCOUNTS[KYOTO].password)
    desktop.goto("/seller/money")
    row = desktop.locator("#ledger-table .money-entry-row", has_text=number).first
    expect(row).to_be_visible()
    expect(row.get_by_role("link", name=number)).to_have_attribute("href", f"/seller/orders/{number}")
    check_page(desktop, shoot, "desktop-money")

    with desktop.expect_download() as info:
        desktop.locator("#statement-link").click()
    download = info.value
    now = clock.now()
    assert download.suggested_filename == f"statement-{now.year:04d}-{now.month:02d}.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))  # noqa: SIM115
    mine = [r for r in rows if r["order"] == number]
    assert sorted(r["kind"] for r in mine) == ["commission", "sale"]
    assert all(r["currency"] == "JPY" for r in rows)
    running = int(rows[0]["balance"]) - int(rows[0]["amount"])
    for r in rows:  # each balance is the one before plus the amount
        running += int(r["amount"])
        assert int(r["balance"]) == running

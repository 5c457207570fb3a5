"""The staff audit log in Chromium: the demo staff account opens /staff/audit from the staff console, filters by
an action this test wrote (a prefix) and by its own e-mail, sees the entry as a card on a phone and a table row
on a desktop, a reversed date range is refused with its message, and the CSV carries the same filters and
shows a formula-looking cell as text. A shopper is refused. Pages are checked with axe and photographed."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from marketplace.accounts.audit import record
from marketplace.demo.seed import DEMO_ACCOUNTS
from tests.e2e.conftest import check_page, log_in

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
STAFF, SHOPPER = "staff@meridian.test", "shopper@meridian.test"


@pytest.fixture
def probe(app_server) -> str:
    """A system entry with a unique tag (action ``e2eprobe.checked``, object ``vendor`` ``=SUM(1)``)."""
    tag = f"probe-{uuid.uuid4().hex[:8]}"
    with Session(app_server.engine()) as session:
        record(session, "e2eprobe.checked", entity_type="vendor", entity_id="=SUM(1)", note=tag, count=2)
        session.commit()
    return tag


def _filter(page: Page, **values: str) -> None:
    for name, value in values.items():
        page.locator(f"#audit-{name}").fill(value)
    page.locator("#audit-apply").click()


def test_staff_filter_the_audit_log_and_download_it(phone: Page, desktop: Page, probe, shoot):
    tag = probe
    page = phone
    log_in(page, STAFF, ACCOUNTS[STAFF].password)
    page.goto("/staff/audit")
    expect(page.locator("#audit-heading")).to_have_text("Audit log")
    expect(page.locator("#audit-cards .audit-card").first).to_be_visible()  # the log-in just now, at least
    _filter(page, action="e2eprobe.")
    cards = page.locator("#audit-cards .audit-card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text(tag)
    expect(cards.first).to_contain_text("vendor #=SUM(1)")
    expect(cards.first).to_contain_text("System")
    check_page(page, shoot, "phone-audit")

    _filter(page, **{"from": "2026-12-05", "to": "2026-12-01"})
    expect(page.locator("#audit-error")).to_contain_text("The start date is after the end date.")
    check_page(page, shoot, "phone-audit-error")

    log_in(desktop, STAFF, ACCOUNTS[STAFF].password)
    desktop.goto("/staff")
    desktop.get_by_role("link", name="Audit log").first.click()
    expect(desktop.locator("#audit-heading")).to_be_visible()
    _filter(desktop, actor=STAFF, action="auth.")
    rows = desktop.locator("#audit-table .audit-row")
    expect(rows.first).to_contain_text("auth.login")
    expect(rows.first).to_contain_text(STAFF)
    # the inputs re-mount when the first filter's answer arrives (their key is the value): on a busy machine a
    # fill can land just before that and be wiped, so the filter is submitted again until it holds
    for _ in range(3):
        _filter(desktop, actor="", action="e2eprobe.checked")
        if desktop.locator("#audit-action").input_value() == "e2eprobe.checked" and rows.count() == 1:
            break
        desktop.wait_for_timeout(1000)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(f"note: {tag}")
    expect(desktop.locator("#audit-export")).to_have_attribute("href", "/api/staff/audit.csv?action=e2eprobe.checked")
    check_page(desktop, shoot, "desktop-audit")

    with desktop.expect_download() as info:
        desktop.locator("#audit-export").click()
    download = info.value
    assert download.suggested_filename == "audit-log.csv"
    found = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))  # noqa: SIM115
    assert [(r["action"], r["actor_email"], r["object_type"], r["object_id"]) for r in found] == [
        ("e2eprobe.checked", "system", "vendor", "'=SUM(1)")]  # the formula cell is text in a spreadsheet
    assert found[0]["details"] == f"count: 2\nnote: {tag}"


def test_a_shopper_is_refused(desktop: Page):
    log_in(desktop, SHOPPER, ACCOUNTS[SHOPPER].password)
    desktop.goto("/staff/audit")
    expect(desktop.locator("#denied-message")).to_be_visible()
    expect(desktop.locator("#audit-filters")).to_have_count(0)

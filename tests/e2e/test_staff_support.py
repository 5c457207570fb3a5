"""The support desk in Chromium (issue #13's acceptance point): the German demo shopper writes to support from
/account/messages; support@meridian.test finds the thread in /staff/support with its 24-hour badge, leaves an
internal note, answers with the German canned reply and raises the priority; the shopper reads the answer on
/account/messages/<id> (and never the note), and the outbox e-mail to the shopper is in German. A moderator is
refused. Inbox and thread pages are checked with axe and photographed on a phone and a desktop."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import AuditLog, OutboxMessage
from tests.e2e.conftest import check_page, log_in

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
SHOPPER, SUPPORT, MODERATOR = "shopper@meridian.test", "support@meridian.test", "staff@meridian.test"
CANNED = "DE · Danke, wir kümmern uns"
CANNED_TEXT = "vielen Dank für Ihre Nachricht"


def _log_in(page: Page, email: str) -> None:
    log_in(page, email, ACCOUNTS[email].password)


def test_support_answers_a_german_shopper_in_german(phone: Page, desktop: Page, app_server, shoot):
    tag = secrets.token_hex(3)
    subject, note = f"Paket fehlt {tag}", f"Interne Notiz {tag}: schon zweimal gefragt"

    # the shopper writes to support
    _log_in(phone, SHOPPER)
    phone.goto("/account/messages")
    phone.locator("#contact-support").click()
    phone.locator("#message-subject").fill(subject)
    phone.locator("#message-body").fill("Mein Paket ist seit zwei Wochen unterwegs. Wo ist es?")
    phone.locator("#message-send").click()
    expect(phone).to_have_url(re.compile(r"/account/messages/\d+$"), timeout=15_000)
    thread_id = phone.url.rsplit("/", 1)[1]

    # support finds it in the desk (the console sends a support agent to the desk)
    _log_in(desktop, SUPPORT)
    desktop.goto("/staff")
    expect(desktop).to_have_url(re.compile(r"/staff/support$"), timeout=15_000)
    row = desktop.locator("#desk-table .desk-row", has_text=subject)
    expect(row).to_be_visible(timeout=15_000)
    expect(row.locator(".sla-badge")).to_contain_text(re.compile(r"23 h \d+ min left to answer"))  # of 24 hours
    desktop.locator("#desk-show-unassigned").click()
    expect(desktop.locator("#desk-show-unassigned")).to_have_attribute("aria-pressed", "true")
    expect(row).to_be_visible()
    check_page(desktop, shoot, "desktop-inbox")

    row.locator(".desk-subject").click()
    expect(desktop).to_have_url(re.compile(rf"/staff/support/{thread_id}$"))
    expect(desktop.locator("#desk-thread-heading")).to_have_text(subject)
    expect(desktop.locator("#desk-orders")).to_contain_text("Lena Hoffmann")
    desktop.locator("#desk-note").fill(note)
    desktop.locator("#desk-note-save").click()
    expect(desktop.locator("#desk-notes .desk-note")).to_contain_text(note)
    desktop.locator("#desk-canned").select_option(label=CANNED)
    expect(desktop.locator("#desk-reply")).to_have_value(re.compile(CANNED_TEXT))
    desktop.locator("#desk-send").click()
    expect(desktop.locator("#desk-conversation .desk-message")).to_have_count(2)
    expect(desktop.locator("#desk-conversation")).to_contain_text(CANNED_TEXT)
    expect(desktop.locator("#desk-status")).to_have_value("waiting")
    desktop.locator("#desk-priority").select_option("high")
    expect(desktop.locator("#desk-done")).to_be_visible()
    expect(desktop.locator("#desk-priority")).to_have_value("high")
    check_page(desktop, shoot, "desktop-thread")

    # the shopper reads the answer, never the note
    phone.goto(f"/account/messages/{thread_id}")
    expect(phone.get_by_text(CANNED_TEXT, exact=False)).to_be_visible(timeout=15_000)
    expect(phone.get_by_text(note)).to_have_count(0)
    assert tag not in phone.content().replace(subject, "")  # the note's tag appears nowhere but the subject
    check_page(phone, shoot, "phone-shopper-thread")

    # the e-mail went out in German; the note was never e-mailed; every desk action was audited
    with Session(app_server.engine()) as session:
        mails = [m.payload for m in session.exec(select(OutboxMessage).where(OutboxMessage.topic == "email")).all()
                 if tag in str(m.payload)]
        audited = {a.action for a in session.exec(select(AuditLog).where(AuditLog.entity_type == "message_thread",
                                                                         AuditLog.entity_id == thread_id)).all()}
    [mail] = mails
    assert mail["to"] == SHOPPER and mail["lang"] == "de"
    assert mail["subject"] == f"Antwort vom Meridian-Support: {subject}"
    assert CANNED_TEXT in mail["body"] and f"/account/messages/{thread_id}" in mail["body"]
    assert "Interne Notiz" not in mail["body"]
    assert {"support.note", "support.reply", "support.priority"} <= audited

    # support on a phone: cards, and the same thread
    _log_in(phone, SUPPORT)
    phone.goto("/staff/support")
    card = phone.locator("#desk-cards .desk-card", has_text=subject)
    expect(card).to_be_visible(timeout=15_000)
    check_page(phone, shoot, "phone-inbox")
    card.locator(".desk-subject").click()
    expect(phone.locator("#desk-thread-heading")).to_have_text(subject)
    expect(phone.locator("#desk-notes")).to_contain_text(note)
    check_page(phone, shoot, "phone-thread")


def test_a_moderator_is_refused_the_desk(desktop: Page):
    _log_in(desktop, MODERATOR)
    desktop.goto("/staff/support")
    expect(desktop.locator("#denied-message")).to_be_visible(timeout=15_000)
    expect(desktop.locator("#desk-table")).to_have_count(0)


def test_support_adds_changes_and_deletes_a_canned_reply(phone: Page, desktop: Page, shoot):
    title = f"Zustellung {secrets.token_hex(3)}"
    _log_in(desktop, SUPPORT)
    desktop.goto("/staff/canned-replies")
    expect(desktop.locator("#canned-list .canned-form").first).to_be_visible(timeout=15_000)
    new = desktop.locator("#canned-new")
    new.locator("input[name=title]").fill(title)
    new.locator("select[name=language]").select_option("de")
    new.locator("textarea[name=body]").fill("Hallo,\n\nIhr Paket wird morgen zugestellt.")
    new.get_by_role("button", name="Save").click()
    mine = desktop.locator("#canned-list .canned-form").filter(has=desktop.locator(f"input[value='{title}']"))
    expect(mine).to_have_count(1)
    expect(mine.locator("select[name=language]")).to_have_value("de")
    mine.locator("input[name=title]").fill(title + " (neu)")
    mine.get_by_role("button", name="Save").click()
    expect(desktop.locator(f"#canned-list input[value='{title} (neu)']")).to_have_count(1)
    check_page(desktop, shoot, "desktop-canned")

    _log_in(phone, SUPPORT)
    phone.goto("/staff/canned-replies")
    expect(phone.locator(f"#canned-list input[value='{title} (neu)']")).to_have_count(1, timeout=15_000)
    check_page(phone, shoot, "phone-canned")
    changed = desktop.locator("#canned-list .canned-form").filter(
        has=desktop.locator(f"input[value='{title} (neu)']"))
    changed.get_by_role("button", name="Delete").click()
    expect(desktop.locator(f"#canned-list input[value='{title} (neu)']")).to_have_count(0)

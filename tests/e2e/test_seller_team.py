"""The seller's team in Chromium: seller A's owner (kyoto) invites a packer by e-mail on a desktop; the packer
opens the e-mailed link (read from the outbox, as the worker would send it) on a phone, creates their account on
the invitation page, logs in and lands on the orders, whose list shows (an order opens with "Accept" but without
the refunding "Reject"); the navigation offers no Money,
Messages, Overview or Team link, and opening the money page's address shows the role refusal instead of any
figure. The owner then sees the packer in the team. Every page is checked with axe and photographed."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from marketplace.checkout.demo_orders import place_demo_orders
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import OrderGroup, OutboxMessage, VendorOrder
from tests.e2e.conftest import check_page, log_in

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
KYOTO = "kyoto@meridian.test"
PASSWORD = "packer password 1"


def _join_path(app_server, email: str) -> str:  # noqa: ANN001
    with Session(app_server.engine()) as session:
        bodies = [m.payload["body"] for m in session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()
                  if m.payload.get("to") == email]
    assert bodies, f"no invitation e-mail to {email}"
    return "/seller/join/" + bodies[-1].split("/seller/join/")[1].split()[0]


def test_owner_invites_a_packer_who_sees_orders_but_not_money(app_server, phone: Page, desktop: Page, shoot):
    email = f"packer-{secrets.token_hex(4)}@example.test"
    owner = desktop
    log_in(owner, KYOTO, ACCOUNTS[KYOTO].password)
    owner.goto("/seller/team")
    expect(owner.locator("#team-members")).to_contain_text(KYOTO)
    check_page(owner, shoot, "desktop-team")
    owner.locator("#invite-email").fill(email)
    owner.locator("#invite-role").select_option("packer")
    owner.locator("#invite-send").click()
    expect(owner.locator("#team-notice")).to_contain_text("Invitation sent")
    expect(owner.locator("#team-invitations")).to_contain_text(email)
    check_page(owner, shoot, "desktop-team-invited")

    packer = phone
    packer.goto(_join_path(app_server, email))
    expect(packer.get_by_role("heading", level=1)).to_contain_text("Join")
    expect(packer.get_by_text("Packer", exact=True)).to_be_visible()
    check_page(packer, shoot, "phone-join")
    packer.locator("#join-name").fill("Pat Packer")
    packer.locator("#join-password").fill(PASSWORD)
    packer.locator("#join-create").click()
    expect(packer.locator("#join-created")).to_be_visible()
    check_page(packer, shoot, "phone-join-done")

    log_in(packer, email, PASSWORD)
    packer.goto("/seller")
    packer.wait_for_url("**/seller/orders")
    expect(packer.get_by_role("heading", level=1)).to_be_visible()
    sidebar = packer.locator(".backoffice-sidebar")
    expect(sidebar.locator("a[href='/seller/orders']")).to_have_count(1)
    for hidden in ("/seller/money", "/seller/messages", "/seller/team", "/seller"):
        expect(sidebar.locator(f"a[href='{hidden}']")).to_have_count(0)
    check_page(packer, shoot, "phone-packer-orders")

    [group_number] = place_demo_orders(app_server.engine(), "shopper@meridian.test", ("kyoto-kiln",))
    with Session(app_server.engine()) as session:  # a new order of its own: other tests move the older ones on
        number = session.exec(select(VendorOrder.number).join(OrderGroup, OrderGroup.id == VendorOrder.group_id)
                              .where(OrderGroup.number == group_number)).one()
    packer.goto(f"/seller/orders/{number}")
    expect(packer.locator("#accept-order")).to_be_visible()  # a new order: the packer may take it on
    expect(packer.get_by_text("Reject the order…")).to_have_count(0)  # but rejecting refunds: not theirs
    expect(packer.locator("#new-order-help")).to_have_text("Accept to start preparing the parcel.")
    check_page(packer, shoot, "phone-packer-order")

    packer.goto("/seller/money")
    expect(packer.locator("#denied-message")).to_contain_text("Your role in this shop can't use this page")
    expect(packer.locator("#balance-pending")).to_have_count(0)
    check_page(packer, shoot, "phone-packer-money-refused")

    owner.goto("/seller/team")
    member = owner.locator("#team-members .team-member", has_text=email)
    expect(member).to_be_visible()
    expect(member.locator("select")).to_have_value("packer")
    expect(owner.locator(".team-invitation", has_text=email)).to_have_count(0)  # accepted: no longer open
    check_page(owner, shoot, "desktop-team-with-packer")

"""Tracking and cancelling from the shopper's side, in Chromium against the production build: the shopper's order
page at phone size shows each parcel's timeline with the DAP charges on the customs step and asks to cancel a
parcel not yet shipped; a guest opens the parcel's signed /track link (desktop); a tampered link shows the
"link not valid" page and nothing of the parcel. Every page passes axe; screenshots in test-artifacts/."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.formatting import format_money
from marketplace.models import Product, Shipment, ShipmentEvent, Vendor
from marketplace.orders import tracking_links, tracking_view
from tests import factories, factories_account
from tests.e2e.conftest import assert_accessible, log_in, no_horizontal_scroll
from tests.e2e.server import E2E_SECRET_KEY

pytestmark = pytest.mark.e2e


def _order_in_transit(app_server) -> dict:  # noqa: ANN001
    """A fresh shopper's order: Kyoto's parcel (DAP) at customs in Frankfurt, Milano's parcel still placed."""
    tag = secrets.token_hex(3).upper()
    with Session(app_server.engine()) as session:
        shopper = factories.user(session, email=f"tracking-{tag.lower()}@example.test")
        kyoto, milano = (session.exec(select(Vendor).where(Vendor.slug == slug)).one()
                         for slug in ("kyoto-kiln", "navigli-pelle"))
        products = [session.exec(select(Product).where(Product.vendor_id == v.id, Product.status == "active")
                                 .order_by(Product.id)).first() for v in (kyoto, milano)]
        group = factories_account.order(session, shopper, [(kyoto, [(products[0], 1)]), (milano, [(products[1], 1)])],
                                        duty_minor=180, tax_minor=532)
        group.number = f"MRD-TR{tag}"
        dap, placed = factories_account.vendor_orders(session, group)
        for i, vendor_order in enumerate((dap, placed), 1):
            vendor_order.number = f"{group.number}-{i}"
        dap.status, dap.fulfilment_status, dap.incoterm = "shipped", "fulfilled", "DAP"
        placed.duty_minor = placed.tax_minor = 0  # inside the EU: no import charges
        placed.total_minor = placed.goods_minor + placed.shipping_minor
        group.duty_minor, group.tax_minor = dap.duty_minor, dap.tax_minor
        group.total_minor = dap.total_minor + placed.total_minor
        session.add_all([group, dap, placed])
        start = clock.now().replace(microsecond=0) - timedelta(days=2)
        parcel = Shipment(vendor_order_id=dap.id, carrier="embedded", service="express", tracking_number=f"EA{tag}JP",
                          status="in_transit", cost_minor=1800, cost_currency="JPY", label_purchased_at=start,
                          shipped_at=start)
        session.add(parcel)
        session.flush()
        session.add_all([
            ShipmentEvent(shipment_id=parcel.id, code="accepted", at=start, description="Parcel accepted by the carrier",
                          location="Kyoto, JP"),
            ShipmentEvent(shipment_id=parcel.id, code="export", at=start + timedelta(hours=8),
                          description="Export cleared; left the country of origin", location="Osaka, JP"),
            ShipmentEvent(shipment_id=parcel.id, code="customs", at=start + timedelta(hours=20),
                          description="Arrived at customs in the destination country", location="Frankfurt, DE")])
        session.commit()
        return {"number": group.number, "email": shopper.email, "tracking": parcel.tracking_number,
                "due": format_money(tracking_view.on_delivery(dap), "en_US"),
                "token": tracking_links.sign(parcel.id, secret=E2E_SECRET_KEY)}


def _english(page: Page, base: str) -> None:
    page.context.add_cookies([{"name": name, "value": value, "url": base}
                              for name, value in (("mp_lang", "en"), ("mp_cur", "EUR"), ("mp_ship", "DE"))])


def test_the_shopper_follows_a_parcel_asks_to_cancel_another_and_a_guest_tracks_by_link(
        phone: Page, desktop: Page, app_server, shoot):
    order = _order_in_transit(app_server)

    # the shopper's order page at phone size: the DAP parcel's timeline, newest first, with the charges due
    _english(phone, app_server.base)
    log_in(phone, order["email"], factories.PASSWORD)
    phone.goto(f"/account/orders/{order['number']}")
    kyoto = phone.locator(".parcel-card").first
    steps = kyoto.locator(".tracking-step")
    expect(steps).to_have_count(3)
    expect(steps.first).to_contain_text("Arrived at customs in the destination country")
    expect(steps.first).to_contain_text("Frankfurt, DE")
    expect(steps.first).to_contain_text(re.compile(r"\bCES?T\b"))  # the destination's local time, with its zone
    expect(steps.last).to_contain_text("Parcel accepted by the carrier")
    expect(kyoto.locator(".customs-note")).to_contain_text(order["due"])
    expect(kyoto.locator(".customs-note")).to_contain_text("at the door")
    expect(kyoto.locator(".request-cancel")).to_have_count(0)  # shipped: too late to cancel
    assert no_horizontal_scroll(phone)
    assert_accessible(phone, "order page with tracking")
    shoot(phone, "phone-order")

    # the parcel not yet shipped: ask to cancel, with a reason, and see the request
    milano = phone.locator(".parcel-card").nth(1)
    milano.locator(".request-cancel").click()
    dialog = phone.locator(".cancel-dialog")
    expect(dialog).to_be_visible()
    dialog.locator(".cancel-reason").select_option("mistake")
    dialog.locator(".cancel-detail").fill("Ordered the wrong size")
    assert_accessible(phone, "cancellation dialog")
    shoot(phone, "phone-cancel-dialog")
    dialog.locator(".confirm-cancel").click()
    expect(milano.locator(".cancel-status")).to_contain_text("Cancellation requested")
    expect(milano.locator(".cancel-status")).to_contain_text("I ordered it by mistake: Ordered the wrong size")
    expect(milano.locator(".request-cancel")).to_have_count(0)
    shoot(phone, "phone-order-cancel-requested")

    # a guest opens the e-mail's link: the parcel, its timeline and the destination country, nothing private
    _english(desktop, app_server.base)
    desktop.goto(f"/track/{order['token']}")
    expect(desktop.locator("#track-card .tracking-number")).to_have_text(order["tracking"])
    expect(desktop.locator(".track-destination")).to_contain_text("Germany")
    expect(desktop.locator(".track-carrier")).to_have_text("Meridian Post · Express courier")
    expect(desktop.locator(".tracking-step")).to_have_count(3)
    expect(desktop.locator(".customs-note")).to_contain_text(order["due"])
    expect(desktop.locator("body")).not_to_contain_text(order["email"])
    assert_accessible(desktop, "public tracking page")
    shoot(desktop, "desktop-track")

    # a tampered link: one page that says so, and nothing of the parcel
    mac = order["token"].split(".")[1]
    desktop.goto(f"/track/{order['token'].split('.')[0]}.{mac[:-1]}{'B' if mac[-1] != 'B' else 'C'}")
    expect(desktop.locator("#track-invalid")).to_contain_text("This tracking link is not valid.")
    expect(desktop.locator("body")).not_to_contain_text(order["tracking"])
    assert_accessible(desktop, "invalid tracking link")
    shoot(desktop, "desktop-track-invalid")

    # the public page at phone size too
    phone.goto(f"/track/{order['token']}")
    expect(phone.locator("#track-card .tracking-number")).to_have_text(order["tracking"])
    assert no_horizontal_scroll(phone)
    shoot(phone, "phone-track")

    # the shopper's order page at desktop size (timeline beside the receipt)
    log_in(desktop, order["email"], factories.PASSWORD)
    desktop.goto(f"/account/orders/{order['number']}")
    expect(desktop.locator(".parcel-card").first.locator(".tracking-step")).to_have_count(3)
    shoot(desktop, "desktop-order")

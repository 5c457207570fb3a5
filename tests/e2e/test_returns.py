"""A return end to end in the browser: the shopper buys two units from the Kyoto seller, the order is
delivered, and she asks to return one unit of a delivered Kyoto order on a
phone, the Kyoto seller approves it (a return label is bought), marks it received and refunds it on a desktop,
and the shopper then sees the refund. Every page is checked with axe and photographed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import (
    Cart,
    CartLine,
    OrderGroup,
    Product,
    Shipment,
    User,
    Variant,
    Vendor,
    VendorOrder,
)
from marketplace.orders import status
from tests.e2e.conftest import DESKTOP, PHONE, check_page, log_in
from tests.e2e.shopping import pay

pytestmark = pytest.mark.e2e
SHOPPER, SELLER = "shopper@meridian.test", "kyoto@meridian.test"
PASSWORDS = {a.email: a.password for a in DEMO_ACCOUNTS}
BERLIN = {"name": "Erika Mustermann", "street_address": "Hauptstraße 5", "postal_code": "10115", "city": "Berlin",
          "phone": "030 1234567"}


@pytest.fixture
def english_shopper(app_server):
    """The demo shopper's saved market is English for the test (restored afterwards) and her cart is empty."""
    engine = app_server.engine()
    with Session(engine) as session:
        user = session.exec(select(User).where(User.email == SHOPPER)).one()
        saved = (user.language, user.currency, user.ship_to_country)
        user.language, user.currency, user.ship_to_country = "en", "EUR", "DE"
        for line in session.exec(select(CartLine).join(Cart, Cart.id == CartLine.cart_id)
                                 .where(Cart.user_id == user.id)).all():
            session.delete(line)
        vendor = session.exec(select(Vendor).where(Vendor.slug == "kyoto-kiln")).one()
        slug = session.exec(select(Product.slug).join(Variant, Variant.product_id == Product.id)
                            .where(Product.vendor_id == vendor.id, Product.status == "active", Variant.stock >= 5,
                                   Variant.position == 0).order_by(Product.id)).first()
        session.commit()
        user_id = user.id
    yield slug
    with Session(engine) as session:
        user = session.get(User, user_id)
        user.language, user.currency, user.ship_to_country = saved
        session.commit()


def _deliver(app_server, group_number: str) -> str:
    """The seller ships the group's Kyoto parcel and the carrier delivers it; its vendor order number."""
    with Session(app_server.engine()) as session:
        group = session.exec(select(OrderGroup).where(OrderGroup.number == group_number)).one()
        order = session.exec(select(VendorOrder).where(VendorOrder.group_id == group.id)).one()
        for target in ("processing", "shipped", "delivered"):
            status.transition(session, order, "status", target, actor_user_id=None)
        status.transition(session, order, "fulfilment", "fulfilled", actor_user_id=None)
        session.add(Shipment(vendor_order_id=order.id, carrier="embedded", service="standard", status="delivered",
                             length_mm=300, width_mm=200, height_mm=120, weight_g=900, cost_minor=1500,
                             cost_currency="JPY", shipped_at=clock.now(), delivered_at=clock.now()))
        session.commit()
        return order.number


def _buy(page: Page, slug: str) -> str:
    """Two units bought through the real checkout (the app's own payment gateway, so it can refund them)."""
    page.goto(f"/p/{slug}")
    for count in ("1", "2"):
        expect(page.locator("#add-to-cart")).to_be_enabled()
        page.locator("#add-to-cart").click()
        expect(page.locator("#cart-count")).to_have_text(count)
    page.goto("/checkout")
    return pay(page, BERLIN, email=SHOPPER)




def _tab(chromium: Browser, app_server, viewport: dict, mobile: bool) -> Page:
    context = chromium.new_context(viewport=viewport, base_url=app_server.base, is_mobile=mobile, has_touch=mobile,
                                   locale="en-US", device_scale_factor=1)
    context.set_default_timeout(20_000)
    context.add_cookies([{"name": name, "value": value, "url": app_server.base}
                         for name, value in (("mp_lang", "en"), ("mp_cur", "EUR"), ("mp_ship", "DE"))])
    return context.new_page()


def _choose(page: Page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def _refund(seller: Page) -> None:
    """Click "Refund": whichever backend worker takes the click refunds the charge (the embedded gateway finds
    a charge another worker took through its Payment row)."""
    seller.locator("#return-refund").click()
    expect(seller.locator("#return-refunded")).to_be_visible(timeout=20_000)
    expect(seller.locator("#return-status")).to_have_text("Refunded")


def test_a_return_requested_on_a_phone_is_approved_and_refunded_by_the_seller(chromium: Browser, app_server,
                                                                              english_shopper, shoot):
    shopper = _tab(chromium, app_server, PHONE, True)
    log_in(shopper, SHOPPER, PASSWORDS[SHOPPER])
    group_number = _buy(shopper, english_shopper)
    order_number = _deliver(app_server, group_number)
    shopper.goto(f"/account/orders/{group_number}")
    shopper.locator(".parcel-card", has_text=order_number).locator(".return-items").click()
    expect(shopper).to_have_url(re.compile(rf"/account/orders/{order_number}/return$"))
    expect(shopper.locator("#return-submit")).to_be_visible()
    shopper.locator("#return-submit").click()  # nothing chosen: refused, in words
    expect(shopper.locator("#return-error")).to_contain_text("Choose at least one item")
    _choose(shopper, "Units to send back", "1")
    _choose(shopper, "Why are you sending it back?", "Arrived damaged")
    shopper.locator("#return-submit").click()
    request = shopper.locator(".return-request", has_text=f"{order_number}-R1")
    expect(request).to_contain_text("Requested")
    check_page(shopper, shoot, "phone-requested")

    seller = _tab(chromium, app_server, DESKTOP, False)
    log_in(seller, SELLER, PASSWORDS[SELLER])
    seller.goto("/seller/returns")
    seller.locator(".return-row", has_text=f"{order_number}-R1").click()
    expect(seller.locator("#return-title")).to_have_text(f"{order_number}-R1")
    check_page(seller, shoot, "desktop-requested")
    seller.locator("#return-approve").click()
    expect(seller.locator("#return-status")).to_have_text("Approved: send it back", timeout=20_000)
    expect(seller.get_by_role("link", name="Return label (PDF)")).to_be_visible()
    seller.locator("#return-received").click()
    expect(seller.locator("#return-status")).to_have_text("Received by the seller", timeout=20_000)
    expect(seller.get_by_text("the refund includes the returned items' share of the shipping")).to_be_visible()
    check_page(seller, shoot, "desktop-received")
    _refund(seller)
    refunded = seller.locator("#return-refunded").inner_text()
    assert re.search(r"\d", refunded)
    check_page(seller, shoot, "desktop-refunded")

    shopper.reload()
    expect(request.locator(".return-refund")).to_contain_text(refunded.split(": ", 1)[-1])
    href = request.get_by_role("link", name="Return label (PDF)").get_attribute("href")
    label = shopper.request.get(href)
    assert label.ok and label.body().startswith(b"%PDF")
    check_page(shopper, shoot, "phone-refunded")
    stranger = chromium.new_context(base_url=app_server.base)  # nobody signed in: the same 404 as a wrong number
    assert stranger.request.get(href).status == 404
    stranger.close()

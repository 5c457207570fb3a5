"""The shopper's account on a phone and on a desktop: orders and an order's parcels, the wishlist heart on
a product page, a saved address, a message to support; and privacy: a second shopper opening the first
one's order or conversation URL sees "not found", and a guest is sent to log in."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, func, select

from marketplace.accounts.service import Caller
from marketplace.checkout import service as checkout
from marketplace.checkout.place import place
from marketplace.checkout.pricing import Market
from marketplace.core import clock
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import (
    OutboxMessage,
    Product,
    ProductStatus,
    Role,
    Shipment,
    User,
    Variant,
    VendorOrder,
)
from marketplace.orders import cart as carts
from marketplace.orders import status
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.gateway import CardDetails
from marketplace.support import messages
from tests.e2e.conftest import check_page, log_in

pytestmark = pytest.mark.e2e
SHOPPER = "shopper@meridian.test"
PASSWORD = {a.email: a.password for a in DEMO_ACCOUNTS}[SHOPPER]
TRACKING = "JD014600006281230704"


@dataclass(frozen=True)
class Placed:
    number: str
    parcel: str
    thread_id: int


def _single_variant_products(session: Session) -> list[str]:
    """Slugs of listed products with exactly one variant, in stock (they go straight into the cart)."""
    rows = session.exec(select(Product.slug).join(Variant, Variant.product_id == Product.id)
                        .where(Product.status == ProductStatus.ACTIVE).group_by(Product.id, Product.slug)
                        .having(func.count(Variant.id) == 1).having(func.min(Variant.stock) > 3)
                        .order_by(Product.id)).all()
    return list(rows)


@pytest.fixture(scope="module")
def placed(app_server) -> Placed:
    """The demo shopper's order, placed through checkout with the embedded gateway, and a support thread."""
    engine = app_server.engine()
    with Session(engine) as session:
        user = session.exec(select(User).where(User.email == SHOPPER)).one()
        owner = carts.CartOwner(user_id=user.id)
        slug = _single_variant_products(session)[-1]
        variant = session.exec(select(Variant).join(Product, Product.id == Variant.product_id)
                               .where(Product.slug == slug)).one()
        carts.add(session, owner, variant.id, 1)
        row, _ = checkout.start(session, owner, Market("DE", "EUR"), user_id=user.id, email=user.email)
        session.commit()
        checkout_id = row.id
        caller = Caller(user_id=user.id, role=Role.SHOPPER, display_name=user.display_name, email=user.email,
                        vendor_id=None)
    placement = place(engine, checkout_id, owner, CardDetails("4242424242424242", 12, 2030, "123"),
                      gateway=EmbeddedGateway(), user_id=caller.user_id)
    assert placement.status == "paid"
    with Session(engine) as session:  # the seller ships it and the carrier delivers it
        order = session.exec(select(VendorOrder).where(VendorOrder.number.startswith(placement.order_number))).one()
        parcel = order.number
        for target in ("processing", "shipped", "delivered"):
            status.transition(session, order, "status", target, actor_user_id=None)
        status.transition(session, order, "fulfilment", "fulfilled", actor_user_id=None)
        session.add(Shipment(vendor_order_id=order.id, carrier="DHL", service="Express", tracking_number=TRACKING,
                             status="delivered", cost_minor=1500, cost_currency="EUR", shipped_at=clock.now(),
                             delivered_at=clock.now()))
        thread_id = messages.start_thread(session, caller, subject="Private question",
                                          body="Only I and support may read this.")
        session.commit()
    return Placed(number=placement.order_number, parcel=parcel, thread_id=thread_id)




@pytest.fixture
def english_account(app_server):
    """The demo shopper's saved market is English for the test (seeded: German), restored afterwards: the tab
    also chooses English, but which one a page load applies first must not decide what this journey reads."""
    with Session(app_server.engine()) as session:
        user = session.exec(select(User).where(User.email == SHOPPER)).one()
        saved = (user.language, user.currency, user.ship_to_country)
        user.language, user.currency, user.ship_to_country = "en", "EUR", "DE"
        session.commit()
    yield
    with Session(app_server.engine()) as session:
        user = session.exec(select(User).where(User.email == SHOPPER)).one()
        user.language, user.currency, user.ship_to_country = saved
        session.commit()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_shopper_sees_orders_saves_to_the_wishlist_adds_an_address_and_writes_to_support(
        request, viewport: str, app_server, placed: Placed, english_account, shoot):
    page: Page = request.getfixturevalue(viewport)
    # this tab has chosen English (the demo shopper's account says German, which applies when nothing is chosen)
    page.context.add_cookies([{"name": name, "value": value, "url": app_server.base}
                              for name, value in (("mp_lang", "en"), ("mp_cur", "EUR"), ("mp_ship", "DE"))])
    log_in(page, SHOPPER, PASSWORD)

    # overview, reached from the header's account menu
    page.goto("/account")
    expect(page.locator("#account-email")).to_have_text(SHOPPER)
    expect(page.locator("#account-nav")).to_be_visible()
    check_page(page, shoot, f"{viewport}-overview")

    # orders: the placed order is listed; its page shows the parcel, statuses, lines and the receipt
    page.locator("#shortcut-orders").click()
    expect(page).to_have_url(re.compile(r"/account/orders/?$"))
    row = page.locator(".order-row", has_text=placed.number)
    expect(row).to_be_visible()
    check_page(page, shoot, f"{viewport}-orders")
    row.click()
    expect(page.locator("#account-title")).to_contain_text(placed.number)
    expect(page.locator(".parcel-card").first).to_contain_text("Paid")
    expect(page.locator(".parcel-card").first).to_contain_text("Delivered")
    expect(page.locator(".tracking-number").first).to_have_text(TRACKING)
    expect(page.locator(".order-line").first).to_be_visible()
    expect(page.locator("#order-breakdown")).to_contain_text("Total")
    check_page(page, shoot, f"{viewport}-order")

    # wishlist: the heart on a product page, then the wishlist page
    with Session(app_server.engine()) as session:
        slug = _single_variant_products(session)[0 if viewport == "phone" else 1]
        name = session.exec(select(Product.name).where(Product.slug == slug)).one()
    page.goto(f"/p/{slug}")
    heart = page.locator("#wishlist-button")
    expect(page.locator("#product-name")).to_have_text(name)
    if heart.get_attribute("aria-pressed") == "true":  # a re-run on the same database: start unsaved
        heart.click()
        expect(heart).to_have_attribute("aria-pressed", "false")
    heart.click()
    expect(heart).to_have_attribute("aria-pressed", "true")
    check_page(page, shoot, f"{viewport}-product-saved")
    page.goto("/account/wishlist")
    item = page.locator(".wishlist-item", has_text=name)
    expect(item).to_be_visible()
    check_page(page, shoot, f"{viewport}-wishlist")
    with Session(app_server.engine()) as session:  # from the database: the header's count may still be loading
        user_id = session.exec(select(User.id).where(User.email == SHOPPER)).one()
        before = carts.count(session, carts.CartOwner(user_id=user_id))
    item.locator(".wishlist-add").click()
    expect(page.locator("#cart-count")).to_have_text(str(before + 1))

    # reviews: the delivered purchase waits for a review, written once (by whichever run comes first)
    page.goto("/account/reviews")
    expect(page.get_by_role("heading", name="Waiting for your review")).to_be_visible()
    expect(page.locator(".review-form, .my-review").first).to_be_visible()
    if page.locator(".review-form").count():
        form = page.locator(".review-form").first
        form.locator(".review-rating").select_option("4")
        form.locator(".review-title").fill("Sharp and light")
        form.locator(".review-body").fill("Fits well.\nThe case is sturdy.")
        form.locator(".review-submit").click()
        expect(page.locator(".my-review", has_text="Sharp and light")).to_contain_text("Waiting for approval")
    expect(page.locator(".my-review").first).to_be_visible()
    check_page(page, shoot, f"{viewport}-reviews")

    # a saved address, validated for Germany
    page.goto("/account/addresses")
    page.locator("#address-add").click()
    page.locator("#address-country").select_option("DE")
    expect(page.locator("#address-form")).to_have_attribute("data-country", "DE")  # the German form is shown
    label = f"Studio {viewport}"
    page.locator("#address-label").fill(label)
    page.locator("#address-name").fill("Lena Hoffmann")
    page.locator("#address-street_address").fill("Torstraße 1")
    page.locator("#address-postal_code").fill("1011")  # one digit short: refused, typing kept
    page.locator("#address-city").fill("Berlin")
    page.locator("#address-phone").fill("030 1234567")
    page.locator("#address-save").click()
    expect(page.locator(".field-error")).to_have_count(1)
    expect(page.locator("#address-city")).to_have_value("Berlin")
    check_page(page, shoot, f"{viewport}-address-error")
    page.locator("#address-postal_code").fill("10119")
    page.locator("#address-save").click()
    card = page.locator(".address-card", has_text=label)
    expect(card).to_contain_text("10119 Berlin")
    check_page(page, shoot, f"{viewport}-addresses")

    # a message to support opens the new conversation
    page.goto("/account/messages")
    page.locator("#contact-support").click()
    subject = f"Gift note ({viewport})"
    page.locator("#message-subject").fill(subject)
    page.locator("#message-body").fill("Could you add a handwritten note?")
    check_page(page, shoot, f"{viewport}-compose")
    page.locator("#message-send").click()
    expect(page).to_have_url(re.compile(r"/account/messages/\d+/?$"))
    expect(page.locator("#account-title")).to_have_text(subject)
    expect(page.locator(".message-bubble")).to_have_count(1)
    page.locator("#reply-body").fill("And wrap it, please.")
    page.locator("#reply-send").click()
    expect(page.locator(".message-bubble")).to_have_count(2)
    check_page(page, shoot, f"{viewport}-thread")
    page.goto("/account/messages")
    expect(page.locator(".thread-row", has_text=subject)).to_be_visible()
    check_page(page, shoot, f"{viewport}-messages")


def _signup_link(engine, email: str) -> str:  # noqa: ANN001
    """The link of the sign-up e-mail (read from the outbox, as the worker would send it)."""
    with Session(engine) as session:
        bodies = [m.payload["body"] for m in session.exec(select(OutboxMessage)).all() if m.payload.get("to") == email]
    assert bodies, f"no e-mail to {email}"
    return "/api/auth/verify?token=" + bodies[-1].split("/api/auth/verify?token=")[1].split()[0]


def test_another_shopper_cannot_open_the_first_ones_order_or_conversation(phone: Page, placed: Placed, shoot,
                                                                          app_server):
    page = phone
    # a guest is sent to log in, and comes back afterwards
    page.goto(f"/account/orders/{placed.number}")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Faccount%2Forders%2F"))

    # signing up sends a link (the page does not say whether the address had an account); the link finishes it
    email = f"second-{uuid.uuid4().hex[:8]}@example.com"
    page.goto("/register")
    page.locator("#field-name").fill("Second Shopper")
    page.locator("#field-email").fill(email)
    page.locator("#field-password").fill("second-shopper-2026")
    with page.expect_navigation():
        page.locator("#register-submit").click()
    expect(page.locator("#auth-notice")).to_contain_text("Check your inbox")
    page.goto(_signup_link(app_server.engine(), email))
    expect(page.locator("#auth-notice")).to_contain_text("Your account is ready")
    log_in(page, email, "second-shopper-2026")

    page.goto(f"/account/orders/{placed.number}")
    expect(page.get_by_role("heading", name="We couldn't find that order.")).to_be_visible()
    expect(page.locator(".parcel-card")).to_have_count(0)
    check_page(page, shoot, "order-not-found")
    page.goto("/account/orders/MRD-00000000")  # the same message as for a number that does not exist
    expect(page.get_by_role("heading", name="We couldn't find that order.")).to_be_visible()

    page.goto(f"/account/messages/{placed.thread_id}")
    expect(page.get_by_role("heading", name="We couldn't find that conversation.")).to_be_visible()
    expect(page.locator(".message-bubble")).to_have_count(0)
    expect(page.get_by_text("Only I and support may read this.")).to_have_count(0)
    check_page(page, shoot, "thread-not-found")

    page.goto("/account/orders")
    expect(page.locator(".order-row")).to_have_count(0)
    page.goto("/account/messages")
    expect(page.locator(".thread-row")).to_have_count(0)

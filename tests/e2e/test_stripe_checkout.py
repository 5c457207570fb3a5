"""With ``PAYMENTS=stripe`` the card number and security code never reach our server: a guest on a phone types
the card into Stripe.js's Card Element (localstripe's stand-in, loaded from ``STRIPE_JS_URL``), passes 3-D
Secure in Stripe.js's own dialog, and gets the order; every HTTP request to the app and every websocket frame
in both directions is recorded and none holds the card number or the CVC, while the requests to "Stripe"
(localstripe) do — so the recording is shown to see card data where it really goes.

This module starts its own app (a second production build in its own ``.web``, ``tests/e2e/server.py``) and
its own localstripe, so it costs one more app build per session.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import Session, select

from marketplace.core.formatting import format_money
from marketplace.core.money import Money
from marketplace.models import OrderGroup, Payment, Product, Variant, Vendor
from tests.e2e.conftest import PHONE, no_horizontal_scroll
from tests.e2e.server import RunningApp, running_app
from tests.integration.payments.localstripe_browser import LocalstripeUnavailable, running_localstripe

pytestmark = pytest.mark.e2e

CARD, CVC = "4000002500003155", "739"  # Stripe's "authentication required" test card; a CVC to look for
DECLINED = "4000000000000341"  # attaches, then the charge is declined
BERLIN = {"name": "Lena Vogel", "street_address": "Torstraße 12", "postal_code": "10119", "city": "Berlin",
          "phone": "030 1234567"}


@pytest.fixture(scope="module")
def localstripe_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        with running_localstripe(tmp_path_factory.mktemp("localstripe-e2e") / "localstripe.log") as base:
            yield base
    except LocalstripeUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def stripe_app(tmp_path_factory: pytest.TempPathFactory, localstripe_base: str) -> Iterator[RunningApp]:
    work: Path = tmp_path_factory.mktemp("e2e-stripe")
    with running_app(work, extra_env={
        "PAYMENTS": "stripe", "STRIPE_API_KEY": "sk_test_meridian", "STRIPE_API_BASE": localstripe_base,
        "STRIPE_JS_URL": f"{localstripe_base}/js.stripe.com/v3/", "STRIPE_PUBLISHABLE_KEY": "pk_test_meridian",
    }) as app:
        yield app


def _product(app: RunningApp) -> str:
    with Session(app.engine()) as session:
        vendor = session.exec(select(Vendor).where(Vendor.slug == "kyoto-kiln")).one()
        return session.exec(select(Product.slug).join(Variant, Variant.product_id == Product.id)
                            .where(Product.vendor_id == vendor.id, Product.status == "active",
                                   Variant.stock >= 20).order_by(Product.id)).first()


def test_the_card_goes_to_stripe_and_never_to_our_server(chromium: Browser, stripe_app, localstripe_base, shoot):
    context = chromium.new_context(viewport=PHONE, base_url=stripe_app.base, is_mobile=True, has_touch=True,
                                   locale="en-US")
    context.set_default_timeout(20_000)
    context.add_cookies([{"name": name, "value": value, "url": stripe_app.base}
                         for name, value in (("mp_lang", "en"), ("mp_ship", "DE"), ("mp_cur", "EUR"))])
    page = context.new_page()
    to_app: list[str] = []  # every request (URL + body) and websocket frame between the page and our server
    to_stripe: list[str] = []
    frames: list[int] = []
    app_ws = stripe_app.base.replace("http://", "ws://")

    def on_request(request) -> None:  # noqa: ANN001
        body = request.post_data or ""
        if request.url.startswith(stripe_app.base):
            to_app.append(f"{request.url} {body}")
        elif request.url.startswith(localstripe_base):
            to_stripe.append(f"{request.url} {body}")

    def on_websocket(ws) -> None:  # noqa: ANN001
        if ws.url.startswith(app_ws):
            ws.on("framesent", lambda payload: (to_app.append(str(payload)), frames.append(1)))
            ws.on("framereceived", lambda payload: (to_app.append(str(payload)), frames.append(1)))

    page.on("request", on_request)
    page.on("websocket", on_websocket)

    page.goto(f"/p/{_product(stripe_app)}")
    expect(page.locator("#add-to-cart")).to_be_enabled()
    page.locator("#add-to-cart").click()
    expect(page.locator("#cart-count")).to_have_text("1")
    page.goto("/checkout")
    expect(page.locator("#pay-button")).to_contain_text(re.compile(r"Pay .*\d"))
    card = page.locator("#stripe-card")
    expect(card.locator("input[placeholder=number]")).to_be_visible()  # Stripe.js (stand-in) mounted its field
    expect(page.locator("#card-number")).to_have_count(0)  # and our own card inputs are not there

    page.locator("#checkout-email").fill("lena@example.com")
    for name, value in BERLIN.items():
        page.locator(f"#addr-{name}").fill(value)
    card.locator("input[placeholder=number]").press_sequentially(DECLINED)
    card.locator("input[placeholder=exp_month]").fill("12")
    card.locator("input[placeholder=exp_year]").fill("34")
    card.locator("input[placeholder=cvc]").fill(CVC)
    pay_text = page.locator("#pay-button").inner_text().strip()
    assert no_horizontal_scroll(page), "checkout scrolls sideways on a phone"
    shoot(page, "checkout-phone")

    # a declined card: told plainly, nothing typed is lost, the pay button works again
    page.locator("#pay-button").click()
    expect(page.locator("#payment-error")).to_contain_text("could not be charged")
    expect(page.locator("#pay-button")).to_be_enabled()
    expect(page.locator("#addr-city")).to_have_value("Berlin")
    with Session(stripe_app.engine()) as session:
        assert session.exec(select(Payment)).first() is None

    # another card that needs 3-D Secure: Stripe.js runs the step, then the order is written
    card.locator("input[placeholder=number]").fill("")
    card.locator("input[placeholder=number]").press_sequentially(CARD)
    page.locator("#pay-button").click()
    authenticate = page.get_by_role("button", name="Complete authentication")  # Stripe.js's 3-D Secure step
    expect(authenticate).to_be_visible()
    authenticate.click()
    expect(page).to_have_url(re.compile(r"/checkout/done/MRD-[0-9A-F]{8}/?$"), timeout=30_000)
    number = page.locator("#done-number").inner_text().strip()
    with Session(stripe_app.engine()) as session:
        group = session.exec(select(OrderGroup).where(OrderGroup.number == number)).one()
        payment = session.exec(select(Payment).where(Payment.group_id == group.id)).one()
        charged = format_money(Money(payment.amount_minor, payment.amount_currency), "en_US")
        assert (payment.gateway, payment.card_last4) == ("stripe", "3155")
        assert payment.external_id.startswith("pi_")
    assert pay_text == f"Pay {charged}", (pay_text, charged)
    expect(page.locator("#done-charged")).to_have_text(charged)
    shoot(page, "done-phone")
    context.close()

    assert any(CARD in entry and f'"{CVC}"' in entry for entry in to_stripe), "the card did not go to Stripe"
    assert len(frames) > 10, "no websocket traffic with the app was recorded"
    assert any("lena@example.com" in entry for entry in to_app), "the pay form's frames were not recorded"
    leaks = [entry[:200] for entry in to_app if CARD in entry or f'"{CVC}"' in entry or "4000 0025" in entry]
    assert not leaks, f"card data reached our server: {leaks}"

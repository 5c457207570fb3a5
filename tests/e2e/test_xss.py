"""Hostile text in every free-text field a shopper or seller can fill is shown as text, never run.

Given payloads stored through the real services in the running app's database (a shopper's name at
registration, an address, a support message, a review, a product's name and description as a seller edit
would store them: the seller portal has no edit form yet), when a signed-in shopper, and the product's
seller, open every page that renders them (and the search page with a
hostile query, and the link-preview route /share/p/<slug>), then no script of theirs runs: ``window.__xss``
stays undefined, no dialog opens, no link points to ``javascript:``, and each payload is on the page as
visible text (so the test really looked at it). A last step injects the same markup into the page on
purpose and sees it fire, so the detector is not blind.
"""

from __future__ import annotations

import html
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from marketplace import routes
from marketplace.accounts import addresses
from marketplace.accounts.service import Caller, complete_registration, register
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import Category, Product, ProductStatus, Review, Role, Variant, Vendor
from marketplace.orders import cart as carts
from marketplace.support import messages
from tests.e2e.conftest import PHONE, log_in
from tests.integration.accounts.test_auth import mailed_token

pytestmark = pytest.mark.e2e

IMG = '"><img src=x onerror=window.__xss=1;alert(1)>'
SCRIPT = "</script><script>window.__xss=1;alert(1)</script>"
SVG = "<svg/onload=window.__xss=1;alert(1)>"
JS_LINK = "javascript:window.__xss=1;alert(1)//"
PASSWORD = "xss-test-password-2026"


@dataclass(frozen=True)
class Stored:
    email: str
    name: str
    slug: str
    category_slug: str
    product_name: str
    thread_id: int
    product_id: int


@pytest.fixture(scope="module")
def stored(app_server) -> Iterator[Stored]:
    engine = app_server.engine()
    email = f"xss-{uuid.uuid4().hex[:8]}@example.com"
    name = f"Eve {IMG}"
    product_name = f"Vase {SCRIPT} {IMG}"
    with Session(engine) as session:
        register(session, email=email, password=PASSWORD, display_name=name)
        session.commit()
        user = complete_registration(session, mailed_token(session, email))  # the link of the sign-up e-mail
        session.commit()
        caller = Caller(user_id=user.id, role=Role.SHOPPER, display_name=user.display_name, email=user.email,
                        vendor_id=None)
        addresses.save(session, user.id, country="DE", label=SVG, make_default=True, data={
            "name": f"Mallory {IMG}", "street_address": f"{SCRIPT} 1", "postal_code": "10115",
            "city": f"Berlin {JS_LINK}", "phone": "030 1234567"})
        thread_id = messages.start_thread(session, caller, subject=f"Help {SVG}", body=f"{IMG}\n{SCRIPT}")
        # a product of the demo seller Kyoto Kiln, so the seller's pages can be checked too
        product = session.exec(select(Product).join(Vendor, Vendor.id == Product.vendor_id)
                               .where(Product.status == ProductStatus.ACTIVE, Vendor.slug == "kyoto-kiln")
                               .order_by(Product.id.desc())).first()  # type: ignore[union-attr]
        saved = (product.name, product.description)
        product.name, product.description = product_name, f"{JS_LINK} {SVG} {IMG}"
        session.add(product)
        session.add(Review(product_id=product.id, user_id=user.id, rating=5, title=f"Great {SVG}",
                           body=f"{IMG} {SCRIPT}", status="approved"))
        category_slug = session.exec(select(Category.slug).where(Category.id == product.category_id)).one()
        variant_id = session.exec(select(Variant.id).where(Variant.product_id == product.id)
                                  .order_by(Variant.stock.desc())).first()  # type: ignore[union-attr]
        slug, product_id = product.slug, product.id
        session.commit()
        carts.add(session, carts.CartOwner(user_id=user.id), variant_id, 1)
        session.commit()
    yield Stored(email, name, slug, category_slug, product_name, thread_id, product_id)
    with Session(engine) as session:
        product = session.exec(select(Product).where(Product.slug == slug)).one()
        product.name, product.description = saved
        session.add(product)
        session.commit()


def _dialogs(page: Page) -> list[str]:
    opened: list[str] = []

    def on_dialog(dialog) -> None:  # noqa: ANN001
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


def _shows_as_text(page: Page, *texts: str) -> None:
    for text in texts:  # wait for the payload to be rendered (as text), then for the page to settle
        page.wait_for_function("(t) => document.body && document.body.innerText.includes(t)", arg=text)
    page.wait_for_load_state("networkidle")  # an <img src=x> would have failed to load by now
    page.wait_for_function("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
                           ".then(() => true)")


def _nothing_ran(page: Page, opened: list[str], where: str) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined", f"a payload ran on {where}"
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\" i]').length") == 0, where
    assert opened == [], f"a dialog opened on {where}: {opened}"


@pytest.fixture
def phone_without_csp(chromium: Browser, app_server) -> Iterator[Page]:  # noqa: ANN001
    """A phone whose browser ignores the page's Content-Security-Policy: this test checks the escaping alone (the
    CSP is the second layer, checked in tests/e2e/test_security_headers.py), and its positive control can fire."""
    context = chromium.new_context(viewport=PHONE, base_url=app_server.base, is_mobile=True, has_touch=True,
                                   locale="en-US", device_scale_factor=1, bypass_csp=True)
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def test_hostile_text_is_shown_never_run(phone_without_csp: Page, app_server, stored: Stored):
    page = phone_without_csp
    opened = _dialogs(page)
    log_in(page, stored.email, PASSWORD)

    visits = [
        (routes.ACCOUNT, [stored.name]),
        (routes.ACCOUNT_ADDRESSES, [f"Mallory {IMG}", SVG]),
        (routes.ACCOUNT_MESSAGES, [f"Help {SVG}"]),
        (routes.account_thread(stored.thread_id), [IMG, SCRIPT]),
        (routes.product(stored.slug), [stored.product_name, f"Great {SVG}", JS_LINK]),
        (routes.category(stored.category_slug), []),
        (routes.CART, [stored.product_name]),
        (routes.search(IMG), [IMG]),
        (routes.search(SCRIPT), []),
        (routes.search(JS_LINK), [JS_LINK]),
        (routes.ACCOUNT_REVIEWS, []),
    ]
    for path, texts in visits:
        page.goto(path)
        expect(page.locator("main, body").first).to_be_visible()
        _shows_as_text(page, *texts)
        _nothing_ran(page, opened, path)

    # the link preview is server-rendered HTML: every hostile character is escaped there
    share = f"{app_server.base}{routes.share_product(stored.slug)}"
    with urllib.request.urlopen(share, timeout=10) as response:  # noqa: S310 - loopback only
        preview = response.read().decode()
    assert html.escape(stored.product_name) in preview
    for raw in ("<img src=x", "<script>window", "<svg/onload"):
        assert raw not in preview, f"unescaped {raw!r} in {share}"
    page.goto(share)  # it sends the browser on to the product page; a payload would have opened a dialog
    expect(page).to_have_url(f"{app_server.base}{routes.product(stored.slug)}")
    _shows_as_text(page, stored.product_name)
    _nothing_ran(page, opened, share)
    slug_hostile = urllib.parse.quote(f"x{IMG}", safe="")
    page.goto(f"/share/p/{slug_hostile}")
    _nothing_ran(page, opened, "/share/p/<hostile slug>")

    # the detector is not blind: the same markup injected as HTML does run
    page.evaluate("(markup) => document.body.insertAdjacentHTML('beforeend', markup)", IMG)
    page.wait_for_function("window.__xss === 1")
    assert opened == ["1"]  # the alert blocked the page until the handler dismissed it


def test_the_seller_sees_a_hostile_product_name_as_text(desktop: Page, stored: Stored):
    page = desktop
    opened = _dialogs(page)
    seller = next(a for a in DEMO_ACCOUNTS if a.vendor_key == "kyoto-kiln")
    log_in(page, seller.email, seller.password)
    for path in (routes.seller_product(stored.product_id), routes.SELLER):
        page.goto(path)
        expect(page.locator("main, body").first).to_be_visible()
        _shows_as_text(page, *([stored.product_name] if path != routes.SELLER else []))
        _nothing_ran(page, opened, path)

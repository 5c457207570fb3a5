"""The storefront's acceptance journeys (issue #5), end to end in Chromium against the production build.

- A shopper in Germany (German UI, EUR) on a phone searches for sneakers, filters by price, opens a product,
  sees a EUR price including VAT with "duties and taxes included", adds items from two sellers in different
  countries, pays with 4242 4242 4242 4242, and the confirmation shows one order per seller with its frozen
  landed-cost breakdown; the amount charged equals the total on the pay button.
- A shopper in the US (English, USD) sees prices without tax and an import-charge estimate; a shopper in
  Japan sees yen with no decimals.

The declined card, the authentication card, the guest cart merging on login (tests/e2e/test_checkout.py) and
privacy between shoppers (tests/e2e/test_account.py) have their own journeys.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from marketplace.core.formatting import format_money
from marketplace.core.i18n import format_locale, translate
from marketplace.core.money import Money
from marketplace.models import OrderGroup, Payment, Product, Variant, Vendor, VendorOrder
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, no_horizontal_scroll, small_touch_targets

pytestmark = pytest.mark.e2e
BERLIN = {"name": "Lena Vogel", "street_address": "Torstraße 12", "postal_code": "10119", "city": "Berlin",
          "phone": "030 1234567"}


def _shopper(chromium: Browser, app_server, *, phone: bool, lang: str, ship_to: str, currency: str) -> Page:
    context = chromium.new_context(viewport=PHONE if phone else DESKTOP, base_url=app_server.base, is_mobile=phone,
                                   has_touch=phone, locale="de-DE" if lang == "de" else "en-US")
    context.set_default_timeout(20_000)
    context.add_cookies([{"name": name, "value": value, "url": app_server.base}
                         for name, value in (("mp_lang", lang), ("mp_ship", ship_to), ("mp_cur", currency))])
    return context.new_page()


@pytest.fixture(scope="module")
def kyoto_product(app_server) -> str:
    """A Kyoto kiln (Japan) product with plenty of stock in its first variant."""
    with Session(app_server.engine()) as session:
        vendor = session.exec(select(Vendor).where(Vendor.slug == "kyoto-kiln")).one()
        rows = session.exec(select(Product.slug, Variant.stock).join(Variant, Variant.product_id == Product.id)
                            .where(Product.vendor_id == vendor.id, Product.status == "active")
                            .order_by(Product.id, Variant.position)).all()
    first: dict[str, int] = {}
    for slug, stock in rows:
        first.setdefault(slug, stock)
    return next(slug for slug, stock in first.items() if stock >= 20)


def _add_to_cart(page: Page, expected_count: int) -> None:
    button = page.locator("#add-to-cart")
    expect(button).to_be_enabled()
    button.click()
    expect(page.locator("#cart-count")).to_have_text(str(expected_count))


def test_a_german_shopper_on_a_phone_buys_from_two_countries(chromium: Browser, app_server, kyoto_product, shoot):
    page = _shopper(chromium, app_server, phone=True, lang="de", ship_to="DE", currency="EUR")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "de")

    # searches for sneakers from the header
    box = page.locator("#search-phone:visible, #search-desktop:visible").first
    box.fill("sneakers")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=sneakers"))
    expect(page.locator("#result-count")).to_be_visible()
    expect(page.locator(".product-card").first).to_contain_text("Sneaker")

    # filters by price in the bottom sheet
    page.locator("#filters-button").click()
    sheet = page.locator("#filter-sheet")
    expect(sheet).to_be_visible()
    sheet.locator("[data-group=price] .filter-option").first.click()
    expect(page).to_have_url(re.compile(r"price=[0-9]*-[0-9]*"))
    sheet.locator("#show-results").click()
    expect(sheet).to_be_hidden()
    expect(page.locator(".filter-chip").first).to_be_visible()
    sneaker = page.locator(".product-card", has_text="Sneaker").first
    expect(sneaker).to_be_visible()
    assert no_horizontal_scroll(page)
    shoot(page, "search-de-phone")
    assert_accessible(page, "German search results with a price filter")

    # opens the product: a EUR price including VAT, duties and taxes included
    sneaker.click()
    expect(page).to_have_url(re.compile(r"/p/"))
    expect(page.locator("#product-price")).to_contain_text("€")
    expect(page.locator("#price-note")).to_have_text(translate("de", "Duties & taxes included"))
    expect(page.locator("#landed-receipt")).to_be_visible()
    shoot(page, "product-de-phone")
    assert_accessible(page, "German product page")
    _add_to_cart(page, 1)

    # and an item from a seller in another country
    page.goto(f"/p/{kyoto_product}")
    expect(page.locator("#price-note")).to_have_text(translate("de", "Duties & taxes included"))
    _add_to_cart(page, 2)

    # the cart has one parcel per seller; checkout
    page.goto("/cart")
    expect(page.locator(".parcel-card")).to_have_count(2)
    page.locator("#cart-bar-checkout").click()
    expect(page).to_have_url(re.compile(r"/checkout/?$"))
    expect(page.locator("#incoterm-note")).to_have_attribute("data-incoterm", "DDP")
    page.locator("#checkout-email").fill("lena@example.com")
    for name, value in BERLIN.items():
        page.locator(f"#addr-{name}").fill(value)
    page.locator("#card-number").fill("4242 4242 4242 4242")
    page.locator("#card-expiry").fill("12 / 30")
    page.locator("#card-cvc").fill("123")
    pay_text = page.locator("#pay-button").inner_text().strip()
    assert not small_touch_targets(page, "main"), small_touch_targets(page, "main")
    shoot(page, "checkout-de-phone")
    assert_accessible(page, "German checkout")
    page.locator("#pay-button").click()

    # the confirmation: one order per seller, each with its frozen breakdown; charged = the pay button
    expect(page).to_have_url(re.compile(r"/checkout/done/MRD-[0-9A-F]{8}/?$"), timeout=30_000)
    orders = page.locator("#done-orders .done-order")
    expect(orders).to_have_count(2)
    for i in range(2):
        for key in ("goods", "shipping", "taxes"):
            expect(orders.nth(i).locator(f".breakdown-row[data-key='{key}']").first).to_be_visible()
    number = page.locator("#done-number").inner_text().strip()
    with Session(app_server.engine()) as session:
        group = session.exec(select(OrderGroup).where(OrderGroup.number == number)).one()
        payment = session.exec(select(Payment).where(Payment.group_id == group.id)).one()
        vendor_orders = session.exec(select(VendorOrder).where(VendorOrder.group_id == group.id)).all()
    charged = format_money(Money(payment.amount_minor, payment.amount_currency), format_locale("de"))
    assert payment.amount_currency == "EUR" and group.lang == "de"
    assert charged in pay_text, (pay_text, charged)
    expect(page.locator("#done-charged")).to_have_text(charged)
    assert len({o.vendor_id for o in vendor_orders}) == 2
    assert sum(o.total_minor for o in vendor_orders) == group.total_minor
    assert no_horizontal_scroll(page)
    shoot(page, "done-de-phone")
    assert_accessible(page, "German confirmation")
    page.context.close()


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
def test_a_us_shopper_sees_prices_without_tax_and_an_import_estimate(chromium: Browser, app_server, kyoto_product,
                                                                     phone, shoot):
    page = _shopper(chromium, app_server, phone=phone, lang="en", ship_to="US", currency="USD")
    page.goto(f"/p/{kyoto_product}")
    expect(page.locator("#product-price")).to_contain_text("$")
    note = page.locator("#price-note")
    expect(note).to_contain_text(re.compile(r"import charges", re.I))
    expect(note).not_to_contain_text("included")
    expect(page.locator("#receipt-collected")).to_be_visible()
    shoot(page, f"product-us-{'phone' if phone else 'desktop'}")
    page.goto("/search?q=cup")
    expect(page.locator(".product-card").first).to_contain_text("$")
    page.context.close()


def test_a_shopper_in_japan_sees_whole_yen(chromium: Browser, app_server, kyoto_product):
    page = _shopper(chromium, app_server, phone=True, lang="en", ship_to="JP", currency="JPY")
    page.goto(f"/p/{kyoto_product}")
    expect(page.locator("#product-price")).to_have_text(re.compile(r"^[¥￥][\d,]+$"))
    page.goto("/")
    expect(page.locator(".product-card").first).to_be_visible()
    prices = page.locator(".product-card .card-price").all_inner_texts()
    assert prices and all(re.fullmatch(r"[¥￥][\d,]+", p.strip()) for p in prices), prices
    page.context.close()

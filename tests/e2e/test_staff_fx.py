"""Staff exchange rates and commission in Chromium (issue 13, points 6 and 7; acceptance "an FX override for EUR→JPY
changes prices shown to a Japanese shopper and expires on time; refresh now with the rates source unreachable keeps
the last good rates and says so").

finance@meridian.test sets an EUR→JPY override on /staff/fx ending at the next whole minute plus one (the form
takes minutes, UTC; the service refuses less than a minute); a shopper in Japan paying in yen sees the product
page's price at the new rate, and after the expiry the old price again (the e2e server's clock cannot be moved,
so the test waits for the real expiry, reloading once a second, and checks it did not end early). "Refresh now"
reaches forex-python's service at a closed loopback port (``FOREX_API_BASE``, tests/e2e/server.py): the page says
the source could not be reached and the last good rates (stored here as an earlier refresh) stay. On
/staff/commission a scheduled default rule is added and an overlapping one refused. A moderator is refused.
Phone and desktop, axe-checked, photographed."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session

from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import FxRate
from tests import factories
from tests.e2e.conftest import DESKTOP, PHONE, check_page, log_in

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
FINANCE, MODERATOR = "finance@meridian.test", "staff@meridian.test"
LAST_GOOD_JPY = "171.23"  # an earlier good refresh's EUR->JPY (no snapshot has it)


@pytest.fixture
def euro_product(app_server) -> str:
    """A product priced in euros by a German shop, and an earlier good refresh's JPY rate stored."""
    with Session(app_server.engine()) as session:
        shop = factories.vendor(session, country="DE", currency="EUR")
        item = factories.product(session, shop, factories.category(session), price_minor=10000)
        if session.get(FxRate, "JPY") is None:
            session.add(FxRate(currency="JPY", per_eur=Decimal(LAST_GOOD_JPY), source="forex-python (live)",
                               as_of=date(2026, 11, 30)))
        session.commit()
        return item.slug


def _yen(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def _shopper(chromium: Browser, app_server) -> Page:  # noqa: ANN001
    context = chromium.new_context(base_url=app_server.base, viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_cookies([{"name": n, "value": v, "url": app_server.base}
                         for n, v in (("mp_lang", "en"), ("mp_ship", "JP"), ("mp_cur", "JPY"))])
    return context.new_page()


def _price(page: Page, slug: str) -> int:
    page.goto(f"/p/{slug}")
    price = page.locator("#product-price")
    expect(price).to_have_text(re.compile(r"^[¥￥][\d,]+$"))
    return _yen(price.inner_text())


def _price_until(page: Page, slug: str, wanted, deadline: datetime) -> int:  # noqa: ANN001 - a predicate
    """The page's price once ``wanted(price)`` holds, reloading once a second until ``deadline`` (UTC).

    Several backend workers each keep the overrides they read for ``OVERRIDE_TTL_S`` (5 s), so a change reaches
    a page served by another worker within that time, not at once."""
    seen = _price(page, slug)
    while not wanted(seen) and datetime.now(UTC) < deadline:
        page.wait_for_timeout(1000)
        seen = _price(page, slug)
    return seen


def test_finance_overrides_eur_jpy_refreshes_and_manages_commission(chromium: Browser, app_server, euro_product,
                                                                    desktop: Page, phone: Page, shoot):
    shopper = _shopper(chromium, app_server)
    before = _price(shopper, euro_product)

    # finance sets EUR->JPY at 1.5 x the rate in use, until the next whole minute plus one (UTC)
    page = desktop
    log_in(page, FINANCE, ACCOUNTS[FINANCE].password)
    page.goto("/staff")
    page.get_by_role("link", name="Exchange rates").first.click()
    expect(page.locator("#fx-heading")).to_have_text("Exchange rates")
    jpy = page.locator('.fx-rate[data-currency="JPY"]')
    expect(jpy.locator(".fx-stored")).to_have_text(LAST_GOOD_JPY)
    in_use = Decimal(jpy.locator(".fx-in-use").inner_text())
    rate = (in_use * Decimal("1.5")).quantize(Decimal("0.01"))
    ends = (datetime.now(UTC) + timedelta(minutes=2)).replace(second=0, microsecond=0)
    page.locator("#fx-base").select_option("EUR")
    page.locator("#fx-quote").select_option("JPY")
    page.locator("#fx-rate").fill(str(rate))
    page.locator("#fx-expires").fill(ends.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#fx-reason").fill("End-to-end test: yen fixed for a promotion")
    page.locator("#fx-override-submit").click()
    expect(page.locator("#fx-done")).to_contain_text("Override saved")
    expect(page.locator("#fx-overrides .fx-override").first).to_contain_text(f"1 EUR = {rate} JPY")
    expect(jpy.locator(".fx-in-use")).to_have_text(str(rate))
    check_page(page, shoot, "desktop-fx")

    # the Japanese shopper's product page shows the price at the new rate
    during = _price_until(shopper, euro_product, lambda p: p != before, datetime.now(UTC) + timedelta(seconds=15))
    assert during != before
    assert abs(Decimal(during) / Decimal(before) - Decimal("1.5")) < Decimal("0.05"), (before, during)
    assert datetime.now(UTC) < ends

    # refresh now: the source is unreachable, the last good rates stay and the page says so
    page.locator("#fx-refresh").click()
    expect(page.locator("#fx-warning")).to_contain_text("could not be reached")
    expect(page.locator("#fx-warning")).to_contain_text("last good rates")
    expect(jpy.locator(".fx-stored")).to_have_text(LAST_GOOD_JPY)
    expect(page.locator("#fx-last-refresh")).to_contain_text("source unreachable")
    expect(page.locator("#fx-rules-version")).to_have_text(re.compile(r"^[0-9a-f]{12}$"))
    expect(page.locator("#fx-files")).to_contain_text("vat_rates.csv")
    expect(page.locator("#fx-files")).to_contain_text("2026-10-06")
    check_page(page, shoot, "desktop-fx-refresh-unreachable")

    # the same page on a phone
    log_in(phone, FINANCE, ACCOUNTS[FINANCE].password)
    phone.goto("/staff/fx")
    expect(phone.locator('.fx-rate[data-currency="JPY"] .fx-in-use')).to_have_text(str(rate))
    check_page(phone, shoot, "phone-fx")

    # commission: a scheduled platform default is added, an overlapping one refused
    phone.goto("/staff/commission")
    expect(phone.locator("#commission-frozen")).to_contain_text("Orders freeze the rate")
    for attempt in ("added", "refused"):
        phone.locator("#commission-scope").select_option("default")
        phone.locator("#commission-rate").fill("11.50")
        phone.locator("#commission-from").fill("2031-01-01")
        phone.locator("#commission-to").fill("2031-02-01")
        phone.locator("#commission-reason").fill("End-to-end test: a future default")
        phone.locator("#commission-add").click()
        if attempt == "added":
            expect(phone.locator("#commission-done")).to_contain_text("Rule added")
        else:
            expect(phone.locator("#commission-error")).to_contain_text("already covers part of this period")
    rule = phone.locator("#commission-rules .commission-rule").filter(has_text="11.5")
    expect(rule).to_contain_text("Scheduled")
    check_page(phone, shoot, "phone-commission")
    page.goto("/staff/commission")
    expect(page.locator("#commission-rules")).to_contain_text("11.5")
    check_page(page, shoot, "desktop-commission")

    # the override ends on time: the old price comes back at the expiry, not before
    seen = _price_until(shopper, euro_product, lambda p: p == before, ends + timedelta(seconds=40))
    assert seen == before, f"the override did not expire: {seen} yen, {before} before it"
    assert datetime.now(UTC) >= ends
    page.goto("/staff/fx")
    expect(page.locator("#fx-overrides .fx-override").first).to_contain_text("Expired")
    shopper.context.close()


def test_a_moderator_cannot_open_exchange_rates(chromium: Browser, app_server):
    context = chromium.new_context(base_url=app_server.base, viewport=DESKTOP)
    page = context.new_page()
    log_in(page, MODERATOR, ACCOUNTS[MODERATOR].password)
    page.goto("/staff/fx")
    expect(page.locator("#fx-heading")).to_have_count(0)
    expect(page.get_by_text("Your staff role can't use this")).to_be_visible()
    page.goto("/staff/commission")
    expect(page.get_by_text("Your staff role can't use this")).to_be_visible()
    context.close()

"""Staff orders in the browser (issue 13's acceptance): the demo shopper buys two units from the Kyoto seller;
finance@ finds the order by its number, refunds one unit of the line (its goods with their duty and import
tax), seeing the amounts before confirming; the ledger holds the refund and the shopper's order page shows the
same amount. Support sees the order with "Cancel order" but no refund button, cancels it (the rest is refunded,
the shopper sees both refunds); a provider dispute on the payment shows in finance's dispute list with a link to
the order. Every page is checked with axe and photographed at phone and desktop size."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from marketplace import routes
from marketplace.core import formatting
from marketplace.core.i18n import format_locale
from marketplace.core.money import Money
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import (
    AuditLog,
    Cart,
    CartLine,
    Dispute,
    LedgerEntry,
    OrderGroup,
    Payment,
    Product,
    Refund,
    User,
    Variant,
    Vendor,
    VendorOrder,
)
from tests.e2e.conftest import DESKTOP, PHONE, check_page, log_in
from tests.e2e.shopping import BERLIN, pay

pytestmark = pytest.mark.e2e
SHOPPER, FINANCE, SUPPORT = "shopper@meridian.test", "finance@meridian.test", "support@meridian.test"
PASSWORDS = {a.email: a.password for a in DEMO_ACCOUNTS}


@pytest.fixture
def english_shopper(app_server):  # noqa: ANN001, ANN201
    """The demo shopper's saved market is English/EUR/Germany for the test (restored afterwards), her cart is
    empty; yields the Kyoto product to buy (the dearest in stock, so import charges apply)."""
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
                                   Variant.position == 0)
                            .order_by(Variant.price_minor.desc(), Product.id)).first()
        session.commit()
        user_id = user.id
    yield slug
    with Session(engine) as session:
        user = session.get(User, user_id)
        user.language, user.currency, user.ship_to_country = saved
        session.commit()


def _tab(chromium: Browser, app_server, viewport: dict, mobile: bool) -> Page:  # noqa: ANN001
    context = chromium.new_context(viewport=viewport, base_url=app_server.base, is_mobile=mobile, has_touch=mobile,
                                   locale="en-US", device_scale_factor=1)
    context.set_default_timeout(20_000)
    context.add_cookies([{"name": name, "value": value, "url": app_server.base}
                         for name, value in (("mp_lang", "en"), ("mp_cur", "EUR"), ("mp_ship", "DE"))])
    return context.new_page()


def _buy(page: Page, slug: str) -> str:
    page.goto(f"/p/{slug}")
    for count in ("1", "2"):
        expect(page.locator("#add-to-cart")).to_be_enabled()
        page.locator("#add-to-cart").click()
        expect(page.locator("#cart-count")).to_have_text(count)
    page.goto("/checkout")
    return pay(page, BERLIN, email=SHOPPER)


def _plan_value(page: Page, label: str) -> str:
    return page.locator("#refund-plan .fact-row", has_text=label).locator("p, span").last.inner_text().strip()


def test_finance_refunds_one_line_and_the_ledger_and_the_shopper_page_agree(chromium: Browser, app_server,
                                                                              english_shopper, shoot):
    shopper = _tab(chromium, app_server, PHONE, True)
    log_in(shopper, SHOPPER, PASSWORDS[SHOPPER])
    number = _buy(shopper, english_shopper)

    finance = _tab(chromium, app_server, DESKTOP, False)
    log_in(finance, FINANCE, PASSWORDS[FINANCE])
    finance.goto(routes.STAFF_ORDERS)
    expect(finance.locator("#orders-heading")).to_be_visible(timeout=20_000)
    finance.locator("#orders-number").fill(number)
    finance.locator("#orders-apply").click()
    expect(finance.locator("#orders-table .order-row")).to_have_count(1, timeout=20_000)
    check_page(finance, shoot, "desktop-orders")
    finance.locator("#orders-table .order-link", has_text=number).click()
    expect(finance).to_have_url(re.compile(rf"/staff/orders/{number}/?$"))
    expect(finance.locator("#order-heading")).to_contain_text(number, timeout=20_000)
    expect(finance.locator("#order-payments")).to_contain_text("embedded")
    expect(finance.locator(".cancel-order")).to_have_count(0)  # finance does not cancel
    check_page(finance, shoot, "desktop-order")

    finance.locator(".refund-line").first.click()
    expect(finance.locator("#refund-dialog")).to_be_visible()
    finance.locator("#refund-review").click()  # no reason: refused, in words
    expect(finance.locator("#refund-error")).to_contain_text("reason")
    finance.locator("#refund-quantity").fill("1")
    finance.locator("#refund-reason").fill("One bowl arrived chipped.")
    finance.locator("#refund-review").click()
    expect(finance.locator("#refund-plan")).to_be_visible()
    total = _plan_value(finance, "Refund total")
    goods, duty, tax = (_plan_value(finance, label) for label in ("Goods", "Import duty", "Import tax"))
    check_page(finance, shoot, "desktop-refund-plan")
    finance.locator("#refund-confirm").dblclick()  # a double click refunds once
    expect(finance.locator("#order-done")).to_contain_text(total)
    expect(finance.locator(".line-refunded").first).to_contain_text("1 of 2 refunded")
    expect(finance.locator("#order-refunds")).to_contain_text(total)
    check_page(finance, shoot, "desktop-refunded")

    with Session(app_server.engine()) as session:
        group = session.exec(select(OrderGroup).where(OrderGroup.number == number)).one()
        order = session.exec(select(VendorOrder).where(VendorOrder.group_id == group.id)).one()
        refunds = session.exec(select(Refund).where(Refund.vendor_order_id == order.id)).all()
        assert len(refunds) == 1 and refunds[0].status == "succeeded"
        refund = refunds[0]
        amount = Money(refund.amount_minor, refund.amount_currency)
        assert formatting.format_money(amount, format_locale("en")) == total
        parts = [(line["goods_minor"], line["duty_minor"], line["tax_minor"]) for line in refund.lines]
        assert [formatting.format_money(Money(m, amount.currency), format_locale("en")) for m in parts[0]] == [goods, duty, tax]
        ledger = session.exec(select(LedgerEntry).where(LedgerEntry.refund_id == refund.id)).all()
        assert any(e.kind == "refund" and e.amount_minor < 0 for e in ledger)
        assert order.payment_status == "partially_refunded"
        logged = session.exec(select(AuditLog).where(AuditLog.action == "order.refund",
                                                     AuditLog.entity_id == str(refund.id))).all()
        assert len(logged) == 1 and logged[0].detail["reason"] == "One bowl arrived chipped."

    shopper.goto(routes.account_order(number))
    expect(shopper.locator(".order-refund").first).to_contain_text(total, timeout=20_000)
    check_page(shopper, shoot, "phone-shopper-refund")

    support = _tab(chromium, app_server, PHONE, True)
    log_in(support, SUPPORT, PASSWORDS[SUPPORT])
    support.goto(routes.STAFF_ORDERS)
    support.locator("#orders-number").fill(number)
    support.locator("#orders-apply").click()
    expect(support.locator("#orders-cards .order-card")).to_have_count(1, timeout=20_000)
    check_page(support, shoot, "phone-orders")
    support.goto(routes.staff_order(number))
    expect(support.locator("#order-heading")).to_contain_text(number, timeout=20_000)
    expect(support.locator(".cancel-order")).to_have_count(1)
    expect(support.locator(".refund-line")).to_have_count(0)  # support does not refund
    check_page(support, shoot, "phone-order")
    support.locator(".cancel-order").click()  # support cancels: the rest of the order is refunded
    expect(support.locator("#cancel-dialog")).to_be_visible()
    support.locator("#cancel-reason").fill("The shopper phoned: she no longer needs it.")
    check_page(support, shoot, "phone-cancel-dialog")
    support.locator("#cancel-confirm").click()
    expect(support.locator("#order-done")).to_be_visible(timeout=20_000)
    expect(support.locator(".vendor-order-status")).to_contain_text("Canceled")
    with Session(app_server.engine()) as session:
        order = session.get(VendorOrder, order.id)
        assert (order.status, order.payment_status) == ("canceled", "refunded")
        paid_back = sum(r.amount_minor for r in session.exec(select(Refund).where(Refund.vendor_order_id == order.id)))
        assert paid_back == order.total_minor
        payment = session.exec(select(Payment).where(Payment.group_id == group.id)).one()
        session.add(Dispute(payment_id=payment.id, external_id=f"dp_e2e_{number}", amount_minor=500,
                            amount_currency=payment.amount_currency, reason="fraudulent", status="needs_response",
                            state="held"))  # as the provider's webhook records one
        session.commit()
    shopper.reload()
    expect(shopper.locator(".order-refund")).to_have_count(2)

    finance.goto(routes.STAFF_DISPUTES)
    expect(finance.locator("#disputes-table .dispute-row", has_text=number)).to_be_visible(timeout=20_000)
    check_page(finance, shoot, "desktop-disputes")
    finance.locator("#disputes-table .dispute-order", has_text=number).click()
    expect(finance.locator("#order-disputes")).to_contain_text("needs_response", timeout=20_000)
    support.goto(routes.STAFF_DISPUTES)
    expect(support.locator("#denied-message")).to_be_visible(timeout=20_000)

""""Sell on Meridian" (/sell): what selling here means (the commission from the platform's default rule, what
a seller needs to apply) and the way in. Public; it reads nothing about the visitor."""

from __future__ import annotations

from decimal import Decimal

import reflex as rx

from marketplace import routes
from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.crossborder.markets import DESTINATIONS
from marketplace.layouts.storefront import storefront
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.vendors import onboarding

NEEDED = (
    ("building-2", N_("Your business details"), N_("Legal name, the name shoppers see, and the address parcels "
                                                   "leave from.")),
    ("receipt-text", N_("A VAT or tax number"), N_("Checked when you apply where your country has a scheme (EU "
                                                   "and UK VAT, Swiss UID, ABN, EIN and more).")),
    ("landmark", N_("A bank account for payouts"), N_("An IBAN, or your local account details, or Stripe.")),
    ("file-check", N_("A document for verification"), N_("A business registration or similar, as PDF, JPEG or "
                                                         "PNG.")),
)


STEPS = (
    N_("Create an account, or log in."),
    N_("Fill in your business profile: it takes about ten minutes."),
    N_("Add your payout account and a document; we review your shop, usually within two working days."),
    N_("Once approved, publish your products: we show them in every market we ship to."),
)


class SellPageState(rx.State):
    commission: str = ""
    terms: str = ""
    markets: str = ""

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        selling = await run_service(onboarding.selling_terms)
        self.commission = formatting.format_percent(Decimal(selling.commission_bps) / Decimal(10_000), locale)
        self.terms = translate(lang, N_("%(rate)s commission on the goods you sell, nothing on shipping, duties or "
                                        "taxes. No monthly fee."), rate=self.commission)
        self.markets = translate(lang, N_("Shoppers in %(count)s countries see your prices in their currency, "
                                          "with import duties and taxes worked out before they pay."),
                                 count=formatting.format_number(len(DESTINATIONS), locale))


def _needed(icon: str, title: str, body: str) -> rx.Component:
    return rx.hstack(
        rx.icon(icon, size=22, color="var(--accent-11)", aria_hidden="true", flex_shrink="0"),
        rx.vstack(rx.text(t(title), weight="bold", size="3"), rx.text(t(body), size="2", color="var(--gray-11)"),
                  spacing="1"),
        spacing="3", align="start",
    )


def _step(number: int, text: str) -> rx.Component:
    """One step of an ordered list (the list carries the order; the drawn number is decoration)."""
    return rx.el.li(rx.hstack(
        rx.center(rx.text(str(number), weight="bold", size="2"), width="28px", height="28px", flex_shrink="0",
                  border_radius="50%", background="var(--accent-3)", color="var(--accent-11)", aria_hidden="true"),
        rx.text(t(text), size="3"),
        spacing="3", align="center",
    ))


def sell_page() -> rx.Component:
    s = SellPageState
    return storefront(rx.vstack(
        rx.vstack(
            rx.heading(t("Sell on Meridian"), as_="h1", size="8"),
            rx.text(s.markets, size="4", color="var(--gray-11)", max_width="680px"),
            rx.card(rx.hstack(rx.icon("percent", size=24, color="var(--accent-11)", aria_hidden="true"),
                              rx.text(s.terms, size="3", weight="medium", id="sell-commission"),
                              spacing="3", align="center"),
                    width="100%", max_width="680px"),
            rx.hstack(
                rx.link(rx.button(t("Start selling"), size="4", class_name="touch-target"), href=routes.SELL_APPLY,
                        id="sell-start"),
                rx.link(t("Already selling? Open your seller portal"), href=routes.SELLER, size="2"),
                spacing="4", align="center", wrap="wrap",
            ),
            spacing="4", align="start", width="100%",
        ),
        rx.heading(t("What you need to apply"), as_="h2", size="5", margin_top="16px"),
        rx.grid(*[_needed(*item) for item in NEEDED], columns=rx.breakpoints(initial="1", md="2"), spacing="5",
                width="100%"),
        rx.heading(t("How it works"), as_="h2", size="5", margin_top="16px"),
        rx.el.ol(*[_step(n, text) for n, text in enumerate(STEPS, start=1)], id="sell-steps",
                 style={"listStyle": "none", "padding": "0", "margin": "0", "display": "grid", "gap": "12px"}),
        spacing="4", align="start", width="100%", padding_y="24px",
    ))

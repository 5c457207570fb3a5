"""Storefront footer: what Meridian promises, and the language switch."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.components.market_selector import language_toggle
from marketplace.core.i18n import N_
from marketplace.state.locale import t


def _promise(icon: str, title: str, body: str) -> rx.Component:
    return rx.hstack(
        rx.icon(icon, size=22, color="var(--accent-11)", aria_hidden="true", flex_shrink="0"),
        rx.vstack(rx.text(t(title), weight="bold", size="2"), rx.text(t(body), size="2", color="var(--gray-11)"),
                  spacing="0"),
        spacing="3", align="start",
    )


def footer() -> rx.Component:
    return rx.el.footer(
        rx.box(
            rx.grid(
                _promise("receipt", N_("Duties known before you pay"),
                         N_("Import duties and taxes are shown at checkout, not at your door.")),
                _promise("globe", N_("Makers from around the world"),
                         N_("Independent shops from Kyoto to Oaxaca, checked by our team.")),
                _promise("shield-check", N_("Protected payments"),
                         N_("Your payment is held until your parcel is on its way.")),
                columns=rx.breakpoints(initial="1", md="3"), spacing="5", width="100%",
            ),
            rx.separator(size="4", margin_y="20px"),
            rx.flex(
                rx.text("© 2026 Meridian · ", t("Open-source cross-border marketplace"), size="1",
                        color="var(--gray-11)"),
                rx.hstack(
                    rx.link(t("Sell on Meridian"), href=routes.SELL, size="1", color="var(--gray-11)", id="footer-sell"),
                    language_toggle(),
                    spacing="4", align="center", wrap="wrap",
                ),
                justify="between", align="center", gap="12px", wrap="wrap", width="100%",
            ),
            class_name="container", padding_y="28px",
        ),
        class_name="site-footer",
    )

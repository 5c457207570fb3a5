"""The storefront shell: header, main content in a centred container, footer."""

from __future__ import annotations

import reflex as rx

from marketplace.components.footer import footer
from marketplace.components.header import header
from marketplace.state.locale import t


def storefront(*children: rx.Component) -> rx.Component:
    return rx.box(
        rx.el.a(t("Skip to content"), href="#main", class_name="skip-link"),
        header(),
        rx.el.main(rx.box(*children, class_name="container", padding_y="20px"), id="main",
                   class_name="site-main"),
        footer(),
        class_name="site",
    )

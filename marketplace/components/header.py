"""Storefront header: logo, search, market selector, account and cart with its count."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.components.market_selector import market_selector
from marketplace.components.native_form import native_form
from marketplace.state.auth import SessionState
from marketplace.state.cart import CartState
from marketplace.state.locale import t
from marketplace.state.search import SearchBoxState


def logo() -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.image(src="/logo.svg", alt="", width="28px", height="28px", aria_hidden="true"),
            rx.text("Meridian", size="5", weight="bold", color="var(--gray-12)",
                    style={"letterSpacing": "-0.02em"}),
            spacing="2", align="center",
        ),
        href=routes.HOME, underline="none", aria_label="Meridian",
    )


def search_box(box_id: str) -> rx.Component:
    return rx.form(
        rx.el.label(t("Search products"), html_for=box_id, class_name="visually-hidden"),
        rx.hstack(
            rx.icon("search", size=18, color="var(--gray-10)", aria_hidden="true"),
            rx.el.input(id=box_id, name="q", type="search", placeholder=t("Search products and makers"),
                        default_value=SearchBoxState.query, class_name="search-input", enter_key_hint="search",
                        auto_complete="off", max_length=200),
            class_name="search-field", align="center", spacing="2", width="100%",
        ),
        on_submit=SearchBoxState.submit, width="100%", role="search",
    )


def account_menu() -> rx.Component:
    return rx.cond(
        SessionState.signed_in,
        rx.popover.root(
            rx.popover.trigger(
                rx.icon_button(rx.icon("circle-user-round", size=22), variant="ghost", color_scheme="gray",
                               size="3", aria_label=t("Your account"), id="account-button",
                               class_name="touch-target"),
            ),
            rx.popover.content(
                rx.vstack(
                    rx.text(SessionState.user_name, weight="bold", size="2"),
                    rx.link(t("Account"), href=routes.ACCOUNT, size="2", id="account-link"),
                    rx.cond(SessionState.is_seller,
                            rx.link(t("Seller portal"), href=routes.SELLER, size="2")),
                    rx.cond(SessionState.is_staff,
                            rx.link(t("Staff console"), href=routes.STAFF, size="2")),
                    native_form(
                        rx.button(t("Log out"), type="submit", variant="soft", color_scheme="gray",
                                  width="100%", id="logout-button"),
                        action=routes.API_LOGOUT, method="post", style={"width": "100%"},
                    ),
                    spacing="3", align="start", min_width="200px",
                ),
                align="end",
            ),
        ),
        rx.link(
            rx.hstack(rx.icon("circle-user-round", size=22, aria_hidden="true"),
                      rx.text(t("Log in"), size="2", weight="medium", display=["none", "none", "block"]),
                      spacing="2", align="center"),
            href=routes.LOGIN, underline="none", color="var(--gray-12)", class_name="touch-target icon-link",
            aria_label=t("Log in"), id="login-link",
        ),
    )


def cart_link() -> rx.Component:
    return rx.link(
        rx.box(
            rx.icon("shopping-bag", size=22, aria_hidden="true"),
            rx.cond(CartState.count > 0,
                    rx.badge(CartState.count_label, variant="solid", radius="full", size="1",
                             position="absolute", top="-6px", right="-10px", id="cart-count")),
            position="relative", display="inline-flex",
        ),
        href=routes.CART, underline="none", color="var(--gray-12)", class_name="touch-target icon-link",
        aria_label=t("Cart"), id="cart-link",
    )


def header() -> rx.Component:
    return rx.el.header(
        rx.box(
            rx.hstack(
                logo(),
                rx.box(search_box("search-desktop"), flex="1", max_width="560px",
                       display=["none", "none", "block"]),
                rx.hstack(market_selector(), account_menu(), cart_link(), spacing="3", align="center"),
                justify="between", align="center", width="100%", spacing="4",
            ),
            rx.box(search_box("search-phone"), display=["block", "block", "none"], width="100%",
                   padding_top="10px"),
            class_name="container", padding_y="10px",
        ),
        class_name="site-header",
    )

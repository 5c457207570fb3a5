"""The account shell: the storefront frame with the account navigation (a wrapping tab grid on phones, a side
column on desktop) and the page's content, shown once the page's loader has confirmed a signed-in shopper.

The guard is not only visual: every account loader and handler re-derives the user from the server-side
session and sends a visitor without one to the login page (with ``next``) before any data is loaded.
"""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.core.i18n import N_
from marketplace.layouts.storefront import storefront
from marketplace.state.locale import t

ACCOUNT_LINKS = [
    ("circle-user-round", N_("Overview"), routes.ACCOUNT),
    ("package", N_("Orders"), routes.ACCOUNT_ORDERS),
    ("heart", N_("Wishlist"), routes.ACCOUNT_WISHLIST),
    ("message-circle", N_("Messages"), routes.ACCOUNT_MESSAGES),
    ("map-pin", N_("Addresses"), routes.ACCOUNT_ADDRESSES),
    ("star", N_("Reviews"), routes.ACCOUNT_REVIEWS),
]


def _tab(icon: str, label: str, href: str, active: bool) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon(icon, size=18, aria_hidden="true"), rx.text(t(label), size="2", weight="medium"),
                  spacing="2", align="center"),
        href=href, underline="none", class_name="touch-target",
        aria_current="page" if active else None,
        style={"display": "flex", "alignItems": "center", "padding": "8px 12px", "borderRadius": "var(--radius-3)",
               "color": "var(--accent-11)" if active else "var(--gray-12)",
               "background": "var(--accent-3)" if active else "var(--gray-2)",
               "border": "1px solid " + ("var(--accent-7)" if active else "var(--gray-4)"),
               "whiteSpace": "nowrap", "flexShrink": "0"},
    )


def account_nav(active: str) -> rx.Component:
    return rx.el.nav(
        rx.flex(*[_tab(icon, label, href, href == active) for icon, label, href in ACCOUNT_LINKS],
                direction=rx.breakpoints(initial="row", md="column"), gap="8px", width="100%",
                style={"overflowX": "auto", "flexWrap": "nowrap", "paddingBottom": "4px",
                       "scrollbarWidth": "thin"}),
        aria_label=t("Your account"), id="account-nav", style={"width": "100%", "minWidth": "0"},
    )


def _skeleton() -> rx.Component:
    return rx.vstack(*[rx.skeleton(rx.box(height="72px"), loading=True, width="100%") for _ in range(3)],
                     spacing="3", width="100%", aria_busy="true")


def account_shell(active: str, title: rx.Var, loaded: rx.Var, *children: rx.Component) -> rx.Component:
    return storefront(
        rx.grid(
            rx.box(account_nav(active), width="100%", min_width="0"),
            rx.vstack(
                rx.heading(title, as_="h1", size="6", id="account-title"),
                rx.cond(loaded, rx.vstack(*children, spacing="4", width="100%", align="start"), _skeleton()),
                spacing="4", width="100%", min_width="0",
            ),
            columns=rx.breakpoints(initial="1", md="220px 1fr"), spacing="5", width="100%",
            style={"gridTemplateColumns": rx.breakpoints(initial="minmax(0, 1fr)", md="220px minmax(0, 1fr)")},
        ),
    )

"""The seller portal and staff console shell: a sidebar on desktop that becomes a drawer on phones.

Links may carry a fourth element, a seller capability (``accounts.seller_roles``) or a staff capability
(``accounts.staff_roles``): the link shows only when the signed-in member's role holds it
(``SessionState.capabilities``; display only, the server refuses anyway).
The shell shows content only once the page's loader has confirmed the caller's role on the server
(``allowed``); otherwise it shows why and offers to log in. The data itself is never loaded for a caller
without the role, so the guard is not only visual.
"""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.components.header import logo
from marketplace.components.market_selector import language_toggle
from marketplace.components.native_form import native_form
from marketplace.state.auth import SessionState
from marketplace.state.locale import t


def _nav_link(icon: str, label: str, href: str) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon(icon, size=18, aria_hidden="true"), rx.text(t(label), size="2", weight="medium"),
                  spacing="3", align="center"),
        href=href, underline="none", class_name="side-link touch-target",
    )


def _gated_link(icon: str, label: str, href: str, capability: str = "") -> rx.Component:
    """A link; with a capability, shown only when the signed-in role holds it (display only)."""
    link = _nav_link(icon, label, href)
    return rx.cond(SessionState.capabilities.contains(str(capability)), link) if capability else link


def _nav(title: str, links: list[tuple[str, ...]]) -> rx.Component:
    return rx.vstack(
        rx.text(t(title), size="1", weight="bold", color="var(--gray-11)", class_name="side-title"),
        *[_gated_link(*link) for link in links],
        rx.spacer(),
        rx.text(SessionState.user_name, size="1", color="var(--gray-11)"),
        language_toggle(),
        native_form(rx.button(t("Log out"), type="submit", variant="soft", color_scheme="gray", width="100%"),
                   action=routes.API_LOGOUT, method="post", style={"width": "100%"}),
        spacing="2", align="stretch", height="100%",
    )


def _denied(message: rx.Var) -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.icon("lock", size=40, color="var(--accent-9)", aria_hidden="true"),
            rx.heading(message, as_="h1", size="5", text_align="center", id="denied-message"),
            rx.link(rx.button(t("Log in with another account"), size="3"), href=routes.LOGIN),
            rx.link(t("Back to the shop"), href=routes.HOME, size="2"),
            spacing="3", align="center", padding_y="64px",
        ),
        width="100%",
    )


def backoffice(title: str, links: list[tuple[str, ...]], allowed: rx.Var, denied_message: rx.Var,
               loaded: rx.Var, *children: rx.Component) -> rx.Component:
    return rx.box(
        rx.el.header(
            rx.hstack(
                rx.drawer.root(
                    rx.drawer.trigger(rx.icon_button(rx.icon("menu", size=20), variant="ghost", size="3",
                                                     aria_label=t("Menu"), class_name="touch-target")),
                    rx.drawer.overlay(),
                    rx.drawer.portal(rx.drawer.content(
                        rx.box(_nav(title, links), padding="20px", height="100%"),
                        background="var(--color-panel-solid)", width="80vw", max_width="300px", height="100%",
                        aria_label=t(title),
                    )),
                    direction="left",
                ),
                logo(),
                rx.badge(t(title), variant="soft", radius="full"),
                spacing="3", align="center",
            ),
            class_name="backoffice-topbar", display=["flex", "flex", "none"],
        ),
        rx.flex(
            rx.el.aside(rx.vstack(logo(), rx.badge(t(title), variant="soft", radius="full"),
                                  rx.separator(size="4"), _nav(title, links), spacing="4", height="100%"),
                        class_name="backoffice-sidebar"),
            rx.el.main(
                rx.cond(loaded, rx.cond(allowed, rx.box(*children, width="100%"), _denied(denied_message)),
                        rx.center(rx.spinner(size="3"), padding_y="64px")),
                id="main", class_name="backoffice-main",
            ),
            width="100%",
        ),
        class_name="backoffice",
    )

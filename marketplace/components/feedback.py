"""Empty and error states: say what happened and offer a next step."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.core.i18n import N_
from marketplace.state.locale import t


def notice(icon: str, title: rx.Var | str, body: rx.Var | str, action_label: str = N_("Back to the shop"),
           action_href: str = routes.HOME) -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.icon(icon, size=40, color="var(--accent-9)", aria_hidden="true"),
            rx.heading(title, as_="h1", size="5", text_align="center"),
            rx.text(body, color="var(--gray-11)", text_align="center", max_width="440px"),
            rx.link(rx.button(t(action_label), size="3", class_name="touch-target"), href=action_href),
            spacing="3", align="center", padding_y="48px",
        ),
        width="100%",
    )

"""Breadcrumbs: Home / … / current page, as a labelled navigation landmark."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.state.locale import t


def breadcrumbs(*trail: tuple[rx.Var | str, rx.Var | str | None]) -> rx.Component:
    """``trail`` is (label, href) pairs after Home; the last one without href is the current page."""
    items: list[rx.Component] = [rx.link(t("Home"), href=routes.HOME, size="2", color="var(--gray-11)")]
    for label, href in trail:
        items.append(rx.text("/", size="2", color="var(--gray-9)", aria_hidden="true"))
        items.append(rx.link(label, href=href, size="2", color="var(--gray-11)") if href is not None
                     else rx.text(label, size="2", aria_current="page"))
    return rx.el.nav(rx.hstack(*items, spacing="2", wrap="wrap", align="center"), aria_label=t("Breadcrumb"))

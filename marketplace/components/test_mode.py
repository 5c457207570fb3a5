"""The "test mode" banner: shown on every page when a production site takes test payments.

Contract: :func:`with_test_mode_banner` returns the page function unchanged unless the settings say the site is
in production with the embedded (test) payment gateway, which is only allowed with ``ALLOW_TEST_PAYMENTS=1``
(see ``core/settings.production_problems``); then the page gets a visible, translated banner on top.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from marketplace.core.settings import Settings, get_settings
from marketplace.state.locale import t


def test_mode_banner() -> rx.Component:
    return rx.box(
        rx.text(t("Test mode: payments on this site are not real. No card is charged and no order is shipped."),
                size="2", weight="medium", text_align="center"),
        role="status", id="test-mode-banner", padding="8px 16px", width="100%",
        background="var(--amber-3)", color="var(--amber-12)", border_bottom="1px solid var(--amber-7)",
    )


def with_test_mode_banner(page: Callable[[], rx.Component],
                          settings: Settings | None = None) -> Callable[[], rx.Component]:
    if not (settings or get_settings()).test_payments_banner:
        return page

    def page_with_banner() -> rx.Component:
        return rx.fragment(test_mode_banner(), page())

    page_with_banner.__name__ = getattr(page, "__name__", "page")
    return page_with_banner

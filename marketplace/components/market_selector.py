"""The market selector: ship-to country, language and currency, three separate choices one tap away."""

from __future__ import annotations

import reflex as rx

from marketplace.state.locale import LocaleState, t


def _native_select(label: rx.Var, select_id: str, value: rx.Var, options: rx.Var, on_change) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.el.label(label, html_for=select_id, class_name="field-label"),
        rx.el.select(
            rx.foreach(options, lambda o: rx.el.option(o[1], value=o[0])),
            id=select_id, value=value, on_change=on_change, class_name="native-select",
        ),
        spacing="1", width="100%",
    )


def market_selector() -> rx.Component:
    return rx.popover.root(
        rx.popover.trigger(
            rx.button(
                rx.text(LocaleState.market_label, size="2", weight="medium", style={"whiteSpace": "nowrap"},
                        display=["none", "none", "block"]),
                rx.text(LocaleState.market_label_short, size="2", weight="medium", style={"whiteSpace": "nowrap"},
                        display=["block", "block", "none"]),
                rx.icon("chevron-down", size=14, aria_hidden="true"),
                variant="soft", color_scheme="gray", radius="full", size="2",
                aria_label=t("Change country, language and currency"), id="market-button",
                class_name="touch-target",
            ),
        ),
        rx.popover.content(
            rx.vstack(
                rx.heading(t("Your market"), size="3", as_="h2"),
                rx.text(t("Prices, taxes and delivery are shown for where your order ships."), size="2",
                        color_scheme="gray"),
                _native_select(t("Ship to"), "market-ship-to", LocaleState.ship_to,
                               LocaleState.country_options, LocaleState.set_ship_to),
                _native_select(t("Language"), "market-language", LocaleState.lang,
                               LocaleState.language_options, LocaleState.set_language),
                _native_select(t("Currency"), "market-currency", LocaleState.currency,
                               LocaleState.currency_options, LocaleState.set_currency),
                spacing="3", width="100%",
            ),
            width="min(92vw, 340px)", align="end", aria_label=t("Your market"),
        ),
    )


def language_toggle() -> rx.Component:
    """A compact EN/DE switch for the footer."""
    return rx.hstack(
        rx.foreach(
            LocaleState.language_options,
            lambda o: rx.button(o[1], size="1", variant=rx.cond(LocaleState.lang == o[0], "solid", "outline"),
                                on_click=LocaleState.set_language(o[0]), lang=o[0],
                                class_name="lang-button touch-target"),
        ),
        spacing="2",
    )

"""Filters, chips, sort and pagination for product listings (search and category pages). Stateless.

Every function takes the page's state class ``S`` (a ``state.browse.BrowseState`` mix-in) and renders its
vars; choosing a filter, removing a chip or turning a page follows a link the state built, so the URL holds
the whole listing state. Phones get the filters in a bottom sheet opened by a "Filters" button; desktops in a
left column (the CSS classes in assets/styles.css switch at 1024 px).
"""

from __future__ import annotations

import reflex as rx

from marketplace.components.product_card import card_skeleton_grid, product_grid
from marketplace.core.i18n import N_
from marketplace.state.browse import SORT_LABELS
from marketplace.state.locale import t


def _option(item: rx.Var) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.icon(rx.cond(item.selected, "square-check", "square"), size=18, aria_hidden="true",
                    color=rx.cond(item.selected, "var(--accent-11)", "var(--gray-10)"), flex_shrink="0"),
            rx.text(item.label, size="2", style={"flex": "1", "minWidth": "0", "overflowWrap": "anywhere"}),
            rx.text(item.count, size="1", color="var(--gray-11)"),
            align="center", spacing="2", width="100%",
        ),
        href=item.href, underline="none", color_scheme="gray", high_contrast=True,
        class_name="filter-option", aria_current=rx.cond(item.selected, "true", "false"),
        custom_attrs={"data-key": item.key},
    )


def _group(title: str, options: rx.Var, group_id: str) -> rx.Component:
    return rx.cond(
        options.length() > 0,
        rx.el.section(
            rx.heading(t(title), as_="h2", size="2", weight="bold", margin_bottom="4px"),
            rx.el.div(rx.foreach(options, _option), class_name="filter-options"),
            class_name="filter-group", aria_label=t(title), custom_attrs={"data-group": group_id},
        ),
    )


def price_form(S, form_id: str) -> rx.Component:  # noqa: N803 - a state class
    return rx.form(
        rx.hstack(
            rx.el.label(t("Min"), rx.el.input(name="min", inputmode="numeric", pattern="[0-9]*", max_length=9,
                                              class_name="text-input", auto_complete="off"),
                        class_name="price-field"),
            rx.el.label(t("Max"), rx.el.input(name="max", inputmode="numeric", pattern="[0-9]*", max_length=9,
                                              class_name="text-input", auto_complete="off"),
                        class_name="price-field"),
            rx.button(t("Go"), type="submit", variant="soft", class_name="touch-target",
                      aria_label=t("Apply price range")),
            align="end", spacing="2", width="100%",
        ),
        rx.text(S.price_currency, size="1", color="var(--gray-11)"),
        rx.cond(S.price_error != "", rx.text(S.price_error, size="1", color="var(--red-11)", role="alert")),
        on_submit=S.apply_price, reset_on_submit=False, id=form_id, width="100%",
    )


def filter_panel(S, form_id: str) -> rx.Component:  # noqa: N803
    """Every facet group (empty groups are left out) and the custom price range."""
    return rx.vstack(
        _group(N_("Category"), S.category_options, "category"),
        _group(N_("Price"), S.price_options, "price"),
        price_form(S, form_id),
        _group(N_("Availability"), S.availability_options, "availability"),
        _group(N_("Rating"), S.rating_options, "rating"),
        _group(N_("Seller"), S.seller_options, "seller"),
        _group(N_("Ships from"), S.country_options, "country"),
        spacing="4", width="100%", align="stretch",
    )


def filter_sheet(S) -> rx.Component:  # noqa: N803
    """Phones: a "Filters" button opening the filters in a bottom sheet."""
    return rx.drawer.root(
        rx.drawer.trigger(
            rx.button(rx.icon("sliders-horizontal", size=16, aria_hidden="true"), t("Filters"),
                      rx.cond(S.filter_count > 0, rx.badge(S.filter_count, variant="solid", radius="full")),
                      variant="outline", color_scheme="gray", class_name="touch-target filters-button",
                      id="filters-button"),
        ),
        rx.drawer.portal(
            rx.drawer.overlay(class_name="sheet-overlay"),
            rx.drawer.content(
                rx.el.div(class_name="sheet-handle", aria_hidden="true"),
                rx.hstack(
                    rx.drawer.title(t("Filters"), class_name="sheet-title"),
                    rx.drawer.close(rx.icon_button(rx.icon("x", size=20), variant="ghost", color_scheme="gray",
                                                   aria_label=t("Close"), class_name="touch-target")),
                    justify="between", align="center", width="100%",
                ),
                rx.drawer.description(t("Choose filters; the results update behind this sheet."),
                                      class_name="visually-hidden"),
                rx.el.div(filter_panel(S, "price-form-sheet"), class_name="sheet-body"),
                rx.hstack(
                    rx.cond(S.filter_count > 0,
                            rx.link(rx.button(t("Clear all"), variant="soft", color_scheme="gray", size="3",
                                              class_name="touch-target"), href=S.clear_href)),
                    rx.drawer.close(rx.button(t("Show results"), " (", S.total, ")", size="3",
                                              class_name="touch-target", id="show-results", flex="1")),
                    spacing="2", width="100%", class_name="sheet-footer",
                ),
                class_name="filter-sheet", id="filter-sheet",
            ),
        ),
        direction="bottom",
    )


def filter_column(S) -> rx.Component:  # noqa: N803
    """Desktops: the filters in a left column."""
    return rx.el.aside(
        rx.heading(t("Filters"), as_="h2", size="4", margin_bottom="12px"),
        filter_panel(S, "price-form-side"),
        class_name="filter-column", aria_label=t("Filters"),
    )


def chips(S) -> rx.Component:  # noqa: N803
    """Applied filters as chips; each chip is a link that removes its filter."""
    return rx.cond(
        S.chips.length() > 0,
        rx.hstack(
            rx.foreach(S.chips, lambda chip: rx.link(
                rx.text(chip.label, as_="span"), rx.icon("x", size=14, aria_hidden="true"),
                href=chip.href, class_name="filter-chip", underline="none", aria_label=chip.remove)),
            rx.link(t("Clear all"), href=S.clear_href, class_name="clear-filters", size="2"),
            spacing="2", wrap="wrap", align="center", width="100%", class_name="chip-row",
        ),
    )


def sort_select(S) -> rx.Component:  # noqa: N803
    return rx.hstack(
        rx.el.label(t("Sort by"), html_for="sort-select", class_name="field-label sort-label",
                    style={"whiteSpace": "nowrap"}),
        rx.el.select(
            *[rx.el.option(t(label), value=value) for value, label in SORT_LABELS.items()],
            id="sort-select", value=S.sort, on_change=S.choose_sort, class_name="native-select sort-select",
        ),
        align="center", spacing="2", margin_left="auto", class_name="sort-control",
    )


def pagination(S) -> rx.Component:  # noqa: N803
    return rx.cond(
        S.pages > 1,
        rx.el.nav(
            rx.hstack(
                rx.cond(S.prev_href != "",
                        rx.link(rx.button(rx.icon("chevron-left", size=16), t("Previous"), variant="soft",
                                          class_name="touch-target", tab_index=-1), href=S.prev_href, id="prev-page")),
                rx.foreach(S.page_links, lambda p: rx.link(
                    rx.button(p.label, variant=rx.cond(p.current, "solid", "outline"),
                              class_name="touch-target", tab_index=-1),
                    href=p.href, aria_label=p.label,
                    aria_current=rx.cond(p.current, "page", "false"))),
                rx.cond(S.next_href != "",
                        rx.link(rx.button(t("Next"), rx.icon("chevron-right", size=16), variant="soft",
                                          class_name="touch-target", tab_index=-1), href=S.next_href,
                                id="next-page")),
                spacing="2", justify="center", wrap="wrap", width="100%",
            ),
            aria_label=t("Pages"), style={"marginTop": "28px", "width": "100%"},
        ),
    )


def listing(S, empty: rx.Component) -> rx.Component:  # noqa: N803
    """Everything under a listing page's heading: the toolbar (filters sheet on phones, sort), the chips, the
    desktop filter column, and the results: a skeleton while loading, then the grid and its pages, or
    ``empty`` when nothing matches."""
    results = rx.cond(
        ~S.loaded,
        card_skeleton_grid(10),
        rx.cond(S.items.length() > 0,
                rx.vstack(product_grid(S.items), pagination(S), width="100%"),
                empty),
    )
    return rx.fragment(
        rx.hstack(filter_sheet(S), sort_select(S), justify="between", align="center", width="100%",
                  class_name="listing-toolbar"),
        chips(S),
        rx.el.div(filter_column(S), rx.el.div(results, class_name="listing-results"), class_name="listing-layout"),
    )

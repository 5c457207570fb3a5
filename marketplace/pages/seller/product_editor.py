"""The catalogue editor page (/seller/products/new, /seller/products/[id]/edit): name and description (Markdown),
category, translations with the English fallback shown, options and variants (one SKU each), price with
compare-at price and the shown price in three sample markets, weight and dimensions, country of origin, the HS
code with the engine's suggestions as the seller types, the reasons publishing is refused and the
restricted-goods check per destination. State: ``product_editor_state.py``."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.core.i18n import N_
from marketplace.layouts.backoffice import backoffice
from marketplace.pages.seller.common import SELLER_LINKS
from marketplace.pages.seller.product_editor_state import MISSING_TRANSLATION, ProductEditorState
from marketplace.state.locale import t

S = ProductEditorState
_SELECT_STYLE = {"padding": "10px 12px", "border_radius": "var(--radius-2)", "border": "1px solid var(--gray-7)",
                 "background": "var(--color-panel-solid)", "color": "var(--gray-12)", "font_size": "16px",
                 "width": "100%", "min_height": "44px"}


def _label(text: str, control: rx.Component, hint: rx.Component | None = None) -> rx.Component:
    return rx.el.label(
        rx.text(t(text), size="2", weight="medium"), control, *([hint] if hint is not None else []),
        style={"display": "flex", "flex_direction": "column", "gap": "4px", "width": "100%"},
    )


def _field(text: str, name: str, value: rx.Var, **props: object) -> rx.Component:
    return _label(text, rx.input(value=value, on_change=lambda v: S.set_field(name, v), size="3", width="100%",
                                 id=f"product-{name}", **props))


def _section(title: str, *children: rx.Component, **props: object) -> rx.Component:
    return rx.card(rx.vstack(rx.heading(t(title), as_="h2", size="4"), *children, spacing="3", width="100%"),
                   width="100%", **props)


def _basics() -> rx.Component:
    return _section(
        N_("Product"),
        _field(N_("Name"), "name", S.name, max_length=200),
        _label(N_("Description"),
               rx.text_area(value=S.description, on_change=lambda v: S.set_field("description", v), rows="6",
                            size="3", width="100%", id="product-description", max_length=10000),
               rx.text(t("Plain text or Markdown: **bold**, *italic*, lists. Line breaks are kept."), size="1",
                       color="var(--gray-11)")),
        _label(N_("Category"), rx.el.select(
            rx.el.option(t("Choose a category"), value=""),
            rx.foreach(S.categories, lambda c: rx.el.option(c[1], value=c[0])),
            value=S.category, on_change=lambda v: S.set_field("category", v), id="product-category",
            style=_SELECT_STYLE)),
    )


def _translation(tr: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.text(tr.language, weight="bold", size="2"),
                  rx.cond(tr.missing & (tr.name == ""),
                          rx.badge(t(MISSING_TRANSLATION), color_scheme="amber", variant="soft", high_contrast=True)),
                  spacing="2", align="center", wrap="wrap"),
        _label(N_("Name"), rx.input(value=tr.name, placeholder=tr.fallback_name, size="3", width="100%",
                                    on_change=lambda v: S.set_translation(tr.lang, "name", v), max_length=200,
                                    id="translation-name-" + tr.lang)),
        _label(N_("Description"), rx.text_area(value=tr.description, rows="4", size="3", width="100%",
                                               on_change=lambda v: S.set_translation(tr.lang, "description", v),
                                               max_length=10000, id="translation-description-" + tr.lang)),
        spacing="2", width="100%",
    )


def _translations() -> rx.Component:
    return _section(N_("Translations"),
                    rx.text(t("Leave a translation empty and shoppers in that language see the English text."),
                            size="2", color="var(--gray-11)"),
                    rx.foreach(S.translations, _translation))


def _small_input(label: str, v: rx.Var, i: rx.Var, name: str, **props: object) -> rx.Component:
    return _label(label, rx.input(value=v[name], on_change=lambda value: S.set_variant(i, name, value), size="3",
                                  width="100%", id=f"variant-{name}-" + i.to_string(), **props))


def _variant(v: rx.Var, i: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.text(t("Variant"), " ", v.number, weight="bold", size="2"),
                  rx.cond(~v.existing & (S.variants.length() > 1),
                          rx.button(rx.icon("x", size=14), t("Remove"), size="2", variant="soft", color_scheme="gray",
                                    type="button", class_name="touch-target", on_click=S.remove_variant(i))),
                  justify="between", align="center", width="100%"),
        rx.grid(
            _small_input(N_("SKU"), v, i, "sku", max_length=64),
            rx.cond(S.option1 != "", _small_input(N_("Value of option 1"), v, i, "value1", max_length=40)),
            rx.cond(S.option2 != "", _small_input(N_("Value of option 2"), v, i, "value2", max_length=40)),
            _small_input(N_("Price"), v, i, "price", input_mode="decimal"),
            _small_input(N_("Compare-at price"), v, i, "compare_at", input_mode="decimal"),
            rx.cond(v.existing, rx.vstack(rx.text(t("Stock"), size="2", weight="medium"), rx.text(v.stock, size="3"),
                                          spacing="1"),
                    _small_input(N_("Stock"), v, i, "stock", input_mode="numeric")),
            _small_input(N_("Weight (g)"), v, i, "weight_g", input_mode="numeric"),
            _small_input(N_("Length (mm)"), v, i, "length_mm", input_mode="numeric"),
            _small_input(N_("Width (mm)"), v, i, "width_mm", input_mode="numeric"),
            _small_input(N_("Height (mm)"), v, i, "height_mm", input_mode="numeric"),
            columns=rx.breakpoints(initial="2", md="4"), spacing="3", width="100%",
        ),
        spacing="2", width="100%", class_name="table-row", key=v.key,
    )


def _variants() -> rx.Component:
    return _section(
        N_("Options and variants"),
        rx.text(t("Name up to two options, such as Size and Colour. Each variant has its own SKU and price."), " ",
                t("Prices in"), " ", S.currency, size="2", color="var(--gray-11)"),
        rx.grid(_field(N_("Option 1"), "option1", S.option1, max_length=40, placeholder=t("Size")),
                _field(N_("Option 2"), "option2", S.option2, max_length=40, placeholder=t("Colour")),
                columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%"),
        rx.vstack(rx.foreach(S.variants, _variant), spacing="0", width="100%", class_name="table-card",
                  id="variants"),
        rx.button(rx.icon("plus", size=16), t("Add a variant"), type="button", variant="soft", size="3",
                  class_name="touch-target", on_click=S.add_variant, id="add-variant"),
    )


def _suggestion(s: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(rx.hstack(rx.code(s.label), rx.text(s.title, size="2", weight="medium"), spacing="2", wrap="wrap"),
                  rx.text(s.heading, size="1", color="var(--gray-11)"), spacing="1", flex="1", min_width="0"),
        rx.button(t("Use"), size="2", variant="soft", type="button", class_name="touch-target hs-use",
                  on_click=S.choose_hs(s.code), aria_label=t("Use HS code") + " " + s.label),
        spacing="3", align="center", width="100%", class_name="table-row",
    )


def _customs() -> rx.Component:
    return _section(
        N_("Shipping and customs"),
        _label(N_("Country of origin"), rx.el.select(
            rx.foreach(S.countries, lambda c: rx.el.option(c[1], value=c[0])),
            value=S.origin, on_change=lambda v: S.set_field("origin", v), id="product-origin", style=_SELECT_STYLE)),
        _field(N_("HS code"), "hs_code", S.hs_code, max_length=14, placeholder="6912.00", input_mode="decimal"),
        rx.cond(S.hs_title != "", rx.text(S.hs_title, size="2", color="var(--gray-11)", id="hs-title")),
        rx.cond(S.suggestions.length() > 0,
                rx.vstack(rx.text(t("Suggested from the name and description"), size="2", weight="medium"),
                          rx.vstack(rx.foreach(S.suggestions, _suggestion), spacing="0", width="100%",
                                    class_name="table-card"),
                          spacing="2", width="100%", id="hs-suggestions"),
                rx.text(t("Type the product's name to get HS code suggestions."), size="2", color="var(--gray-11)")),
    )


def _preview_row(p: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(p.market, size="2", weight="medium"),
        rx.hstack(rx.text(p.price, size="5", weight="bold"),
                  rx.cond(p.compare_at != "", rx.text(p.compare_at, size="2", color="var(--gray-11)",
                                                       text_decoration="line-through")),
                  spacing="2", align="baseline"),
        rx.text(p.note, size="1", color=rx.cond(p.restricted, "var(--red-11)", "var(--gray-11)")),
        spacing="1", class_name="table-row", width="100%",
    )


def _preview() -> rx.Component:
    return _section(
        N_("What shoppers see"),
        rx.text(t("The first variant's price as the shop shows it, with duties and taxes by each market's rules."),
                size="2", color="var(--gray-11)"),
        rx.cond(S.preview.length() > 0,
                rx.grid(rx.foreach(S.preview, _preview_row), columns=rx.breakpoints(initial="1", md="3"),
                        width="100%", class_name="table-card", id="price-preview"),
                rx.text(S.preview_note, size="2", color="var(--gray-11)")),
    )


def _destination(d: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.text(d.country, size="2", weight="medium"),
                  rx.badge(d.level_text, high_contrast=True,
                           color_scheme=rx.match(d.level, ("block", "red"), ("warn", "amber"), "orange")),
                  spacing="2", wrap="wrap", align="center"),
        rx.text(d.reasons, size="1", color="var(--gray-11)"),
        spacing="1", class_name="table-row", width="100%",
    )


def _before_publishing() -> rx.Component:
    return _section(
        N_("Before you publish"),
        rx.cond(S.problems.length() > 0,
                rx.vstack(rx.text(t("This product can't be published yet:"), size="2", weight="medium"),
                          rx.el.ul(rx.foreach(S.problems, lambda p: rx.el.li(rx.text(p, size="2"))),
                                   style={"padding_left": "20px", "margin": "0"}),
                          spacing="1", id="publish-problems", width="100%"),
                rx.cond(S.is_new, rx.text(t("Save the draft to check it."), size="2", color="var(--gray-11)"),
                        rx.text(t("Everything needed to publish is there."), size="2", color="var(--green-12)"))),
        rx.heading(t("Where it can't go, or goes with conditions"), as_="h3", size="3"),
        rx.cond(S.destinations.length() > 0,
                rx.vstack(rx.foreach(S.destinations, _destination), spacing="0", width="100%",
                          class_name="table-card", id="restrictions"),
                rx.text(t("No restriction applies to the destinations we ship to."), size="2", color="var(--gray-11)")),
    )


def _actions() -> rx.Component:
    return rx.vstack(
        rx.cond(S.error != "", rx.callout(S.error, icon="triangle-alert", color_scheme="red", role="alert", width="100%",
                                          id="editor-error")),
        rx.cond(S.notice != "", rx.text(S.notice, size="2", color="var(--green-12)", role="status", id="editor-notice")),
        rx.flex(
            rx.button(t("Save"), size="3", on_click=S.save, class_name="touch-target", id="save-product",
                      variant=rx.cond(S.status == "active", "solid", "soft")),
            rx.cond(~S.is_new & (S.status != "active") & (S.status != "blocked"),
                    rx.button(t("Publish"), size="3", on_click=S.publish, class_name="touch-target",
                              id="publish-product", disabled=S.lock != "")),
            spacing="3", wrap="wrap", align="center",
        ),
        rx.flex(  # below the buttons, so none moves under the pointer when Publish goes away
            rx.cond(S.product_href != "", rx.link(t("Pictures and stock"), href=S.product_href, size="2",
                                                  id="product-pictures-link", high_contrast=True)),
            rx.cond(S.status == "active", rx.link(t("View in shop"), href=S.storefront, size="2", high_contrast=True)),
            spacing="4", wrap="wrap", align="center",
        ),
        spacing="2", width="100%",
    )


def _status_badge() -> rx.Component:
    return rx.match(
        S.status,
        ("active", rx.badge(t("Listed"), color_scheme="grass", high_contrast=True)),
        ("hidden", rx.badge(t("Hidden"), color_scheme="gray", high_contrast=True)),
        ("blocked", rx.badge(t("Blocked by staff"), color_scheme="red", high_contrast=True)),
        rx.badge(t("Draft"), color_scheme="amber", high_contrast=True),
    )


def product_editor_page() -> rx.Component:
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, S.allowed, S.denied, S.loaded,
        rx.vstack(
            rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("All products"), spacing="1", align="center"),
                    href=routes.SELLER, size="2"),
            rx.hstack(rx.heading(rx.cond(S.is_new, t("New product"), t("Edit product")), as_="h1", size="7",
                                 id="editor-heading"),
                      _status_badge(), spacing="3", align="center", wrap="wrap"),
            rx.cond(S.lock != "", rx.callout(S.lock, icon="lock", color_scheme="amber", width="100%", id="shop-lock")),
            rx.grid(
                rx.vstack(_basics(), _variants(), _customs(), _translations(), spacing="4", width="100%"),
                rx.vstack(_preview(), _before_publishing(), _actions(), spacing="4", width="100%"),
                columns=rx.breakpoints(initial="1", lg="2"), spacing="4", width="100%",
            ),
            spacing="4", width="100%", align="start",
        ),
    )

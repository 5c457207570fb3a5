"""Product page: swipeable gallery, variant picker, price for the shopper's market (duties and taxes included,
or an import-charge estimate), stock state, add to cart (a sticky bar on phones), share, seller card, product
facts, delivery estimate, the one-unit landed-cost receipt, reviews and recommendations. The state lives in
product_state.py, the lower sections in product_sections.py."""

from __future__ import annotations

import reflex as rx

from marketplace.components.breadcrumbs import breadcrumbs
from marketplace.components.feedback import notice
from marketplace.components.wishlist_button import wishlist_button
from marketplace.core.i18n import N_
from marketplace.layouts.storefront import storefront
from marketplace.pages.storefront.product_sections import (
    delivery_section,
    price_note,
    receipt_section,
    recommendations,
    restricted_notice,
    reviews_section,
    share_button,
)
from marketplace.pages.storefront.product_state import ProductState
from marketplace.state.locale import t

__all__ = ["ProductState", "product_page"]


def gallery() -> rx.Component:
    return rx.box(
        rx.box(
            rx.foreach(ProductState.images, lambda img: rx.image(
                src=img.full, alt=img.alt, width="100%", height="auto", class_name="gallery-slide",
                style={"aspectRatio": "1 / 1"})),
            class_name="gallery-track", aria_label=t("Product images"), role="region", tab_index=0,
        ),
        width="100%",
    )


def variant_picker() -> rx.Component:
    return rx.cond(
        ProductState.variants.length() > 1,
        rx.el.fieldset(
            rx.el.legend(ProductState.option_names, class_name="field-label"),
            rx.flex(
                rx.foreach(ProductState.variants, lambda v, i: rx.button(
                    v.label,
                    variant=rx.cond(ProductState.selected == i, "solid", "outline"),
                    color_scheme=rx.cond(ProductState.selected == i, "teal", "gray"),
                    on_click=ProductState.select_variant(i), size="2", class_name="touch-target variant-chip",
                    aria_pressed=rx.cond(ProductState.selected == i, "true", "false"),
                    style={"opacity": rx.cond(v.in_stock, "1", "0.55")},
                )),
                gap="8px", wrap="wrap",
            ),
            class_name="plain-fieldset",
        ),
    )


def buy_box() -> rx.Component:
    current = ProductState.current
    return rx.vstack(
        rx.hstack(
            rx.text(current.price, size="7", weight="bold", id="product-price"),
            rx.cond(current.compare_at != "",
                    rx.el.s(current.compare_at, class_name="compare-at",
                            style={"fontSize": "var(--font-size-3)", "color": "var(--gray-11)"})),
            align="baseline", spacing="3", wrap="wrap",
        ),
        price_note(),
        restricted_notice(),
        rx.cond(current.in_stock,
                rx.cond(current.low_stock,
                        rx.text(t("Only a few left"), " (", current.stock, ")", color="var(--amber-11)",
                                size="2", weight="medium"),
                        rx.hstack(rx.icon("circle-check", size=16, color="var(--grass-11)", aria_hidden="true"),
                                  rx.text(t("In stock"), color="var(--grass-11)", size="2", weight="medium"),
                                  spacing="1", align="center")),
                rx.text(t("Sold out"), color="var(--red-11)", size="2", weight="medium")),
        variant_picker(),
        rx.hstack(
            rx.vstack(
                rx.el.label(t("Quantity"), html_for="quantity", class_name="field-label"),
                rx.el.select(rx.foreach(ProductState.quantity_options, lambda q: rx.el.option(q, value=q)),
                             id="quantity", value=ProductState.quantity.to_string(),
                             on_change=ProductState.set_quantity, class_name="native-select quantity-select"),
                spacing="1",
            ),
            rx.button(rx.icon("shopping-bag", size=18, aria_hidden="true"), t("Add to cart"),
                      size="4", on_click=ProductState.add, disabled=~ProductState.can_buy,
                      flex="1", id="add-to-cart", class_name="touch-target", loading=~ProductState.loaded),
            wishlist_button(),
            align="end", spacing="3", width="100%", class_name="buy-row",
        ),
        rx.hstack(share_button(), spacing="2", wrap="wrap", class_name="product-actions"),
        spacing="4", width="100%", align="start",
    )


def sticky_bar() -> rx.Component:
    current = ProductState.current
    return rx.box(
        rx.hstack(
            rx.vstack(rx.text(current.price, weight="bold", size="4"),
                      rx.text(current.label, size="1", color="var(--gray-11)",
                              style={"whiteSpace": "nowrap", "overflow": "hidden", "textOverflow": "ellipsis",
                                     "maxWidth": "45vw"}),
                      spacing="0"),
            rx.button(t("Add to cart"), size="3", on_click=ProductState.add, id="sticky-add-to-cart",
                      disabled=~ProductState.can_buy, class_name="touch-target"),
            justify="between", align="center", width="100%",
        ),
        class_name="sticky-buy-bar", display=["block", "block", "none"],
    )


def seller_card() -> rx.Component:
    v = ProductState.vendor
    return rx.card(
        rx.hstack(
            rx.avatar(fallback=v.initial, size="4", radius="full", color_scheme="teal"),
            rx.vstack(
                rx.text(t("Sold by"), size="1", color="var(--gray-11)"),
                rx.text(v.name, weight="bold", size="3"),
                rx.text(v.place, size="2", color="var(--gray-11)"),
                rx.cond(v.rating != "",
                        rx.hstack(rx.icon("star", size=14, color="var(--amber-9)", fill="var(--amber-9)",
                                          aria_hidden="true"),
                                  rx.text(v.rating, " (", v.rating_count, " ", t("reviews"), ")", size="1"),
                                  spacing="1", align="center", id="seller-rating"),
                        rx.text(t("No reviews of this shop yet"), size="1", color="var(--gray-11)")),
                rx.text(t("Usually replies within"), " ", v.response, " h", size="1", color="var(--gray-11)"),
                spacing="0",
            ),
            spacing="3", align="center",
        ),
        width="100%",
    )


def facts() -> rx.Component:
    current = ProductState.current

    def row(label: str, value: rx.Var) -> rx.Component:
        return rx.hstack(rx.text(t(label), size="2", color="var(--gray-11)"),
                         rx.text(value, size="2", weight="medium", text_align="right"),
                         justify="between", width="100%", class_name="fact-row")

    return rx.vstack(
        rx.heading(t("Product details"), as_="h2", size="4"),
        row(N_("Made in"), current.origin),
        row(N_("Weight"), current.weight),
        row(N_("Size (L × W × H)"), current.dimensions),
        row(N_("HS code"), current.hs_code),
        row(N_("SKU"), current.sku),
        spacing="2", width="100%",
    )


def product_page() -> rx.Component:
    return storefront(
        rx.cond(
            ProductState.error != "",
            notice("package-x", ProductState.error, t("It may have sold out for good or been taken down.")),
            rx.vstack(
                breadcrumbs((ProductState.category_name, ProductState.category_href)),
                rx.grid(
                    gallery(),
                    rx.vstack(
                        rx.heading(ProductState.name, as_="h1", size=rx.breakpoints(initial="6", md="7"),
                                   id="product-name"),
                        rx.cond(ProductState.rating != "",
                                rx.hstack(rx.icon("star", size=16, color="var(--amber-9)", fill="var(--amber-9)",
                                                  aria_hidden="true"),
                                          rx.text(ProductState.rating, weight="medium", size="2"),
                                          rx.text("(", ProductState.reviews, " ", t("reviews"), ")", size="2",
                                                  color="var(--gray-11)"),
                                          spacing="1", align="center", id="product-rating")),
                        buy_box(),
                        seller_card(),
                        spacing="4", width="100%", align="start",
                    ),
                    columns=rx.breakpoints(initial="1", md="2"), spacing="6", width="100%",
                ),
                rx.grid(
                    rx.vstack(rx.heading(t("About this item"), as_="h2", size="4"),
                              rx.html(ProductState.description_html, class_name="product-description",
                                      id="product-description"),
                              spacing="2", align="start"),
                    facts(),
                    columns=rx.breakpoints(initial="1", md="2"), spacing="6", width="100%", margin_top="12px",
                ),
                rx.grid(delivery_section(), receipt_section(), columns=rx.breakpoints(initial="1", md="2"),
                        spacing="6", width="100%", margin_top="12px"),
                reviews_section(),
                recommendations(),
                sticky_bar(),
                spacing="4", width="100%", align="start", padding_bottom=["72px", "72px", "0"],
            ),
        ),
    )

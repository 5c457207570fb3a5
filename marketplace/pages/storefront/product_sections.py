"""Sections of the product page below the buy box: price note and restriction notice, share button, delivery
estimate, the one-unit landed-cost receipt, reviews with their histogram, and recommendation rows."""

from __future__ import annotations

import reflex as rx

from marketplace.components.product_card import card_skeleton_grid, product_card
from marketplace.core.i18n import N_
from marketplace.pages.storefront.product_state import ProductState
from marketplace.state.locale import t


def price_note() -> rx.Component:
    current = ProductState.current
    return rx.cond(
        (current.note != "") & (current.note_kind != "restricted"),
        rx.text(current.note, size="2", color="var(--gray-11)", id="price-note"),
    )


def restricted_notice() -> rx.Component:
    current = ProductState.current
    return rx.cond(
        current.restriction != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("ban", size=18)),
            rx.callout.text(rx.text(current.note, weight="bold", as_="span"), " ", current.restriction,
                            color="var(--red-12)"),
            color_scheme="red", role="alert", id="restricted-notice", width="100%",
        ),
    )


def share_button() -> rx.Component:
    return rx.button(rx.icon("share-2", size=16, aria_hidden="true"), t("Share"), variant="soft", color_scheme="gray",
                     size="3", on_click=ProductState.share, id="share-button", class_name="touch-target")


def delivery_section() -> rx.Component:
    return rx.vstack(
        rx.heading(t("Delivery to"), " ", ProductState.ship_to_name, as_="h2", size="4"),
        rx.cond(
            ProductState.delivery.length() > 0,
            rx.vstack(
                rx.foreach(ProductState.delivery, lambda o: rx.hstack(
                    rx.vstack(rx.text(o.kind, size="1", color="var(--gray-11)", weight="medium"),
                              rx.text(o.name, size="2"), spacing="0"),
                    rx.vstack(rx.text(o.price, size="2", weight="bold"),
                              rx.text(o.days, size="1", color="var(--gray-11)"), spacing="0", align="end"),
                    justify="between", width="100%", class_name="fact-row delivery-option")),
                spacing="0", width="100%", id="delivery-options",
            ),
            rx.text(t("No carrier can take this item to your country."), size="2", color="var(--gray-11)"),
        ),
        spacing="2", width="100%", align="start",
    )


def _receipt_line(line: rx.Var) -> rx.Component:
    return rx.el.details(
        rx.el.summary(
            rx.hstack(rx.text(line.label, size="2"), rx.text(line.amount, size="2", weight="medium"),
                      justify="between", width="100%"),
            class_name="receipt-summary",
        ),
        rx.text(line.explain, size="1", color="var(--gray-11)", class_name="receipt-explain"),
        class_name="receipt-line",
    )


def receipt_section() -> rx.Component:
    return rx.vstack(
        rx.heading(t("Import charges for one item"), as_="h2", size="4"),
        rx.cond(
            ProductState.receipt_problem != "",
            rx.text(ProductState.receipt_problem, size="2", color="var(--gray-11)"),
            rx.cond(
                ProductState.receipt.length() > 0,
                rx.vstack(
                    rx.text(t("Tap a line to see why."), size="1", color="var(--gray-11)"),
                    rx.foreach(ProductState.receipt, _receipt_line),
                    rx.hstack(rx.text(t("Total"), weight="bold", size="3"),
                              rx.text(ProductState.receipt_total, weight="bold", size="3", id="receipt-total"),
                              justify="between", width="100%", class_name="receipt-total"),
                    rx.badge(rx.cond(ProductState.collected == "delivery",
                                     t("Import charges are paid to the carrier on delivery"),
                                     t("Duties and taxes are collected at checkout")),
                             color_scheme=rx.cond(ProductState.collected == "delivery", "amber", "teal"),
                             variant="soft", size="2", id="receipt-collected", style={"whiteSpace": "normal"}),
                    rx.text(ProductState.collected_text, size="1", color="var(--gray-11)"),
                    rx.text(t("An estimate for one item. Your checkout shows the exact amount for your whole order."),
                            size="1", color="var(--gray-11)"),
                    spacing="2", width="100%", id="landed-receipt",
                ),
                rx.text(t("Not available for this destination."), size="2", color="var(--gray-11)"),
            ),
        ),
        spacing="2", width="100%", align="start",
    )


def _histogram_row(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.text(row.stars, " ★", size="2", width="36px", aria_hidden="true"),
        rx.box(rx.box(height="100%", width=row.percent, background="var(--amber-9)", border_radius="4px"),
               class_name="histogram-bar", aria_hidden="true"),
        rx.text(row.count, size="2", color="var(--gray-11)", width="40px", text_align="right",
                aria_hidden="true"),
        rx.el.span(row.label, class_name="visually-hidden"),
        class_name="histogram-row",
    )


def _review(item: rx.Var) -> rx.Component:
    return rx.el.article(
        rx.hstack(
            rx.text(item.stars, color="var(--amber-10)", aria_label=item.stars_label, role="img"),
            rx.text(item.title, weight="bold", size="2"),
            spacing="2", align="center", wrap="wrap",
        ),
        rx.text(item.body, size="2", style={"whiteSpace": "pre-line"}),
        rx.text(item.author, " · ", item.date,
                rx.cond(item.verified, rx.text.span(" · ", t("Verified purchase"))),
                size="1", color="var(--gray-11)"),
        class_name="review-item",
    )


def reviews_section() -> rx.Component:
    return rx.vstack(
        rx.heading(t("Reviews"), as_="h2", size="5", id="reviews"),
        rx.grid(
            rx.vstack(
                rx.cond(ProductState.rating != "",
                        rx.hstack(rx.text(ProductState.rating, size="7", weight="bold"),
                                  rx.text("/ 5 · ", ProductState.reviews, " ", t("reviews"), size="2",
                                          color="var(--gray-11)"), align="baseline", spacing="2")),
                rx.el.ul(rx.foreach(ProductState.histogram, _histogram_row), class_name="histogram",
                         aria_label=t("Ratings by stars"), id="review-histogram"),
                width="100%",
            ),
            rx.vstack(
                rx.cond(ProductState.review_items.length() > 0,
                        rx.vstack(rx.foreach(ProductState.review_items, _review), spacing="4", width="100%",
                                  id="review-list"),
                        rx.text(t("No reviews yet. Bought this? Review it from your orders."), size="2",
                                color="var(--gray-11)")),
                rx.cond(ProductState.reviews_more,
                        rx.button(t("Show more reviews"), variant="outline", on_click=ProductState.more_reviews,
                                  id="more-reviews", class_name="touch-target")),
                spacing="3", width="100%", align="start",
            ),
            columns=rx.breakpoints(initial="1", md="2"), spacing="6", width="100%",
        ),
        spacing="3", width="100%", align="start", margin_top="24px",
    )


def recommendation_row(title: str, items: rx.Var, anchor: str) -> rx.Component:
    return rx.cond(
        ProductState.recs_loaded,
        rx.cond(
            items.length() > 0,
            rx.el.section(
                rx.heading(t(title), as_="h2", size="5", margin_bottom="12px"),
                rx.grid(rx.foreach(items, product_card), columns=rx.breakpoints(initial="2", sm="3", md="4", lg="5"),
                        spacing=rx.breakpoints(initial="3", md="5"), width="100%"),
                id=anchor, class_name="recommendations", aria_label=t(title),
            ),
        ),
        rx.el.section(rx.skeleton(rx.text("—"), height="1.4em", width="200px", loading=True, margin_bottom="12px"),
                      card_skeleton_grid(5), class_name="recommendations", aria_hidden="true"),
    )


def recommendations() -> rx.Component:
    return rx.vstack(
        recommendation_row(N_("Often bought together"), ProductState.together, "often-bought-together"),
        recommendation_row(N_("Similar items"), ProductState.similar, "similar-items"),
        rx.cond(ProductState.recs_loaded & (ProductState.viewed.length() > 0),
                recommendation_row(N_("Recently viewed"), ProductState.viewed, "recently-viewed")),
        spacing="6", width="100%", margin_top="24px",
    )

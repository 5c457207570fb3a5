"""Product card for grids: image at a fixed aspect ratio, name clamped to two lines, price in the shopper's
currency with the market's note ("Duties & taxes included", "+ about $5 import charges"; see
catalog/display.py), struck-through compare-at price when on sale, rating, where it ships from, and a
"Cannot ship to <country>" flag when the destination prohibits the goods."""

from __future__ import annotations

import reflex as rx

from marketplace.state.locale import t


def stars(rating: rx.Var, reviews: rx.Var) -> rx.Component:
    return rx.cond(
        rating != "",
        rx.hstack(
            rx.icon("star", size=14, color="var(--amber-9)", fill="var(--amber-9)", aria_hidden="true"),
            rx.text(rating, size="1", weight="medium", color="var(--gray-12)"),
            rx.text("(", reviews, ")", size="1", color="var(--gray-11)"),
            spacing="1", align="center",
        ),
        rx.text(t("New"), size="1", color="var(--gray-11)"),
    )


def product_card(item: rx.Var) -> rx.Component:
    """One ``present.cards.CardView``."""
    return rx.link(
        rx.vstack(
            rx.box(
                rx.image(src=item.image, alt=item.name, width="100%", height="100%",
                         loading="lazy", object_fit="cover", style={"aspectRatio": "1 / 1"}),
                rx.cond(item.sold_out,
                        rx.badge(t("Sold out"), color_scheme="gray", variant="solid",
                                 position="absolute", top="8px", left="8px")),
                rx.cond(item.compare_at != "",
                        rx.badge(t("Sale"), color_scheme="ruby", variant="solid",
                                 position="absolute", top="8px", right="8px")),
                position="relative", width="100%", overflow="hidden", border_radius="var(--radius-4)",
                background="var(--gray-3)", style={"aspectRatio": "1 / 1"},
            ),
            rx.text(item.name, size="2", weight="medium", color="var(--gray-12)",
                    style={"display": "-webkit-box", "WebkitLineClamp": "2", "WebkitBoxOrient": "vertical",
                           "overflow": "hidden", "minHeight": "2.6em", "lineHeight": "1.3"}),
            rx.hstack(
                rx.text(item.price, size="3", weight="bold", color="var(--gray-12)", class_name="card-price"),
                rx.cond(item.compare_at != "",
                        rx.el.s(item.compare_at, class_name="compare-at", style={"fontSize": "var(--font-size-1)",
                                                                         "color": "var(--gray-11)"})),
                spacing="2", align="baseline", wrap="wrap",
            ),
            rx.cond(item.note != "",
                    rx.text(item.note, size="1", class_name="price-note",
                            color=rx.cond(item.note_kind == "restricted", "var(--red-11)", "var(--gray-11)"),
                            title=rx.cond(item.note_kind == "restricted", item.restriction, ""))),
            stars(item.rating, item.reviews),
            rx.text(t("Ships from"), " ", item.origin, size="1", color="var(--gray-11)",
                    style={"whiteSpace": "nowrap", "overflow": "hidden", "textOverflow": "ellipsis",
                           "maxWidth": "100%"}),
            spacing="1", align="start", width="100%",
        ),
        href=item.href, underline="none", class_name="product-card",
        width="100%", min_width="0", aria_label=item.name,
    )


def product_grid(items: rx.Var) -> rx.Component:
    return rx.grid(
        rx.foreach(items, product_card),
        columns=rx.breakpoints(initial="2", sm="3", md="4", lg="5"),
        spacing=rx.breakpoints(initial="3", md="5"),
        width="100%",
    )


def card_skeleton_grid(count: int = 8) -> rx.Component:
    return rx.grid(
        *[rx.vstack(rx.skeleton(width="100%", style={"aspectRatio": "1 / 1"}, loading=True),
                    rx.skeleton(rx.text("—"), height="1em", width="80%", loading=True),
                    rx.skeleton(rx.text("—"), height="1em", width="40%", loading=True), width="100%")
          for _ in range(count)],
        columns=rx.breakpoints(initial="2", sm="3", md="4", lg="5"),
        spacing=rx.breakpoints(initial="3", md="5"), width="100%",
    )

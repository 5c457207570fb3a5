"""The heart toggle next to "Add to cart": filled when the product is on the shopper's wishlist.
A guest's tap goes to the login page and back (the state decides; this only renders)."""

from __future__ import annotations

import reflex as rx

from marketplace.state.locale import t
from marketplace.state.wishlist import WishlistState


def wishlist_button() -> rx.Component:
    return rx.icon_button(
        rx.icon("heart", size=22, aria_hidden="true",
                fill=rx.cond(WishlistState.saved, "var(--ruby-9)", "none"),
                color=rx.cond(WishlistState.saved, "var(--ruby-9)", "var(--gray-11)")),
        on_click=WishlistState.toggle, variant="outline", color_scheme="gray", size="4",
        aria_label=rx.cond(WishlistState.saved, t("Remove from wishlist"), t("Save to wishlist")),
        aria_pressed=rx.cond(WishlistState.saved, "true", "false"), loading=WishlistState.busy,
        id="wishlist-button", class_name="touch-target", flex_shrink="0",
    )

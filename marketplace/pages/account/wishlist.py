"""The shopper's wishlist: product cards (price in the shopper's currency), newest saved first, each with
"Add to cart" (straight in when there is one variant to buy; otherwise to the product page to choose) and
"Remove". Only listed products show; the list is the signed-in shopper's own."""

from __future__ import annotations

from dataclasses import dataclass, field

import reflex as rx
from sqlmodel import Session

from marketplace import routes
from marketplace.accounts import wishlist
from marketplace.catalog import queries
from marketplace.components.feedback import notice
from marketplace.components.product_card import product_card
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.layouts.account import account_shell
from marketplace.pages.account.common import shopper_or_login
from marketplace.present.cards import CardView, card
from marketplace.present.problems import problem_text
from marketplace.state.cart import CartState
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t


def _load(session: Session, user_id: int, lang: str):  # noqa: ANN202
    ids = wishlist.product_ids(session, user_id)
    return queries.cards_by_ids(session, ids, lang), wishlist.quick_add_variants(session, ids)


@dataclass(frozen=True)
class WishlistItem:
    """A saved product's card, its id, and whether it has one variant to add straight to the cart."""

    card: CardView = field(default_factory=CardView)
    id: str = ""
    quick: bool = False


class WishlistPageState(rx.State):
    items: list[WishlistItem] = []
    loaded: bool = False
    _variants: dict[str, int] = {}

    @rx.event
    async def load(self):
        caller, redirect = await shopper_or_login(self, routes.ACCOUNT_WISHLIST)
        if caller is None:
            return redirect
        lang, currency, ship_to = await market(self)
        cards, quick = await run_service(_load, caller.user_id, lang)
        self.items = [WishlistItem(card=card(c, currency, lang, ship_to), id=str(c.id), quick=c.id in quick)
                      for c in cards]
        self._variants = {str(pid): vid for pid, vid in quick.items()}
        self.loaded = True
        return None

    @rx.event
    async def remove(self, product_id: str):
        caller, redirect = await shopper_or_login(self, routes.ACCOUNT_WISHLIST)
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        try:
            await run_write(wishlist.remove, caller.user_id, product_id)
        except DomainError as exc:
            return rx.toast.error(problem_text(lang, exc), position="top-center")
        return [WishlistPageState.load, rx.toast.success(translate(lang, "Removed from your wishlist."),
                                                         position="top-center")]

    @rx.event
    async def add_to_cart(self, product_id: str):
        """Adds the one variant of a saved product; the cart re-checks listing and stock on the server."""
        variant_id = self._variants.get(product_id) if isinstance(product_id, str) else None
        if variant_id is None:
            return None
        return CartState.add_to_cart(variant_id, 1)


def _item(item: rx.Var) -> rx.Component:
    return rx.vstack(
        product_card(item.card),
        rx.cond(item.quick,
                rx.button(rx.icon("shopping-bag", size=16, aria_hidden="true"), t("Add to cart"), size="2",
                          width="100%", class_name="touch-target wishlist-add",
                          on_click=WishlistPageState.add_to_cart(item.id)),
                rx.link(rx.button(t("Choose options"), size="2", variant="soft", width="100%",
                                  class_name="touch-target"), href=item.card.href, width="100%")),
        rx.button(rx.icon("trash-2", size=16, aria_hidden="true"), t("Remove"), size="2", variant="ghost",
                  color_scheme="gray", width="100%", class_name="touch-target wishlist-remove",
                  on_click=WishlistPageState.remove(item.id)),
        spacing="2", width="100%", min_width="0", class_name="wishlist-item",
    )


def wishlist_page() -> rx.Component:
    return account_shell(
        routes.ACCOUNT_WISHLIST, t("Your wishlist"), WishlistPageState.loaded,
        rx.cond(WishlistPageState.items.length() == 0,
                notice("heart", t("Nothing saved yet"), t("Tap the heart on a product to keep it here for later."),
                       N_("Start shopping")),
                rx.grid(rx.foreach(WishlistPageState.items, _item),
                        columns=rx.breakpoints(initial="2", sm="3", lg="4"), spacing="3", width="100%",
                        id="wishlist-grid")),
    )

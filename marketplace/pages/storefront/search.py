"""Search results for the header box's query (the first, simple name search; facets come later)."""

from __future__ import annotations

import reflex as rx

from marketplace.catalog import queries
from marketplace.components.feedback import notice
from marketplace.components.product_card import card_skeleton_grid, product_grid
from marketplace.core.i18n import N_
from marketplace.layouts.storefront import storefront
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.state.present import card
from marketplace.state.search import SearchBoxState


class SearchPageState(rx.State):
    query: str = ""
    items: list[dict[str, str]] = []
    loaded: bool = False

    @rx.event
    async def load(self):
        self.loaded = False
        lang, currency, _ = await market(self)
        raw = self.router.url.query_parameters.get("q", "")
        self.query = raw.strip()[:200]
        box = await self.get_state(SearchBoxState)
        box.query = self.query
        results = await run_service(queries.search, self.query, lang) if self.query else []
        self.items = [card(item, currency, lang) for item in results]
        self.loaded = True


def search_page() -> rx.Component:
    return storefront(
        rx.heading(rx.cond(SearchPageState.query != "", t("Results for"), t("Search")),
                   rx.cond(SearchPageState.query != "", " “" + SearchPageState.query + "”", ""),
                   as_="h1", size="6", margin_bottom="12px"),
        rx.cond(
            ~SearchPageState.loaded,
            card_skeleton_grid(10),
            rx.cond(
                SearchPageState.items.length() > 0,
                product_grid(SearchPageState.items),
                notice("search-x", t("No products match your search"),
                       t("Check the spelling, try a shorter word, or browse the categories."), N_("Browse the shop")),
            ),
        ),
    )

"""Search results: full-text query in the shopper's language, facets, chips, sort and pages, all in the URL.

The header box sends ``/search?q=…``; without ``q`` the page lists the whole catalogue with the same filters.
A misspelt query that found nothing is corrected (``catalog.search``) and the page says so; an empty
result says why and offers a next step (clear the filters, or browse the shop).
"""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.catalog import search as catalog_search
from marketplace.components.feedback import notice
from marketplace.components.filters import listing
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.layouts.storefront import storefront
from marketplace.present.cards import cards
from marketplace.present.problems import problem_text
from marketplace.state.browse import BrowseState
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.state.search import SearchBoxState


class SearchPageState(BrowseState, rx.State):
    query: str = ""
    corrected_query: str = ""
    corrected_href: str = ""
    did_you_mean: str = ""
    no_results_title: str = ""
    error: str = ""

    def _href(self, params: catalog_search.SearchParams) -> str:
        return routes.with_query(routes.SEARCH, catalog_search.to_query(params))

    def _category_chip(self) -> bool:
        return True

    @rx.event
    async def load(self):
        self.loaded = False
        yield
        lang, currency, ship_to = await market(self)
        params = self._base_params()
        box = await self.get_state(SearchBoxState)
        box.query = params.query
        self.query = params.query
        try:
            result = await run_service(catalog_search.search, params, lang, currency, ship_to)
        except DomainError as exc:
            self.error, self.items, self.total = problem_text(lang, exc), [], 0
            self.loaded = True
            return
        self.error = ""
        self.corrected_query = result.corrected_query
        self.corrected_href = routes.search(result.corrected_query) if result.corrected_query else ""
        self.did_you_mean = translate(lang, "No results for “%(query)s”. Did you mean “%(suggestion)s”?",
                                      query=params.query, suggestion=result.corrected_query)
        self.no_results_title = translate(lang, "No results for “%(query)s”", query=params.query) \
            if params.query else translate(lang, "No products to show")
        self._show(result, lang, await cards(result.items, result.currency, lang, ship_to))
        self.loaded = True


def _heading() -> rx.Component:
    return rx.vstack(
        rx.heading(
            rx.cond(SearchPageState.query == "", t("All products"), t("Results for")),
            rx.cond(SearchPageState.query != "",
                    " “" + rx.cond(SearchPageState.corrected_query != "", SearchPageState.corrected_query,
                                   SearchPageState.query) + "”", ""),
            as_="h1", size="6",
        ),
        rx.cond(SearchPageState.loaded, rx.text(SearchPageState.total_text, size="2", color="var(--gray-11)",
                                                id="result-count")),
        spacing="1",
    )


def _did_you_mean() -> rx.Component:
    return rx.cond(
        SearchPageState.corrected_query != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("spell-check", size=18)),
            rx.callout.text(
                SearchPageState.did_you_mean, " ",
                rx.link(t("Search for"), " “", SearchPageState.corrected_query, "”",
                        href=SearchPageState.corrected_href, weight="medium", id="did-you-mean-link"),
            ),
            color_scheme="amber", variant="surface", id="did-you-mean", width="100%",
        ),
    )


def _empty() -> rx.Component:
    return rx.cond(
        SearchPageState.filter_count > 0,
        notice("filter-x", t("No products match these filters"),
               t("Remove a filter or clear them all to see more."), N_("Clear all filters"),
               SearchPageState.clear_href),
        notice("search-x", SearchPageState.no_results_title,
               t("Check the spelling, try fewer or more general words, or browse the categories."),
               N_("Browse the shop")),
    )


def search_page() -> rx.Component:
    return storefront(
        rx.cond(
            SearchPageState.error != "",
            notice("search-x", SearchPageState.error, t("Try a shorter search, or browse the shop.")),
            rx.vstack(
                _heading(),
                _did_you_mean(),
                listing(SearchPageState, _empty()),
                spacing="3", width="100%", align="start",
            ),
        ),
    )

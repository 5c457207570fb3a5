"""Category listing: the category's products (and its sub-categories'), with the search page's filters, chips,
sort and pages (``state.browse``), all in the URL: ``/c/<slug>?price=20-50&sort=price_asc&page=2``."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import unquote

import reflex as rx

from marketplace import routes
from marketplace.catalog import search as catalog_search
from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.components.breadcrumbs import breadcrumbs
from marketplace.components.feedback import notice
from marketplace.components.filters import listing
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_
from marketplace.layouts.storefront import storefront
from marketplace.present.cards import cards
from marketplace.present.problems import problem_text
from marketplace.state.browse import BrowseState
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.state.search import SearchBoxState


class CategoryState(BrowseState, rx.State):
    name: str = ""
    error: str = ""
    slug_value: str = ""

    def _href(self, params: catalog_search.SearchParams) -> str:
        return routes.with_query(routes.category(params.category),
                                 catalog_search.to_query(params, include_category=False))

    def _category_chip(self) -> bool:
        return False  # the category is the page, not a filter

    def _base_params(self) -> catalog_search.SearchParams:
        slug = unquote(self.router.url.path.removeprefix("/c/").strip("/"))
        return replace(super()._base_params(), category=slug, query="")

    @rx.event
    async def load(self):
        self.loaded = False
        yield
        lang, currency, ship_to = await market(self)
        params = self._base_params()
        box = await self.get_state(SearchBoxState)
        box.query = ""  # the header box shows no stale query on a category page
        try:
            if not params.category:
                raise DomainError("We couldn't find that category.", code=CatalogErrorCode.CATEGORY_NOT_FOUND)
            result = await run_service(catalog_search.search, params, lang, currency, ship_to)
            if result.category is None:
                raise DomainError("We couldn't find that category.", code=CatalogErrorCode.CATEGORY_NOT_FOUND)
        except DomainError as exc:
            self.error, self.items, self.name = problem_text(lang, exc), [], ""
            self.loaded = True
            return
        self.error = ""
        self.name, self.slug_value = result.category.name, result.category.slug
        self._show(result, lang, await cards(result.items, result.currency, lang, ship_to))
        self.loaded = True


def category_page() -> rx.Component:
    return storefront(
        rx.cond(
            CategoryState.error != "",
            notice("search-x", CategoryState.error, t("It may have moved. Try the search or browse the shop.")),
            rx.vstack(
                breadcrumbs((CategoryState.name, None)),
                rx.heading(rx.cond(CategoryState.loaded, CategoryState.name, "\u00a0"), as_="h1", size="7"),
                rx.text(CategoryState.total_text, " · ", t("Page"), " ", CategoryState.page, " / ",
                        CategoryState.pages, color="var(--gray-11)", size="2", id="result-count"),
                listing(CategoryState, notice("filter-x", t("No products match these filters"),
                                              t("Remove a filter or clear them all to see more."),
                                              N_("Clear all filters"), CategoryState.clear_href)),
                spacing="3", width="100%", align="start",
            ),
        ),
    )

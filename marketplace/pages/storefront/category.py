"""Category listing: a paginated grid of the category's products (and its sub-categories')."""

from __future__ import annotations

from urllib.parse import unquote

import reflex as rx

from marketplace import routes
from marketplace.catalog import queries
from marketplace.components.breadcrumbs import breadcrumbs
from marketplace.components.feedback import notice
from marketplace.components.product_card import card_skeleton_grid, product_grid
from marketplace.core.errors import DomainError
from marketplace.core.i18n import translate
from marketplace.layouts.storefront import storefront
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.state.present import cards


def _page_number(raw: str) -> int:
    return int(raw) if raw.isdigit() and 0 < len(raw) <= 5 else 1


class CategoryState(rx.State):
    name: str = ""
    items: list[dict[str, str]] = []
    page: int = 1
    pages: int = 1
    total: int = 0
    error: str = ""
    loaded: bool = False
    slug_value: str = ""

    @rx.event
    async def load(self):
        self.loaded = False
        lang, currency, ship_to = await market(self)
        slug = unquote(self.router.url.path.removeprefix("/c/").strip("/"))
        page = _page_number(self.router.url.query_parameters.get("page", "1"))
        try:
            category, result = await run_service(queries.category_page, slug, lang, page)
        except DomainError as exc:
            self.error, self.items, self.name = translate(lang, exc.message, **exc.params), [], ""
            self.loaded = True
            return
        self.error = ""
        self.name, self.page, self.pages, self.total = category.name, result.page, result.pages, result.total
        self.items = await cards(result.items, currency, lang, ship_to)
        self.slug_value = category.slug
        self.loaded = True

    @rx.var
    def prev_href(self) -> str:
        return routes.category(self.slug_value, self.page - 1) if self.page > 1 else ""

    @rx.var
    def next_href(self) -> str:
        return routes.category(self.slug_value, self.page + 1) if self.page < self.pages else ""

    @rx.var
    def page_links(self) -> list[list[str]]:
        """[label, href, current] for a window of pages around the current one."""
        first, last = max(1, self.page - 2), min(self.pages, self.page + 2)
        return [[str(n), routes.category(self.slug_value, n), "1" if n == self.page else ""]
                for n in range(first, last + 1)]


def pagination() -> rx.Component:
    return rx.cond(
        CategoryState.pages > 1,
        rx.el.nav(
            rx.hstack(
                rx.cond(CategoryState.prev_href != "",
                        rx.link(rx.button(rx.icon("chevron-left", size=16), t("Previous"), variant="soft",
                                          class_name="touch-target"), href=CategoryState.prev_href)),
                rx.foreach(CategoryState.page_links, lambda p: rx.link(
                    rx.button(p[0], variant=rx.cond(p[2] != "", "solid", "outline"), class_name="touch-target",
                              aria_current=rx.cond(p[2] != "", "page", "false")),
                    href=p[1], aria_label=p[0])),
                rx.cond(CategoryState.next_href != "",
                        rx.link(rx.button(t("Next"), rx.icon("chevron-right", size=16), variant="soft",
                                          class_name="touch-target"), href=CategoryState.next_href,
                                id="next-page")),
                spacing="2", justify="center", wrap="wrap", width="100%",
            ),
            aria_label=t("Pages"), style={"marginTop": "28px", "width": "100%"},
        ),
    )


def category_page() -> rx.Component:
    return storefront(
        rx.cond(
            CategoryState.error != "",
            notice("search-x", CategoryState.error, t("It may have moved. Try the search or browse the shop.")),
            rx.vstack(
                breadcrumbs((CategoryState.name, None)),
                rx.heading(rx.cond(CategoryState.loaded, CategoryState.name, "\u00a0"), as_="h1", size="7"),
                rx.text(CategoryState.total, " ", t("products"), " · ", t("Page"), " ", CategoryState.page, " / ",
                        CategoryState.pages, color="var(--gray-11)", size="2"),
                rx.cond(CategoryState.loaded, product_grid(CategoryState.items), card_skeleton_grid(10)),
                pagination(),
                spacing="3", width="100%", align="start",
            ),
        ),
    )

"""Storefront home: a welcome that says what Meridian does, categories, featured products, then (loaded in the
background) bestsellers in the shopper's ship-to country and their recently viewed products."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.catalog import queries, recommendations
from marketplace.components.product_card import card_skeleton_grid, product_grid
from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.storefront import storefront
from marketplace.present.cards import CardView, cards
from marketplace.state.loading import market, run_service
from marketplace.state.locale import LocaleState, t
from marketplace.state.viewed import ViewedState


def _load(session, lang: str):  # noqa: ANN001
    return queries.categories(session, lang), queries.featured(session, lang, limit=15), queries.shop_stats(session)


@dataclass(frozen=True)
class CategoryTile:
    slug: str = ""
    name: str = ""
    href: str = ""
    color: str = ""
    count: str = ""


class HomeState(rx.State):
    categories: list[CategoryTile] = []
    featured: list[CardView] = []
    stats: list[str] = ["", "", ""]
    loaded: bool = False
    bestsellers: list[CardView] = []
    bestsellers_title: str = ""
    viewed: list[CardView] = []
    recs_loaded: bool = False

    @rx.event
    async def load(self):
        lang, currency, ship_to = await market(self)
        cats, featured, stats = await run_service(_load, lang)
        self.stats = [formatting.format_number(n, format_locale(lang)) for n in stats]
        self.categories = [CategoryTile(slug=c.slug, name=c.name, href=routes.category(c.slug), color=c.color,
                                        count=str(c.product_count)) for c in cats]
        self.featured = await cards(featured, currency, lang, ship_to)
        self.loaded = True
        return HomeState.load_recommendations

    @rx.event(background=True)
    async def load_recommendations(self):
        """Bestsellers in the ship-to market (best rated when nothing sold there) and recently viewed."""
        async with self:
            lang, currency, ship_to = await market(self)
            viewed_ids = (await self.get_state(ViewedState))._ids()

        def read(session):  # noqa: ANN001, ANN202
            return (recommendations.bestsellers(session, ship_to, lang),
                    recommendations.recently_viewed(session, viewed_ids, lang, limit=10))

        (best, from_sales), viewed = await run_service(read)
        best_cards = await cards(best, currency, lang, ship_to)
        viewed_cards = await cards(viewed, currency, lang, ship_to)
        country = formatting.country_name(ship_to, format_locale(lang))
        async with self:
            self.bestsellers, self.viewed = best_cards, viewed_cards
            self.bestsellers_title = (translate(lang, "Bestsellers in %(country)s", country=country) if from_sales
                                      else translate(lang, "Best rated, shipping to %(country)s", country=country))
            self.recs_loaded = True


def _category_tile(cat: rx.Var) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.box(width="36px", height="6px", border_radius="3px", background=cat.color),
            rx.text(cat.name, weight="bold", size="3", color="var(--gray-12)",  # at most two lines: fixed tiles
                    style={"display": "-webkit-box", "WebkitLineClamp": "2", "WebkitBoxOrient": "vertical",
                           "overflow": "hidden"}),
            rx.text(cat.count, " ", t("products"), size="1", color="var(--gray-11)"),
            spacing="2", align="start",
        ),
        href=cat.href, underline="none", class_name="category-tile",
    )


def _stat(value: rx.Var, label: str) -> rx.Component:
    return rx.vstack(rx.text(value, size="6", weight="bold", color="var(--accent-11)", class_name="stat-value"),
                     rx.text(t(label), size="2", color="var(--gray-11)"), spacing="0")


def hero() -> rx.Component:
    return rx.box(
        rx.vstack(
            rx.badge(LocaleState.ship_to_label, variant="surface", radius="full", size="2"),
            rx.heading(t("Independent makers from around the world, delivered to your door"),
                       as_="h1", size=rx.breakpoints(initial="7", md="8"), style={"lineHeight": "1.1"},
                       max_width="760px"),
            rx.text(t("Prices in your currency, with import duties and taxes known before you pay."),
                    size=rx.breakpoints(initial="3", md="4"), color="var(--gray-11)", max_width="600px"),
            rx.flex(
                _stat(HomeState.stats[0], N_("independent shops")),
                _stat(HomeState.stats[1], N_("countries")),
                _stat(HomeState.stats[2], N_("products")),
                gap=rx.breakpoints(initial="20px", md="40px"), wrap="wrap", margin_top="8px",
            ),
            spacing="4", align="start",
        ),
        class_name="hero",
    )


def home() -> rx.Component:
    return storefront(
        hero(),
        rx.heading(t("Shop by category"), as_="h2", size="5", margin_top="28px", margin_bottom="12px"),
        # two fixed-height rows that scroll sideways when they overflow: the same height loaded or not (no CLS)
        rx.cond(HomeState.loaded,
                rx.box(rx.foreach(HomeState.categories, _category_tile), class_name="category-strip",
                       id="categories"),
                rx.box(*[rx.skeleton(rx.box(class_name="category-tile"), loading=True) for _ in range(10)],
                       class_name="category-strip", aria_hidden="true")),
        rx.heading(t("Featured this week"), as_="h2", size="5", margin_top="32px", margin_bottom="12px"),
        rx.cond(HomeState.loaded, product_grid(HomeState.featured), card_skeleton_grid(10)),
        rx.cond(
            HomeState.recs_loaded,
            rx.fragment(
                rx.cond(HomeState.bestsellers.length() > 0, rx.el.section(
                    rx.heading(HomeState.bestsellers_title, as_="h2", size="5", margin_top="32px",
                               margin_bottom="12px"),
                    product_grid(HomeState.bestsellers), id="bestsellers", width="100%")),
                rx.cond(HomeState.viewed.length() > 0, rx.el.section(
                    rx.heading(t("Recently viewed"), as_="h2", size="5", margin_top="32px", margin_bottom="12px"),
                    product_grid(HomeState.viewed), id="recently-viewed", width="100%")),
            ),
            rx.box(rx.skeleton(rx.text("—"), height="1.4em", width="240px", loading=True, margin_top="32px",
                               margin_bottom="12px"), card_skeleton_grid(5), width="100%", aria_hidden="true"),
        ),
    )

"""Storefront home: a welcome that says what Meridian does, categories, and featured products."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.catalog import queries
from marketplace.components.product_card import card_skeleton_grid, product_grid
from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale
from marketplace.layouts.storefront import storefront
from marketplace.state.loading import market, run_service
from marketplace.state.locale import LocaleState, t
from marketplace.state.present import card


def _load(session, lang: str):  # noqa: ANN001
    return queries.categories(session, lang), queries.featured(session, lang, limit=15), queries.shop_stats(session)


class HomeState(rx.State):
    categories: list[dict[str, str]] = []
    featured: list[dict[str, str]] = []
    stats: list[str] = ["", "", ""]
    loaded: bool = False

    @rx.event
    async def load(self):
        lang, currency, _ = await market(self)
        cats, featured, stats = await run_service(_load, lang)
        self.stats = [formatting.format_number(n, format_locale(lang)) for n in stats]
        self.categories = [{"slug": c.slug, "name": c.name, "href": routes.category(c.slug), "color": c.color,
                            "count": str(c.product_count)} for c in cats]
        self.featured = [card(item, currency, lang) for item in featured]
        self.loaded = True


def _category_tile(cat: rx.Var) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.box(width="36px", height="6px", border_radius="3px", background=cat["color"]),
            rx.text(cat["name"], weight="bold", size="3", color="var(--gray-12)"),
            rx.text(cat["count"], " ", t("products"), size="1", color="var(--gray-11)"),
            spacing="2", align="start",
        ),
        href=cat["href"], underline="none", class_name="category-tile",
    )


def _stat(value: rx.Var, label: str) -> rx.Component:
    return rx.vstack(rx.text(value, size="6", weight="bold", color="var(--accent-11)"),
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
        rx.grid(rx.foreach(HomeState.categories, _category_tile),
                columns=rx.breakpoints(initial="2", sm="3", md="5"), spacing="3", width="100%"),
        rx.heading(t("Featured this week"), as_="h2", size="5", margin_top="32px", margin_bottom="12px"),
        rx.cond(HomeState.loaded, product_grid(HomeState.featured), card_skeleton_grid(10)),
    )

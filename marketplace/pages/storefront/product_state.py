"""State of the product page: the product first, then its recommendations in a second, background event.

Contract:
- ``load`` (on_load, and again after a market change) reads the product, its approved-review summary and first
  page, and the seller's rating in one worker-thread unit of work; then, in another thread (pure, cached), the
  market texts of every variant (``catalog.display``: price for the shopper's market, its note, a restriction)
  and the delivery options and one-unit landed-cost receipt of the selected variant (``catalog.landed``).
  It remembers the product in the browser's recently-viewed list, records a product view for the seller's
  figures (``catalog.events``: anonymous session key, never breaking the page) and chains ``load_recommendations``.
- ``load_recommendations`` runs in the background (the page is already interactive): often bought together,
  similar items, recently viewed (ids validated server-side), with skeletons until it lands.
- Every handler validates its arguments; ids and prices are re-read on the server, never taken from the client.
- The rules (low stock, which variant opens, the quantities offered) are ``catalog.product_rules``; the vars
  are ``present.product`` / ``present.cards`` frozen dataclasses, built there.
"""

from __future__ import annotations

import asyncio
import json
import logging
from urllib.parse import unquote

import reflex as rx

from marketplace import routes
from marketplace.catalog import events, queries, recommendations, reviews
from marketplace.catalog.description import render_html
from marketplace.catalog.display import UnitFacts
from marketplace.catalog.product_rules import default_variant, quantity_choices
from marketplace.catalog.views import ProductDetail
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import format_locale, translate
from marketplace.core.text import is_digits
from marketplace.present.cards import CardView, cards, display_texts, rating_text
from marketplace.present.landed import Row
from marketplace.present.problems import problem_text
from marketplace.present.product import (
    DeliveryOption,
    HistogramBar,
    ImageView,
    ReviewItem,
    VariantView,
    VendorView,
    histogram_bars,
    image_views,
    market_section,
    review_views,
    variant_views,
    vendor_view,
)
from marketplace.state.auth import SESSION_COOKIE, cookie_value
from marketplace.state.cart import CART_COOKIE, CartState
from marketplace.state.loading import market, run_service
from marketplace.state.viewed import ViewedState

log = logging.getLogger(__name__)


def _read(session, slug: str, lang: str):  # noqa: ANN001, ANN202
    detail = queries.product_detail(session, slug, lang)
    return (detail, reviews.review_summary(session, detail.id), reviews.product_reviews(session, detail.id),
            reviews.vendor_rating(session, detail.vendor_id))


def _facts(detail: ProductDetail) -> list[tuple[UnitFacts, tuple[int, int, int]]]:
    return [(UnitFacts(variant_id=v.id, price=v.price, hs_code=v.hs_code, origin_country=v.origin_country,
                       weight_g=v.weight_g, vendor_country=detail.vendor_country,
                       description=detail.name_en or detail.name),
             v.dimensions_mm) for v in detail.variants]


class ProductState(rx.State):
    page_title: str = "Meridian"
    name: str = ""
    description: str = ""
    description_html: str = ""  # the seller's Markdown, sanitised (catalog/description.py)
    category_name: str = ""
    category_href: str = ""
    vendor: VendorView = VendorView()
    rating: str = ""
    reviews: str = ""
    images: list[ImageView] = []
    variants: list[VariantView] = []
    option_names: str = ""
    selected: int = 0
    quantity: int = 1
    error: str = ""
    loaded: bool = False
    ship_to_name: str = ""
    delivery: list[DeliveryOption] = []
    receipt: list[Row] = []
    receipt_total: str = ""
    collected: str = ""
    collected_text: str = ""
    receipt_problem: str = ""
    histogram: list[HistogramBar] = []
    review_items: list[ReviewItem] = []
    review_page: int = 1
    reviews_more: bool = False
    share_path: str = ""
    together: list[CardView] = []
    similar: list[CardView] = []
    viewed: list[CardView] = []
    recs_loaded: bool = False
    _product_id: int = 0
    _facts: list = []
    _viewed_before: list[int] = []

    @rx.event
    async def load(self):
        self.loaded, self.recs_loaded = False, False
        lang, currency, ship_to = await market(self)
        locale = format_locale(lang)
        slug = unquote(self.router.url.path.removeprefix("/p/").strip("/"))
        try:
            detail, summary, first_page, seller = await run_service(_read, slug, lang)
        except DomainError as exc:
            self.error, self.name = problem_text(lang, exc), ""
            self._product_id = 0
            self.loaded = True
            return None
        self.error = ""
        self._product_id = detail.id
        self.name, self.description = detail.name, detail.description
        self.description_html = render_html(detail.description)
        self.category_name, self.category_href = detail.category.name, routes.category(detail.category.slug)
        self.rating = rating_text(summary.average_x10 or detail.rating_x10)
        self.reviews = formatting.format_number(summary.count or detail.review_count, locale)
        self.vendor = vendor_view(detail, seller, lang)
        self.images = image_views(detail)
        facts = _facts(detail)
        texts = await asyncio.to_thread(lambda: [display_texts(f, v.compare_at, currency, lang, ship_to)
                                                 for (f, _), v in zip(facts, detail.variants, strict=True)])
        self.variants = variant_views(detail, texts, lang)
        self._facts = facts
        self.option_names = detail.variants[0].option_names if detail.variants else ""
        self.selected = default_variant([v.stock for v in detail.variants])
        self.quantity = 1
        self.ship_to_name = f"{formatting.flag_emoji(ship_to)} {formatting.country_name(ship_to, locale)}"
        await self._load_market_section(currency, ship_to, lang)
        self.histogram = histogram_bars(summary.histogram, lang)
        self.review_items = review_views(first_page.items, lang)
        self.review_page, self.reviews_more = 1, first_page.has_more
        self.share_path = routes.share_product(detail.slug)
        viewed = await self.get_state(ViewedState)
        self._viewed_before = viewed._remember(detail.id)
        self.page_title = f"{detail.name} · Meridian"  # the tab's title (the page registers this var)
        self.loaded = True
        await self._record_view(detail.id)
        return ProductState.load_recommendations

    def _session_key(self) -> str:
        """This browsing session's key for the view count (hashed by ``catalog.events``, never stored as is)."""
        cookies = self.router.headers.cookie
        return (cookie_value(cookies, SESSION_COOKIE) or cookie_value(cookies, CART_COOKIE)
                or self.router.session.client_token)

    async def _record_view(self, product_id: int) -> None:
        """One product-view event for the seller's figures; a failure is logged and never breaks the page."""
        try:
            await run_service(events.record, product_id, events.EventKind.VIEW, self._session_key())
        except Exception:  # noqa: BLE001 - the page matters more than the count
            log.warning("product view not recorded", exc_info=True)

    async def _load_market_section(self, currency: str, ship_to: str, lang: str) -> None:
        if not self._facts:
            self.delivery, self.receipt, self.receipt_total = [], [], ""
            self.collected = self.collected_text = self.receipt_problem = ""
            return
        facts, dims = self._facts[min(self.selected, len(self._facts) - 1)]
        section = await asyncio.to_thread(market_section, facts, dims, currency, ship_to, lang)
        self.delivery, self.receipt = section.delivery, section.receipt
        self.receipt_total, self.collected = section.receipt_total, section.collected
        self.collected_text, self.receipt_problem = section.collected_text, section.receipt_problem

    @rx.event(background=True)
    async def load_recommendations(self):
        async with self:
            product_id, before = self._product_id, list(self._viewed_before)
            lang, currency, ship_to = await market(self)
        if not product_id:
            return

        def read(session):  # noqa: ANN001, ANN202
            return (recommendations.often_bought_together(session, product_id, lang),
                    recommendations.similar_items(session, product_id, lang),
                    recommendations.recently_viewed(session, before, lang, exclude=product_id, limit=8))

        together, similar, viewed = await run_service(read)
        together_cards = await cards(together, currency, lang, ship_to)
        similar_cards = await cards(similar, currency, lang, ship_to)
        viewed_cards = await cards(viewed, currency, lang, ship_to)
        async with self:
            if self._product_id != product_id:  # the shopper moved on to another product meanwhile
                return
            self.together, self.similar, self.viewed = together_cards, similar_cards, viewed_cards
            self.recs_loaded = True

    @rx.event
    async def more_reviews(self):
        if not self._product_id or not self.reviews_more or self.review_page >= 200:
            return
        lang, _, _ = await market(self)
        try:
            page = await run_service(reviews.product_reviews, self._product_id, self.review_page + 1)
        except DomainError:
            return
        self.review_items = [*self.review_items, *review_views(page.items, lang)]
        self.review_page, self.reviews_more = page.page, page.has_more

    @rx.event
    async def select_variant(self, index: int):
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(self.variants):
            self.selected = index
            self.quantity = 1
            lang, currency, ship_to = await market(self)
            await self._load_market_section(currency, ship_to, lang)

    @rx.event
    def set_quantity(self, value: str):
        if isinstance(value, str) and is_digits(value) and 1 <= int(value) <= 99:
            self.quantity = int(value)

    @rx.var
    def current(self) -> VariantView:
        if not self.variants:
            return VariantView()
        return self.variants[min(self.selected, len(self.variants) - 1)]

    @rx.var
    def quantity_options(self) -> list[str]:
        return [str(n) for n in quantity_choices(self.current.stock)]

    @rx.var
    def can_buy(self) -> bool:
        return self.current.in_stock and self.current.restriction == ""

    @rx.event
    def add(self):
        """Adds the selected variant; the cart re-checks listing and stock on the server."""
        if not self.variants or not self.can_buy:
            return None
        return CartState.add_to_cart(int(self.current.id), self.quantity)

    @rx.event
    async def share(self):
        """Web Share API on touch devices, else copy the share link; the result comes back to ``shared``."""
        if not self.share_path:
            return None
        url, title = json.dumps(self.share_path), json.dumps(self.name)
        script = (
            "(async () => { const url = window.location.origin + " + url + "; "
            "if (navigator.share && window.matchMedia('(pointer: coarse)').matches) { "
            "try { await navigator.share({title: " + title + ", url}); return 'shared'; } "
            "catch (e) { return e && e.name === 'AbortError' ? 'cancelled' : 'copy'; } } return 'copy'; })()"
            ".then(async (r) => { if (r !== 'copy') return r; "
            "try { await navigator.clipboard.writeText(window.location.origin + " + url + "); return 'copied'; } "
            "catch (e) { const t = document.createElement('textarea'); t.value = window.location.origin + " + url
            + "; document.body.appendChild(t); t.select(); const ok = document.execCommand('copy'); t.remove(); "
            "return ok ? 'copied' : 'failed'; } })"
        )
        return rx.call_script(script, callback=ProductState.shared)

    @rx.event
    async def shared(self, result: str):
        lang, _, _ = await market(self)
        if result == "copied":
            return rx.toast.success(translate(lang, "Link copied"), position="top-center")
        if result == "failed":
            return rx.toast.error(translate(lang, "We couldn't copy the link. Copy it from the address bar."),
                                  position="top-center")
        return None

"""State of the product page: the product first, then its recommendations in a second, background event.

Contract:
- ``load`` (on_load, and again after a market change) reads the product, its approved-review summary and first
  page, and the seller's rating in one worker-thread unit of work; then, in another thread (pure, cached), the
  market texts of every variant (``catalog.display``: price for the shopper's market, its note, a restriction)
  and the delivery options and one-unit landed-cost receipt of the selected variant (``catalog.landed``).
  It remembers the product in the browser's recently-viewed list and chains ``load_recommendations``.
- ``load_recommendations`` runs in the background (the page is already interactive): often bought together,
  similar items, recently viewed (ids validated server-side), with skeletons until it lands.
- Every handler validates its arguments; ids and prices are re-read on the server, never taken from the client.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import unquote

import reflex as rx

from marketplace import routes
from marketplace.catalog import landed, queries, recommendations, reviews
from marketplace.catalog.display import UnitFacts
from marketplace.catalog.views import ProductDetail
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.core.text import is_digits
from marketplace.present.problems import problem_text
from marketplace.state.cart import CartState
from marketplace.state.landed import explain_text
from marketplace.state.loading import market, run_service
from marketplace.state.present import (
    cards,
    display_texts,
    format_hs,
    image_url,
    rating_text,
)
from marketplace.state.viewed import ViewedState

EMPTY_VARIANT = {"id": "0", "label": "", "price": "", "compare_at": "", "in_stock": "", "low_stock": "",
                 "stock": "0", "weight": "", "dimensions": "", "hs_code": "", "origin": "", "sku": "", "note": "",
                 "note_kind": "", "restricted": ""}


def _read(session, slug: str, lang: str):  # noqa: ANN001, ANN202
    detail = queries.product_detail(session, slug, lang)
    return (detail, reviews.review_summary(session, detail.id), reviews.product_reviews(session, detail.id),
            reviews.vendor_rating(session, detail.vendor_id))


def _facts(detail: ProductDetail) -> list[tuple[UnitFacts, tuple[int, int, int]]]:
    return [(UnitFacts(variant_id=v.id, price=v.price, hs_code=v.hs_code, origin_country=v.origin_country,
                       weight_g=v.weight_g, vendor_country=detail.vendor_country,
                       description=detail.name_en or detail.name),
             v.dimensions_mm) for v in detail.variants]


def _market_section(facts: UnitFacts, dims: tuple[int, int, int], currency: str, ship_to: str,
                    lang: str) -> dict:
    """Delivery options and the landed-cost receipt of one unit, as texts."""
    locale = format_locale(lang)
    money = lambda m: formatting.format_money(m, locale)  # noqa: E731
    delivery = landed.delivery_options(facts, dims, currency, ship_to)

    def option(kind: str, o) -> dict[str, str]:  # noqa: ANN001
        return {"kind": translate(lang, kind), "name": translate(lang, o.name), "price": money(o.price),
                "days": translate(lang, "%(low)s–%(high)s days", low=o.min_days, high=o.max_days)
                if o.min_days != o.max_days else translate(lang, "%(days)s days", days=o.max_days)}

    rows = []
    if delivery.cheapest is not None:
        rows.append(option(N_("Cheapest"), delivery.cheapest))
        if delivery.fastest is not None and delivery.fastest.service != delivery.cheapest.service:
            rows.append(option(N_("Fastest"), delivery.fastest))
    receipt = landed.unit_receipt(facts, dims, currency, ship_to)
    lines = [{"key": line.key,
              "label": translate(lang, line.label, **{k: translate(lang, v) for k, v in line.label_params}),
              "amount": money(line.amount), "explain": explain_text(lang, line.explanation)} for line in receipt.lines]
    return {
        "delivery": rows,
        "receipt": lines,
        "receipt_total": money(receipt.total) if receipt.total is not None else "",
        "collected": receipt.collected,
        "collected_text": explain_text(lang, receipt.collected_text),
        "receipt_problem": translate(lang, receipt.problem) if receipt.problem else "",
    }


class ProductState(rx.State):
    page_title: str = "Meridian"
    name: str = ""
    description: str = ""
    category_name: str = ""
    category_href: str = ""
    vendor: dict[str, str] = {}
    rating: str = ""
    reviews: str = ""
    images: list[dict[str, str]] = []
    variants: list[dict[str, str]] = []
    option_names: str = ""
    selected: int = 0
    quantity: int = 1
    error: str = ""
    loaded: bool = False
    ship_to_name: str = ""
    delivery: list[dict[str, str]] = []
    receipt: list[dict[str, str]] = []
    receipt_total: str = ""
    collected: str = ""
    collected_text: str = ""
    receipt_problem: str = ""
    histogram: list[dict[str, str]] = []
    review_items: list[dict[str, str]] = []
    review_page: int = 1
    reviews_more: bool = False
    share_path: str = ""
    together: list[dict[str, str]] = []
    similar: list[dict[str, str]] = []
    viewed: list[dict[str, str]] = []
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
        self.category_name, self.category_href = detail.category.name, routes.category(detail.category.slug)
        self.rating = rating_text(summary.average_x10 or detail.rating_x10)
        self.reviews = formatting.format_number(summary.count or detail.review_count, locale)
        self.vendor = {
            "name": detail.vendor_name,
            "place": f"{formatting.flag_emoji(detail.vendor_country)} {detail.vendor_city}, "
                     f"{formatting.country_name(detail.vendor_country, locale)}",
            "response": str(detail.vendor_response_hours),
            "initial": detail.vendor_name[:1],
            "rating": rating_text(seller[0]),
            "rating_count": formatting.format_number(seller[1], locale),
        }
        self.images = [{"thumb": image_url(th), "full": image_url(full), "alt": alt}
                       for th, full, alt in detail.images]
        facts = _facts(detail)
        texts = await asyncio.to_thread(lambda: [display_texts(f, v.compare_at, currency, lang, ship_to)
                                                 for (f, _), v in zip(facts, detail.variants, strict=True)])
        self.variants = [{
            "id": str(v.id), "label": v.label or detail.name, "sku": v.sku,
            "stock": str(v.stock), "in_stock": "1" if v.stock > 0 else "",
            "low_stock": "1" if 0 < v.stock <= 5 else "",
            "weight": formatting.format_weight_g(v.weight_g, locale),
            "dimensions": " × ".join(str(d // 10 if d >= 10 else d) for d in v.dimensions_mm) + " cm",
            "hs_code": format_hs(v.hs_code),
            "origin": f"{formatting.flag_emoji(v.origin_country)} {formatting.country_name(v.origin_country, locale)}",
            **text,
        } for v, text in zip(detail.variants, texts, strict=True)]
        self._facts = facts
        self.option_names = detail.variants[0].option_names if detail.variants else ""
        in_stock = [i for i, v in enumerate(detail.variants) if v.stock > 0]
        self.selected = in_stock[0] if in_stock else 0
        self.quantity = 1
        self.ship_to_name = f"{formatting.flag_emoji(ship_to)} {formatting.country_name(ship_to, locale)}"
        await self._load_market_section(currency, ship_to, lang)
        total = sum(n for _, n in summary.histogram)
        self.histogram = [{"stars": str(stars), "count": formatting.format_number(n, locale),
                           "percent": f"{round(100 * n / total) if total else 0}%",
                           "label": translate(lang, "%(stars)s stars: %(count)s reviews", stars=stars, count=n)}
                          for stars, n in summary.histogram]
        self.review_items = self._review_rows(first_page.items, lang)
        self.review_page, self.reviews_more = 1, first_page.has_more
        self.share_path = routes.share_product(detail.slug)
        viewed = await self.get_state(ViewedState)
        self._viewed_before = viewed._remember(detail.id)
        self.page_title = f"{detail.name} · Meridian"  # the tab's title (the page registers this var)
        self.loaded = True
        return ProductState.load_recommendations

    async def _load_market_section(self, currency: str, ship_to: str, lang: str) -> None:
        if not self._facts:
            self.delivery, self.receipt, self.receipt_total = [], [], ""
            self.collected = self.collected_text = self.receipt_problem = ""
            return
        facts, dims = self._facts[min(self.selected, len(self._facts) - 1)]
        section = await asyncio.to_thread(_market_section, facts, dims, currency, ship_to, lang)
        self.delivery, self.receipt = section["delivery"], section["receipt"]
        self.receipt_total, self.collected = section["receipt_total"], section["collected"]
        self.collected_text, self.receipt_problem = section["collected_text"], section["receipt_problem"]

    @staticmethod
    def _review_rows(items, lang: str) -> list[dict[str, str]]:  # noqa: ANN001
        locale = format_locale(lang)
        return [{"id": str(r.id), "rating": str(r.rating), "stars": "★" * r.rating + "☆" * (5 - r.rating),
                 "stars_label": translate(lang, "%(stars)s out of 5 stars", stars=r.rating),
                 "title": r.title, "body": r.body, "author": r.author or translate(lang, "A shopper"),
                 "date": formatting.format_date(r.created_at, locale), "verified": "1" if r.verified else ""}
                for r in items]

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
        self.review_items = [*self.review_items, *self._review_rows(page.items, lang)]
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
    def current(self) -> dict[str, str]:
        if not self.variants:
            return dict(EMPTY_VARIANT)
        return self.variants[min(self.selected, len(self.variants) - 1)]

    @rx.var
    def quantity_options(self) -> list[str]:
        stock = int(self.current.get("stock", "0") or 0)
        return [str(n) for n in range(1, max(1, min(stock, 10)) + 1)]

    @rx.var
    def can_buy(self) -> bool:
        return self.current.get("in_stock", "") != "" and self.current.get("restricted", "") == ""

    @rx.event
    def add(self):
        """Adds the selected variant; the cart re-checks listing and stock on the server."""
        if not self.variants or not self.can_buy:
            return None
        return CartState.add_to_cart(int(self.current["id"]), self.quantity)

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

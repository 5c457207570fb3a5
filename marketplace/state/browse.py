"""What the search page and category pages share: URL query string -> ``catalog.search`` -> small vars.

Contract:
    * The URL is the state. ``_browse`` reads the query string (``catalog.search.parse_params``, lenient),
      runs the search and turns the result into already-formatted, already-translated vars: product cards,
      facet options each with the link that toggles it, removable chips, sort, pagination links. Every link
      is built by the page's ``_href`` from validated params, so sharing a URL or pressing back restores the
      same results.
    * The two event handlers a client can call with anything, ``choose_sort`` and ``apply_price``, validate
      their argument, read the rest of the state from the current URL (validated again), and redirect to the
      new URL; they change nothing else. Bad values are ignored (sort) or answered with a message (price).
    * Prices in facet labels and chips are in the shopper's display currency, formatted by Babel.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import reflex as rx

from marketplace.catalog.search import SORTS, SearchParams, SearchResult, parse_params
from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.core.money import Money, exponent
from marketplace.core.text import is_digits
from marketplace.present.cards import CardView
from marketplace.state.loading import market

MAX_PRICE_UNITS = 10**9 - 1
SORT_LABELS = {
    "relevance": N_("Best match"),
    "price_asc": N_("Price: low to high"),
    "price_desc": N_("Price: high to low"),
    "newest": N_("Newest"),
    "rating": N_("Best rated"),
}


def money_label(units: int, currency: str, locale: str) -> str:
    """Whole units of ``currency`` formatted for ``locale`` by Babel: 25 EUR -> "25,00 €" (de)."""
    return formatting.format_money(Money(int(Decimal(units).scaleb(exponent(currency))), currency), locale)


def price_label(low: int | None, high: int | None, currency: str, lang: str) -> str:
    locale = format_locale(lang)
    if low is None and high is not None:
        return translate(lang, "Under %(price)s", price=money_label(high, currency, locale))
    if high is None and low is not None:
        return translate(lang, "%(price)s and above", price=money_label(low, currency, locale))
    return translate(lang, "%(low)s to %(high)s", low=money_label(low or 0, currency, locale),
                     high=money_label(high or 0, currency, locale))


def _toggle(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    return tuple(v for v in values if v != value) if value in values else (*values, value)


@dataclass(frozen=True)
class FacetOption:
    """One facet value: its label, formatted count, the link that toggles it, whether it is selected."""

    label: str = ""
    count: str = ""
    href: str = ""
    selected: bool = False
    key: str = ""


@dataclass(frozen=True)
class Chip:
    """A removable filter: its label, the link without it, the remove button's accessible name."""

    label: str = ""
    href: str = ""
    remove: str = ""


@dataclass(frozen=True)
class PageLink:
    label: str = ""
    href: str = ""
    current: bool = False


def _option(label: str, count: int, href: str, selected: bool, key: str, locale: str) -> FacetOption:
    return FacetOption(label=label, count=formatting.format_number(count, locale), href=href, selected=selected,
                       key=key)


class BrowseState(rx.State, mixin=True):
    """Vars and handlers of a product listing driven by the URL (mixed into the search and category pages)."""

    items: list[CardView] = []
    loaded: bool = False
    total: int = 0
    total_text: str = ""
    page: int = 1
    pages: int = 1
    sort: str = "relevance"
    category_options: list[FacetOption] = []
    price_options: list[FacetOption] = []
    seller_options: list[FacetOption] = []
    country_options: list[FacetOption] = []
    rating_options: list[FacetOption] = []
    availability_options: list[FacetOption] = []
    chips: list[Chip] = []
    clear_href: str = ""
    prev_href: str = ""
    next_href: str = ""
    page_links: list[PageLink] = []
    price_currency: str = ""
    price_error: str = ""

    def _href(self, params: SearchParams) -> str:
        raise NotImplementedError

    def _base_params(self) -> SearchParams:
        return parse_params(self.router.url.query_parameters)

    def _show(self, result: SearchResult, lang: str, items: list[CardView]) -> None:  # noqa: PLR0915
        """Set every var from ``result``; ``items`` are its cards, already formatted (``present.cards``)."""
        p, currency, locale = result.params, result.currency, format_locale(lang)
        f = result.facets
        first = replace(p, page=1)
        self.items = items
        self.total, self.page, self.pages, self.sort = result.total, p.page, result.pages, p.sort
        self.total_text = translate(lang, "1 product") if result.total == 1 else translate(
            lang, "%(count)s products", count=formatting.format_number(result.total, locale))
        self.price_currency = currency
        self.category_options = [
            _option(v.label, v.count, self._href(replace(first, category=v.value)), False, v.value, locale)
            for v in f.categories]
        self.price_options = [
            _option(price_label(b.low, b.high, currency, lang), b.count,
                    self._href(replace(first, price_min=None, price_max=None) if selected else
                               replace(first, price_min=b.low, price_max=b.high)), selected,
                    f"{b.low or ''}-{b.high or ''}", locale)
            for b in f.prices for selected in [(p.price_min, p.price_max) == (b.low, b.high)]]
        self.seller_options = [
            _option(v.label, v.count, self._href(replace(first, sellers=_toggle(p.sellers, v.value))),
                    v.value in p.sellers, v.value, locale) for v in f.sellers]
        self.country_options = [
            _option(f"{formatting.flag_emoji(v.value)} {formatting.country_name(v.value, locale)}", v.count,
                    self._href(replace(first, countries=_toggle(p.countries, v.value))), v.value in p.countries,
                    v.value, locale) for v in f.countries]
        self.rating_options = [
            _option(translate(lang, "%(stars)s stars and up", stars=v.value), v.count,
                    self._href(replace(first, min_rating=None if p.min_rating == int(v.value) else int(v.value))),
                    p.min_rating == int(v.value), v.value, locale) for v in f.ratings]
        ship_name = formatting.country_name(result.ship_to, locale)
        self.availability_options = [
            _option(translate(lang, "In stock"), f.in_stock, self._href(replace(first, in_stock=not p.in_stock)),
                    p.in_stock, "stock", locale),
            _option(translate(lang, "Ships to %(country)s", country=ship_name), f.ships_to,
                    self._href(replace(first, ships_to=not p.ships_to)), p.ships_to, "ships", locale),
        ]
        self.chips = self._chips(result, lang, first, ship_name)
        self.clear_href = self._href(SearchParams(query=p.query, category=p.category, sort=p.sort))
        self.prev_href = self._href(replace(p, page=p.page - 1)) if p.page > 1 else ""
        self.next_href = self._href(replace(p, page=p.page + 1)) if p.page < result.pages else ""
        low, high = max(1, p.page - 2), min(result.pages, p.page + 2)
        self.page_links = [PageLink(label=formatting.format_number(n, locale), href=self._href(replace(p, page=n)),
                                    current=n == p.page) for n in range(low, high + 1)]

    def _chips(self, result: SearchResult, lang: str, first: SearchParams, ship_name: str) -> list[Chip]:
        p, locale = first, format_locale(lang)
        chips: list[tuple[str, SearchParams]] = []
        if p.category and result.category and self._category_chip():
            chips.append((result.category.name, replace(p, category="")))
        for slug in p.sellers:
            chips.append((result.sellers.get(slug, slug), replace(p, sellers=_toggle(p.sellers, slug))))
        for code in p.countries:
            chips.append((translate(lang, "From %(country)s", country=formatting.country_name(code, locale)),
                          replace(p, countries=_toggle(p.countries, code))))
        if p.price_min is not None or p.price_max is not None:
            chips.append((price_label(p.price_min, p.price_max, result.currency, lang),
                          replace(p, price_min=None, price_max=None)))
        if p.min_rating:
            chips.append((translate(lang, "%(stars)s stars and up", stars=p.min_rating), replace(p, min_rating=None)))
        if p.in_stock:
            chips.append((translate(lang, "In stock"), replace(p, in_stock=False)))
        if p.ships_to:
            chips.append((translate(lang, "Ships to %(country)s", country=ship_name), replace(p, ships_to=False)))
        return [Chip(label=label, href=self._href(params),
                     remove=translate(lang, "Remove filter: %(filter)s", filter=label)) for label, params in chips]

    def _category_chip(self) -> bool:
        """Whether the selected category is a removable filter (on the search page) or the page itself."""
        return True

    @rx.var
    def filter_count(self) -> int:
        return len(self.chips)

    @rx.event
    async def choose_sort(self, value: str):
        if not isinstance(value, str) or value not in SORTS:
            return None
        return rx.redirect(self._href(replace(self._base_params(), sort=value, page=1)))

    @rx.event
    async def apply_price(self, form_data: dict):
        lang, _, _ = await market(self)
        bounds = []
        for key in ("min", "max"):
            raw = form_data.get(key, "") if isinstance(form_data, dict) else None
            raw = raw.strip() if isinstance(raw, str) else None
            if raw is None or (raw and (not is_digits(raw) or len(raw) > 9)):
                self.price_error = translate(lang, "Enter whole numbers, like 20 and 50.")
                return None
            bounds.append(int(raw) if raw else None)
        low, high = bounds
        if low == 0:
            low = None
        if low is not None and high is not None and high <= low:
            self.price_error = translate(lang, "The highest price must be more than the lowest.")
            return None
        self.price_error = ""
        return rx.redirect(self._href(replace(self._base_params(), price_min=low, price_max=high, page=1)))


"""Turning service read models into the small, already-formatted views pages render (frozen dataclasses).

Money reaches the browser only as text formatted by Babel in the shopper's locale, after conversion to the
shopper's currency (``catalog.pricing.localise``). Image paths become upload URLs.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from urllib.parse import quote

from marketplace.catalog.display import UnitDisplay, UnitFacts, unit_display
from marketplace.catalog.pricing import localise
from marketplace.catalog.views import ProductCard
from marketplace.core import formatting
from marketplace.core.i18n import format_locale, translate
from marketplace.core.money import Money


def image_url(path: str | None) -> str:
    """URL of a file in the upload directory (served at /media by the backend)."""
    return f"/media/{quote(path)}" if path else "/placeholder-product.svg"


def price_text(price: Money, currency: str, lang: str) -> str:
    return formatting.format_money(localise(price, currency), format_locale(lang))


def format_hs(code: str) -> str:
    """HS code as customs forms print it: "691200" -> "6912.00", "6912001000" -> "6912.00.1000"."""
    return f"{code[:4]}.{code[4:6]}" + (f".{code[6:]}" if len(code) > 6 else "")


def rating_text(rating_x10: int) -> str:
    return f"{rating_x10 // 10}.{rating_x10 % 10}" if rating_x10 else ""


def display_note(display: UnitDisplay, lang: str, ship_to: str) -> str:
    """The display's label in ``lang``: "Duties & taxes included", "+ about $5.73 import charges", ..."""
    if not display.label:
        return ""
    locale = format_locale(lang)
    return translate(lang, display.label, amount=formatting.format_money(display.charges, locale),
                     country=formatting.country_name(ship_to, locale))


def restriction_text(display: UnitDisplay, lang: str) -> str:
    """Why the item cannot go to the market, in ``lang`` when the catalogue has the rule's sentence."""
    return translate(lang, display.reason) if display.reason else ""


def card_facts(item: ProductCard) -> UnitFacts | None:
    if not item.variant_id or not item.hs_code:
        return None
    return UnitFacts(variant_id=item.variant_id, price=item.price, hs_code=item.hs_code,
                     origin_country=item.origin_country or item.vendor_country, weight_g=item.weight_g or 1,
                     vendor_country=item.vendor_country, description=item.name_en or item.name)


@dataclass(frozen=True)
class PriceTexts:
    """The market's headline price of one unit as texts (see :func:`display_texts`)."""

    price: str = ""
    compare_at: str = ""
    note: str = ""
    note_kind: str = ""  # the display mode: "included", "estimate", "restricted", ... ("" without a market)
    restriction: str = ""  # why the item cannot ship to the market ("" unless restricted)


@dataclass(frozen=True)
class CardView:
    """A product card for grids, every text already formatted in the shopper's language and currency."""

    slug: str = ""
    href: str = ""
    name: str = ""
    price: str = ""
    compare_at: str = ""
    note: str = ""
    note_kind: str = ""
    restricted: bool = False  # the destination prohibits the goods
    restriction: str = ""  # the rule's sentence, when the catalogue has one
    rating: str = ""
    reviews: str = ""
    vendor: str = ""
    origin: str = ""
    image: str = ""
    sold_out: bool = False


def _card_prices(item: ProductCard, currency: str, lang: str, ship_to: str | None) -> PriceTexts:
    """Price, compare-at and note of a card: per-unit market display when ``ship_to`` and the facts are known."""
    facts = card_facts(item) if ship_to else None
    if facts is None:
        return PriceTexts(price=price_text(item.price, currency, lang),
                          compare_at=price_text(item.compare_at, currency, lang) if item.compare_at else "")
    return display_texts(facts, item.compare_at, currency, lang, ship_to)


def display_texts(facts: UnitFacts, compare_at: Money | None, currency: str, lang: str,
                  ship_to: str) -> PriceTexts:
    """The market's headline price of one unit (``catalog.display``) as texts: price, compare-at (by the same
    policy, so "was" and "now" compare like with like), note, note kind (the display mode) and the
    restriction sentence (empty unless restricted). Serves product cards and the product page."""
    locale = format_locale(lang)
    display = unit_display(facts, currency, ship_to)
    compare = ""
    if compare_at and compare_at.currency == facts.price.currency:
        compare = formatting.format_money(unit_display(replace(facts, price=compare_at), currency, ship_to).shown,
                                          locale)
    elif compare_at:
        compare = price_text(compare_at, currency, lang)
    return PriceTexts(price=formatting.format_money(display.shown, locale), compare_at=compare,
                      note=display_note(display, lang, ship_to), note_kind=display.mode,
                      restriction=restriction_text(display, lang) if display.restricted else "")


def card(item: ProductCard, currency: str, lang: str, ship_to: str | None = None) -> CardView:
    """A card's texts. With ``ship_to`` the price follows the market's display policy (catalog.display):
    duties and taxes included in DDP markets, an import-charge estimate elsewhere, a restriction flag."""
    locale = format_locale(lang)
    prices = _card_prices(item, currency, lang, ship_to)
    return CardView(
        slug=item.slug,
        href=f"/p/{item.slug}",
        name=item.name,
        price=prices.price,
        compare_at=prices.compare_at,
        note=prices.note,
        note_kind=prices.note_kind,
        restricted=bool(prices.restriction) or prices.note_kind == "restricted",
        restriction=prices.restriction,
        rating=rating_text(item.rating_x10),
        reviews=formatting.format_number(item.review_count, locale) if item.review_count else "",
        vendor=item.vendor_name,
        origin=f"{formatting.flag_emoji(item.vendor_country)} {formatting.country_name(item.vendor_country, locale)}",
        image=image_url(item.image_path),
        sold_out=not item.in_stock,
    )


async def cards(items, currency: str, lang: str, ship_to: str | None = None) -> list[CardView]:  # noqa: ANN001
    """:func:`card` for a list, in a worker thread: a grid's first display quotes take a millisecond each."""
    return await asyncio.to_thread(lambda: [card(item, currency, lang, ship_to=ship_to) for item in items])

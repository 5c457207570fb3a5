"""Turning service read models into the small, already-formatted dicts pages render.

Money reaches the browser only as text formatted by Babel in the shopper's locale, after conversion to the
shopper's currency (``catalog.pricing.localise``). Image paths become upload URLs.
"""

from __future__ import annotations

from urllib.parse import quote

from marketplace.catalog.pricing import localise
from marketplace.catalog.views import ProductCard
from marketplace.core import formatting
from marketplace.core.i18n import format_locale
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


def card(item: ProductCard, currency: str, lang: str) -> dict[str, str]:
    locale = format_locale(lang)
    return {
        "slug": item.slug,
        "href": f"/p/{item.slug}",
        "name": item.name,
        "price": price_text(item.price, currency, lang),
        "compare_at": price_text(item.compare_at, currency, lang) if item.compare_at else "",
        "rating": rating_text(item.rating_x10),
        "reviews": formatting.format_number(item.review_count, locale) if item.review_count else "",
        "vendor": item.vendor_name,
        "origin": f"{formatting.flag_emoji(item.vendor_country)} {formatting.country_name(item.vendor_country, locale)}",
        "image": image_url(item.image_path),
        "sold_out": "" if item.in_stock else "1",
    }

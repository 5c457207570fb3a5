"""The product page's views: a product's variants, seller, images, delivery options, one-unit receipt and
reviews as small frozen dataclasses of already-formatted, already-translated text (and real flags).

Contract:
- ``variant_views(detail, texts, lang)``: one :class:`VariantView` per variant, its market texts (``texts``,
  from ``present.cards.display_texts``, in the variants' order) merged in; stock flags follow
  ``catalog.product_rules``.
- ``market_section(facts, dims, currency, ship_to, lang)``: the delivery options and the one-unit landed-cost
  receipt of one variant (``catalog.landed``); receipt lines are ``present.landed.Row`` like the cart's.
- ``vendor_view``, ``image_views``, ``histogram_bars``, ``review_views``: the other sections' texts.
Pure (no Reflex, no database): the page's state calls these in a worker thread or directly and holds the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marketplace.catalog import landed
from marketplace.catalog.display import UnitFacts
from marketplace.catalog.product_rules import is_low_stock
from marketplace.catalog.reviews import ReviewView as Review
from marketplace.catalog.views import ProductDetail
from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.present.cards import PriceTexts, format_hs, image_url, rating_text
from marketplace.present.landed import Row, explain_text


@dataclass(frozen=True)
class VariantView:
    id: str = "0"
    label: str = ""
    sku: str = ""
    stock: int = 0
    in_stock: bool = False
    low_stock: bool = False  # "Only a few left"
    weight: str = ""
    dimensions: str = ""
    hs_code: str = ""
    origin: str = ""
    price: str = ""
    compare_at: str = ""
    note: str = ""
    note_kind: str = ""
    restriction: str = ""  # why it cannot ship to the shopper's market ("" when it can)


@dataclass(frozen=True)
class VendorView:
    name: str = ""
    place: str = ""
    response: str = ""  # usual reply time in hours
    initial: str = ""
    rating: str = ""
    rating_count: str = ""


@dataclass(frozen=True)
class ImageView:
    thumb: str = ""
    full: str = ""
    alt: str = ""


@dataclass(frozen=True)
class DeliveryOption:
    kind: str = ""  # "Cheapest" or "Fastest"
    name: str = ""
    price: str = ""
    days: str = ""


@dataclass(frozen=True)
class HistogramBar:
    stars: str = ""
    count: str = ""
    percent: str = ""
    label: str = ""


@dataclass(frozen=True)
class ReviewItem:
    id: str = ""
    rating: str = ""
    stars: str = ""
    stars_label: str = ""
    title: str = ""
    body: str = ""
    author: str = ""
    date: str = ""
    verified: bool = False  # written for a purchased order line


@dataclass(frozen=True)
class MarketSection:
    delivery: list[DeliveryOption] = field(default_factory=list)
    receipt: list[Row] = field(default_factory=list)
    receipt_total: str = ""
    collected: str = ""  # "checkout" or "delivery"
    collected_text: str = ""
    receipt_problem: str = ""


def variant_views(detail: ProductDetail, texts: list[PriceTexts], lang: str) -> list[VariantView]:
    locale = format_locale(lang)
    return [VariantView(
        id=str(v.id), label=v.label or detail.name, sku=v.sku,
        stock=v.stock, in_stock=v.stock > 0, low_stock=is_low_stock(v.stock),
        weight=formatting.format_weight_g(v.weight_g, locale),
        dimensions=" × ".join(str(d // 10 if d >= 10 else d) for d in v.dimensions_mm) + " cm",
        hs_code=format_hs(v.hs_code),
        origin=f"{formatting.flag_emoji(v.origin_country)} {formatting.country_name(v.origin_country, locale)}",
        price=text.price, compare_at=text.compare_at, note=text.note, note_kind=text.note_kind,
        restriction=text.restriction,
    ) for v, text in zip(detail.variants, texts, strict=True)]


def vendor_view(detail: ProductDetail, seller: tuple[int, int], lang: str) -> VendorView:
    """The seller card; ``seller`` is ``catalog.reviews.vendor_rating``'s (average x10, count)."""
    locale = format_locale(lang)
    return VendorView(
        name=detail.vendor_name,
        place=f"{formatting.flag_emoji(detail.vendor_country)} {detail.vendor_city}, "
              f"{formatting.country_name(detail.vendor_country, locale)}",
        response=str(detail.vendor_response_hours),
        initial=detail.vendor_name[:1],
        rating=rating_text(seller[0]),
        rating_count=formatting.format_number(seller[1], locale),
    )


def image_views(detail: ProductDetail) -> list[ImageView]:
    return [ImageView(thumb=image_url(th), full=image_url(full), alt=alt) for th, full, alt in detail.images]


def histogram_bars(histogram: tuple[tuple[int, int], ...], lang: str) -> list[HistogramBar]:
    locale = format_locale(lang)
    total = sum(n for _, n in histogram)
    return [HistogramBar(stars=str(stars), count=formatting.format_number(n, locale),
                         percent=f"{round(100 * n / total) if total else 0}%",
                         label=translate(lang, "%(stars)s stars: %(count)s reviews", stars=stars, count=n))
            for stars, n in histogram]


def review_views(items: tuple[Review, ...], lang: str) -> list[ReviewItem]:
    locale = format_locale(lang)
    return [ReviewItem(id=str(r.id), rating=str(r.rating), stars="★" * r.rating + "☆" * (5 - r.rating),
                       stars_label=translate(lang, "%(stars)s out of 5 stars", stars=r.rating),
                       title=r.title, body=r.body, author=r.author or translate(lang, "A shopper"),
                       date=formatting.format_date(r.created_at, locale), verified=r.verified)
            for r in items]


def market_section(facts: UnitFacts, dims: tuple[int, int, int], currency: str, ship_to: str,
                   lang: str) -> MarketSection:
    """Delivery options and the landed-cost receipt of one unit, as texts."""
    locale = format_locale(lang)
    money = lambda m: formatting.format_money(m, locale)  # noqa: E731
    delivery = landed.delivery_options(facts, dims, currency, ship_to)

    def option(kind: str, o) -> DeliveryOption:  # noqa: ANN001
        return DeliveryOption(kind=translate(lang, kind), name=translate(lang, o.name), price=money(o.price),
                              days=translate(lang, "%(low)s–%(high)s days", low=o.min_days, high=o.max_days)
                              if o.min_days != o.max_days else translate(lang, "%(days)s days", days=o.max_days))

    rows = []
    if delivery.cheapest is not None:
        rows.append(option(N_("Cheapest"), delivery.cheapest))
        if delivery.fastest is not None and delivery.fastest.service != delivery.cheapest.service:
            rows.append(option(N_("Fastest"), delivery.fastest))
    receipt = landed.unit_receipt(facts, dims, currency, ship_to)
    lines = [Row(key=line.key,
                 label=translate(lang, line.label, **{k: translate(lang, v) for k, v in line.label_params}),
                 amount=money(line.amount), explain=explain_text(lang, line.explanation)) for line in receipt.lines]
    return MarketSection(
        delivery=rows,
        receipt=lines,
        receipt_total=money(receipt.total) if receipt.total is not None else "",
        collected=receipt.collected,
        collected_text=explain_text(lang, receipt.collected_text),
        receipt_problem=translate(lang, receipt.problem) if receipt.problem else "",
    )

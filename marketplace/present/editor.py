"""The catalogue editor's view models: the shown-price preview in sample markets, HS suggestions, the reasons a
product cannot be published yet, the restricted-goods check per destination, country choices.

Contract:
- ``price_preview(fields, vendor_currency, vendor_country, name, lang)``: for :data:`SAMPLE_MARKETS` (Germany in
  EUR, the United States in USD, Japan in JPY) the headline price a shopper there sees, computed by the very
  function the storefront's cards and product page use (``present.cards.display_texts`` over
  ``catalog.display.unit_display``: conversion, duties and import taxes included or estimated by the market's
  rule). Returns ``([], reason)`` while the variant lacks a valid price, weight, HS code or origin.
- ``suggestion_views``, ``problem_lines``, ``destination_lines``, ``country_choices``: texts in ``lang``.
Pure: no Reflex, no database.
"""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.catalog.display import UnitFacts
from marketplace.catalog.restriction_report import DestinationFinding
from marketplace.catalog.variant_rules import COUNTRIES, VariantFields, clean_variant
from marketplace.core import formatting
from marketplace.core.errors import DomainError, Problem
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.crossborder import hs
from marketplace.crossborder.hs import HsSuggestion
from marketplace.present.cards import display_texts, format_hs
from marketplace.present.problems import problem_text

SAMPLE_MARKETS = (("DE", "EUR"), ("US", "USD"), ("JP", "JPY"))
PREVIEW_NEEDS = N_("Enter a price, weight, HS code and country of origin for the first variant to see the preview.")
NOT_HS = N_("Not an HS 2022 code: pick a suggestion or check the digits.")
LEVELS = {
    "block": N_("Cannot be sent"),
    "post_only_blocked": N_("Courier only: the post won't carry it"),
    "warn": N_("Allowed, with a condition"),
}


@dataclass(frozen=True)
class PreviewRow:
    market: str = ""  # flag and country name
    currency: str = ""
    price: str = ""
    compare_at: str = ""
    note: str = ""
    restricted: bool = False


@dataclass(frozen=True)
class SuggestionView:
    code: str = ""  # digits, sent back when chosen
    label: str = ""  # 6912.00
    title: str = ""
    heading: str = ""


@dataclass(frozen=True)
class DestinationLine:
    country: str = ""
    level: str = ""
    level_text: str = ""
    reasons: str = ""


def price_preview(fields: VariantFields, vendor_currency: str, vendor_country: str, name: str,
                  lang: str) -> tuple[list[PreviewRow], str]:
    """The shown price in the sample markets, or ([], why not yet) (see the module contract)."""
    try:
        clean = clean_variant(fields, vendor_currency)
    except DomainError:
        return [], translate(lang, PREVIEW_NEEDS)
    if clean.price is None or not clean.hs_code or not clean.origin_country:
        return [], translate(lang, PREVIEW_NEEDS)
    facts = UnitFacts(variant_id=0, price=clean.price, hs_code=clean.hs_code, origin_country=clean.origin_country,
                      weight_g=clean.weight_g, vendor_country=vendor_country, description=name[:200])
    locale = format_locale(lang)
    rows = []
    for country, currency in SAMPLE_MARKETS:
        texts = display_texts(facts, clean.compare_at, currency, lang, country)
        rows.append(PreviewRow(market=f"{formatting.flag_emoji(country)} {formatting.country_name(country, locale)}",
                               currency=currency, price=texts.price, compare_at=texts.compare_at,
                               note=texts.restriction or texts.note, restricted=texts.note_kind == "restricted"))
    return rows, ""


def hs_title(code: str, lang: str) -> str:
    """The official title of a typed HS code, or why it is not one ("" while blank)."""
    if not code.strip():
        return ""
    try:
        return hs.validate(code).subheading_title
    except hs.InvalidHsCode:
        return translate(lang, NOT_HS)


def suggestion_views(suggestions: list[HsSuggestion]) -> list[SuggestionView]:
    return [SuggestionView(code=s.code, label=format_hs(s.code), title=s.title, heading=s.heading_title)
            for s in suggestions]


def problem_lines(problems: list[Problem], lang: str) -> list[str]:
    return [problem_text(lang, p) for p in problems]


def destination_lines(findings: list[DestinationFinding], lang: str) -> list[DestinationLine]:
    locale = format_locale(lang)
    return [DestinationLine(
        country=f"{formatting.flag_emoji(f.country)} {formatting.country_name(f.country, locale)}", level=f.level,
        level_text=translate(lang, LEVELS[f.level]),
        reasons=" ".join(translate(lang, reason) for reason in f.reasons)) for f in findings]


def country_choices(lang: str) -> list[list[str]]:
    """[[code, "🇵🇹 Portugal"], ...] sorted by name in ``lang``; every ISO country (origin may be anywhere)."""
    locale = format_locale(lang)
    return sorted(([c, formatting.country_name(c, locale)] for c in COUNTRIES), key=lambda pair: pair[1])

"""The seller's sales figures as view models and text: formatted money, counts, chart points, table rows.

Chart points carry whole major units (``int``, rounded down) because a chart only needs the shape; every
exact amount reaches the page as formatted text (the tables beside the charts). No float leaves here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from marketplace.analytics.figures import Funnel, SalesFigures
from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.core.money import Money

PRESET_LABELS = {"7": N_("Last 7 days"), "30": N_("Last 30 days"), "90": N_("Last 90 days")}


@dataclass(frozen=True)
class Summary:
    revenue: str = ""
    orders: str = ""
    units: str = ""
    aov: str = ""
    refunded: str = ""
    canceled: str = ""
    currency_note: str = ""
    range_text: str = ""


@dataclass(frozen=True)
class Row:
    label: str = ""
    orders: str = ""
    amount: str = ""


@dataclass(frozen=True)
class Step:
    label: str = ""
    count: str = ""
    rate: str = ""


def _major(money: Money) -> int:
    return money.minor // (10 ** money.exponent)


def _rate(bps: int | None, locale: str) -> str:
    return "—" if bps is None else formatting.format_percent(Decimal(bps) / Decimal(10_000), locale)


def summary(found: SalesFigures, lang: str) -> Summary:
    locale = format_locale(lang)
    return Summary(
        revenue=formatting.format_money(found.revenue, locale), orders=formatting.format_number(found.orders, locale),
        units=formatting.format_number(found.units, locale), aov=formatting.format_money(found.aov, locale),
        refunded=formatting.format_money(found.refunded, locale),
        canceled=formatting.format_number(found.canceled, locale),
        currency_note=translate(lang, N_("Goods in %(currency)s, your prices × quantities, after refunds. Shipping, "
                                         "import duty and taxes are not your revenue."),
                                currency=found.currency),
        range_text=translate(lang, N_("%(start)s to %(end)s"), start=formatting.format_date(found.range.start, locale),
                             end=formatting.format_date(found.range.end, locale)),
    )


def day_points(found: SalesFigures, lang: str) -> list[dict[str, str | int]]:
    """One point a day for the chart: ``{"label", "revenue" (whole units), "orders"}``."""
    locale = format_locale(lang)
    return [{"label": formatting.format_date(p.day, locale, "short"), "revenue": _major(p.revenue),
             "orders": p.orders} for p in found.days]


def day_rows(found: SalesFigures, lang: str) -> list[Row]:
    """The chart's text alternative: the days that had orders, exact amounts."""
    locale = format_locale(lang)
    return [Row(formatting.format_date(p.day, locale), formatting.format_number(p.orders, locale),
                formatting.format_money(p.revenue, locale)) for p in found.days if p.orders]


def country_points(found: SalesFigures, lang: str) -> list[dict[str, str | int]]:
    locale = format_locale(lang)
    return [{"label": formatting.country_name(c.country, locale), "revenue": _major(c.revenue), "orders": c.orders}
            for c in found.countries[:10]]


def country_rows(found: SalesFigures, lang: str) -> list[Row]:
    locale = format_locale(lang)
    return [Row(f"{formatting.flag_emoji(c.country)} {formatting.country_name(c.country, locale)}",
                formatting.format_number(c.orders, locale), formatting.format_money(c.revenue, locale))
            for c in found.countries]


def product_rows(found: SalesFigures, lang: str) -> list[Row]:
    locale = format_locale(lang)
    return [Row(p.name, formatting.format_number(p.units, locale), formatting.format_money(p.revenue, locale))
            for p in found.products]


def funnel_steps(funnel: Funnel, lang: str) -> list[Step]:
    locale = format_locale(lang)
    return [Step(translate(lang, N_("Product views")), formatting.format_number(funnel.views, locale), ""),
            Step(translate(lang, N_("Added to cart")), formatting.format_number(funnel.carts, locale),
                 _rate(funnel.cart_rate_bps, locale)),
            Step(translate(lang, N_("Orders")), formatting.format_number(funnel.orders, locale),
                 _rate(funnel.order_rate_bps, locale))]

"""The staff dashboard's figures as view models and text: formatted money, counts, chart points, table rows.

Chart points carry whole major units (``int``, rounded down) because a chart only needs the shape; every exact
amount reaches the page as formatted text (the tables beside the charts). No float leaves here. Every table is
a list of :class:`Row` (five text cells; which of them a table shows is the page's choice)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from marketplace.analytics.figures import Funnel
from marketplace.analytics.platform_figures import PlatformFigures
from marketplace.analytics.platform_queries import FeedItem
from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.core.money import Money
from marketplace.present.seller_sales import PRESET_LABELS, Step, funnel_steps

__all__ = ["PRESET_LABELS", "CsvLinks", "FeedRow", "Row", "Step", "Summary", "funnel_steps", "summary"]


@dataclass(frozen=True)
class Summary:
    gmv: str = ""
    orders: str = ""
    aov: str = ""
    refund_rate: str = ""
    refund_order_rate: str = ""
    refunded: str = ""
    duty: str = ""
    tax: str = ""
    currency_note: str = ""
    unconverted_note: str = ""
    range_text: str = ""


@dataclass(frozen=True)
class Row:
    label: str = ""
    sub: str = ""
    count: str = ""
    amount: str = ""
    extra: str = ""


@dataclass(frozen=True)
class CsvLinks:
    """Where each table's CSV downloads from, for the range shown (``routes.staff_analytics_csv``)."""

    days: str = ""
    markets: str = ""
    currencies: str = ""
    vendors: str = ""
    products: str = ""
    duties: str = ""
    payouts: str = ""
    funnel: str = ""


@dataclass(frozen=True)
class FeedRow:
    number: str = ""
    time: str = ""
    country: str = ""
    vendor: str = ""
    gmv: str = ""  # goods + shipping in the currency charged
    detail: str = ""  # "€25.00 · 17:53:15 UTC" (the platform-currency GMV when the order was in another currency)


def _major(money: Money) -> int:
    return money.minor // (10 ** money.exponent)


def _rate(bps: int | None, locale: str) -> str:
    return "—" if bps is None else formatting.format_percent(Decimal(bps) / Decimal(10_000), locale)


def _country(code: str, locale: str) -> str:
    return f"{formatting.flag_emoji(code)} {formatting.country_name(code, locale)}"


def summary(found: PlatformFigures, lang: str) -> Summary:
    locale = format_locale(lang)
    money = lambda m: formatting.format_money(m, locale)  # noqa: E731
    return Summary(
        gmv=money(found.gmv), orders=formatting.format_number(found.orders, locale), aov=money(found.aov),
        refund_rate=_rate(found.refunds.value_rate_bps, locale),
        refund_order_rate=_rate(found.refunds.order_rate_bps, locale), refunded=money(found.refunds.value),
        duty=money(found.duty), tax=money(found.tax),
        currency_note=translate(lang, N_("Gross merchandise value: goods and shipping charged, in %(currency)s at "
                                         "each order's frozen exchange rate. Import duty and taxes are shown "
                                         "apart."), currency=found.currency),
        unconverted_note=translate(lang, N_("%(count)s orders have no frozen rate to %(currency)s and are only in "
                                            "the currency table."), count=found.unconverted,
                                   currency=found.currency) if found.unconverted else "",
        range_text=translate(lang, N_("%(start)s to %(end)s"), start=formatting.format_date(found.range.start, locale),
                             end=formatting.format_date(found.range.end, locale)),
    )


def day_points(found: PlatformFigures, lang: str) -> list[dict[str, str | int]]:
    """One point a day for the chart: ``{"label", "gmv" (whole units), "orders"}``."""
    locale = format_locale(lang)
    return [{"label": formatting.format_date(p.day, locale, "short"), "gmv": _major(p.gmv), "orders": p.orders}
            for p in found.days]


def day_rows(found: PlatformFigures, lang: str) -> list[Row]:
    locale = format_locale(lang)
    return [Row(formatting.format_date(p.day, locale), "", formatting.format_number(p.orders, locale),
                formatting.format_money(p.gmv, locale)) for p in found.days if p.orders]


def market_points(found: PlatformFigures, lang: str) -> list[dict[str, str | int]]:
    locale = format_locale(lang)
    return [{"label": formatting.country_name(m.country, locale), "gmv": _major(m.gmv), "orders": m.orders}
            for m in found.markets[:10]]


def market_rows(found: PlatformFigures, lang: str) -> list[Row]:
    locale = format_locale(lang)
    return [Row(_country(m.country, locale), "", formatting.format_number(m.orders, locale),
                formatting.format_money(m.gmv, locale), _rate(m.share_bps, locale)) for m in found.markets]


def currency_rows(found: PlatformFigures, lang: str) -> list[Row]:
    locale = format_locale(lang)
    return [Row(c.currency, formatting.format_money(c.gmv_local, locale), formatting.format_number(c.orders, locale),
                formatting.format_money(c.gmv, locale) if c.gmv is not None
                else translate(lang, N_("No frozen rate for %(count)s orders"), count=c.unconverted))
            for c in found.currencies]


def vendor_rows(found: PlatformFigures, lang: str) -> list[Row]:
    locale = format_locale(lang)
    return [Row(v.name, "", formatting.format_number(v.orders, locale), formatting.format_money(v.gmv, locale))
            for v in found.vendors]


def product_rows(found: PlatformFigures, lang: str) -> list[Row]:
    locale = format_locale(lang)
    return [Row(p.name, p.vendor_name, formatting.format_number(p.units, locale),
                formatting.format_money(p.goods, locale)) for p in found.products]


def duty_rows(found: PlatformFigures, lang: str) -> list[Row]:
    locale = format_locale(lang)
    return [Row(_country(d.country, locale), d.regime or translate(lang, N_("Standard import")),
                formatting.format_number(d.orders, locale), formatting.format_money(d.duty, locale),
                formatting.format_money(d.tax, locale)) for d in found.duties]


def payout_rows(found: PlatformFigures, lang: str) -> list[Row]:
    locale = format_locale(lang)
    return [Row(p.currency, "", formatting.format_number(p.vendors, locale),
                formatting.format_money(p.available, locale), formatting.format_money(p.pending, locale))
            for p in found.payouts]


def feed_rows(items: list[FeedItem], lang: str) -> list[FeedRow]:
    locale = format_locale(lang)
    rows = []
    for i in items:
        stamp = f"{i.at.strftime('%H:%M:%S')} UTC"
        if i.platform_gmv is None:
            detail = f"{translate(lang, N_('No frozen rate'))} · {stamp}"
        elif i.platform_gmv.currency != i.gmv.currency:
            detail = f"{formatting.format_money(i.platform_gmv, locale)} · {stamp}"
        else:
            detail = stamp
        rows.append(FeedRow(number=i.number, time=stamp, country=_country(i.country, locale), vendor=i.vendor_name,
                            gmv=formatting.format_money(i.gmv, locale), detail=detail))
    return rows


def funnel(found: Funnel, lang: str) -> list[Step]:
    return funnel_steps(found, lang)

"""Presenting a priced checkout (``checkout.pricing.CheckoutPrice``) to the cart and checkout pages.

Contract:
- Everything returned is already translated (``translate``) and formatted (Babel, the shopper's locale):
  pages render it as is. Re-run after a language or currency change (the page loaders do).
- Each breakdown row (goods, shipping, import duty, import taxes, fees) carries a one-sentence explanation
  drawn from the quote's own explanations (``crossborder.explain``), so what the shopper reads is what the
  engine applied.
- ``collect`` says who collects the import charges: "collected now" (DDP, or a regime that forces it) or
  "paid to the carrier on delivery" (DAP, an estimate).
- The shopper's shipping choices travel in a small cookie, ``"<vendor id>:<service>,..."``;
  ``parse_choices`` accepts only well-formed entries (unknown services fall back to the default in pricing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marketplace.catalog.landed import TEXTS as RECEIPT_TEXTS
from marketplace.checkout.pricing import CheckoutPrice, Parcel, collected_incoterm
from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.core.money import Money
from marketplace.crossborder.explain import TEXTS
from marketplace.present.problems import problem_texts as problem_texts_of

# the embedded carrier's service names (crossborder/data/shipping_rates.json), marked for translation
SERVICE_NAMES = (N_("Postal economy (small packet)"), N_("Tracked standard parcel"), N_("Express courier"))
_CHOICE = re.compile(r"^([0-9]{1,9}):([a-z0-9_]{1,32})$")
MAX_CHOICES = 30


@dataclass
class Row:
    key: str = ""
    label: str = ""
    amount: str = ""
    explain: str = ""


@dataclass
class Option:
    """One choice of a select: shipping services, regions, saved addresses."""

    value: str = ""
    label: str = ""


@dataclass
class LineView:
    """One purchased line as text: product name, quantity and line total."""

    name: str = ""
    quantity: str = ""
    total: str = ""


@dataclass
class ParcelView:
    vendor_id: str = ""
    vendor: str = ""
    place: str = ""
    options: list[Option] = field(default_factory=list)
    chosen: str = ""
    rows: list[Row] = field(default_factory=list)
    total: str = ""
    collect: str = ""
    problems: list[str] = field(default_factory=list)


@dataclass
class TotalsView:
    rows: list[Row] = field(default_factory=list)
    total: str = ""
    pay_now: str = ""
    on_delivery: str = ""
    incoterm: str = ""
    note: str = ""


def parse_choices(text: object) -> dict[int, str]:
    """``"12:tracked,15:express"`` -> ``{12: "tracked", 15: "express"}``; malformed entries are dropped."""
    if not isinstance(text, str) or len(text) > 1200:
        return {}
    out: dict[int, str] = {}
    for part in text.split(",")[:MAX_CHOICES]:
        match = _CHOICE.match(part.strip())
        if match:
            out[int(match.group(1))] = match.group(2)
    return out


def format_choices(choices: dict[int, str]) -> str:
    return ",".join(f"{vendor}:{service}" for vendor, service in list(choices.items())[:MAX_CHOICES]
                    if _CHOICE.match(f"{vendor}:{service}"))


def explain_text(lang: str, note: dict | None) -> str:
    """An explanation ``{"id", "text", "params"}`` from the engine (``crossborder.explain``) or the product
    receipt (``catalog.landed``) in ``lang``: its English template is the msgid, its params (service and tax
    names among them) are translated too, then filled in with ``str.format``. The English text if that fails."""
    if not note:
        return ""
    template = TEXTS.get(note.get("id", "")) or RECEIPT_TEXTS.get(note.get("id", "")) or note.get("text", "")
    try:
        params = {key: translate(lang, value) for key, value in note.get("params", {}).items()}
        return translate(lang, template).format(**params)
    except (KeyError, IndexError, ValueError):
        return note.get("text", "")


def _first(lang: str, explanations: tuple[dict, ...], *prefixes: str) -> str:
    for prefix in prefixes:
        for item in explanations:
            if item.get("id", "").startswith(prefix):
                return explain_text(lang, item)
    return ""


def _money(money: Money, locale: str) -> str:
    return formatting.format_money(money, locale)


def collect_text(lang: str, on_delivery: Money) -> str:
    if on_delivery.minor:
        return translate(lang, N_("Import charges are an estimate, paid to the carrier on delivery."))
    return translate(lang, N_("Import charges are collected now: nothing more to pay on delivery."))


def parcel_rows(parcel: Parcel, lang: str) -> list[Row]:
    locale = format_locale(lang)
    landed = parcel.landed
    if landed is None:
        return [Row("goods", translate(lang, N_("Items")), _money(parcel.goods, locale), "")]
    notes = landed.explanations
    country = formatting.country_name(parcel.vendor_country, locale)
    option = parcel.chosen
    shipping_note = translate(lang, N_("%(service)s from %(country)s, %(min)s–%(max)s working days."),
                              service=translate(lang, option.name), country=country, min=option.min_days,
                              max=option.max_days) if option else ""
    on_delivery = bool(landed.payable_on_delivery.minor)
    return [
        Row("goods", translate(lang, N_("Items")), _money(parcel.goods, locale),
            _first(lang, notes, "fx.") or translate(lang, N_("The items' prices as the seller lists them."))),
        Row("shipping", translate(lang, N_("Shipping")), _money(landed.shipping, locale), shipping_note),
        Row("duty", translate(lang, N_("Import duty (estimate)") if on_delivery else N_("Import duty")),
            _money(landed.duty, locale), _first(lang, notes, "duty.", "regime.")),
        Row("taxes", translate(lang, N_("Import taxes (estimate)") if on_delivery else N_("Import taxes")),
            _money(landed.taxes, locale), _first(lang, notes, "tax.", "regime.", "collect.")),
        Row("fees", translate(lang, N_("Fees")), _money(landed.fees, locale),
            _first(lang, notes, "fee.") or translate(lang, N_("No customs or carrier fees apply to this parcel."))),
    ]


def parcel_view(parcel: Parcel, lang: str, problems: list[str] | None = None) -> ParcelView:
    locale = format_locale(lang)
    options = [Option(o.service, f"{translate(lang, o.name)} · {_money(o.price, locale)} · "
                          + translate(lang, N_("%(min)s–%(max)s days"), min=o.min_days, max=o.max_days))
               for o in parcel.options]
    landed = parcel.landed
    return ParcelView(
        vendor_id=str(parcel.vendor_id), vendor=parcel.vendor_name,
        place=f"{formatting.flag_emoji(parcel.vendor_country)} "
              f"{formatting.country_name(parcel.vendor_country, locale)}",
        options=options, chosen=parcel.chosen.service if parcel.chosen else "", rows=parcel_rows(parcel, lang),
        total=_money(landed.total_landed_cost if landed else parcel.goods, locale),
        collect=collect_text(lang, landed.payable_on_delivery) if landed else "", problems=problems or [])


def totals_view(price: CheckoutPrice, lang: str) -> TotalsView:
    locale = format_locale(lang)
    dap = bool(price.payable_on_delivery.minor)
    rows = [
        Row("goods", translate(lang, N_("Items")), _money(price.goods, locale), ""),
        Row("shipping", translate(lang, N_("Shipping")), _money(price.shipping, locale), ""),
        Row("duty", translate(lang, N_("Import duty (estimate)") if dap else N_("Import duty")),
            _money(price.duty, locale), ""),
        Row("taxes", translate(lang, N_("Import taxes (estimate)") if dap else N_("Import taxes")),
            _money(price.taxes, locale), ""),
        Row("fees", translate(lang, N_("Fees")), _money(price.fees, locale), ""),
    ]
    note = translate(lang, N_("Duties and taxes are included in what you pay now (delivered duty paid)."))
    if dap:
        note = translate(lang, N_("You pay %(now)s now. Import duties and taxes of about %(later)s are an "
                                  "estimate, paid to the carrier on delivery."),
                         now=_money(price.payable_now, locale), later=_money(price.payable_on_delivery, locale))
    return TotalsView(rows=rows, total=_money(price.total, locale), pay_now=_money(price.payable_now, locale),
                      on_delivery=_money(price.payable_on_delivery, locale) if dap else "",
                      incoterm=collected_incoterm(price.payable_on_delivery), note=note)


def problem_texts(price: CheckoutPrice, lang: str) -> list[str]:
    """The price's problems as sentences (sold out, not shippable, prohibited ...)."""
    return problem_texts_of(lang, price.problems) if price.parcels else []

"""The product page's delivery and landed-cost estimate for ONE unit: pure (no database), cached.

Contract:
- ``delivery_options(facts, dims_mm, currency, ship_to)`` -> :class:`DeliveryOptions`: the embedded carrier's
  services for one packed unit (``shipping.combine``) from the vendor's country, in ``currency`` (each price
  converted once), ``cheapest`` and ``fastest`` picked from them; empty when no service can carry it.
- ``unit_receipt(facts, dims_mm, currency, ship_to)`` -> :class:`Receipt`: a one-unit consignment quoted by the
  cross-border engine with the service checkout would preselect (the first tracked one, else the cheapest), under
  the market's incoterm. Lines: goods, shipping, import duty, import VAT/GST (named by the destination's tax),
  fees, total; each with an explanation ``{"id", "text", "params"}`` from ``crossborder.explain`` (the English
  text is the msgid). ``collected`` is "checkout" (DDP, or a regime that forces collection) or "delivery" (DAP:
  paid to the carrier). ``restricted`` carries the rule's reason when the destination prohibits the goods.
- Never raises for a product page: an engine refusal becomes ``Receipt.problem`` (message id).
This is an estimate for one unit; the binding amount is checkout's consignment quote (checkout/pricing.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from marketplace.catalog.display import UnitFacts, one_unit_request
from marketplace.catalog.pricing import localise
from marketplace.core import clock
from marketplace.core.i18n import N_
from marketplace.core.money import Money
from marketplace.crossborder import fx, shipping
from marketplace.crossborder.landed_cost import quote
from marketplace.crossborder.markets import incoterm_for
from marketplace.crossborder.quote_request import NotPermitted, QuoteError

CACHE_SIZE = 2048
# Tax names the engine's data uses (crossborder/data/vat_rates.csv), as msgids for the receipt's labels.
TAX_NAMES = (N_("VAT"), N_("GST"), N_("HST"), N_("ICMS"), N_("IGST"), N_("IVA"), N_("KDV"), N_("VAT (MVA)"),
             N_("VAT (MWST)"), N_("consumption tax"), N_("import VAT"))
# Explanations of receipt lines the engine has no sentence for (same shape as crossborder.explain's).
TEXTS = {
    "receipt.goods": N_("The item's price in your currency: the amount you pay for it at checkout."),
    "receipt.shipping": N_("{service} from the seller's country to yours, for one item."),
    "receipt.no_duty": N_("No import duty is due on this item."),
    "receipt.no_tax": N_("No import tax is due on this item."),
}


def _note(message_id: str, params: dict) -> dict:
    params = {key: str(value) for key, value in params.items()}
    return {"id": message_id, "text": TEXTS[message_id].format(**params), "params": params}


@dataclass(frozen=True)
class DeliveryOptions:
    options: tuple[shipping.RateOption, ...]
    cheapest: shipping.RateOption | None
    fastest: shipping.RateOption | None


@dataclass(frozen=True)
class ReceiptLine:
    key: str  # goods | shipping | duty | tax | fees | total
    label: str  # message id
    amount: Money
    explanation: dict  # {"id", "text" (English, the msgid when it has no params), "params"}
    label_params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Receipt:
    lines: tuple[ReceiptLine, ...] = ()
    total: Money | None = None
    incoterm: str = ""
    collected: str = ""  # checkout | delivery
    collected_text: dict | None = None
    service_name: str = ""
    restricted: str = ""  # the restriction's English reason
    problem: str = ""  # message id when no estimate could be made


def _parcel(facts: UnitFacts, dims_mm: tuple[int, int, int]) -> shipping.Parcel:
    return shipping.combine([(shipping.Parcel(max(facts.weight_g, 1), *dims_mm), 1)])


def delivery_options(facts: UnitFacts, dims_mm: tuple[int, int, int], currency: str, ship_to: str,
                     on: date | None = None) -> DeliveryOptions:
    return _options(facts, dims_mm, currency, ship_to, on or clock.now().date(), fx.rates_version())


@functools.lru_cache(maxsize=CACHE_SIZE)
def _options(facts: UnitFacts, dims_mm: tuple[int, int, int], currency: str, ship_to: str,
             on: date, rates: object) -> DeliveryOptions:  # noqa: ARG001 - rates is part of the cache key
    try:
        options = tuple(shipping.rates(facts.vendor_country, ship_to, _parcel(facts, dims_mm), currency, on))
    except (shipping.ShippingError, fx.RatesNotAvailable):
        return DeliveryOptions((), None, None)
    if not options:
        return DeliveryOptions((), None, None)
    fastest = min(options, key=lambda o: (o.max_days, o.min_days, o.price.minor))
    return DeliveryOptions(options, options[0], fastest)


def unit_receipt(facts: UnitFacts, dims_mm: tuple[int, int, int], currency: str, ship_to: str,
                 on: date | None = None) -> Receipt:
    return _receipt(facts, dims_mm, currency, ship_to, on or clock.now().date(), fx.rates_version())


def _pick(explanations: tuple[dict, ...], *prefixes: str) -> dict | None:
    return next((e for e in explanations if e["id"].startswith(prefixes)), None)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _receipt(facts: UnitFacts, dims_mm: tuple[int, int, int], currency: str, ship_to: str, on: date,
             rates: object) -> Receipt:
    delivery = _options(facts, dims_mm, currency, ship_to, on, rates)
    if delivery.cheapest is None:
        return Receipt(problem=N_("No carrier can take this item to your country."))
    chosen = next((o for o in delivery.options if o.tracked), delivery.cheapest)
    incoterm = incoterm_for(ship_to)
    try:
        goods = localise(facts.price, currency)
        result = quote(one_unit_request(facts, goods, ship_to, incoterm, on, chosen.price, chosen.transport_mode))
    except NotPermitted as exc:
        if exc.code == "prohibited_goods":
            return Receipt(restricted=exc.message)
        return Receipt(problem=N_("We can't estimate import charges for this item right now."))
    except (QuoteError, fx.RatesNotAvailable, KeyError, ValueError):
        return Receipt(problem=N_("We can't estimate import charges for this item right now."))
    notes = result.explanations
    regime = _pick(notes, "regime.")
    fx_note = _pick(notes, "fx.")
    tax_name = result.lines[0].tax_name if result.lines and result.lines[0].tax_name not in ("", "none") else ""
    lines = [
        ReceiptLine("goods", N_("Item"), result.goods_value,
                    fx_note or _note("receipt.goods", {})),
        ReceiptLine("shipping", N_("Shipping (%(service)s)"), result.shipping,
                    _note("receipt.shipping", {"service": chosen.name}), (("service", chosen.name),)),
        ReceiptLine("duty", N_("Import duty"), result.duty,
                    _pick(notes, "duty.", "de_minimis.") or regime or _note("receipt.no_duty", {})),
        ReceiptLine("tax", N_("Import %(tax)s") if tax_name else N_("Import VAT/GST"), result.taxes,
                    _pick(notes, "tax.") or regime or _note("receipt.no_tax", {}),
                    (("tax", tax_name),) if tax_name else ()),
    ]
    if result.fees:
        lines.append(ReceiptLine("fees", N_("Fees"), result.fees, _pick(notes, "fee.") or regime))
    collected = "checkout" if result.payable_on_delivery.minor == 0 else "delivery"
    return Receipt(lines=tuple(lines), total=result.total_landed_cost, incoterm=incoterm, collected=collected,
                   collected_text=_pick(notes, "collect.forced_checkout", "collect."), service_name=chosen.name)

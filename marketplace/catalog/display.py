"""Market-aware display prices for product cards and the product page's headline price.

Contract: ``unit_display(facts, currency, ship_to, on=None) -> UnitDisplay`` says what ONE unit of a variant
costs a shopper in ``currency`` who ships to ``ship_to``, without shipping:

- ``goods`` is the seller's price converted once (``catalog.pricing.localise``: vendor price x rate, half up to
  the currency's minor unit) -- exactly the amount the cart and checkout use for the goods.
- ``duty``, ``import_tax`` and ``fees`` come from the cross-border engine (``crossborder.landed_cost.quote``) for a
  one-unit consignment from the vendor's country, shipping zero, under the market's incoterm
  (``markets.incoterm_for``), by post (the tracked postal service checkout preselects), or by courier when the
  post may not carry the goods (lithium batteries, perfume).
- Policy (``mode``):
  * ``included`` -- a tax-inclusive market (``markets.tax_inclusive_display``: EU, GB, CH, NO, AU, NZ, JP, SG)
    that is DDP: ``shown = goods + duty + import tax + fees``, label "Duties & taxes included".
  * ``incl_vat`` -- the same markets for a domestic or intra-EU sale (no import at all): ``shown = goods``
    (the seller's price already carries VAT), label "Incl. VAT".
  * ``estimate`` -- tax-exclusive or DAP markets (US, CA, CN, ...): ``shown = goods`` and a separate estimate
    ``charges = duty + import tax + fees``, label "+ about {amount} import charges".
  * ``none_expected`` -- the same markets when the estimate is zero: "No import charges expected".
  * ``restricted`` -- the destination prohibits the goods by post and by courier:
    ``shown = goods``, ``reason`` the rule's English sentence, label "Cannot ship to {country}".
  * ``unknown`` -- the engine could not quote (missing tariff data, no exchange rate): ``shown = goods`` (or the
    seller's price when even the conversion fails) and no label. A display never fails a page.
- Labels are message ids with ``%(name)s`` parameters (``label``, ``label_params``); the state layer translates
  and formats them.

This is a per-unit display. The binding amount is the checkout's consignment quote
(``marketplace.checkout.pricing.price_checkout``): one parcel per vendor, real shipping, quantities, and the
EU's flat duty per tariff subheading counted once per parcel. Results are cached per (variant facts, market,
rules date, rates version: ``fx.rates_version``) in a bounded LRU, so a grid of cards costs one engine call per card the first time only.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from marketplace.catalog.pricing import localise
from marketplace.core import clock
from marketplace.core.i18n import N_
from marketplace.core.money import Money
from marketplace.crossborder import fx, restrictions
from marketplace.crossborder.landed_cost import quote
from marketplace.crossborder.markets import incoterm_for, tax_inclusive_display
from marketplace.crossborder.quote_request import Item, NotPermitted, QuoteError, QuoteRequest

CACHE_SIZE = 8192
LABEL_INCLUDED = N_("Duties & taxes included")
LABEL_INCL_VAT = N_("Incl. VAT")
LABEL_ESTIMATE = N_("+ about %(amount)s import charges")
LABEL_NONE = N_("No import charges expected")
LABEL_RESTRICTED = N_("Cannot ship to %(country)s")
_NO_IMPORT = frozenset({"DOMESTIC", "EU_INTERNAL_MARKET"})
TRANSPORT_MODES = ("postal", "courier")


@dataclass(frozen=True)
class UnitFacts:
    """What the engine needs about one variant (all from the database, nothing from the client)."""

    variant_id: int
    price: Money  # seller's price, seller's currency
    hs_code: str
    origin_country: str
    weight_g: int
    vendor_country: str
    description: str = ""  # the product name: keyword rules of the restriction screen read it


@dataclass(frozen=True)
class UnitDisplay:
    mode: str  # included | incl_vat | estimate | none_expected | restricted | unknown
    incoterm: str
    goods: Money
    duty: Money
    import_tax: Money
    fees: Money
    shown: Money  # the headline price for this market
    charges: Money  # duty + import tax + fees (the estimate in estimate mode)
    label: str = ""  # message id
    reason: str = ""  # restricted: the rule's English sentence
    reason_id: str = ""  # restricted: "restriction.<rule>"

    @property
    def restricted(self) -> bool:
        return self.mode == "restricted"


def one_unit_request(facts: UnitFacts, unit_price: Money, ship_to: str, incoterm: str, on: date,
                     shipping: Money | None = None, transport_mode: str = "courier") -> QuoteRequest:
    """The engine request for one unit (also used by the product page's receipt, with shipping)."""
    return QuoteRequest.build(
        on=on, destination_country=ship_to, origin_country=facts.origin_country,
        ship_from_country=facts.vendor_country, transport_mode=transport_mode, incoterm=incoterm,
        currency=unit_price.currency, shipping=shipping or Money.zero(unit_price.currency),
        items=[Item(sku=f"variant-{facts.variant_id}", description=facts.description[:200], hs_code=facts.hs_code,
                    origin_country=facts.origin_country, quantity=1, unit_price=unit_price,
                    unit_weight_g=max(facts.weight_g, 1))])


def unit_display(facts: UnitFacts, currency: str, ship_to: str, on: date | None = None) -> UnitDisplay:
    """The display for one unit of ``facts`` in ``currency`` to ``ship_to`` (see the module contract)."""
    return _cached(facts, currency, ship_to, on or clock.now().date(), fx.rates_version())


@functools.lru_cache(maxsize=CACHE_SIZE)
def _cached(facts: UnitFacts, currency: str, ship_to: str, on: date, rates: object) -> UnitDisplay:  # noqa: ARG001 - rates is part of the cache key
    incoterm = incoterm_for(ship_to)
    try:
        goods = localise(facts.price, currency)
    except (fx.RatesNotAvailable, ValueError):
        goods = facts.price
        zero = Money.zero(goods.currency)
        return UnitDisplay("unknown", incoterm, goods, zero, zero, zero, goods, zero)
    zero = Money.zero(currency)
    result = None
    for mode in TRANSPORT_MODES:  # checkout preselects a tracked postal service; express (courier) carries more
        try:
            result = quote(one_unit_request(facts, goods, ship_to, incoterm, on, transport_mode=mode))
            break
        except NotPermitted as exc:
            if exc.code != "prohibited_goods":
                return UnitDisplay("unknown", incoterm, goods, zero, zero, zero, goods, zero)
            blocked = exc
        except (QuoteError, fx.RatesNotAvailable, KeyError, ValueError):
            return UnitDisplay("unknown", incoterm, goods, zero, zero, zero, goods, zero)
    if result is None:
        return UnitDisplay("restricted", incoterm, goods, zero, zero, zero, goods, zero, LABEL_RESTRICTED,
                           reason=blocked.message, reason_id=_reason_id(facts, ship_to, on))
    charges = result.duty + result.taxes + result.fees
    if tax_inclusive_display(ship_to) and incoterm == "DDP":
        if result.regime in _NO_IMPORT and not charges:
            return UnitDisplay("incl_vat", incoterm, goods, result.duty, result.taxes, result.fees, goods, charges,
                               LABEL_INCL_VAT)
        return UnitDisplay("included", incoterm, goods, result.duty, result.taxes, result.fees, goods + charges,
                           charges, LABEL_INCLUDED)
    if charges:
        return UnitDisplay("estimate", incoterm, goods, result.duty, result.taxes, result.fees, goods, charges,
                           LABEL_ESTIMATE)
    return UnitDisplay("none_expected", incoterm, goods, result.duty, result.taxes, result.fees, goods, charges,
                       LABEL_NONE)


def _reason_id(facts: UnitFacts, ship_to: str, on: date) -> str:
    findings = restrictions.screen(ship_to, [restrictions.ScreenItem(
        hs_code=facts.hs_code, description=facts.description, quantity=1, unit_weight_g=facts.weight_g,
        value=facts.price)], "courier", on)
    return next((f.reason_id for f in findings if f.level == restrictions.Level.BLOCK), "")


def cache_clear() -> None:
    """Forget every cached display (tests; a staff change of rates or rules)."""
    _cached.cache_clear()

"""The frozen checkout quote: what a checkout promised, as typed values, and its versioned JSON form.

Contract:
- :class:`FrozenQuote` is the priced part of a checkout (``CheckoutSession.quote``): currency, incoterm, ship-to
  market, the lines (shopper's and seller's unit prices, FX rate and source), the parcels (shipping, duty,
  taxes, fees, total, on-delivery part, per-line duty and tax) and the totals. Every amount is ``Money``.
- ``FrozenQuote.of(price, market)`` freezes a ``pricing.CheckoutPrice``; ``to_json()`` writes version 2
  (``{"version": 2, ...}``, amounts as ``{"minor": int, "currency": str}``); ``from_json(data)`` reads version
  2 and version 1 (rows written before versions: no ``version`` key, amounts as ``[minor, currency]`` lists).
- The row's quote also carries bookkeeping next to the frozen part (``choices``, ``lang``, ``intent_id``,
  ``intent_amount``, ``cancelled_intents``, ``refusals``): ``from_json`` ignores them and ``to_json`` does not
  write them; the services that own them keep them (``service``, ``intents``, ``refusal``).
- ``money_from_json`` / ``money_to_json`` are the one reader and writer of a stored amount (both versions).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from marketplace.checkout.pricing import CheckoutPrice, Market, collected_incoterm
from marketplace.core.money import Money, sum_money

VERSION = 2


def money_to_json(money: Money) -> dict[str, Any]:
    return {"minor": money.minor, "currency": money.currency}


def money_from_json(value: Any) -> Money:
    """A stored amount: ``{"minor", "currency"}`` (version 2) or ``[minor, currency]`` (version 1)."""
    if isinstance(value, Mapping):
        return Money(int(value["minor"]), str(value["currency"]))
    if isinstance(value, list | tuple) and len(value) == 2:
        return Money(int(value[0]), str(value[1]))
    raise ValueError(f"not a stored amount: {value!r}")


@dataclass(frozen=True)
class FrozenLine:
    variant_id: int
    sku: str
    name: str
    quantity: int
    vendor_id: int
    hs_code: str
    origin_country: str
    unit_price: Money  # shopper's currency, converted once
    vendor_unit_price: Money  # seller's price, seller's currency
    fx_rate: Decimal
    fx_source: str
    fx_as_of: date | None

    @property
    def total(self) -> Money:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class FrozenCharge:
    """Duty and import tax on one line of a parcel."""

    sku: str
    duty: Money
    tax: Money


@dataclass(frozen=True)
class FrozenParcel:
    vendor_id: int
    vendor: str
    service: str | None
    regime: str | None
    shipping: Money
    duty: Money
    taxes: Money
    fees: Money
    total: Money
    on_delivery: Money
    lines: tuple[FrozenCharge, ...]

    @property
    def incoterm(self) -> str:
        """DAP only when import charges were really left for delivery (``pricing.collected_incoterm``)."""
        return collected_incoterm(self.on_delivery)


@dataclass(frozen=True)
class FrozenTotals:
    goods: Money
    shipping: Money
    duty: Money
    taxes: Money
    fees: Money
    total: Money
    payable_now: Money
    payable_on_delivery: Money


_TOTALS = ("goods", "shipping", "duty", "taxes", "fees", "total", "payable_now", "payable_on_delivery")
_PARCEL_AMOUNTS = ("shipping", "duty", "taxes", "fees", "total", "on_delivery")


@dataclass(frozen=True)
class FrozenQuote:
    currency: str
    incoterm: str
    ship_to: str
    region: str | None
    lines: tuple[FrozenLine, ...]
    parcels: tuple[FrozenParcel, ...]
    totals: FrozenTotals

    @property
    def market(self) -> Market:
        """The market this quote was priced for (to price the same cart again)."""
        return Market(country=self.ship_to, currency=self.currency, region=self.region)

    def wanted(self) -> dict[int, int]:
        """Units per variant id."""
        wanted: dict[int, int] = {}
        for line in self.lines:
            wanted[line.variant_id] = wanted.get(line.variant_id, 0) + line.quantity
        return wanted

    def goods_of(self, vendor_id: int) -> Money:
        return sum_money((line.total for line in self.lines if line.vendor_id == vendor_id), self.currency)

    @classmethod
    def of(cls, price: CheckoutPrice, market: Market) -> FrozenQuote:
        lines = tuple(FrozenLine(
            variant_id=line.item.variant_id, sku=line.item.sku, name=line.item.product_name,
            quantity=line.item.quantity, vendor_id=line.item.vendor_id, hs_code=line.item.hs_code,
            origin_country=line.item.origin_country, unit_price=line.unit_price,
            vendor_unit_price=line.item.vendor_price, fx_rate=line.fx_rate, fx_source=line.fx_source,
            fx_as_of=line.fx_as_of) for parcel in price.parcels for line in parcel.lines)
        parcels = tuple(FrozenParcel(
            vendor_id=p.vendor_id, vendor=p.vendor_name, service=p.chosen.service if p.chosen else None,
            regime=p.landed.regime, shipping=p.landed.shipping, duty=p.landed.duty, taxes=p.landed.taxes,
            fees=p.landed.fees, total=p.landed.total_landed_cost, on_delivery=p.landed.payable_on_delivery,
            lines=tuple(FrozenCharge(ql.sku, ql.duty, ql.tax) for ql in p.landed.lines))
            for p in price.parcels if p.landed is not None)
        totals = FrozenTotals(goods=price.goods, shipping=price.shipping, duty=price.duty, taxes=price.taxes,
                              fees=price.fees, total=price.total, payable_now=price.payable_now,
                              payable_on_delivery=price.payable_on_delivery)
        return cls(currency=price.currency, incoterm=price.incoterm, ship_to=market.country, region=market.region,
                   lines=lines, parcels=parcels, totals=totals)

    def to_json(self) -> dict[str, Any]:
        m = money_to_json
        return {
            "version": VERSION, "currency": self.currency, "incoterm": self.incoterm, "ship_to": self.ship_to,
            "region": self.region,
            "lines": [{"variant_id": line.variant_id, "sku": line.sku, "name": line.name, "quantity": line.quantity,
                       "vendor_id": line.vendor_id, "hs_code": line.hs_code, "origin_country": line.origin_country,
                       "unit_price": m(line.unit_price), "vendor_unit_price": m(line.vendor_unit_price),
                       "fx_rate": str(line.fx_rate), "fx_source": line.fx_source,
                       "fx_as_of": line.fx_as_of.isoformat() if line.fx_as_of else None} for line in self.lines],
            "parcels": [{"vendor_id": p.vendor_id, "vendor": p.vendor, "service": p.service, "regime": p.regime,
                         **{key: m(getattr(p, key)) for key in _PARCEL_AMOUNTS},
                         "lines": [{"sku": c.sku, "duty": m(c.duty), "tax": m(c.tax)} for c in p.lines]}
                        for p in self.parcels],
            "totals": {key: m(getattr(self.totals, key)) for key in _TOTALS},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FrozenQuote:
        """Read a stored quote, version 2 or version 1 (no ``version`` key); raises ValueError otherwise."""
        version = data.get("version", 1)
        if version not in (1, VERSION):
            raise ValueError(f"unknown frozen quote version {version!r}")
        currency = data["currency"]
        m = money_from_json
        zero = {"minor": 0, "currency": currency}
        lines = tuple(FrozenLine(
            variant_id=line["variant_id"], sku=line["sku"], name=line["name"], quantity=line["quantity"],
            vendor_id=line["vendor_id"], hs_code=line["hs_code"], origin_country=line["origin_country"],
            unit_price=m(line["unit_price"]), vendor_unit_price=m(line["vendor_unit_price"]),
            fx_rate=Decimal(str(line["fx_rate"])), fx_source=line["fx_source"],
            fx_as_of=date.fromisoformat(line["fx_as_of"]) if line.get("fx_as_of") else None)
            for line in data["lines"])
        parcels = tuple(FrozenParcel(
            vendor_id=p["vendor_id"], vendor=p["vendor"], service=p.get("service"), regime=p.get("regime"),
            **{key: m(p.get(key, zero)) for key in _PARCEL_AMOUNTS},
            lines=tuple(FrozenCharge(c["sku"], m(c.get("duty", zero)), m(c.get("tax", zero)))
                        for c in p.get("lines", [])))
            for p in data["parcels"])
        totals = FrozenTotals(**{key: m(data["totals"][key]) for key in _TOTALS})
        return cls(currency=currency, incoterm=data["incoterm"], ship_to=data["ship_to"], region=data.get("region"),
                   lines=lines, parcels=parcels, totals=totals)


def stored_choices(quote: Mapping[str, Any]) -> dict[int, str]:
    """The shipping choices kept with a stored quote (vendor id -> service code)."""
    return {int(k): v for k, v in (quote.get("choices") or {}).items()}


__all__ = ["VERSION", "FrozenCharge", "FrozenLine", "FrozenParcel", "FrozenQuote", "FrozenTotals",
           "money_from_json", "money_to_json", "stored_choices"]

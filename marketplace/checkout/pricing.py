"""Checkout pricing: from a cart to a priced, dated quote — fetch, then calculate.

Contract:
- ``fetch_cart(session, owner)`` loads everything the calculation needs into small dataclasses, re-reading
  every price, stock level, HS code, origin and weight from the database (nothing a client sent is used).
- ``price_checkout(cart, market, choices)`` is pure: it groups lines per vendor into parcels (each vendor
  parcel is its own consignment), offers the embedded carrier's services per parcel, computes the landed
  cost of each parcel with the cross-border engine in the shopper's currency, and totals everything.
  Every unit price is converted once (seller price x rate, half up): the converted amount is what the cart
  showed and what will be charged; its rate, source and as-of date are kept on the line.
- Problems are reported, not hidden: a sold-out line, a parcel the carrier cannot take, goods the
  destination prohibits, each a :class:`~marketplace.core.errors.Problem` whose code is a
  ``CheckoutErrorCode``. ``CheckoutPrice.can_pay`` is False while any problem remains.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from marketplace.checkout.error_codes import CheckoutErrorCode as Code
from marketplace.core.errors import Problem
from marketplace.core.i18n import N_
from marketplace.core.money import Money, sum_money
from marketplace.crossborder import fx, shipping
from marketplace.crossborder.landed_cost import Quote, quote
from marketplace.crossborder.markets import incoterm_for
from marketplace.crossborder.quote_request import Item, QuoteError, QuoteRequest
from marketplace.models import CartLine, ProductStatus, Vendor, VendorStatus
from marketplace.orders.cart import CartOwner, active_lines, find_cart


@dataclass(frozen=True)
class CartItem:
    line_id: int
    variant_id: int
    sku: str
    product_name: str
    quantity: int
    stock: int
    vendor_price: Money
    hs_code: str
    origin_country: str
    weight_g: int
    dims_mm: tuple[int, int, int]
    vendor_id: int
    vendor_name: str
    vendor_country: str
    listed: bool


@dataclass(frozen=True)
class Market:
    country: str
    currency: str
    region: str | None = None
    on: date | None = None


@dataclass(frozen=True)
class PricedLine:
    item: CartItem
    unit_price: Money  # shopper currency, converted once
    total: Money
    fx_rate: Decimal
    fx_source: str
    fx_as_of: date | None


@dataclass(frozen=True)
class Parcel:
    vendor_id: int
    vendor_name: str
    vendor_country: str
    lines: tuple[PricedLine, ...]
    options: tuple[shipping.RateOption, ...]
    chosen: shipping.RateOption | None
    landed: Quote | None
    problems: tuple[Problem, ...] = ()

    @property
    def goods(self) -> Money:
        return sum_money((line.total for line in self.lines), self.lines[0].total.currency)


@dataclass(frozen=True)
class CheckoutPrice:
    currency: str
    incoterm: str
    parcels: tuple[Parcel, ...]
    goods: Money
    shipping: Money
    duty: Money
    taxes: Money
    fees: Money
    total: Money
    payable_now: Money
    payable_on_delivery: Money
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def can_pay(self) -> bool:
        return not self.problems and bool(self.parcels)


def collected_incoterm(payable_on_delivery: Money) -> str:
    """The incoterm a priced parcel or checkout really has: "DAP" only when import charges are left for delivery
    (a regime that forces collection at checkout makes a DAP market's parcel DDP); else "DDP". The market's own
    incoterm (what it asks for) is ``crossborder.markets.incoterm_for``."""
    return "DAP" if payable_on_delivery.minor else "DDP"


def fetch_cart(session: Session, owner: CartOwner) -> list[CartItem]:
    cart = find_cart(session, owner)
    if cart is None:
        return []
    rows = active_lines(session, cart, Vendor.id, CartLine.id)
    return [CartItem(
        line_id=line.id, variant_id=variant.id, sku=variant.sku, product_name=product.name, quantity=line.quantity,
        stock=variant.stock, vendor_price=Money(variant.price_minor, variant.price_currency),
        hs_code=variant.hs_code, origin_country=variant.origin_country, weight_g=variant.weight_g,
        dims_mm=(variant.length_mm, variant.width_mm, variant.height_mm), vendor_id=vendor.id,
        vendor_name=vendor.display_name, vendor_country=vendor.country,
        listed=product.status == ProductStatus.ACTIVE and vendor.status == VendorStatus.APPROVED)
        for line, variant, product, vendor in rows]


def _price_line(item: CartItem, currency: str) -> PricedLine:
    if item.vendor_price.currency == currency:
        unit, rate, source, as_of = item.vendor_price, Decimal(1), "same currency", None
    else:
        conversion = fx.convert(item.vendor_price, currency)
        unit, rate, source, as_of = conversion.converted, conversion.rate, conversion.source, conversion.as_of
    return PricedLine(item=item, unit_price=unit, total=unit * item.quantity, fx_rate=rate, fx_source=source,
                      fx_as_of=as_of)


def _landed(lines: tuple[PricedLine, ...], option: shipping.RateOption, market: Market, incoterm: str,
            origin: str) -> Quote:
    return quote(QuoteRequest.build(
        on=market.on, destination_country=market.country, destination_region=market.region or None,
        origin_country=origin, ship_from_country=origin, transport_mode=option.transport_mode, incoterm=incoterm,
        currency=market.currency, shipping=option.price,
        items=[Item(sku=line.item.sku, description=line.item.product_name, hs_code=line.item.hs_code,
                    origin_country=line.item.origin_country, quantity=line.item.quantity,
                    unit_price=line.unit_price, unit_weight_g=line.item.weight_g) for line in lines]))


EMPTY = Problem(Code.EMPTY_CART, N_("Your cart is empty."))
NO_SHIPPING = Problem(Code.NOT_SHIPPABLE, N_("A parcel cannot be shipped to your country."))
_ENGINE_REFUSALS = {"prohibited_goods": Code.PROHIBITED, "over_regime_limit": Code.OVER_LIMIT}


def _refusal(exc: QuoteError) -> Problem:
    """The engine's refusal of a parcel (prohibited goods, over a regime's limit, not quotable), its English
    sentence as the reason."""
    return Problem(_ENGINE_REFUSALS.get(exc.code, Code.NOT_QUOTABLE), "%(reason)s", params={"reason": exc.message})


def _parcel(vendor_lines: list[CartItem], market: Market, incoterm: str, choice: str | None) -> Parcel:
    first = vendor_lines[0]
    lines = tuple(_price_line(item, market.currency) for item in vendor_lines)
    problems = []
    for item in vendor_lines:
        if not item.listed:
            problems.append(Problem(Code.UNAVAILABLE, N_("%(sku)s is no longer available."), params={"sku": item.sku}))
        elif item.quantity > item.stock:
            problems.append(Problem(Code.OUT_OF_STOCK, N_("Only %(available)s left of %(sku)s."),
                                    params={"sku": item.sku, "available": str(item.stock)}))
    box = shipping.combine([(shipping.Parcel(item.weight_g, *item.dims_mm), item.quantity) for item in vendor_lines])
    try:
        options = tuple(shipping.rates(first.vendor_country, market.country, box, market.currency))
    except shipping.ShippingError:
        options = ()
    if not options:
        return Parcel(first.vendor_id, first.vendor_name, first.vendor_country, lines, (), None, None,
                      (*problems, NO_SHIPPING))
    chosen = next((o for o in options if o.service == choice), None) or next(
        (o for o in options if o.tracked), options[0])
    try:
        landed = _landed(lines, chosen, market, incoterm, first.vendor_country)
    except QuoteError as exc:
        return Parcel(first.vendor_id, first.vendor_name, first.vendor_country, lines, options, chosen, None,
                      (*problems, _refusal(exc)))
    return Parcel(first.vendor_id, first.vendor_name, first.vendor_country, lines, options, chosen, landed,
                  tuple(problems))


def price_checkout(items: list[CartItem], market: Market, choices: Mapping[int, str] | None = None) -> CheckoutPrice:
    """Pure: prices a fetched cart for a market. ``choices`` maps vendor id -> shipping service code."""
    incoterm = incoterm_for(market.country)
    by_vendor: dict[int, list[CartItem]] = {}
    for item in items:
        by_vendor.setdefault(item.vendor_id, []).append(item)
    parcels = tuple(_parcel(lines, market, incoterm, (choices or {}).get(vendor_id))
                    for vendor_id, lines in by_vendor.items())
    currency = market.currency
    zero = Money.zero(currency)
    landed = [p.landed for p in parcels if p.landed is not None]

    def total(attr: str) -> Money:
        return sum_money((getattr(q, attr) for q in landed), currency) if landed else zero

    goods = sum_money((p.goods for p in parcels), currency) if parcels else zero
    problems = tuple(problem for p in parcels for problem in p.problems) or (() if parcels else (EMPTY,))
    return CheckoutPrice(
        currency=currency, incoterm=incoterm, parcels=parcels, goods=goods, shipping=total("shipping"),
        duty=total("duty"), taxes=total("taxes"), fees=total("fees"), total=total("total_landed_cost"),
        payable_now=total("payable_at_checkout"), payable_on_delivery=total("payable_on_delivery"),
        problems=problems)

"""The platform's figures for staff as pure functions (fetch, then calculate): facts in, figures out. No database.

Contract:
- The unit is the **vendor order** (one vendor's parcel of a checkout). Its money is in the shopper's currency
  (the currency charged): ``goods`` (frozen unit prices × quantities), ``shipping``, ``duty``, ``tax`` and
  ``refunded`` (refunds issued for it: pending or succeeded, never failed).
- **GMV** of an order is goods + shipping charged (import duty and taxes are collected for the destination's
  authorities and shown apart, see ``duties``). An order **counts** when it was paid (payment status ``paid``,
  ``partially_refunded`` or ``refunded``) and not canceled before payment; fully refunded orders count in GMV
  and in the refund figures, so ``refund rate = refunded / GMV`` reads as money given back out of money taken.
- **Conversion to the platform currency** uses the rate frozen with the order, never today's:
  :attr:`OrderFact.platform_rate` is "1 platform unit = rate shopper units" (see ``analytics.platform`` for
  where it is read from). Each amount of an order is converted ONCE, ``amount / rate`` half-up to the platform
  currency's minor unit (:func:`to_platform`), and the converted amounts are summed. An order with no frozen
  rate to the platform currency is not converted at all: it stays in its currency's row (``currencies``) and
  is counted in ``unconverted`` so the page can say so — it is never converted at another rate.
- Per market (destination country) and per currency: orders and GMV (per currency also in its own money);
  per day: GMV and orders over every day of the range, zeros included; top vendors and top products by
  GMV/goods; duty and tax per (destination, regime); the funnel views → add-to-carts → orders
  (``figures.Funnel``); refunds: refunded value / GMV and refunded orders / orders, in basis points half-up.
- Payouts due are the vendors' ledger balances (available, pending) summed per vendor currency: vendors are
  paid in their own currency, so those are never converted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from marketplace.analytics.figures import DateRange, Funnel, average
from marketplace.core.money import Money, exponent

PAID_STATUSES = frozenset({"paid", "partially_refunded", "refunded"})
TOP = 10


@dataclass(frozen=True, slots=True)
class OrderFact:
    """One vendor order placed in the range, as the query read it (money in the shopper's minor units)."""

    id: int
    day: date
    country: str  # destination
    currency: str  # the shopper's currency, of every amount below
    payment_status: str
    vendor_id: int
    vendor_name: str
    goods: int
    shipping: int
    duty: int
    tax: int
    refunded: int  # refunds issued (positive)
    platform_rate: Decimal | None  # 1 platform unit = rate shopper units, frozen with the order; None: not known
    regime: str = ""  # the import regime the checkout priced it under ("" when none was stored)

    @property
    def counts(self) -> bool:
        return self.payment_status in PAID_STATUSES

    @property
    def gmv(self) -> int:
        return self.goods + self.shipping


@dataclass(frozen=True, slots=True)
class LineFact:
    """One product's goods in one vendor order (the query groups order lines by order and product)."""

    order_id: int
    key: str  # product id, or the sold name when the product is gone
    name: str
    units: int
    goods: int  # shopper minor units, in the order's currency


@dataclass(frozen=True)
class BalanceFact:
    currency: str
    available: int
    pending: int
    vendors: int  # vendors with something available or pending


@dataclass(frozen=True)
class DayPoint:
    day: date
    gmv: Money
    orders: int


@dataclass(frozen=True)
class MarketRow:
    country: str
    orders: int
    gmv: Money
    share_bps: int | None  # of the converted GMV


@dataclass(frozen=True)
class CurrencyRow:
    currency: str
    orders: int
    gmv_local: Money  # in the currency itself
    gmv: Money | None  # in the platform currency (None when some of its orders had no frozen rate)
    unconverted: int


@dataclass(frozen=True)
class VendorRow:
    vendor_id: int
    name: str
    orders: int
    gmv: Money


@dataclass(frozen=True)
class ProductRow:
    name: str
    vendor_name: str
    units: int
    goods: Money


@dataclass(frozen=True)
class DutyRow:
    country: str
    regime: str
    orders: int
    duty: Money
    tax: Money


@dataclass(frozen=True)
class PayoutRow:
    currency: str
    vendors: int
    available: Money
    pending: Money


@dataclass(frozen=True)
class Refunds:
    value: Money
    orders: int
    value_rate_bps: int | None
    order_rate_bps: int | None


@dataclass(frozen=True)
class PlatformFigures:
    range: DateRange
    currency: str
    gmv: Money
    orders: int
    aov: Money
    unconverted: int  # counted orders left out of the converted totals (no frozen rate to the platform currency)
    duty: Money
    tax: Money
    refunds: Refunds
    days: tuple[DayPoint, ...]
    markets: tuple[MarketRow, ...]
    currencies: tuple[CurrencyRow, ...]
    vendors: tuple[VendorRow, ...]
    products: tuple[ProductRow, ...]
    duties: tuple[DutyRow, ...]
    payouts: tuple[PayoutRow, ...]
    funnel: Funnel


def to_platform(minor: int, currency: str, rate: Decimal, platform: str) -> int:
    """``minor`` units of ``currency`` in ``platform`` minor units at "1 platform = ``rate`` currency", rounded
    once, half-up (exact decimal arithmetic, no float).

    >>> to_platform(15000, "JPY", Decimal("150"), "EUR")   # ¥15,000 at 150 ¥/€ -> €100.00
    10000
    >>> to_platform(1001, "GBP", Decimal("0.8"), "EUR")    # £10.01 / 0.8 = €12.5125 -> €12.51
    1251
    >>> to_platform(5, "JPY", Decimal("1000"), "EUR")      # ¥5 = €0.005 -> €0.01 (half-up)
    1
    """
    if currency == platform:
        return minor
    if not isinstance(rate, Decimal) or not rate.is_finite() or rate <= 0:
        raise ValueError(f"rate must be a positive Decimal, got {rate!r}")
    amount = Decimal(minor).scaleb(-exponent(currency)) / rate
    return int(amount.scaleb(exponent(platform)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rate_bps(part: int, whole: int) -> int | None:
    """``part / whole`` in basis points, half-up; None when ``whole`` is not positive.

    >>> rate_bps(1, 3), rate_bps(0, 0)
    (3333, None)
    """
    if whole <= 0:
        return None
    sign = -1 if part < 0 else 1
    return sign * ((abs(part) * 20_000 + whole) // (whole * 2))


def _conv(fact: OrderFact, minor: int, platform: str) -> int:
    return to_platform(minor, fact.currency, fact.platform_rate or Decimal(1), platform)


def compute(period: DateRange, platform: str, orders: list[OrderFact], lines: list[LineFact],
            balances: list[BalanceFact], views: int, carts: int, top: int = TOP) -> PlatformFigures:
    """The figures of one range from its facts (see the module contract)."""
    per_day = {period.start + timedelta(days=i): [0, 0] for i in range(period.days)}
    markets: dict[str, list[int]] = {}
    currencies: dict[str, list[int]] = {}  # orders, local gmv, converted gmv, unconverted
    vendors: dict[int, list] = {}
    duties: dict[tuple[str, str], list[int]] = {}
    gmv = count = unconverted = duty = tax = refunded = refunded_orders = 0
    for fact in orders:
        if not fact.counts:
            continue
        cur = currencies.setdefault(fact.currency, [0, 0, 0, 0])
        cur[0] += 1
        cur[1] += fact.gmv
        if fact.platform_rate is None and fact.currency != platform:
            cur[3] += 1
            unconverted += 1
            continue
        value = _conv(fact, fact.gmv, platform)
        cur[2] += value
        gmv, count = gmv + value, count + 1
        if fact.day in per_day:
            per_day[fact.day][0] += value
            per_day[fact.day][1] += 1
        market = markets.setdefault(fact.country, [0, 0])
        market[0], market[1] = market[0] + 1, market[1] + value
        vendor = vendors.setdefault(fact.vendor_id, [fact.vendor_name, 0, 0])
        vendor[1], vendor[2] = vendor[1] + 1, vendor[2] + value
        if fact.duty or fact.tax:
            row = duties.setdefault((fact.country, fact.regime), [0, 0, 0])
            d, t = _conv(fact, fact.duty, platform), _conv(fact, fact.tax, platform)
            row[0], row[1], row[2] = row[0] + 1, row[1] + d, row[2] + t
            duty, tax = duty + d, tax + t
        if fact.refunded > 0:
            refunded += _conv(fact, fact.refunded, platform)
            refunded_orders += 1
    total = Money(gmv, platform)

    def money(minor: int) -> Money:
        return Money(minor, platform)

    by_id = {fact.id: fact for fact in orders}
    merged: dict[str, list] = {}  # one product sold in several orders and currencies: one row
    for line in lines:
        fact = by_id.get(line.order_id)
        if fact is None or not fact.counts or (fact.platform_rate is None and fact.currency != platform):
            continue
        entry = merged.setdefault(line.key, [line.name, fact.vendor_name, 0, 0])
        entry[2], entry[3] = entry[2] + line.units, entry[3] + _conv(fact, line.goods, platform)
    return PlatformFigures(
        range=period, currency=platform, gmv=total, orders=count, aov=average(total, count), unconverted=unconverted,
        duty=money(duty), tax=money(tax),
        refunds=Refunds(money(refunded), refunded_orders, rate_bps(refunded, gmv), rate_bps(refunded_orders, count)),
        days=tuple(DayPoint(day, money(v[0]), v[1]) for day, v in per_day.items()),
        markets=tuple(MarketRow(code, v[0], money(v[1]), rate_bps(v[1], gmv))
                      for code, v in sorted(markets.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))),
        currencies=tuple(CurrencyRow(code, v[0], Money(v[1], code), None if v[3] else money(v[2]), v[3])
                         for code, v in sorted(currencies.items(), key=lambda kv: (-kv[1][2], -kv[1][0], kv[0]))),
        vendors=tuple(VendorRow(vid, v[0], v[1], money(v[2]))
                      for vid, v in sorted(vendors.items(), key=lambda kv: (-kv[1][2], -kv[1][1], kv[1][0]))[:top]),
        products=tuple(ProductRow(v[0], v[1], v[2], money(v[3]))
                       for v in sorted(merged.values(), key=lambda v: (-v[3], -v[2], v[0]))[:top]),
        duties=tuple(DutyRow(c, r, v[0], money(v[1]), money(v[2]))
                     for (c, r), v in sorted(duties.items(), key=lambda kv: (-(kv[1][1] + kv[1][2]), kv[0]))),
        payouts=tuple(PayoutRow(b.currency, b.vendors, Money(b.available, b.currency), Money(b.pending, b.currency))
                      for b in sorted(balances, key=lambda b: b.currency)),
        funnel=Funnel(views=views, carts=carts, orders=count + unconverted),  # every paid order, converted or not
    )

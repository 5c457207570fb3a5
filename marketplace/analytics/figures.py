"""The sales figures as pure functions (fetch, then calculate): facts in, figures out. No database.

Contract:
- Money is the vendor's own currency: a vendor order's goods are its lines' ``vendor_unit_price ×
  quantity`` (what the seller sells: never shipping, import duty or tax, which the shopper pays to the
  platform or the carrier), and its refunds are the ledger's ``refund`` entries for it (goods given back, in
  the vendor's currency). That is the ledger's ``sale`` figure, so the dashboard and the money page agree.
- An order **counts** (a sale) when it is not canceled and not fully refunded. ``revenue`` is the sum over
  counted orders of goods minus refunds (never below zero per order); ``orders`` and ``units`` (line
  quantities) are over counted orders; ``aov`` is revenue / orders, half-up to the currency's minor unit
  (zero when there are no orders). ``refunded`` is the goods refunded on every order placed in the range,
  counted or not; ``canceled`` counts the orders that do not count.
- Days are UTC calendar days of the order's placement; :func:`compute` fills every day of the range, zeros
  included, so a chart has no gaps. Countries are the delivery country, most revenue first (then most
  orders, then code). The funnel is views → add-to-carts → counted orders, with each step's rate of the
  step before in basis points (``None`` when the step before is zero or smaller than the step).
- :class:`DateRange` is inclusive (``start`` and ``end`` are both shown); :func:`preset_range` and
  :func:`custom_range` build one or raise ``ValidationError`` with an ``AnalyticsErrorCode``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from marketplace.analytics.error_codes import AnalyticsErrorCode
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money

PRESETS: tuple[int, ...] = (7, 30, 90)  # "last N days", today included
MAX_DAYS = 366  # the longest custom range
EARLIEST = date(2000, 1, 1)
CANCELED = "canceled"
REFUNDED = "refunded"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[datetime, datetime]:
        """[first instant of ``start``, first instant after ``end``) in UTC, for queries."""
        return (datetime.combine(self.start, time.min, UTC),
                datetime.combine(self.end + timedelta(days=1), time.min, UTC))


def _invalid(field: str) -> ValidationError:
    return ValidationError("Choose a valid date range.", code=AnalyticsErrorCode.RANGE_INVALID, field=field)


def preset_range(days: object, today: date) -> DateRange:
    """The last ``days`` days ending ``today`` (one of :data:`PRESETS`)."""
    if isinstance(days, bool) or days not in PRESETS:
        raise _invalid("preset")
    return DateRange(today - timedelta(days=int(days) - 1), today)  # type: ignore[arg-type]


def parse_day(value: object, field: str) -> date:
    """``YYYY-MM-DD`` -> date; anything else is ``ValidationError`` (``range_invalid``)."""
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise _invalid(field)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _invalid(field) from None


def custom_range(start: object, end: object, today: date) -> DateRange:
    """From–to, both ``YYYY-MM-DD`` and inclusive: from <= to, at most :data:`MAX_DAYS` days, within
    [:data:`EARLIEST`, tomorrow] (tomorrow allows for time zones ahead of UTC)."""
    first, last = parse_day(start, "start"), parse_day(end, "end")
    for field, day in (("start", first), ("end", last)):
        if not EARLIEST <= day <= today + timedelta(days=1):
            raise ValidationError("Choose dates up to today.", code=AnalyticsErrorCode.RANGE_OUT_OF_BOUNDS, field=field)
    if first > last:
        raise ValidationError("The start date must be on or before the end date.",
                              code=AnalyticsErrorCode.RANGE_REVERSED, field="start")
    found = DateRange(first, last)
    if found.days > MAX_DAYS:
        raise ValidationError("Choose a range of at most %(days)s days.", code=AnalyticsErrorCode.RANGE_TOO_LONG,
                              field="end", days=MAX_DAYS)
    return found


@dataclass(frozen=True)
class OrderFact:
    """One vendor order placed in the range, as the query read it (money in the vendor's minor units)."""

    day: date
    country: str
    status: str
    payment_status: str
    goods: int  # vendor prices × quantities
    refunded: int  # goods refunded so far (positive)
    units: int

    @property
    def counts(self) -> bool:
        return self.status != CANCELED and self.payment_status != REFUNDED

    @property
    def net(self) -> int:
        return max(self.goods - self.refunded, 0)


@dataclass(frozen=True)
class ProductFact:
    """One product's sales over counted orders (the query groups by product)."""

    name: str
    units: int
    goods: int


@dataclass(frozen=True)
class DayPoint:
    day: date
    revenue: Money
    orders: int


@dataclass(frozen=True)
class CountryRow:
    country: str
    orders: int
    revenue: Money


@dataclass(frozen=True)
class ProductRow:
    name: str
    units: int
    revenue: Money


@dataclass(frozen=True)
class Funnel:
    views: int
    carts: int
    orders: int

    @staticmethod
    def rate_bps(part: int, whole: int) -> int | None:
        """``part / whole`` in basis points, half-up; None when ``whole`` is zero or ``part`` exceeds it (more
        orders than recorded add-to-carts: orders from before events were recorded, or several orders from
        one cart within half an hour; a rate over 100 % would mislead)."""
        if whole <= 0 or part > whole:
            return None
        return (part * 10_000 * 2 + whole) // (whole * 2)

    @property
    def cart_rate_bps(self) -> int | None:
        return self.rate_bps(self.carts, self.views)

    @property
    def order_rate_bps(self) -> int | None:
        return self.rate_bps(self.orders, self.carts)


@dataclass(frozen=True)
class SalesFigures:
    range: DateRange
    currency: str
    revenue: Money
    orders: int
    units: int
    aov: Money
    refunded: Money
    canceled: int
    days: tuple[DayPoint, ...]
    countries: tuple[CountryRow, ...]
    products: tuple[ProductRow, ...]
    funnel: Funnel


def average(total: Money, count: int) -> Money:
    """``total / count`` half-up to the currency's minor unit (exact integer arithmetic); zero for no orders.

    >>> average(Money(1000, "EUR"), 3)
    Money(minor=333, currency='EUR')
    >>> average(Money(5, "JPY"), 2)
    Money(minor=3, currency='JPY')
    """
    if count <= 0:
        return Money.zero(total.currency)
    sign = -1 if total.minor < 0 else 1
    return Money(sign * ((2 * abs(total.minor) + count) // (2 * count)), total.currency)


def compute(period: DateRange, currency: str, orders: list[OrderFact], products: list[ProductFact],
            views: int, carts: int, top: int = 5) -> SalesFigures:
    """The figures of one range from its facts (see the module contract)."""
    per_day = {period.start + timedelta(days=i): [0, 0] for i in range(period.days)}
    per_country: dict[str, list[int]] = {}
    revenue = units = count = refunded = canceled = 0
    for fact in orders:
        refunded += fact.refunded
        if not fact.counts:
            canceled += 1
            continue
        count, units, revenue = count + 1, units + fact.units, revenue + fact.net
        if fact.day in per_day:
            per_day[fact.day][0] += fact.net
            per_day[fact.day][1] += 1
        country = per_country.setdefault(fact.country, [0, 0])
        country[0] += 1
        country[1] += fact.net
    total = Money(revenue, currency)
    ranked = sorted(products, key=lambda p: (-p.goods, -p.units, p.name))[:top]
    return SalesFigures(
        range=period, currency=currency, revenue=total, orders=count, units=units, aov=average(total, count),
        refunded=Money(refunded, currency), canceled=canceled,
        days=tuple(DayPoint(day, Money(v[0], currency), v[1]) for day, v in per_day.items()),
        countries=tuple(CountryRow(code, v[0], Money(v[1], currency))
                        for code, v in sorted(per_country.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))),
        products=tuple(ProductRow(p.name, p.units, Money(p.goods, currency)) for p in ranked),
        funnel=Funnel(views=views, carts=carts, orders=count),
    )

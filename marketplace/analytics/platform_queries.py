"""The platform's figures for staff (GMV, orders, funnel, top vendors and products, duty and tax, refunds, payouts
due), read from orders, refunds, the ledger and product events of every vendor.

Contract (every function takes the :class:`Caller` resolved from the server-side session and calls
``require_staff(caller, StaffCapability.ANALYTICS)`` first: finance and admins only):
- :func:`platform_figures(session, caller, period)` -> :class:`platform_figures.PlatformFigures` for an inclusive
  ``figures.DateRange`` (built by ``figures.preset_range`` / ``figures.custom_range``). A fixed number of grouped
  queries whatever the number of orders (vendor orders; refunds per order; the frozen rate evidence per
  checkout; lines per order and product; the stored regimes of orders with duty or tax; product events by
  kind; ledger sums per vendor), then ``platform_figures.compute`` does the arithmetic.
- The platform currency is :data:`PLATFORM_CURRENCY` (EUR: the ledger of the platform, its IOSS reporting and
  the ECB reference rates are all in euros). **The frozen rate** "1 EUR = r shopper currency" of an order is,
  in this order: 1 when the shopper paid in euros; else the ``fx_rate`` frozen on a line of the same checkout
  whose seller prices in euros (that line's rate *is* EUR -> shopper currency, as charged); else, when a line
  of the checkout was priced from the bundled dated ECB snapshot (its ``fx_source`` names that snapshot), the
  snapshot's own EUR rate for the shopper currency — the very figures the line's cross rate was computed from.
  Otherwise the order has no frozen rate to EUR and is reported unconverted (never at today's rate).
- :func:`change_marker(session, caller)` -> ``(latest vendor order id, latest order event id (payments and refunds write one),
  latest refund id)``: one cheap statement over indexed columns. A new order, its payment or a refund moves
  it, so the live monitor polls this and recomputes only when it moved.
- :func:`recent_orders(session, caller, limit)` -> the latest paid vendor orders (the live monitor's feed),
  newest first, each converted at its frozen rate like the figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import func, literal_column
from sqlmodel import Session, select

from marketplace.accounts.guards import require_staff
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.analytics import figures
from marketplace.analytics import platform_figures as pf
from marketplace.analytics.error_codes import AnalyticsErrorCode
from marketplace.catalog.events import EventKind
from marketplace.core import clock
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money
from marketplace.crossborder import fx
from marketplace.models import (
    CheckoutSession,
    LedgerEntry,
    OrderEvent,
    OrderGroup,
    OrderLine,
    ProductEvent,
    Refund,
    Variant,
    Vendor,
    VendorOrder,
)
from marketplace.payments.ledger import split_balances

PLATFORM_CURRENCY = "EUR"
FEED_LIMIT = 20
_REFUND_COUNTED = ("pending", "succeeded")  # a failed refund gave nothing back


def _day(created: datetime) -> object:
    """The UTC calendar day (naive values are UTC already; an aware UTC value needs no conversion)."""
    if created.tzinfo is None or not created.utcoffset():
        return created.date()
    return created.astimezone(UTC).date()


def _snapshot_rate(currency: str) -> Decimal | None:
    try:
        return fx.EmbeddedEcbProvider().rate(PLATFORM_CURRENCY, currency).rate
    except (fx.RatesNotAvailable, KeyError, ValueError):
        return None


def frozen_rates(session: Session, group_ids: set[int] | None, start: datetime | None = None,
                 end: datetime | None = None) -> dict[int, Decimal]:
    """{checkout (order group) id: 1 EUR in its shopper currency}, from what each checkout froze (see the
    module contract); checkouts paid in euros and those with no evidence are absent."""
    query = (select(VendorOrder.group_id, OrderLine.vendor_unit_price_currency, OrderLine.unit_price_currency,
                    OrderLine.fx_source, func.min(OrderLine.fx_rate))
             .join(VendorOrder, VendorOrder.id == OrderLine.vendor_order_id)
             .where(OrderLine.unit_price_currency != PLATFORM_CURRENCY)
             .where((OrderLine.vendor_unit_price_currency == PLATFORM_CURRENCY) | (OrderLine.fx_source == fx.ECB_SOURCE))
             .group_by(VendorOrder.group_id, OrderLine.vendor_unit_price_currency, OrderLine.unit_price_currency,
                       OrderLine.fx_source))
    if start is not None and end is not None:
        query = query.where(VendorOrder.created_at >= start, VendorOrder.created_at < end)
    if group_ids is not None:
        query = query.where(VendorOrder.group_id.in_(group_ids))  # type: ignore[union-attr]
    direct: dict[int, Decimal] = {}
    snapshot: dict[int, str] = {}
    for group_id, vendor_currency, shopper_currency, source, rate in session.exec(query).all():
        if vendor_currency == PLATFORM_CURRENCY and rate is not None and Decimal(rate) > 0:
            direct[group_id] = Decimal(rate)
        elif source == fx.ECB_SOURCE:
            snapshot[group_id] = shopper_currency
    found = dict(direct)
    for group_id, currency in snapshot.items():
        if group_id not in found and (rate := _snapshot_rate(currency)) is not None:
            found[group_id] = rate
    return found


def _regimes(session: Session, group_ids: set[int]) -> dict[tuple[int, int], str]:
    """{(group id, vendor id): regime} from the checkouts' frozen quotes (only groups with duty or tax)."""
    found: dict[tuple[int, int], str] = {}
    if not group_ids:
        return found
    for group_id, quote in session.exec(
            select(CheckoutSession.order_group_id, CheckoutSession.quote)
            .where(CheckoutSession.order_group_id.in_(group_ids))  # type: ignore[union-attr]
            .order_by(CheckoutSession.created_at)).all():
        for parcel in (quote or {}).get("parcels", []) if isinstance(quote, dict) else []:
            if isinstance(parcel, dict) and parcel.get("regime") and isinstance(parcel.get("vendor_id"), int):
                found[(group_id, parcel["vendor_id"])] = str(parcel["regime"])[:40]
    return found


def _order_facts(session: Session, period: figures.DateRange) -> list[pf.OrderFact]:
    start, end = period.bounds()
    rows = session.exec(
        select(VendorOrder.id, VendorOrder.group_id, VendorOrder.created_at, OrderGroup.ship_to_country,
               VendorOrder.goods_currency, VendorOrder.payment_status, VendorOrder.vendor_id, Vendor.display_name,
               VendorOrder.goods_minor, VendorOrder.shipping_minor, VendorOrder.duty_minor, VendorOrder.tax_minor)
        .join(OrderGroup, OrderGroup.id == VendorOrder.group_id)
        .join(Vendor, Vendor.id == VendorOrder.vendor_id)
        .where(VendorOrder.created_at >= start, VendorOrder.created_at < end)).all()
    refunds = dict(session.exec(
        select(Refund.vendor_order_id, func.sum(Refund.amount_minor))
        .join(VendorOrder, VendorOrder.id == Refund.vendor_order_id)
        .where(VendorOrder.created_at >= start, VendorOrder.created_at < end,
               Refund.status.in_(_REFUND_COUNTED))  # type: ignore[attr-defined]
        .group_by(Refund.vendor_order_id)).all())
    rates = frozen_rates(session, None, start, end)
    regimes = _regimes(session, {row[1] for row in rows if row[10] or row[11]})
    return [pf.OrderFact(
        id=order_id, day=_day(created), country=country, currency=currency, payment_status=paid,  # type: ignore[arg-type]
        vendor_id=vendor_id, vendor_name=vendor_name, goods=int(goods), shipping=int(shipping), duty=int(duty),
        tax=int(tax), refunded=int(refunds.get(order_id) or 0),
        platform_rate=Decimal(1) if currency == PLATFORM_CURRENCY else rates.get(group_id),
        regime=regimes.get((group_id, vendor_id), ""))
        for (order_id, group_id, created, country, currency, paid, vendor_id, vendor_name, goods, shipping, duty,
             tax) in rows]


def _line_facts(session: Session, period: figures.DateRange) -> list[pf.LineFact]:
    start, end = period.bounds()
    rows = session.exec(
        select(OrderLine.vendor_order_id, Variant.product_id, OrderLine.product_name, func.sum(OrderLine.quantity),
               func.sum(OrderLine.quantity * OrderLine.unit_price_minor))
        .join(VendorOrder, VendorOrder.id == OrderLine.vendor_order_id)
        .outerjoin(Variant, Variant.id == OrderLine.variant_id)
        .where(VendorOrder.created_at >= start, VendorOrder.created_at < end,
               VendorOrder.payment_status.in_(pf.PAID_STATUSES))  # type: ignore[attr-defined]
        .group_by(OrderLine.vendor_order_id, Variant.product_id, OrderLine.product_name)).all()
    return [pf.LineFact(order_id=order_id, key=str(product_id) if product_id is not None else f"gone:{name}",
                        name=name, units=int(units or 0), goods=int(goods or 0))
            for order_id, product_id, name, units, goods in rows]


def _event_counts(session: Session, period: figures.DateRange) -> dict[str, int]:
    start, end = period.bounds()
    return {kind: int(n) for kind, n in session.exec(
        select(ProductEvent.kind, func.count(literal_column("1")))
        .where(ProductEvent.at >= start, ProductEvent.at < end).group_by(ProductEvent.kind)).all()}


def _balances(session: Session) -> list[pf.BalanceFact]:
    """Payouts due: each vendor's ledger split into available and pending (``ledger.split_balances``, the debt
    rule included), summed per vendor currency."""
    now = clock.now()
    is_available = (LedgerEntry.available_at.is_not(None)) & (LedgerEntry.available_at <= now)  # type: ignore[union-attr]
    rows = session.exec(
        select(LedgerEntry.vendor_id, LedgerEntry.amount_currency, is_available, func.sum(LedgerEntry.amount_minor))
        .group_by(LedgerEntry.vendor_id, LedgerEntry.amount_currency, is_available)).all()
    raw: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for vendor_id, currency, available, amount in rows:
        raw[(vendor_id, currency)][0 if available else 1] += int(amount or 0)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (_, currency), (available, pending) in raw.items():
        split = split_balances(Money(available, currency), Money(pending, currency), Money(0, currency))
        if split.available.minor or split.pending.minor:
            entry = totals[currency]
            entry[0], entry[1], entry[2] = entry[0] + split.available.minor, entry[1] + split.pending.minor, entry[2] + 1
    return [pf.BalanceFact(currency=c, available=v[0], pending=v[1], vendors=v[2]) for c, v in totals.items()]


def platform_figures(session: Session, caller: Caller | None, period: figures.DateRange) -> pf.PlatformFigures:
    """Every figure of the dashboard over ``period`` (see the module contract)."""
    require_staff(caller, StaffCapability.ANALYTICS)
    if not isinstance(period, figures.DateRange) or not 1 <= period.days <= figures.MAX_DAYS:
        raise ValidationError("Choose a valid date range.", code=AnalyticsErrorCode.RANGE_TOO_LONG, field="end")
    events = _event_counts(session, period)
    return pf.compute(period, PLATFORM_CURRENCY, _order_facts(session, period), _line_facts(session, period),
                      _balances(session), views=events.get(EventKind.VIEW, 0), carts=events.get(EventKind.CART, 0))


def change_marker(session: Session, caller: Caller | None) -> tuple[int, int, int]:
    """(latest vendor order id, latest order event id, latest refund id); zeros when there are none."""
    require_staff(caller, StaffCapability.ANALYTICS)
    latest_order = select(func.max(VendorOrder.id)).scalar_subquery()
    latest_event = select(func.max(OrderEvent.id)).scalar_subquery()
    latest_refund = select(func.max(Refund.id)).scalar_subquery()
    order_id, event_id, refund_id = session.exec(select(latest_order, latest_event, latest_refund)).one()
    return int(order_id or 0), int(event_id or 0), int(refund_id or 0)


@dataclass(frozen=True)
class FeedItem:
    """One paid vendor order for the live monitor."""

    number: str
    at: datetime
    country: str
    vendor_name: str
    gmv: Money  # goods + shipping charged, in the shopper's currency
    platform_gmv: Money | None  # the same in the platform currency at the frozen rate (None: no frozen rate)


def recent_orders(session: Session, caller: Caller | None, limit: int = FEED_LIMIT) -> list[FeedItem]:
    """The latest ``limit`` (1–50) paid vendor orders, newest first (the live monitor's feed)."""
    require_staff(caller, StaffCapability.ANALYTICS)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 50:
        raise ValidationError("Choose a valid date range.", code=AnalyticsErrorCode.RANGE_INVALID, field="limit")
    rows = session.exec(
        select(VendorOrder.number, VendorOrder.group_id, VendorOrder.created_at, OrderGroup.ship_to_country,
               Vendor.display_name, VendorOrder.goods_currency, VendorOrder.goods_minor, VendorOrder.shipping_minor)
        .join(OrderGroup, OrderGroup.id == VendorOrder.group_id)
        .join(Vendor, Vendor.id == VendorOrder.vendor_id)
        .where(VendorOrder.payment_status.in_(pf.PAID_STATUSES))  # type: ignore[attr-defined]
        .order_by(VendorOrder.id.desc()).limit(limit)).all()  # type: ignore[union-attr]
    rates = frozen_rates(session, {row[1] for row in rows}) if rows else {}
    found = []
    for number, group_id, created, country, vendor_name, currency, goods, shipping in rows:
        rate = Decimal(1) if currency == PLATFORM_CURRENCY else rates.get(group_id)
        converted = (Money(pf.to_platform(int(goods) + int(shipping), currency, rate, PLATFORM_CURRENCY),
                              PLATFORM_CURRENCY) if rate is not None else None)
        found.append(FeedItem(number=number, at=created, country=country, vendor_name=vendor_name,
                              gmv=Money(int(goods) + int(shipping), currency), platform_gmv=converted))
    return found


__all__ = ["FEED_LIMIT", "PLATFORM_CURRENCY", "FeedItem", "change_marker", "frozen_rates", "platform_figures",
           "recent_orders"]

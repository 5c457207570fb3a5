"""A seller's sales figures, read from orders, the ledger and product events: only the caller's own vendor.

Contract (every function takes the :class:`Caller` resolved from the server-side session and reads the vendor
that caller acts for, ``require_vendor``; no other vendor's rows are ever read):
- :func:`sales(session, caller, period)` -> :class:`figures.SalesFigures` for an inclusive
  :class:`figures.DateRange` (built by ``figures.preset_range`` / ``figures.custom_range``, which validate it;
  a range longer than ``figures.MAX_DAYS`` is refused here too). Four grouped queries, whatever the number of
  orders: per vendor order (goods and units from its lines, its delivery country and statuses), the
  ledger's refunds of those orders, per product over counted orders, and product events by kind; then
  ``figures.compute`` does the arithmetic (see there for what counts and in which currency). Lines in another
  currency than the vendor's (a vendor whose currency changed) are left out rather than mixed.
- :func:`change_marker(session, caller)` -> ``(latest vendor order id, latest ledger entry id)`` of the
  vendor: one cheap indexed statement. A new order (its sale entry) or a refund changes it, so a live
  dashboard polls this and recomputes :func:`sales` only when it moved.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC

from sqlalchemy import func, literal_column
from sqlmodel import Session, select

from marketplace.accounts.guards import require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.analytics import figures
from marketplace.analytics.error_codes import AnalyticsErrorCode
from marketplace.catalog.events import EventKind
from marketplace.core.errors import ValidationError
from marketplace.models import LedgerEntry, OrderGroup, OrderLine, Product, ProductEvent, Variant, VendorOrder
from marketplace.payments.ledger import EntryKind, vendor_currency


def _order_facts(session: Session, vendor_id: int, currency: str, period: figures.DateRange) -> list[figures.OrderFact]:
    start, end = period.bounds()
    goods = func.sum(OrderLine.quantity * OrderLine.vendor_unit_price_minor)
    rows = session.exec(
        select(VendorOrder.id, VendorOrder.created_at, VendorOrder.status, VendorOrder.payment_status,
               OrderGroup.ship_to_country, goods, func.sum(OrderLine.quantity))
        .join(OrderGroup, OrderGroup.id == VendorOrder.group_id)
        .join(OrderLine, OrderLine.vendor_order_id == VendorOrder.id)
        .where(VendorOrder.vendor_id == vendor_id, VendorOrder.created_at >= start, VendorOrder.created_at < end,
               OrderLine.vendor_unit_price_currency == currency)
        .group_by(VendorOrder.id, VendorOrder.created_at, VendorOrder.status, VendorOrder.payment_status,
                  OrderGroup.ship_to_country)).all()
    refunds = dict(session.exec(
        select(LedgerEntry.vendor_order_id, func.sum(LedgerEntry.amount_minor))
        .join(VendorOrder, VendorOrder.id == LedgerEntry.vendor_order_id)
        .where(LedgerEntry.vendor_id == vendor_id, LedgerEntry.kind == EntryKind.REFUND,
               LedgerEntry.amount_currency == currency, VendorOrder.vendor_id == vendor_id,
               VendorOrder.created_at >= start, VendorOrder.created_at < end)
        .group_by(LedgerEntry.vendor_order_id)).all())
    return [figures.OrderFact(day=created.date() if created.tzinfo is None else created.astimezone(UTC).date(),
                              country=country, status=status, payment_status=paid, goods=int(total or 0),
                              refunded=-int(refunds.get(order_id) or 0), units=int(units or 0))
            for order_id, created, status, paid, country, total, units in rows]


def _product_facts(session: Session, vendor_id: int, currency: str,
                   period: figures.DateRange) -> list[figures.ProductFact]:
    start, end = period.bounds()
    rows = session.exec(
        select(Variant.product_id, Product.name, OrderLine.product_name, func.sum(OrderLine.quantity),
               func.sum(OrderLine.quantity * OrderLine.vendor_unit_price_minor))
        .join(VendorOrder, VendorOrder.id == OrderLine.vendor_order_id)
        .outerjoin(Variant, Variant.id == OrderLine.variant_id)
        .outerjoin(Product, Product.id == Variant.product_id)
        .where(VendorOrder.vendor_id == vendor_id, VendorOrder.created_at >= start, VendorOrder.created_at < end,
               VendorOrder.status != figures.CANCELED, VendorOrder.payment_status != figures.REFUNDED,
               OrderLine.vendor_unit_price_currency == currency)
        .group_by(Variant.product_id, Product.name, OrderLine.product_name)).all()
    merged: dict[object, list] = defaultdict(lambda: ["", 0, 0])
    for product_id, current_name, sold_name, units, goods in rows:
        entry = merged[product_id if product_id is not None else ("gone", sold_name)]
        entry[0] = entry[0] or current_name or sold_name
        entry[1] += int(units or 0)
        entry[2] += int(goods or 0)
    return [figures.ProductFact(name=name, units=units, goods=goods) for name, units, goods in merged.values()]


def _event_counts(session: Session, vendor_id: int, period: figures.DateRange) -> dict[str, int]:
    start, end = period.bounds()
    return {kind: int(n) for kind, n in session.exec(
        select(ProductEvent.kind, func.count(literal_column("1")))
        .where(ProductEvent.vendor_id == vendor_id, ProductEvent.at >= start, ProductEvent.at < end)
        .group_by(ProductEvent.kind)).all()}


def sales(session: Session, caller: Caller | None, period: figures.DateRange) -> figures.SalesFigures:
    """The caller's own vendor's figures over ``period`` (see the module contract)."""
    _, vendor_id = require_vendor(caller, Capability.SALES)
    if not isinstance(period, figures.DateRange) or not 1 <= period.days <= figures.MAX_DAYS:
        raise ValidationError("Choose a valid date range.", code=AnalyticsErrorCode.RANGE_TOO_LONG, field="end")
    currency = vendor_currency(session, vendor_id)
    events = _event_counts(session, vendor_id, period)
    return figures.compute(period, currency, _order_facts(session, vendor_id, currency, period),
                           _product_facts(session, vendor_id, currency, period),
                           views=events.get(EventKind.VIEW, 0), carts=events.get(EventKind.CART, 0))


def change_marker(session: Session, caller: Caller | None) -> tuple[int, int]:
    """(latest vendor order id, latest ledger entry id) of the caller's vendor; (0, 0) when there are none."""
    _, vendor_id = require_vendor(caller, Capability.SALES)
    latest_order = select(func.max(VendorOrder.id)).where(VendorOrder.vendor_id == vendor_id).scalar_subquery()
    latest_entry = select(func.max(LedgerEntry.id)).where(LedgerEntry.vendor_id == vendor_id).scalar_subquery()
    order_id, entry_id = session.exec(select(latest_order, latest_entry)).one()
    return int(order_id or 0), int(entry_id or 0)


__all__ = ["change_marker", "sales"]

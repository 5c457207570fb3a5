"""The vendor ledger: what each vendor has earned, what is held, what was paid out.

Contract:
    * Entries are signed minor units in the vendor's currency (the ``vendor_unit_price_currency`` of its
      order lines): ``sale`` positive (the goods sold, vendor prices × quantities — never shipping, duty
      or tax, which the vendor does not earn), ``commission`` negative (the frozen commission lines; a
      positive ``commission`` entry is a reversal on refund), ``refund`` negative, ``payout`` negative,
      ``adjustment`` either sign (staff corrections); ``dispute_hold`` negative, ``dispute_release`` positive
      (giving a hold back) and ``dispute_loss`` negative (see :mod:`marketplace.payments.disputes`).
    * :func:`record_sale` writes one ``sale`` and one ``commission`` entry per vendor order, once: a
      second call writes nothing and returns the entries already there. The vendor order row is locked
      (``FOR UPDATE`` on PostgreSQL; on SQLite call it inside ``immediate_scope``).
    * :func:`mark_delivered` sets ``available_at = delivered_at + hold_days`` on that vendor order's
      entries that have none yet. Entries written for the order later (refunds, reversals) inherit the
      order's ``available_at`` (see :func:`order_available_at`), so an order's sale, commission and refunds
      always sit in the same bucket.
    * :func:`balances` sums a vendor's entries at ``now``. Raw *available* is every entry with
      ``available_at <= now`` (payouts are written available at once); raw *pending* is the rest. Balances
      are never shown negative. **Debt rule:** when a refund lands after the money was paid out, raw
      available goes below zero; that shortfall is recovered first from pending earnings (pending is shown
      reduced by it) and whatever pending cannot cover is shown as ``debt``. While there is debt,
      available is zero, so no payout is made until future earnings have repaid it. Always:
      ``available + pending - debt == sum of all entries``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.money import Money, sum_money
from marketplace.models import LedgerEntry, OrderLine, Vendor, VendorOrder
from marketplace.payments.commission import freeze_commission
from marketplace.payments.error_codes import PaymentErrorCode

DEFAULT_HOLD_DAYS = 7


class EntryKind(StrEnum):
    """What moved a vendor's balance."""

    SALE = "sale"  # goods sold (positive, vendor currency)
    COMMISSION = "commission"  # platform commission (negative); a positive one reverses it on refund
    REFUND = "refund"  # goods refunded to the shopper (negative)
    ADJUSTMENT = "adjustment"  # a staff correction (either sign)
    PAYOUT = "payout"  # money sent to the vendor (negative)
    DISPUTE_HOLD = "dispute_hold"  # the vendor's share of an open dispute, held back (negative)
    DISPUTE_RELEASE = "dispute_release"  # a hold given back when the dispute closes (positive, = the hold)
    DISPUTE_LOSS = "dispute_loss"  # the vendor's share of a lost dispute, taken for good (negative)


@dataclass(frozen=True, slots=True)
class Balances:
    """A vendor's balances at one moment; none of them is ever negative.

    ``available + pending - debt`` equals the sum of the vendor's ledger entries.
    """

    pending: Money  # earned but not yet payable (not delivered, or in the hold), net of any debt
    available: Money  # payable now
    paid_out: Money  # everything paid out so far
    debt: Money  # refunds after payout that pending earnings do not cover yet


@dataclass(frozen=True, slots=True)
class SaleEntries:
    sale: LedgerEntry
    commission: LedgerEntry
    created: bool  # False when the entries already existed


def vendor_currency(session: Session, vendor_id: int) -> str:
    vendor = session.get(Vendor, vendor_id)
    if vendor is None:
        raise NotFound("We couldn't find that seller.", code=PaymentErrorCode.SELLER_NOT_FOUND, vendor_id=vendor_id)
    return vendor.currency


def lock_vendor_order(session: Session, vendor_order_id: int) -> VendorOrder:
    """Load and lock the vendor order row (``FOR UPDATE`` on PostgreSQL; a no-op on SQLite)."""
    row = session.exec(select(VendorOrder).where(VendorOrder.id == vendor_order_id).with_for_update()).first()
    if row is None:
        raise NotFound("This order does not exist.", code=PaymentErrorCode.VENDOR_ORDER_NOT_FOUND, vendor_order_id=vendor_order_id)
    return row


def order_available_at(session: Session, vendor_order_id: int) -> datetime | None:
    """When this order's money becomes available (None: not delivered yet)."""
    value = session.exec(
        select(func.min(LedgerEntry.available_at)).where(
            LedgerEntry.vendor_order_id == vendor_order_id, LedgerEntry.kind == EntryKind.SALE
        )
    ).first()
    return None if value is None else clock.as_utc(value)


def record_sale(session: Session, vendor_order: VendorOrder) -> SaleEntries:
    """Write the ``sale`` and ``commission`` entries of a paid vendor order, once.

    Freezes the commission lines first if checkout has not done so.

    Raises:
        ValidationError: the order has no lines, or its lines are in more than one vendor currency.
    """
    order = lock_vendor_order(session, vendor_order.id)
    existing = {
        e.kind: e
        for e in session.exec(
            select(LedgerEntry).where(
                LedgerEntry.vendor_order_id == order.id,
                LedgerEntry.kind.in_([EntryKind.SALE, EntryKind.COMMISSION]),  # type: ignore[attr-defined]
                LedgerEntry.refund_id.is_(None),  # type: ignore[union-attr]
            )
        )
    }
    if EntryKind.SALE in existing and EntryKind.COMMISSION in existing:
        return SaleEntries(existing[EntryKind.SALE], existing[EntryKind.COMMISSION], created=False)
    lines = list(session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id)))
    currencies = {line.vendor_unit_price_currency for line in lines}
    if len(currencies) != 1:
        raise ValidationError("This order mixes currencies for one seller.", code=PaymentErrorCode.MIXED_CURRENCIES,
                              vendor_order_id=order.id)
    (currency,) = currencies
    goods = sum_money((Money(x.vendor_unit_price_minor, currency) * x.quantity for x in lines), currency)
    commission = sum_money(
        (Money(c.amount_minor, c.amount_currency) for c in freeze_commission(session, order)), currency
    )
    available_at = order_available_at(session, order.id)
    sale = LedgerEntry(vendor_id=order.vendor_id, kind=EntryKind.SALE, amount_minor=goods.minor,
                       amount_currency=currency, vendor_order_id=order.id, available_at=available_at,
                       memo=f"sale {order.number}")
    fee = LedgerEntry(vendor_id=order.vendor_id, kind=EntryKind.COMMISSION, amount_minor=-commission.minor,
                      amount_currency=currency, vendor_order_id=order.id, available_at=available_at,
                      memo=f"commission {order.number}")
    session.add(sale)
    session.add(fee)
    session.flush()
    return SaleEntries(sale, fee, created=True)


def mark_delivered(
    session: Session, vendor_order: VendorOrder, delivered_at: datetime, hold_days: int = DEFAULT_HOLD_DAYS
) -> datetime:
    """Start the hold: the order's entries become available ``hold_days`` after delivery.

    Only entries without an ``available_at`` are touched, so a repeated delivery event does not move the
    date. Returns the order's ``available_at``.
    """
    if hold_days < 0:
        raise ValidationError("The payout hold cannot be negative.", code=PaymentErrorCode.NEGATIVE_HOLD, hold_days=hold_days)
    order = lock_vendor_order(session, vendor_order.id)
    available_at = order_available_at(session, order.id) or clock.as_utc(delivered_at) + timedelta(days=hold_days)
    entries = session.exec(
        select(LedgerEntry).where(
            LedgerEntry.vendor_order_id == order.id,
            LedgerEntry.available_at.is_(None),  # type: ignore[union-attr]
            LedgerEntry.kind != EntryKind.PAYOUT,
        )
    )
    for entry in entries:
        entry.available_at = available_at
        session.add(entry)
    session.flush()
    return available_at


def split_balances(raw_available: Money, raw_pending: Money, paid_out: Money) -> Balances:
    """Apply the debt rule (module docstring) to raw sums; pure."""
    zero = Money.zero(raw_available.currency)
    if raw_available.minor >= 0:
        available, net_pending = raw_available, raw_pending
    else:
        available, net_pending = zero, raw_pending + raw_available
    pending = net_pending if net_pending.minor > 0 else zero
    debt = -net_pending if net_pending.minor < 0 else zero
    return Balances(pending=pending, available=available, paid_out=paid_out, debt=debt)


def balances(session: Session, vendor_id: int, now: datetime | None = None) -> Balances:
    """The vendor's pending, available and paid-out balances at ``now`` (default: the clock)."""
    now = clock.as_utc(now or clock.now())
    currency = vendor_currency(session, vendor_id)
    available_minor = pending_minor = paid_minor = 0
    for entry in session.exec(select(LedgerEntry).where(LedgerEntry.vendor_id == vendor_id)):
        if entry.amount_currency != currency:
            raise ValidationError("The seller's ledger mixes currencies.", code=PaymentErrorCode.MIXED_CURRENCIES,
                                  vendor_id=vendor_id, entry_id=entry.id)
        if entry.available_at is not None and clock.as_utc(entry.available_at) <= now:
            available_minor += entry.amount_minor
        else:
            pending_minor += entry.amount_minor
        if entry.kind == EntryKind.PAYOUT:
            paid_minor -= entry.amount_minor
    return split_balances(Money(available_minor, currency), Money(pending_minor, currency),
                          Money(paid_minor, currency))


def total(session: Session, vendor_id: int) -> Money:
    """The sum of all the vendor's entries (= available + pending − debt)."""
    currency = vendor_currency(session, vendor_id)
    value = session.exec(
        select(func.coalesce(func.sum(LedgerEntry.amount_minor), 0)).where(LedgerEntry.vendor_id == vendor_id)
    ).one()
    return Money(int(value), currency)

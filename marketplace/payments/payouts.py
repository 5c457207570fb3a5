"""Payouts: a vendor's available balance (delivered + hold passed, net of refunds) paid out in one go.

Contract:
    * :func:`create_payout` takes exactly the vendor's ``available`` balance at ``now`` (see
      :func:`marketplace.payments.ledger.balances`, which already nets any debt) into one :class:`Payout`
      and one negative ``payout`` ledger entry, available at once. Nothing is paid while available is zero.
    * Idempotent per run: the payout entry brings available to zero, so a second call at the same moment
      finds nothing and returns None. Concurrent calls are serialised on the vendor row (``FOR UPDATE``
      on PostgreSQL; on SQLite call it inside ``immediate_scope``).
    * Gateway ``embedded`` (the default): the payout is recorded as paid immediately. Other gateways (a
      Stripe Connect transfer) leave it ``pending`` for the gateway adapter to settle.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.errors import NotFound
from marketplace.models import LedgerEntry, Payout, Vendor
from marketplace.payments.ledger import EntryKind, balances


def lock_vendor(session: Session, vendor_id: int) -> Vendor:
    vendor = session.exec(select(Vendor).where(Vendor.id == vendor_id).with_for_update()).first()
    if vendor is None:
        raise NotFound("We couldn't find that seller.", vendor_id=vendor_id)
    return vendor


def create_payout(
    session: Session, vendor_id: int, now: datetime | None = None, gateway: str = "embedded"
) -> Payout | None:
    """Pay out the vendor's available balance at ``now``; None when there is nothing to pay."""
    now = clock.as_utc(now or clock.now())
    lock_vendor(session, vendor_id)
    available = balances(session, vendor_id, now).available
    if available.minor <= 0:
        return None
    paid = gateway == "embedded"
    payout = Payout(vendor_id=vendor_id, amount_minor=available.minor, amount_currency=available.currency,
                    status="paid" if paid else "pending", gateway=gateway, created_at=now,
                    paid_at=now if paid else None)
    session.add(payout)
    session.flush()
    session.add(LedgerEntry(vendor_id=vendor_id, kind=EntryKind.PAYOUT, amount_minor=-available.minor,
                            amount_currency=available.currency, payout_id=payout.id, available_at=now,
                            created_at=now, memo=f"payout {payout.id}"))
    session.flush()
    return payout


def vendors_with_available(session: Session, now: datetime | None = None) -> list[int]:
    """Vendors that have entries available at ``now`` (candidates for a payout run)."""
    now = clock.as_utc(now or clock.now())
    rows = session.exec(
        select(LedgerEntry.vendor_id).where(LedgerEntry.available_at <= now).distinct()  # type: ignore[operator]
    )
    return sorted(rows)

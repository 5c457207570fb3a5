"""Payouts: a vendor's available balance (delivered + hold passed, net of refunds) paid out in one go.

Contract:
    * :func:`create_payout` takes exactly the vendor's ``available`` balance at ``now`` (see
      :func:`marketplace.payments.ledger.balances`, which already nets any debt) into one :class:`Payout`
      and one negative ``payout`` ledger entry, available at once. Nothing is paid while available is zero.
    * Idempotent per run: the payout entry brings available to zero, so a second call at the same moment
      finds nothing and returns None. Concurrent calls are serialised on the vendor row (``FOR UPDATE``
      on PostgreSQL; on SQLite call it inside ``immediate_scope``).
    * Gateway ``embedded`` (the default): the payout is recorded as paid immediately. Other gateways (a
      Stripe Connect transfer) leave it ``pending``; :func:`settle_payout` marks it paid with the transfer's
      id, :func:`fail_payout` marks it failed and credits the amount back (the run is
      ``marketplace.payments.payout_run``).
    * :func:`connect_stripe_account` records the vendor's Connect account (``acct_…``, format-checked).
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.errors import NotFound, ValidationError
from marketplace.models import LedgerEntry, Payout, Vendor
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.ledger import EntryKind, balances


def lock_vendor(session: Session, vendor_id: int) -> Vendor:
    vendor = session.exec(select(Vendor).where(Vendor.id == vendor_id).with_for_update()).first()
    if vendor is None:
        raise NotFound("We couldn't find that seller.", code=PaymentErrorCode.SELLER_NOT_FOUND, vendor_id=vendor_id)
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


_ACCOUNT_ID = re.compile(r"acct_[A-Za-z0-9]{6,58}")


def connect_stripe_account(session: Session, vendor_id: int, account_id: object) -> Vendor:
    """Record the Stripe Connect account (``acct_…``) the vendor's payouts are transferred to."""
    if not isinstance(account_id, str) or not _ACCOUNT_ID.fullmatch(account_id.strip()):
        raise ValidationError("Enter a Stripe account id like acct_1A2b3C4d5E6f7G8h.",
                              code=PaymentErrorCode.STRIPE_ACCOUNT_INVALID, field="stripe_account_id")
    vendor = lock_vendor(session, vendor_id)
    vendor.stripe_account_id = account_id.strip()
    session.add(vendor)
    session.flush()
    return vendor


def settle_payout(session: Session, payout_id: int, external_id: str, now: datetime | None = None) -> Payout:
    """Mark a pending payout paid by the gateway (``external_id``: the transfer); a paid one is left as is."""
    payout = _locked_payout(session, payout_id)
    if payout.status == "pending":
        payout.status, payout.external_id = "paid", external_id[:100]
        payout.paid_at = clock.as_utc(now or clock.now())
        session.add(payout)
        session.flush()
    return payout


def fail_payout(session: Session, payout_id: int, reason: str, now: datetime | None = None) -> Payout:
    """Mark a pending payout failed and give its amount back to the vendor's available balance (a
    positive ``payout`` entry that cancels the negative one). A payout that is not pending is left as is."""
    payout = _locked_payout(session, payout_id)
    if payout.status != "pending":
        return payout
    now = clock.as_utc(now or clock.now())
    payout.status = "failed"
    session.add(payout)
    session.add(LedgerEntry(vendor_id=payout.vendor_id, kind=EntryKind.PAYOUT, amount_minor=payout.amount_minor,
                            amount_currency=payout.amount_currency, payout_id=payout.id, available_at=now,
                            created_at=now, memo=f"payout {payout.id} failed: {reason}"[:200]))
    session.flush()
    return payout


def _locked_payout(session: Session, payout_id: int) -> Payout:
    payout = session.exec(select(Payout).where(Payout.id == payout_id).with_for_update()).first()
    if payout is None:
        raise NotFound("We couldn't find that payout.", code=PaymentErrorCode.PAYOUT_NOT_FOUND, payout_id=payout_id)
    return payout

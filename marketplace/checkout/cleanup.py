"""Housekeeping the worker runs periodically: abandoned checkouts and stale guest carts.

Contract:
- :func:`expire_checkouts` finds checkouts still ``open`` whose quote expired more than ``EXPIRED_GRACE`` ago
  and that have **no payment intent recorded** (``quote["intent_id"]``): it gives back their stock holds
  (``orders.stock.release``) and marks them ``expired``. The update re-checks status and expiry, so a
  checkout re-quoted or placed meanwhile is left alone. Expired checkouts without an intent are deleted
  after ``DELETE_EXPIRED_AFTER`` (every checkout page load stores one; nothing references them).
  A checkout with an intent (its payment may still finish), a placed or a refunded one is never touched.
- :func:`delete_stale_carts` deletes guest carts (no user) untouched for ``STALE_CART_DAYS``: no line added
  and no checkout started since; their lines go with them (``ON DELETE CASCADE``). A cart whose checkout
  carries a payment intent or was placed is kept.
- Both work in batches of at most ``batch`` rows and return how many rows they changed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from marketplace.core import clock
from marketplace.core.db import session_scope
from marketplace.models import Cart, CartLine, CheckoutSession
from marketplace.orders import stock

EXPIRED_GRACE = timedelta(hours=24)
DELETE_EXPIRED_AFTER = timedelta(days=30)
STALE_CART_DAYS = 60


def _has_intent(row: CheckoutSession) -> bool:
    return bool((row.quote or {}).get("intent_id"))


def expire_checkouts(engine: Engine, now: datetime | None = None, batch: int = 500) -> tuple[int, int]:
    """Returns (checkouts marked expired, expired checkouts deleted)."""
    moment = clock.as_utc(now) if now is not None else clock.now()
    cutoff = moment - EXPIRED_GRACE
    with session_scope(engine) as session:
        rows = session.exec(select(CheckoutSession).where(
            CheckoutSession.status == "open", CheckoutSession.expires_at <= cutoff)
            .order_by(col(CheckoutSession.expires_at)).limit(batch)).all()
        candidates = [row.id for row in rows if not _has_intent(row)]
    expired = 0
    for checkout_id in candidates:
        stock.release(engine, checkout_id)
        with session_scope(engine) as session:
            row = session.get(CheckoutSession, checkout_id, with_for_update=True)
            if row is None or row.status != "open" or _has_intent(row) or clock.as_utc(row.expires_at) > cutoff:
                continue  # paid for, placed or re-quoted meanwhile
            row.status = "expired"
            session.add(row)
            expired += 1
    with session_scope(engine) as session:
        old = session.exec(select(CheckoutSession).where(
            CheckoutSession.status == "expired", CheckoutSession.expires_at <= moment - DELETE_EXPIRED_AFTER)
            .limit(batch)).all()
        ids = [row.id for row in old if not _has_intent(row)]
        if ids:
            session.exec(delete(CheckoutSession).where(col(CheckoutSession.id).in_(ids),
                                                       CheckoutSession.status == "expired"))
    return expired, len(ids)


def delete_stale_carts(engine: Engine, now: datetime | None = None, batch: int = 500) -> int:
    """Delete guest carts untouched for ``STALE_CART_DAYS`` days, with their lines. Returns carts deleted."""
    moment = clock.as_utc(now) if now is not None else clock.now()
    cutoff = moment - timedelta(days=STALE_CART_DAYS)
    with session_scope(engine) as session:
        recent_line = select(CartLine.id).where(CartLine.cart_id == Cart.id, CartLine.added_at > cutoff).exists()
        stale = session.exec(select(Cart.id).where(Cart.user_id.is_(None), Cart.updated_at <= cutoff,  # type: ignore[union-attr]
                                                   ~recent_line).order_by(col(Cart.id)).limit(batch)
                             .with_for_update()).all()  # a line being added meanwhile waits, then fails
        if not stale:
            return 0
        keep = set()
        for cart_id, status, created_at, quote in session.exec(
                select(CheckoutSession.cart_id, CheckoutSession.status, CheckoutSession.created_at,
                       CheckoutSession.quote).where(col(CheckoutSession.cart_id).in_(stale))).all():
            if (status not in ("open", "expired") or clock.as_utc(created_at) > cutoff
                    or (quote or {}).get("intent_id")):
                keep.add(cart_id)
        doomed = [cart_id for cart_id in stale if cart_id not in keep]
        if doomed:
            session.exec(delete(CartLine).where(col(CartLine.cart_id).in_(doomed)))
            session.exec(update(CheckoutSession).where(col(CheckoutSession.cart_id).in_(doomed)).values(cart_id=None))
            session.exec(delete(Cart).where(col(Cart.id).in_(doomed), Cart.user_id.is_(None),  # type: ignore[union-attr]
                                            Cart.updated_at <= cutoff))
    return len(doomed)

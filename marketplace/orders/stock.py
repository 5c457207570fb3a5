"""Stock reservations: units held while payment runs, so the last unit is sold exactly once.

Contract:
- ``reserve(engine, checkout_id, {variant_id: quantity})`` takes every hold or none. In ONE transaction it
  decrements each variant's stock with an atomic conditional update
  (``UPDATE variants SET stock = stock - :q WHERE id = :id AND stock >= :q``) and inserts a ``held``
  :class:`~marketplace.models.StockReservation` expiring after ``minutes``. If any variant is short, the
  whole transaction rolls back and :class:`OutOfStock` names that variant. Stock never goes negative (the
  conditional update, backed by the ``stock >= 0`` check constraint).
- Re-reserving for the same ``checkout_id`` replaces that checkout's earlier holds in the same transaction
  (their units count as available to it), so a retried or changed reservation never holds twice.
- Abuse caps (one script must not keep a product sold out by opening many checkouts): ``reserve(...,
  cart_id=, client=)`` also replaces the holds of the same cart's other checkouts (a cart holds for one
  checkout at a time; ``release_cart`` gives them back when a new checkout starts), refuses more than
  ``MAX_HELD_PER_CART`` units for one checkout, and more than ``MAX_HELD_PER_CLIENT`` units held at once
  by all checkouts from one client address (``client``: the address; only its keyed hash is stored), with
  :class:`HoldLimit`; nothing changes then.
- ``commit()`` turns a checkout's holds into sales (payment succeeded); ``release()`` gives held units back
  (payment failed or abandoned); ``release_expired()`` is the sweeper. All three are idempotent and only
  touch ``held`` rows: committed units are never given back, released units never committed.
- Every function opens and commits its own transaction on the engine it is given.

Locking:
- SQLite: ``immediate_scope`` (``BEGIN IMMEDIATE``; the connection's ``busy_timeout`` makes other writers
  wait). Should a writer still see "database is locked" (many threads, a slow disk), the whole transaction
  is retried up to ``RETRIES`` times with a short jittered backoff; it had changed nothing.
- PostgreSQL: the conditional update takes the variant's row lock and re-checks ``stock >= :q`` after any
  wait. Variant rows are always touched in ascending id order (holds being replaced and holds being taken
  are netted per variant in one pass), so two checkouts never deadlock on each other. A transaction-scoped
  advisory lock on the checkout id serialises two reservations for the same checkout (a double click).
  The sweeper skips holds another transaction has locked (``FOR UPDATE SKIP LOCKED``).
- A hold that expires while payment is still running is released by the sweeper; a later ``commit()`` then
  returns 0. ``secure()`` is what a succeeded payment calls: it commits the holds or, if they are gone,
  takes the units again in the same atomic way, raising :class:`OutOfStock` when they were sold meanwhile
  (the caller refunds the payment).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import func, or_, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from marketplace.accounts.ratelimit import fingerprint
from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.i18n import N_
from marketplace.models import StockReservation, Variant
from marketplace.orders.error_codes import OrderErrorCode

HOLD_MINUTES = 15
MAX_QUANTITY = 9_999
RETRIES = 5
MAX_HELD_PER_CART = 100  # units one checkout (one cart) may hold at once
MAX_HELD_PER_CLIENT = 200  # units all checkouts from one client address may hold at once
_T = TypeVar("_T")


class ReservationStatus(StrEnum):
    """Values of ``StockReservation.status``."""

    HELD = "held"  # units taken from the variant's stock for a checkout whose payment is running
    COMMITTED = "committed"  # payment succeeded: the units are sold
    RELEASED = "released"  # payment failed, the checkout was abandoned or the hold expired: units given back


class OutOfStock(ValidationError):
    """Fewer units are left than a checkout asked for; nothing was reserved."""

    default_code = OrderErrorCode.OUT_OF_STOCK

    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__("Only %(available)s left of %(sku)s.", sku=sku, requested=requested,
                         available=available)


class HoldLimit(ValidationError):
    """A checkout would hold more units than one cart or one client address may hold at once."""

    default_code = OrderErrorCode.HOLD_LIMIT


_CART_LIMIT = N_("One checkout can hold at most %(max)s items at once. Please split your order.")
_CLIENT_LIMIT = N_("Too many items are held by open checkouts from your connection. Complete one, or try again "
                   "in 15 minutes.")


@dataclass(frozen=True)
class Hold:
    reservation_id: int
    variant_id: int
    quantity: int
    expires_at: datetime


def reserve(engine: Engine, checkout_id: str, wanted: Mapping[int, int], *,
            minutes: int = HOLD_MINUTES, cart_id: int | None = None, client: str | None = None) -> list[Hold]:
    """Hold ``wanted`` units (variant id → quantity) for ``checkout_id``, all or nothing.

    Returns:
        One :class:`Hold` per variant, in ascending variant id order.

    Raises:
        OutOfStock: a variant has fewer units left than asked for; nothing was reserved or released.
        HoldLimit: over ``MAX_HELD_PER_CART`` or the client address's ``MAX_HELD_PER_CLIENT``; nothing changed.
        NotFound: a variant id does not exist.
        ValidationError: a malformed checkout id, quantity or hold duration.
    """
    checkout_id = _checkout_id(checkout_id)
    wanted = _wanted(wanted)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 24 * 60:
        raise ValidationError("A hold lasts from 1 minute to 1 day.", code=OrderErrorCode.HOLD_DURATION_INVALID)
    if isinstance(cart_id, bool) or not (cart_id is None or isinstance(cart_id, int)):
        raise ValidationError("This checkout is not valid.", code=OrderErrorCode.CHECKOUT_INVALID)
    if sum(wanted.values()) > MAX_HELD_PER_CART:
        raise HoldLimit(_CART_LIMIT, max=MAX_HELD_PER_CART)
    holder = fingerprint(f"addr:{client[:64]}") if isinstance(client, str) and client else None
    return _retrying(engine, lambda session: _reserve(session, checkout_id, wanted, minutes, cart_id, holder))


def commit(engine: Engine, checkout_id: str) -> int:
    """Turn the checkout's held units into sales. Returns how many holds were committed (0 the 2nd time)."""
    checkout_id = _checkout_id(checkout_id)

    def work(session: Session) -> int:
        _lock_checkout(session, checkout_id)
        rows = _held(session, StockReservation.checkout_id == checkout_id)
        for row in rows:
            row.status = ReservationStatus.COMMITTED
            session.add(row)
        return len(rows)

    return _retrying(engine, work)


def secure(engine: Engine, checkout_id: str, wanted: Mapping[int, int]) -> int:
    """For a payment that has succeeded: commit the checkout's holds, or, when they were already given back
    (the hold expired while the payment was processing or waiting for authentication), take the units
    again and commit them at once. Returns the units committed now (0 when already committed).

    Raises:
        OutOfStock: the hold was gone and the units were sold meanwhile; nothing changed (the caller refunds).
    """
    checkout_id = _checkout_id(checkout_id)
    wanted = _wanted(wanted)

    def work(session: Session) -> int:
        _lock_checkout(session, checkout_id)
        rows = _held(session, StockReservation.checkout_id == checkout_id)
        if not rows:
            committed = session.exec(select(func.count()).select_from(StockReservation).where(
                StockReservation.checkout_id == checkout_id,
                StockReservation.status == ReservationStatus.COMMITTED)).one()
            if committed:
                return 0
            for variant_id in sorted(wanted):
                result = session.connection().execute(
                    text("UPDATE variants SET stock = stock - :q WHERE id = :id AND stock >= :q"),
                    {"q": wanted[variant_id], "id": variant_id})
                if result.rowcount != 1:
                    raise _shortage(session, variant_id, wanted[variant_id], 0)
            rows = [StockReservation(variant_id=variant_id, checkout_id=checkout_id, quantity=quantity,
                                     status=ReservationStatus.HELD, expires_at=clock.now(), created_at=clock.now())
                    for variant_id, quantity in sorted(wanted.items())]
        for row in rows:
            row.status = ReservationStatus.COMMITTED
            session.add(row)
        session.flush()
        return sum(row.quantity for row in rows)

    return _retrying(engine, work)


def release(engine: Engine, checkout_id: str) -> int:
    """Give the checkout's held units back to stock. Returns how many holds were released.

    Committed holds are left alone, so a late "payment failed" can never resurrect sold units.
    """
    checkout_id = _checkout_id(checkout_id)

    def work(session: Session) -> int:
        _lock_checkout(session, checkout_id)
        rows = _held(session, StockReservation.checkout_id == checkout_id)
        _give_back(session, rows)
        return len(rows)

    return _retrying(engine, work)


def release_cart(session: Session, cart_id: int | None, *, keep: str | None = None) -> int:
    """In the caller's transaction (a new checkout starting): give back the holds of the cart's checkouts,
    except ``keep``'s. Returns how many holds were released."""
    if cart_id is None:
        return 0
    _lock_key(session, f"stock-cart:{cart_id}")
    rows = [row for row in _held(session, StockReservation.cart_id == cart_id) if row.checkout_id != keep]
    _give_back(session, rows)
    return len(rows)


def release_expired(engine: Engine, now: datetime | None = None) -> int:
    """The sweeper: release every hold whose ``expires_at`` is at or before ``now`` (default: the clock)."""
    moment = clock.as_utc(now) if now is not None else clock.now()

    def work(session: Session) -> int:
        rows = _held(session, StockReservation.expires_at <= moment, skip_locked=True)
        _give_back(session, rows)
        return len(rows)

    return _retrying(engine, work)


def available(engine: Engine, variant_id: int) -> int:
    """Units of the variant that can still be reserved (its stock, holds already taken off)."""
    with Session(engine) as session:
        stock = session.exec(select(Variant.stock).where(Variant.id == variant_id)).first()
    if stock is None:
        raise NotFound("This item is no longer available.", code=OrderErrorCode.ITEM_UNAVAILABLE, variant_id=variant_id)
    return stock


def held_units(engine: Engine, variant_id: int) -> int:
    """Units of the variant currently held by running checkouts (for staff screens and tests)."""
    with Session(engine) as session:
        total = session.exec(select(func.coalesce(func.sum(StockReservation.quantity), 0)).where(
            StockReservation.variant_id == variant_id,
            StockReservation.status == ReservationStatus.HELD)).one()
    return int(total)


# --- inside the transaction ---------------------------------------------------------------------------

def _reserve(session: Session, checkout_id: str, wanted: dict[int, int], minutes: int, cart_id: int | None = None,
             holder: str | None = None) -> list[Hold]:
    _lock_checkout(session, checkout_id)
    mine = StockReservation.checkout_id == checkout_id
    if cart_id is not None:  # the same cart's other checkouts give their holds back: one hold per cart
        _lock_key(session, f"stock-cart:{cart_id}")
        mine = or_(mine, StockReservation.cart_id == cart_id)
    previous = _held(session, mine)
    if holder is not None:
        _lock_key(session, f"stock-client:{holder}")
        replaced = {row.id for row in previous}
        others = session.exec(select(StockReservation.id, StockReservation.quantity).where(
            StockReservation.status == ReservationStatus.HELD, StockReservation.client == holder)).all()
        if sum(q for rid, q in others if rid not in replaced) + sum(wanted.values()) > MAX_HELD_PER_CLIENT:
            raise HoldLimit(_CLIENT_LIMIT, max=MAX_HELD_PER_CLIENT)
    returned: dict[int, int] = {}
    for row in previous:
        returned[row.variant_id] = returned.get(row.variant_id, 0) + row.quantity
    # one pass in ascending variant id: row locks are always taken in the same order
    for variant_id in sorted(returned.keys() | wanted.keys()):
        need = wanted.get(variant_id, 0) - returned.get(variant_id, 0)
        if need > 0:
            result = session.connection().execute(
                text("UPDATE variants SET stock = stock - :q WHERE id = :id AND stock >= :q"),
                {"q": need, "id": variant_id})
            if result.rowcount != 1:
                raise _shortage(session, variant_id, wanted[variant_id], returned.get(variant_id, 0))
        elif need < 0:
            _add_stock(session, variant_id, -need)
    for row in previous:
        row.status = ReservationStatus.RELEASED
        session.add(row)
    expires_at = clock.now() + timedelta(minutes=minutes)
    rows = [StockReservation(variant_id=variant_id, checkout_id=checkout_id, quantity=quantity,
                             status=ReservationStatus.HELD, expires_at=expires_at, created_at=clock.now(),
                             cart_id=cart_id, client=holder)
            for variant_id, quantity in sorted(wanted.items())]
    session.add_all(rows)
    session.flush()
    return [Hold(reservation_id=row.id, variant_id=row.variant_id, quantity=row.quantity,  # type: ignore[arg-type]
                 expires_at=expires_at) for row in rows]


def _shortage(session: Session, variant_id: int, requested: int, returned: int) -> Exception:
    found = session.exec(select(Variant.sku, Variant.stock).where(Variant.id == variant_id)).first()
    if found is None:
        return NotFound("This item is no longer available.", code=OrderErrorCode.ITEM_UNAVAILABLE, variant_id=variant_id)
    sku, stock = found
    return OutOfStock(sku=sku, requested=requested, available=stock + returned)


def _held(session: Session, condition: object, *, skip_locked: bool = False) -> list[StockReservation]:
    query = (select(StockReservation)
             .where(StockReservation.status == ReservationStatus.HELD, condition)
             .order_by(col(StockReservation.id))
             .with_for_update(skip_locked=skip_locked))
    return list(session.exec(query).all())


def _give_back(session: Session, rows: list[StockReservation]) -> None:
    returned: dict[int, int] = {}
    for row in rows:
        returned[row.variant_id] = returned.get(row.variant_id, 0) + row.quantity
        row.status = ReservationStatus.RELEASED
        session.add(row)
    for variant_id in sorted(returned):
        _add_stock(session, variant_id, returned[variant_id])
    session.flush()


def _add_stock(session: Session, variant_id: int, quantity: int) -> None:
    session.connection().execute(text("UPDATE variants SET stock = stock + :q WHERE id = :id"),
                                 {"q": quantity, "id": variant_id})


def _lock_checkout(session: Session, checkout_id: str) -> None:
    """PostgreSQL: serialise transactions on one checkout (SQLite's BEGIN IMMEDIATE already does)."""
    _lock_key(session, f"stock:{checkout_id}")


def _lock_key(session: Session, key: str) -> None:
    """PostgreSQL: a transaction-scoped advisory lock. Always taken in the order checkout, cart, client."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection().execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:c, 0))"), {"c": key})


# --- validation and retries ----------------------------------------------------------------------------

def _checkout_id(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 40:
        raise ValidationError("This checkout is not valid.", code=OrderErrorCode.CHECKOUT_INVALID)
    return value


def _wanted(value: object) -> dict[int, int]:
    if not isinstance(value, Mapping) or not value:
        raise ValidationError("Nothing to reserve.", code=OrderErrorCode.NOTHING_TO_RESERVE)
    wanted: dict[int, int] = {}
    for variant_id, quantity in value.items():
        if isinstance(variant_id, bool) or not isinstance(variant_id, int) or variant_id <= 0:
            raise NotFound("This item is no longer available.", code=OrderErrorCode.ITEM_UNAVAILABLE,
                           variant_id=str(variant_id))
        if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
            raise ValidationError("Quantity must be a whole number from 1 to %(max)s.", code=OrderErrorCode.QUANTITY_INVALID,
                                  field="quantity", max=MAX_QUANTITY)
        wanted[variant_id] = quantity
    return wanted


def _transient(error: OperationalError) -> bool:
    """SQLite busy/locked, PostgreSQL deadlock or serialisation failure: safe to run again from the start."""
    message = str(error.orig).lower()
    code = getattr(error.orig, "sqlstate", None)
    return "database is locked" in message or "database is busy" in message or code in {"40P01", "40001"}


def _retrying(engine: Engine, work: Callable[[Session], _T]) -> _T:
    for attempt in range(RETRIES + 1):
        try:
            with immediate_scope(engine) as session:
                return work(session)
        except OperationalError as error:
            if attempt == RETRIES or not _transient(error):
                raise
            time.sleep(0.02 * 2**attempt * (1 + random.random()))  # noqa: S311 - jitter, not security
    raise AssertionError("unreachable")

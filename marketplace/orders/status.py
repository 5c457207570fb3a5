"""Vendor-order statuses and the ONE table of allowed transitions between them.

Contract:
- A vendor order carries three independent, stored and filterable statuses: ``status`` (the order's life),
  ``payment_status`` and ``fulfilment_status``. Their values are the enums below; the columns are strings.
- ``ALLOWED[kind][current]`` is the set of states ``current`` may move to. Moves are forward-only: no state
  can be reached again once left (the one self-loop, ``partially_refunded -> partially_refunded``, records
  a further partial refund).
- ``transition()`` is the only code that changes these columns. It validates the move, sets the column and
  writes an :class:`~marketplace.models.OrderEvent` (actor, time, from, to, reason) in the caller's
  transaction. Moving to the current value is a no-op that returns ``False`` and writes nothing (a duplicate
  webhook is harmless), except the partial-refund self-loop, which is a real event. A move the table does
  not allow raises :class:`TransitionError` and changes nothing.
- ``advance()`` is for sources that may deliver out of order (payment and carrier webhooks): a target that
  lies *behind* the current state (one the current state was reached from) is ignored and returns
  ``False``; a target ahead of it goes through ``transition()``; a target that is neither (e.g. ``paid``
  after ``failed``, ``shipped`` after ``canceled``) still raises :class:`TransitionError`.
- ``rank()`` is a state's depth along the happy path (the longest chain of allowed moves from the initial
  state); a state behind another always has a smaller rank.

Concurrency: ``transition()`` re-reads the row before deciding (``SELECT … FOR UPDATE`` on PostgreSQL, so
two webhooks for one order serialise). On SQLite, call it inside ``immediate_scope`` so the write lock is
held from the read onwards.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Literal

from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.errors import NotFound, ValidationError
from marketplace.models import OrderEvent, VendorOrder
from marketplace.orders.error_codes import OrderErrorCode

Kind = Literal["status", "payment", "fulfilment"]


class OrderStatus(StrEnum):
    """The life of a vendor order (one parcel from one vendor)."""

    PLACED = "placed"  # created at checkout; nothing has been done by the vendor yet
    PROCESSING = "processing"  # the vendor accepted it and is preparing the parcel
    PARTIALLY_SHIPPED = "partially_shipped"  # some lines have left the vendor, others have not
    SHIPPED = "shipped"  # every line has been handed to the carrier
    DELIVERED = "delivered"  # the carrier reports delivery to the shopper
    COMPLETED = "completed"  # delivered and past the return window: final, counts toward payouts
    CANCELED = "canceled"  # stopped before shipping (by shopper, vendor or staff); final


class PaymentStatus(StrEnum):
    """Where the shopper's money for this vendor order stands."""

    PENDING = "pending"  # no successful payment yet (intent created, or awaiting authentication)
    AUTHORIZED = "authorized"  # funds reserved on the card, not yet captured
    PAID = "paid"  # funds captured
    PARTIALLY_REFUNDED = "partially_refunded"  # part of the captured amount went back to the shopper
    REFUNDED = "refunded"  # everything captured went back to the shopper; final
    FAILED = "failed"  # declined, or authentication failed or timed out; final for this order


class FulfilmentStatus(StrEnum):
    """Where the goods of this vendor order stand."""

    UNFULFILLED = "unfulfilled"  # nothing packed and handed over yet
    PARTIALLY_FULFILLED = "partially_fulfilled"  # some lines handed over, others not
    FULFILLED = "fulfilled"  # every line handed over
    RETURNED = "returned"  # the goods came back to the vendor; final


ENUMS: dict[str, type[StrEnum]] = {
    "status": OrderStatus,
    "payment": PaymentStatus,
    "fulfilment": FulfilmentStatus,
}

# The column on VendorOrder that each kind of status lives in.
COLUMNS: dict[str, str] = {"status": "status", "payment": "payment_status", "fulfilment": "fulfilment_status"}

_O, _P, _F = OrderStatus, PaymentStatus, FulfilmentStatus

ALLOWED: dict[str, dict[str, frozenset[str]]] = {
    "status": {
        _O.PLACED: frozenset({_O.PROCESSING, _O.CANCELED}),
        _O.PROCESSING: frozenset({_O.PARTIALLY_SHIPPED, _O.SHIPPED, _O.CANCELED}),
        _O.PARTIALLY_SHIPPED: frozenset({_O.SHIPPED}),
        _O.SHIPPED: frozenset({_O.DELIVERED}),
        _O.DELIVERED: frozenset({_O.COMPLETED}),
        _O.COMPLETED: frozenset(),
        _O.CANCELED: frozenset(),
    },
    "payment": {
        _P.PENDING: frozenset({_P.AUTHORIZED, _P.PAID, _P.FAILED}),
        _P.AUTHORIZED: frozenset({_P.PAID, _P.FAILED}),
        _P.PAID: frozenset({_P.PARTIALLY_REFUNDED, _P.REFUNDED}),
        _P.PARTIALLY_REFUNDED: frozenset({_P.PARTIALLY_REFUNDED, _P.REFUNDED}),
        _P.REFUNDED: frozenset(),
        _P.FAILED: frozenset(),
    },
    "fulfilment": {
        _F.UNFULFILLED: frozenset({_F.PARTIALLY_FULFILLED, _F.FULFILLED}),
        _F.PARTIALLY_FULFILLED: frozenset({_F.FULFILLED}),
        _F.FULFILLED: frozenset({_F.RETURNED}),
        _F.RETURNED: frozenset(),
    },
}

INITIAL: dict[str, str] = {"status": _O.PLACED, "payment": _P.PENDING, "fulfilment": _F.UNFULFILLED}

# A move to the same state that is a real event rather than a duplicate.
REPEATABLE: frozenset[tuple[str, str]] = frozenset({("payment", _P.PARTIALLY_REFUNDED)})


class TransitionError(ValidationError):
    """The requested status change is not allowed from the current status; nothing was changed."""

    default_code = OrderErrorCode.TRANSITION_NOT_ALLOWED

    def __init__(self, kind: str, current: str, target: str) -> None:
        super().__init__("An order's %(kind)s cannot go from %(from)s to %(to)s.",
                         kind=kind, **{"from": current, "to": target})


class UnknownStatus(ValidationError):
    """The kind or the status value is not one of the enums above; nothing was changed."""

    default_code = OrderErrorCode.UNKNOWN_STATUS

    def __init__(self, kind: object, status: object) -> None:
        super().__init__("%(status)s is not a known %(kind)s status.", kind=str(kind), status=str(status))


def _check(kind: object, status: object) -> str:
    if not isinstance(kind, str) or kind not in ALLOWED:
        raise UnknownStatus(kind, status)
    if not isinstance(status, str) or status not in ALLOWED[kind]:
        raise UnknownStatus(kind, status)
    return str(ENUMS[kind](status))


def can_transition(kind: str, current: str, target: str) -> bool:
    """Whether the table allows ``current -> target`` for ``kind`` (unknown values: ``False``)."""
    table = ALLOWED.get(kind) if isinstance(kind, str) else None
    if table is None or not isinstance(current, str) or not isinstance(target, str):
        return False
    return target in table.get(current, frozenset())


@cache
def _ancestors(kind: str, status: str) -> frozenset[str]:
    """Every state from which ``status`` can be reached by one or more allowed moves (itself excluded)."""
    table = ALLOWED[kind]
    found: set[str] = set()
    frontier = [status]
    while frontier:
        node = frontier.pop()
        for source, targets in table.items():
            if node in targets and source not in found and source != status:
                found.add(source)
                frontier.append(source)
    return frozenset(found)


@cache
def rank(kind: str, status: str) -> int:
    """Depth of ``status`` along the happy path: 0 for the initial state, longest chain of moves otherwise.

    >>> rank("payment", "pending"), rank("payment", "paid"), rank("payment", "refunded")
    (0, 2, 4)
    """
    status = _check(kind, status)
    parents = [source for source, targets in ALLOWED[kind].items() if status in targets and source != status]
    return 1 + max(rank(kind, parent) for parent in parents) if parents else 0


def is_behind(kind: str, target: str, current: str) -> bool:
    """Whether ``target`` is a state that ``current`` was (or could have been) reached from."""
    return _check(kind, target) in _ancestors(kind, _check(kind, current))


def transition(session: Session, vendor_order: VendorOrder, kind: Kind, target: str, *,
               actor_user_id: int | None, reason: str | None = None) -> bool:
    """Move one status of ``vendor_order`` to ``target`` and record it as an :class:`OrderEvent`.

    Args:
        session: the caller's session; the change and its event are flushed, the caller commits.
        vendor_order: the order (re-read from the database before deciding).
        kind: ``"status"``, ``"payment"`` or ``"fulfilment"``.
        target: the new value (an enum member or its string).
        actor_user_id: who did it; ``None`` for the system (webhooks, sweeper).
        reason: free text kept with the event (at most 500 characters are stored).

    Returns:
        ``True`` when the status changed (or a further partial refund was recorded), ``False`` when it
        already had that value.

    Raises:
        TransitionError: the table does not allow the move; nothing was changed.
        UnknownStatus: ``kind`` or ``target`` is not a known value.
    """
    target = _check(kind, target)
    current = _locked_current(session, vendor_order, kind)
    if target == current and (kind, target) not in REPEATABLE:
        return False
    if not can_transition(kind, current, target):
        raise TransitionError(kind, current, target)
    setattr(vendor_order, COLUMNS[kind], target)
    session.add(vendor_order)
    session.add(OrderEvent(vendor_order_id=vendor_order.id, actor_user_id=actor_user_id, kind=kind,
                           from_status=current, to_status=target,
                           reason=reason[:500] if reason else None, at=clock.now()))
    session.flush()
    return True


def advance(session: Session, vendor_order: VendorOrder, kind: Kind, target: str, **kw: object) -> bool:
    """Like :func:`transition`, but a target behind the current state is ignored (returns ``False``).

    For out-of-order deliveries (a ``created`` webhook arriving after ``succeeded``): state only moves
    forward. A target that is neither behind nor allowed still raises :class:`TransitionError`.
    """
    target = _check(kind, target)
    current = _locked_current(session, vendor_order, kind)
    if target != current and is_behind(kind, target, current):
        return False
    return transition(session, vendor_order, kind, target, **kw)  # type: ignore[arg-type]


def _locked_current(session: Session, vendor_order: VendorOrder, kind: str) -> str:
    """The stored value of the status column, read (and row-locked on PostgreSQL) without flushing any
    in-memory change to it, which is then replaced by the stored value: the database decides."""
    if vendor_order not in session:
        session.add(vendor_order)
    if vendor_order.id is None:
        session.flush()
    column = getattr(VendorOrder, COLUMNS[kind])
    with session.no_autoflush:
        stored = session.exec(select(column).where(VendorOrder.id == vendor_order.id).with_for_update()).first()
    if stored is None:
        raise NotFound("This order does not exist.", code=OrderErrorCode.ORDER_NOT_FOUND, vendor_order_id=vendor_order.id)
    set_committed_value(vendor_order, COLUMNS[kind], stored)
    return _check(kind, stored)

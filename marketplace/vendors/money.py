"""What a seller sees of their own vendor's money: balances, the commission rate, the ledger, payouts, a month.

Contract (every function takes the :class:`Caller` resolved from the server-side session and works on the
vendor that caller acts for, ``require_vendor``; nobody else's entries are ever read):
- :func:`money_summary` -> :class:`MoneySummary`: :func:`ledger.balances` (available, pending, debt) in the
  vendor's currency, the payout hold in days (``Settings.payout_hold_days``), when the next pending money
  becomes available (the earliest future ``available_at``; None when nothing is waiting for a date) and how
  much, and the vendor's general commission rate (``commission.rate_for`` with no category: a vendor rule,
  else ``Vendor.commission_bps``, else the platform default) in basis points.
- :func:`ledger_page(caller, kind="all", month="", page=1)` -> :class:`LedgerPage`: entries newest first,
  :data:`PAGE_SIZE` a page. ``kind`` is ``"all"`` or an :class:`EntryKind` value; ``month`` is ``""`` (every
  month) or ``YYYY-MM`` (by the entry's ``created_at``, UTC); ``page`` an int 1..:data:`MAX_PAGE`. Anything
  else is ``ValidationError`` (``ledger_filter_invalid``, ``field`` = the argument).
- :func:`payouts` -> the vendor's latest :data:`PAYOUT_LIMIT` payouts, newest first (date, amount, status,
  reference: the gateway's id, else ``PO-<id>``).
- :func:`statement(caller, month)` -> :class:`Statement`: the month's entries oldest first, each with the
  running balance, starting from the opening balance (the sum of every earlier entry). ``month`` must be
  ``YYYY-MM`` (the same ``ValidationError`` otherwise). Read only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.accounts.guards import require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.core import clock
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money
from marketplace.core.settings import get_settings
from marketplace.models import LedgerEntry, Payout, VendorOrder
from marketplace.payments.commission import rate_for
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.ledger import Balances, EntryKind, balances, vendor_currency

PAGE_SIZE = 50
MAX_PAGE = 10_000
PAYOUT_LIMIT = 20
KINDS: tuple[str, ...] = ("all", *(kind.value for kind in EntryKind))
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class MoneySummary:
    currency: str
    balances: Balances
    hold_days: int
    next_available_at: datetime | None  # the earliest pending money's date (None: nothing has a date yet)
    next_available: Money  # how much becomes available then
    commission_bps: int


@dataclass(frozen=True)
class LedgerRow:
    id: int
    at: datetime
    kind: str
    order_number: str  # "" when the entry belongs to no order (a payout, an adjustment)
    memo: str
    amount: Money
    available_at: datetime | None


@dataclass(frozen=True)
class LedgerPage:
    rows: tuple[LedgerRow, ...]
    kind: str
    month: str
    page: int
    has_more: bool


@dataclass(frozen=True)
class PayoutRow:
    id: int
    at: datetime
    amount: Money
    status: str  # pending | paid | failed
    reference: str


@dataclass(frozen=True)
class StatementRow:
    entry: LedgerRow
    balance: Money  # the running balance after this entry


@dataclass(frozen=True)
class Statement:
    vendor_id: int
    month: str
    currency: str
    opening: Money
    rows: tuple[StatementRow, ...]


def _invalid(field: str) -> ValidationError:
    return ValidationError("That filter is not available.", code=PaymentErrorCode.LEDGER_FILTER_INVALID, field=field)


def month_bounds(month: object) -> tuple[datetime, datetime]:
    """``YYYY-MM`` -> [first instant of the month, first instant of the next) in UTC; else ``ValidationError``.

    >>> [d.isoformat() for d in month_bounds("2026-12")]
    ['2026-12-01T00:00:00+00:00', '2027-01-01T00:00:00+00:00']
    """
    found = _MONTH.fullmatch(month) if isinstance(month, str) else None
    if found is None or not 2000 <= int(found[1]) <= 2999:
        raise _invalid("month")
    year, mon = int(found[1]), int(found[2])
    start = datetime(year, mon, 1, tzinfo=UTC)
    end = datetime(year + (mon == 12), mon % 12 + 1, 1, tzinfo=UTC)
    return start, end


def money_summary(session: Session, caller: Caller | None, now: datetime | None = None) -> MoneySummary:
    _, vendor_id = require_vendor(caller, Capability.MONEY)
    now = clock.as_utc(now or clock.now())
    currency = vendor_currency(session, vendor_id)
    upcoming = session.exec(
        select(LedgerEntry.available_at, func.sum(LedgerEntry.amount_minor))
        .where(LedgerEntry.vendor_id == vendor_id, LedgerEntry.available_at > now)  # type: ignore[operator]
        .group_by(LedgerEntry.available_at).order_by(LedgerEntry.available_at).limit(1)).first()
    return MoneySummary(
        currency=currency, balances=balances(session, vendor_id, now), hold_days=get_settings().payout_hold_days,
        next_available_at=clock.as_utc(upcoming[0]) if upcoming else None,
        next_available=Money(int(upcoming[1]) if upcoming else 0, currency),
        commission_bps=rate_for(session, vendor_id, None, now).rate_bps,
    )


def _rows(session: Session, entries: list[LedgerEntry]) -> list[LedgerRow]:
    ids = {e.vendor_order_id for e in entries if e.vendor_order_id is not None}
    numbers = dict(session.exec(select(VendorOrder.id, VendorOrder.number)
                                .where(VendorOrder.id.in_(ids))).all()) if ids else {}  # type: ignore[union-attr]
    return [LedgerRow(id=e.id, at=clock.as_utc(e.created_at), kind=e.kind,
                      order_number=numbers.get(e.vendor_order_id, "") if e.vendor_order_id else "",
                      memo=e.memo or "", amount=Money(e.amount_minor, e.amount_currency),
                      available_at=clock.as_utc(e.available_at) if e.available_at else None) for e in entries]


def ledger_page(session: Session, caller: Caller | None, kind: object = "all", month: object = "",
                page: object = 1) -> LedgerPage:
    _, vendor_id = require_vendor(caller, Capability.MONEY)
    if not isinstance(kind, str) or kind not in KINDS:
        raise _invalid("kind")
    if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= MAX_PAGE:
        raise _invalid("page")
    query = select(LedgerEntry).where(LedgerEntry.vendor_id == vendor_id)
    if kind != "all":
        query = query.where(LedgerEntry.kind == kind)
    if month != "":
        start, end = month_bounds(month)
        query = query.where(LedgerEntry.created_at >= start, LedgerEntry.created_at < end)
    found = list(session.exec(query.order_by(LedgerEntry.created_at.desc(), LedgerEntry.id.desc())  # type: ignore[attr-defined]
                              .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)))
    return LedgerPage(rows=tuple(_rows(session, found[:PAGE_SIZE])), kind=kind, month=str(month), page=page,
                      has_more=len(found) > PAGE_SIZE)


def payouts(session: Session, caller: Caller | None) -> tuple[PayoutRow, ...]:
    _, vendor_id = require_vendor(caller, Capability.MONEY)
    found = session.exec(select(Payout).where(Payout.vendor_id == vendor_id)
                         .order_by(Payout.created_at.desc(), Payout.id.desc()).limit(PAYOUT_LIMIT))  # type: ignore[attr-defined]
    return tuple(PayoutRow(id=p.id, at=clock.as_utc(p.created_at), amount=Money(p.amount_minor, p.amount_currency),
                           status=p.status, reference=p.external_id or f"PO-{p.id}") for p in found)


def statement(session: Session, caller: Caller | None, month: object) -> Statement:
    _, vendor_id = require_vendor(caller, Capability.MONEY)
    start, end = month_bounds(month)
    currency = vendor_currency(session, vendor_id)
    opening = Money(int(session.exec(select(func.coalesce(func.sum(LedgerEntry.amount_minor), 0)).where(
        LedgerEntry.vendor_id == vendor_id, LedgerEntry.created_at < start)).one()), currency)
    entries = list(session.exec(select(LedgerEntry).where(
        LedgerEntry.vendor_id == vendor_id, LedgerEntry.created_at >= start, LedgerEntry.created_at < end)
        .order_by(LedgerEntry.created_at, LedgerEntry.id)))
    running, rows = opening, []
    for row in _rows(session, entries):
        running = running + row.amount
        rows.append(StatementRow(row, running))
    return Statement(vendor_id=vendor_id, month=str(month), currency=currency, opening=opening, rows=tuple(rows))

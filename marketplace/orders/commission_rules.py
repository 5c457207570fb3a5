"""Commission rules for finance staff: list the current and scheduled ones, add one, end one.

Contract:
    * Every function takes the :class:`Caller` and requires ``StaffCapability.COMMISSION`` (finance, admin).
    * A rule's scope is one of :class:`Scope`: the platform default, a category, a vendor, or a vendor in a
      category; ``payments.commission.choose_rate`` picks the most specific rule in force when an order is
      placed, and the order's :class:`~marketplace.models.CommissionLine` rows freeze that rate: a rule added
      or ended later never changes an order already placed.
    * :func:`add_rule`: rate in percent with at most two decimals, 0 to 50 % (stored in basis points), in force
      from a day (today or later; today starts now, since orders already placed today froze their rate) until
      an optional later day (exclusive, UTC midnights). No two rules of the same scope (same vendor and
      category) may cover the same moment: overlapping periods are refused, so a change is made by ending the
      current rule on the day the new one starts.
    * :func:`end_rule`: a rule stops at a given day (default: now); a rule not yet started is ended before it
      starts (its period becomes empty). Both are audited (``commission.rule_added`` / ``commission.rule_ended``)
      with the reason and before/after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from sqlmodel import Session, col, select

from marketplace.accounts import audit
from marketplace.accounts.guards import require_staff
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core import clock
from marketplace.core.errors import NotFound, ValidationError
from marketplace.models import Category, CommissionRule, Vendor
from marketplace.payments.commission import DEFAULT_RATE_BPS
from marketplace.payments.error_codes import PaymentErrorCode

MAX_RATE_BPS = 5000
"""50 %: the highest commission a rule may set."""
REASON_MAX = 300
ENDED_SHOWN = 20


class Scope(StrEnum):
    DEFAULT = "default"  # the platform default (no vendor, no category)
    CATEGORY = "category"  # one category and its subcategories (no vendor)
    VENDOR = "vendor"  # one vendor, any category
    VENDOR_CATEGORY = "vendor_category"  # one vendor in one category


class RuleStatus(StrEnum):
    CURRENT = "current"  # in force now
    SCHEDULED = "scheduled"  # starts later
    ENDED = "ended"  # no longer in force (or ended before it started)


@dataclass(frozen=True)
class RuleView:
    id: int
    scope: Scope
    vendor_id: int | None
    vendor_name: str
    category_id: int | None
    category_name: str
    rate_bps: int
    effective_from: datetime
    effective_to: datetime | None
    status: RuleStatus


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


@dataclass(frozen=True)
class CommissionOverview:
    rules: tuple[RuleView, ...]  # current, then scheduled, then recently ended
    vendors: tuple[Choice, ...]
    categories: tuple[Choice, ...]
    fallback_bps: int  # what applies when no rule at all does (payments.commission.DEFAULT_RATE_BPS)


def _scope(rule: CommissionRule) -> Scope:
    if rule.vendor_id is None:
        return Scope.DEFAULT if rule.category_id is None else Scope.CATEGORY
    return Scope.VENDOR if rule.category_id is None else Scope.VENDOR_CATEGORY


def _status(rule: CommissionRule, now: datetime) -> RuleStatus:
    start = clock.as_utc(rule.effective_from)
    end = clock.as_utc(rule.effective_to) if rule.effective_to else None
    if end is not None and end <= max(start, now):
        return RuleStatus.ENDED
    return RuleStatus.SCHEDULED if start > now else RuleStatus.CURRENT


def _view(rule: CommissionRule, now: datetime, vendors: dict[int, str], categories: dict[int, str]) -> RuleView:
    return RuleView(id=rule.id, scope=_scope(rule), vendor_id=rule.vendor_id,
                    vendor_name=vendors.get(rule.vendor_id, "") if rule.vendor_id else "",
                    category_id=rule.category_id,
                    category_name=categories.get(rule.category_id, "") if rule.category_id else "",
                    rate_bps=rule.rate_bps, effective_from=clock.as_utc(rule.effective_from),
                    effective_to=clock.as_utc(rule.effective_to) if rule.effective_to else None,
                    status=_status(rule, now))


def commission_overview(session: Session, caller: Caller) -> CommissionOverview:
    """The rules (current, scheduled, the last ended ones) and the vendors and categories a rule may name."""
    require_staff(caller, StaffCapability.COMMISSION)
    now = clock.now()
    vendors = {v.id: v.display_name for v in session.exec(select(Vendor).order_by(col(Vendor.display_name)))}
    categories = {c.id: c.name for c in session.exec(select(Category).order_by(col(Category.name)))}
    views = [_view(r, now, vendors, categories) for r in session.exec(
        select(CommissionRule).order_by(col(CommissionRule.effective_from).desc(), col(CommissionRule.id).desc()))]
    order = {RuleStatus.CURRENT: 0, RuleStatus.SCHEDULED: 1}
    live = sorted((v for v in views if v.status != RuleStatus.ENDED),
                  key=lambda v: (order[v.status], list(Scope).index(v.scope), v.vendor_name, v.category_name))
    ended = [v for v in views if v.status == RuleStatus.ENDED][:ENDED_SHOWN]
    return CommissionOverview(rules=tuple(live + ended),
                              vendors=tuple(Choice(k, v) for k, v in vendors.items()),
                              categories=tuple(Choice(k, v) for k, v in categories.items()),
                              fallback_bps=DEFAULT_RATE_BPS)


def parse_percent(text: object) -> int:
    """``"12.5"`` -> 1250 basis points: 0 to 50 %, at most two decimals ("," accepted as the decimal mark).

    >>> parse_percent("12.5"), parse_percent("0"), parse_percent("7,25")
    (1250, 0, 725)
    """
    problem = ValidationError("Enter a percentage from 0 to 50, with at most two decimals.",
                              code=PaymentErrorCode.COMMISSION_RATE_INVALID, field="rate")
    if not isinstance(text, str) or not 0 < len(text.strip()) <= 8:
        raise problem
    try:
        value = Decimal(text.strip().rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        raise problem from None
    if not value.is_finite() or value < 0 or value * 100 != (value * 100).to_integral_value():
        raise problem
    bps = int(value * 100)
    if bps > MAX_RATE_BPS:
        raise problem
    return bps


def _day(value: object, field: str, *, required: bool) -> date | None:
    if value in (None, "") and not required:
        return None
    if isinstance(value, str) and len(value.strip()) == 10:
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError("Enter a date as YYYY-MM-DD.", code=PaymentErrorCode.COMMISSION_DATES_INVALID, field=field)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, UTC)


def _reason(reason: object) -> str:
    if not isinstance(reason, str) or not reason.strip() or len(reason.strip()) > REASON_MAX:
        raise ValidationError("Give a reason (up to %(max)s characters).",
                              code=PaymentErrorCode.COMMISSION_REASON_REQUIRED, field="reason", max=REASON_MAX)
    return " ".join(reason.split())


def _id(value: object) -> int | None:
    if value in (None, "", 0):
        return None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 9:
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31:
        return value
    return -1  # refused below as not found


def _overlapping(session: Session, vendor_id: int | None, category_id: int | None, start: datetime,
                 end: datetime | None, exclude: int | None = None) -> CommissionRule | None:
    query = select(CommissionRule).where(
        col(CommissionRule.vendor_id).is_(None) if vendor_id is None else CommissionRule.vendor_id == vendor_id,
        col(CommissionRule.category_id).is_(None) if category_id is None else CommissionRule.category_id == category_id)
    for rule in session.exec(query):
        if rule.id == exclude:
            continue
        r_start = clock.as_utc(rule.effective_from)
        r_end = clock.as_utc(rule.effective_to) if rule.effective_to else None
        if r_end is not None and r_end <= r_start:
            continue  # ended before it started: covers nothing
        if (end is None or r_start < end) and (r_end is None or start < r_end):
            return rule
    return None


def add_rule(session: Session, caller: Caller, *, scope: object, vendor_id: object = None,
             category_id: object = None, rate: object, effective_from: object, effective_to: object = None,
             reason: object) -> RuleView:
    """Add a rule (see the module contract); audited. Returns it as the list shows it.

    Raises:
        ValidationError: an unknown scope or a vendor/category the scope does not take or that does not exist,
            a rate outside 0-50 % or with more than two decimals, a start before today, an end not after the
            start, a period overlapping another rule of the same scope, no reason.
    """
    caller = require_staff(caller, StaffCapability.COMMISSION)
    if not isinstance(scope, str) or scope not in Scope._value2member_map_:
        raise ValidationError("Choose what the rule applies to.", code=PaymentErrorCode.COMMISSION_SCOPE_INVALID,
                              field="scope")
    scope = Scope(scope)
    vid = _id(vendor_id) if scope in (Scope.VENDOR, Scope.VENDOR_CATEGORY) else None
    cid = _id(category_id) if scope in (Scope.CATEGORY, Scope.VENDOR_CATEGORY) else None
    if scope in (Scope.VENDOR, Scope.VENDOR_CATEGORY) and (vid is None or session.get(Vendor, vid) is None):
        raise ValidationError("Choose the seller the rule applies to.",
                              code=PaymentErrorCode.COMMISSION_SCOPE_INVALID, field="vendor")
    if scope in (Scope.CATEGORY, Scope.VENDOR_CATEGORY) and (cid is None or session.get(Category, cid) is None):
        raise ValidationError("Choose the category the rule applies to.",
                              code=PaymentErrorCode.COMMISSION_SCOPE_INVALID, field="category")
    bps = parse_percent(rate)
    now = clock.now()
    first = _day(effective_from, "effective_from", required=True)
    last = _day(effective_to, "effective_to", required=False)
    if first < now.date():
        raise ValidationError("A rule can start today at the earliest: orders already placed keep their rate.",
                              code=PaymentErrorCode.COMMISSION_DATES_INVALID, field="effective_from")
    if last is not None and last <= first:
        raise ValidationError("The end date must be after the start date.",
                              code=PaymentErrorCode.COMMISSION_DATES_INVALID, field="effective_to")
    start = now if first == now.date() else _midnight(first)
    end = _midnight(last) if last is not None else None
    why = _reason(reason)
    clash = _overlapping(session, vid, cid, start, end)
    if clash is not None:
        raise ValidationError("Rule #%(id)s of the same scope already covers part of this period; end it first.",
                              code=PaymentErrorCode.COMMISSION_OVERLAP, field="effective_from", id=clash.id)
    rule = CommissionRule(vendor_id=vid, category_id=cid, rate_bps=bps, effective_from=start, effective_to=end)
    session.add(rule)
    session.flush()
    audit.record(session, "commission.rule_added", actor_user_id=caller.user_id, entity_type="commission_rule",
                 entity_id=rule.id, reason=why, before=None,
                 after={"scope": str(scope), "vendor_id": vid, "category_id": cid, "rate_bps": bps,
                        "effective_from": start.isoformat(), "effective_to": end.isoformat() if end else None})
    vendors = {vid: session.get(Vendor, vid).display_name} if vid else {}
    categories = {cid: session.get(Category, cid).name} if cid else {}
    return _view(rule, now, vendors, categories)


def end_rule(session: Session, caller: Caller, rule_id: object, *, on: object = None, reason: object) -> RuleView:
    """End a rule now or at the start of a later day ``on`` (``YYYY-MM-DD``); audited.

    Raises:
        NotFound: no such rule.
        ValidationError: the rule already ended, a malformed or past day, no reason.
    """
    caller = require_staff(caller, StaffCapability.COMMISSION)
    rid = _id(rule_id)
    rule = session.get(CommissionRule, rid) if rid and rid > 0 else None
    if rule is None:
        raise NotFound("That commission rule does not exist.", code=PaymentErrorCode.COMMISSION_RULE_NOT_FOUND)
    now = clock.now()
    if _status(rule, now) == RuleStatus.ENDED:
        raise ValidationError("That rule has already ended.", code=PaymentErrorCode.COMMISSION_RULE_ENDED)
    why = _reason(reason)
    day = _day(on, "on", required=False)
    start = clock.as_utc(rule.effective_from)
    if day is None:
        end = max(now, start)
    else:
        end = _midnight(day)
        if end < now:
            raise ValidationError("Choose today or a later day.", code=PaymentErrorCode.COMMISSION_DATES_INVALID,
                                  field="on")
        end = max(end, start)
    old_end = clock.as_utc(rule.effective_to) if rule.effective_to else None
    if old_end is not None and end >= old_end:
        raise ValidationError("The rule already ends by then.", code=PaymentErrorCode.COMMISSION_DATES_INVALID,
                              field="on")
    rule.effective_to = end
    session.add(rule)
    session.flush()
    audit.record(session, "commission.rule_ended", actor_user_id=caller.user_id, entity_type="commission_rule",
                 entity_id=rule.id, reason=why, before={"effective_to": old_end.isoformat() if old_end else None},
                 after={"effective_to": end.isoformat()})
    vendors = {rule.vendor_id: session.get(Vendor, rule.vendor_id).display_name} if rule.vendor_id else {}
    categories = {rule.category_id: session.get(Category, rule.category_id).name} if rule.category_id else {}
    return _view(rule, now, vendors, categories)

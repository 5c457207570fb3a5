"""Reading the audit log (``models.audit.AuditLog``) for the staff back-office: filtered, newest first, paged.

Contract:
- Staff and admins only: every call (:func:`parse_filter` too: it looks e-mails up) checks
  ``require_staff(caller, StaffCapability.AUDIT)`` first, before reading anything.
- :func:`parse_filter` validates the raw filter strings (a client may send anything) and raises
  ``ValidationError`` with an ``AccountErrorCode.AUDIT_*`` code:
  - ``actor``: "" (anyone), ``system`` (rows without an actor), a user id (digits) or an account's e-mail
    (case-insensitive; an e-mail no account has is ``audit_actor_unknown``);
  - ``action``: "" (any), an exact action (``vendor.approved``) or a prefix ending in ``.`` or ``*``
    (``vendor.``, ``team*``): letters, digits, ``_`` and ``.``, at most 60 characters;
  - ``object``: an entity type (``vendor``, ``product``: letters, digits, ``_``) and optionally its id (at most
    40 characters, letters, digits, ``_ - . :``); an id without a type is refused;
  - ``date_from``/``date_to``: ``YYYY-MM-DD`` or "", both inclusive UTC days; from <= to and, when both are
    given, at most ``MAX_SPAN_DAYS`` days apart.
- :func:`audit_page` returns ``PAGE_SIZE`` rows of a page (1..``MAX_PAGE``) and whether another page follows;
  :func:`audit_export` returns every matching row, newest first, at most ``EXPORT_CAP``, and whether it was cut.
- Each row carries the time, the actor's name and e-mail (or "system" / a deleted account's id), the action,
  the object and the detail JSON as ``key: value`` lines (:func:`detail_text`; plain text, the UI never renders
  it as markup). The IP address is not shown. Read-only: nothing is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.guards import require_staff
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core.clock import as_utc
from marketplace.core.errors import ValidationError
from marketplace.models import AuditLog, User

PAGE_SIZE = 50
MAX_PAGE = 2_000
EXPORT_CAP = 50_000
MAX_SPAN_DAYS = 366
SYSTEM = "system"

_ACTION = re.compile(r"[a-z0-9_.]{1,60}")
_ENTITY_TYPE = re.compile(r"[a-z0-9_]{1,40}")
_ENTITY_ID = re.compile(r"[A-Za-z0-9_\-.:]{1,40}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,189}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class AuditFilter:
    actor_user_id: int | None = None
    system_only: bool = False  # rows no user did (jobs, webhooks)
    action: str = ""
    action_prefix: bool = False
    entity_type: str = ""
    entity_id: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor_name: str  # "" for a system row
    actor_email: str  # "system" for a system row
    action: str
    entity_type: str
    entity_id: str
    detail: str  # key: value lines


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    page: int
    has_more: bool


def _text(value: object, limit: int) -> str | None:
    """The stripped string, or None when ``value`` is no string or longer than ``limit``."""
    return value.strip() if isinstance(value, str) and len(value) <= limit else None


def _parse_date(value: object, field: str) -> date | None:
    raw = _text(value, 10)
    if raw is None:
        raise ValidationError("Enter the date as YYYY-MM-DD.", code=AccountErrorCode.AUDIT_DATE_INVALID, field=field)
    if not raw:
        return None
    try:
        if not _DATE.fullmatch(raw):
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationError("Enter the date as YYYY-MM-DD.",
                              code=AccountErrorCode.AUDIT_DATE_INVALID, field=field) from None


def _actor(session: Session, raw: str) -> tuple[int | None, bool]:
    if not raw:
        return None, False
    if raw.lower() == SYSTEM:
        return None, True
    if raw.isdigit() and len(raw) <= 12:
        user_id = int(raw)
        if session.get(User, user_id) is None:
            raise ValidationError("No account has that id.", code=AccountErrorCode.AUDIT_ACTOR_UNKNOWN, field="actor")
        return user_id, False
    if not _EMAIL.fullmatch(raw):
        raise ValidationError("Enter an e-mail address, a user id or \"system\".",
                              code=AccountErrorCode.AUDIT_ACTOR_INVALID, field="actor")
    user_id = session.exec(select(User.id).where(func.lower(User.email) == raw.lower())).first()
    if user_id is None:
        raise ValidationError("No account has that e-mail address.",
                              code=AccountErrorCode.AUDIT_ACTOR_UNKNOWN, field="actor")
    return user_id, False


def parse_filter(session: Session, caller: Caller | None, *, actor: object = "", action: object = "",
                 entity_type: object = "", entity_id: object = "", date_from: object = "",
                 date_to: object = "") -> AuditFilter:
    """The validated filter; see the module contract. Staff only (an e-mail lookup must not leak to others)."""
    require_staff(caller, StaffCapability.AUDIT)
    raw_actor, act, kind, ident = _text(actor, 254), _text(action, 61), _text(entity_type, 40), _text(entity_id, 40)
    if raw_actor is None:
        raise ValidationError("That filter is not valid.", code=AccountErrorCode.AUDIT_ACTOR_INVALID, field="actor")
    if act is None:
        raise ValidationError("That filter is not valid.", code=AccountErrorCode.AUDIT_ACTION_INVALID, field="action")
    if kind is None or ident is None:
        raise ValidationError("That filter is not valid.", code=AccountErrorCode.AUDIT_OBJECT_INVALID,
                              field="entity_type" if kind is None else "entity_id")
    actor_id, system_only = _actor(session, raw_actor)
    act, kind = act.lower(), kind.lower()
    prefix = act.endswith(("*", "."))
    act = act.rstrip("*") if act.endswith("*") else act
    if act and not _ACTION.fullmatch(act):
        raise ValidationError("An action is letters, digits, \"_\" and \".\", like vendor.approved or vendor.",
                              code=AccountErrorCode.AUDIT_ACTION_INVALID, field="action")
    if kind and not _ENTITY_TYPE.fullmatch(kind):
        raise ValidationError("An object type is letters, digits and \"_\", like vendor or product.",
                              code=AccountErrorCode.AUDIT_OBJECT_INVALID, field="entity_type")
    if ident and not kind:
        raise ValidationError("Choose the object type before its id.",
                              code=AccountErrorCode.AUDIT_OBJECT_INVALID, field="entity_id")
    if ident and not _ENTITY_ID.fullmatch(ident):
        raise ValidationError("That object id is not valid.",
                              code=AccountErrorCode.AUDIT_OBJECT_INVALID, field="entity_id")
    start, end = _parse_date(date_from, "date_from"), _parse_date(date_to, "date_to")
    if start and end and start > end:
        raise ValidationError("The start date is after the end date.",
                              code=AccountErrorCode.AUDIT_DATE_RANGE, field="date_to")
    if start and end and (end - start).days > MAX_SPAN_DAYS:
        raise ValidationError("Choose at most a year between the two dates.",
                              code=AccountErrorCode.AUDIT_DATE_RANGE, field="date_to")
    return AuditFilter(actor_user_id=actor_id, system_only=system_only, action=act,
                       action_prefix=prefix and bool(act), entity_type=kind, entity_id=ident, date_from=start,
                       date_to=end)


def _query(flt: AuditFilter):  # noqa: ANN202 - a select of (AuditLog, User | None)
    q = select(AuditLog, User).join(User, col(AuditLog.actor_user_id) == col(User.id), isouter=True)
    if flt.system_only:
        q = q.where(col(AuditLog.actor_user_id).is_(None))
    elif flt.actor_user_id is not None:
        q = q.where(AuditLog.actor_user_id == flt.actor_user_id)
    if flt.action:
        q = q.where(col(AuditLog.action).startswith(flt.action, autoescape=True) if flt.action_prefix
                    else AuditLog.action == flt.action)
    if flt.entity_type:
        q = q.where(AuditLog.entity_type == flt.entity_type)
    if flt.entity_id:
        q = q.where(AuditLog.entity_id == flt.entity_id)
    if flt.date_from:
        q = q.where(col(AuditLog.at) >= datetime.combine(flt.date_from, time.min, UTC))
    if flt.date_to:
        q = q.where(col(AuditLog.at) < datetime.combine(flt.date_to + timedelta(days=1), time.min, UTC))
    return q.order_by(col(AuditLog.at).desc(), col(AuditLog.id).desc())


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def detail_text(detail: object) -> str:
    """The detail JSON as ``key: value`` lines, keys sorted; nested values as compact JSON.

    >>> detail_text({"reason": "Docs ok", "before": "pending"})
    'before: pending\\nreason: Docs ok'
    """
    if not isinstance(detail, dict):
        return "" if detail in (None, "") else _value(detail)
    return "\n".join(f"{key}: {_value(detail[key])}" for key in sorted(detail, key=str))


def _row(entry: AuditLog, user: User | None) -> AuditRow:
    if entry.actor_user_id is None:
        name, email = "", SYSTEM
    elif user is None:
        name, email = "", f"#{entry.actor_user_id}"
    else:
        name, email = user.display_name, user.email
    return AuditRow(id=entry.id or 0, at=as_utc(entry.at), actor_name=name, actor_email=email, action=entry.action,
                    entity_type=entry.entity_type or "", entity_id=entry.entity_id or "",
                    detail=detail_text(entry.detail))


def audit_page(session: Session, caller: Caller | None, flt: AuditFilter, page: object = 1) -> AuditPage:
    require_staff(caller, StaffCapability.AUDIT)
    if not isinstance(page, int) or isinstance(page, bool) or not 1 <= page <= MAX_PAGE:
        raise ValidationError("That page does not exist.", code=AccountErrorCode.AUDIT_PAGE_INVALID, field="page")
    found = session.exec(_query(flt).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    return AuditPage(rows=[_row(e, u) for e, u in found[:PAGE_SIZE]], page=page, has_more=len(found) > PAGE_SIZE)


def audit_export(session: Session, caller: Caller | None, flt: AuditFilter) -> tuple[list[AuditRow], bool]:
    """Every matching row, newest first, at most ``EXPORT_CAP``; True when more matched and the list was cut."""
    require_staff(caller, StaffCapability.AUDIT)
    found = session.exec(_query(flt).limit(EXPORT_CAP + 1)).all()
    return [_row(e, u) for e, u in found[:EXPORT_CAP]], len(found) > EXPORT_CAP

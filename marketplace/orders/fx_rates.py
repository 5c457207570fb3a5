"""Exchange rates for finance staff: the stored last good rates, "refresh now", the daily refresh, and staff
overrides per currency pair wired into every conversion.

Contract:
    * Stored rates (:class:`~marketplace.models.FxRate`): one row per currency, units per 1 EUR, with the source
      and as-of date of the answer that gave it. Only a successful refresh writes them, so they always hold the
      last good rates. Every attempt is a :class:`~marketplace.models.FxRefresh` row with its outcome.
    * :func:`refresh_now` (staff holding ``StaffCapability.FX``) and :func:`refresh_daily` (the worker, once per
      UTC day however many workers run: the day's ``daily_key`` is unique; only with ``FX_SOURCE=forex-python``,
      the embedded default making no network call) fetch the latest rates through
      forex-python (``crossborder.fx.provider_for("forex-python")``, at ``FOREX_API_BASE`` when set). When the
      service cannot be reached the stored rates are kept as they were and the result says so
      (:attr:`RefreshResult.ok` False). With ``FX_SOURCE=forex-python`` a good refresh also renews the rates
      this process converts with at once (the provider is shared); other processes renew theirs from the
      service within its cache period (``ForexPythonProvider.cache_ttl_s``). When the service is down, every
      process's live provider falls back on these stored last good rates (:class:`LastGoodLoader`, registered by
      :func:`install`) before the embedded snapshot.
    * Overrides (:class:`~marketplace.models.FxOverride`): :func:`set_override` / :func:`remove_override`
      (``StaffCapability.FX``, a reason each, audited ``fx.override_set`` / ``fx.override_removed`` with
      before/after). :func:`install` registers :class:`OverrideLoader` with ``crossborder.fx.register_overrides``
      (the app and the worker call it at start), so every conversion without an explicit provider (prices on
      pages, cart, checkout, the engine's quotes) uses an override while it is in force and stops at its expiry
      (``clock.now() >= expires_at``, checked on every conversion). The loader reads the database (the one store
      several backend workers share) and keeps what it read for :data:`OVERRIDE_TTL_S` seconds; a write in this
      process forgets it at once, another process sees it within :data:`OVERRIDE_TTL_S`.
    * :func:`fx_overview` is the page's read model: rates (stored and in use now), overrides, the last refresh
      and the engine's data files (``crossborder.datafiles``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session, col, select

from marketplace.accounts import audit
from marketplace.accounts.guards import require_staff
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core import clock
from marketplace.core.currencies import MINOR_UNITS
from marketplace.core.db import session_scope
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.settings import get_settings
from marketplace.crossborder import datafiles, fx
from marketplace.models import FxOverride, FxRate, FxRefresh
from marketplace.payments.error_codes import PaymentErrorCode

log = logging.getLogger(__name__)

OVERRIDE_TTL_S = 5.0
"""Seconds an :class:`OverrideLoader` keeps the overrides it read before reading them again."""
LAST_GOOD_TTL_S = 60.0
"""Seconds a :class:`LastGoodLoader` keeps the stored rates it read (they change once a day or on "refresh now")."""
MAX_OVERRIDE_DAYS = 90
"""An override lasts at most this long: a hand-set rate must be looked at again."""
MIN_OVERRIDE_MINUTES = 1
REASON_MAX = 300
RATE_MAX_CHARS = 24
MAX_DEVIATION = Decimal(10)
"""An override more than 10 x (or under a tenth of) the rate in use is refused as a typo."""
BASE = "EUR"
RECENT_OVERRIDES = 20


class RefreshOutcome:
    OK = "ok"
    UNREACHABLE = "unreachable"
    ALREADY_DONE = "already_done"


@dataclass(frozen=True)
class RefreshResult:
    ok: bool
    outcome: str  # RefreshOutcome
    rates: int  # currencies written (0 when nothing was)
    source: str
    as_of: date | None  # the rates' as-of date (a failed refresh: the stored rates' newest as-of, if any)
    detail: str  # why it failed (English, for the log and the refresh history)


@dataclass(frozen=True)
class RateRow:
    currency: str
    stored_per_eur: Decimal | None  # the last good refreshed rate (units per 1 EUR)
    stored_source: str
    stored_as_of: date | None
    in_use: Decimal | None  # what a conversion from EUR uses now (an override in force, else FX_SOURCE's)
    in_use_source: str
    in_use_as_of: date | None


@dataclass(frozen=True)
class OverrideView:
    id: int
    base: str
    quote: str
    rate: Decimal
    expires_at: datetime
    reason: str
    set_by: str
    created_at: datetime
    removed_at: datetime | None
    in_force: bool


@dataclass(frozen=True)
class RefreshView:
    at: datetime
    trigger: str
    ok: bool
    rates: int
    source: str
    message: str


@dataclass(frozen=True)
class FxOverview:
    fx_source: str  # the FX_SOURCE setting
    rates: tuple[RateRow, ...]
    overrides: tuple[OverrideView, ...]  # in force first, then recent ended ones
    last_refresh: RefreshView | None
    last_good_refresh: RefreshView | None
    rules_version: str
    data_files: tuple[datafiles.DataFile, ...]
    currencies: tuple[str, ...]  # what an override may name


# -- overrides wired into every conversion ------------------------------------------------------------


def _as_override(row: FxOverride) -> fx.RateOverride:
    return fx.RateOverride(base=row.base, quote=row.quote, rate=row.rate, expires_at=clock.as_utc(row.expires_at),
                           set_by=row.set_by, reason=row.reason)


def active_overrides(session: Session) -> tuple[fx.RateOverride, ...]:
    """The overrides not removed and not expired now, in the order they were set (the last set wins)."""
    now = clock.now()
    rows = session.exec(select(FxOverride).where(col(FxOverride.removed_at).is_(None))
                        .order_by(col(FxOverride.created_at), col(FxOverride.id))).all()
    return tuple(_as_override(r) for r in rows if clock.as_utc(r.expires_at) > now)


class OverrideLoader:
    """The override source :func:`install` registers: the database's overrides, re-read every ``ttl_s``.

    On a database error it logs and keeps answering with what it read last (never a 500 on every price page);
    ``forget()`` makes the next call read again.
    """

    def __init__(self, engine: Engine | None = None, ttl_s: float = OVERRIDE_TTL_S,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._engine = engine
        self.ttl_s = ttl_s
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._read_at: float | None = None
        self._overrides: tuple[fx.RateOverride, ...] = ()

    def forget(self) -> None:
        with self._lock:
            self._read_at = None

    def __call__(self) -> tuple[fx.RateOverride, ...]:
        with self._lock:
            now = self._monotonic()
            if self._read_at is not None and now - self._read_at < self.ttl_s:
                return self._overrides
            try:
                with session_scope(self._engine) as session:
                    self._overrides = active_overrides(session)
            except SQLAlchemyError as exc:  # keep the last read; a page still converts
                log.warning("FX overrides could not be read: %s", exc)
            self._read_at = now
            return self._overrides


class LastGoodLoader:
    """The last good refreshed rates for the live provider's fallback (``fx.register_last_good``), re-read every
    ``ttl_s``; on a database error it keeps what it read last."""

    def __init__(self, engine: Engine | None = None, ttl_s: float = LAST_GOOD_TTL_S,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._engine = engine
        self.ttl_s = ttl_s
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._read_at: float | None = None
        self._rates: dict[str, tuple[Decimal, date]] = {}

    def forget(self) -> None:
        with self._lock:
            self._read_at = None

    def __call__(self) -> dict[str, tuple[Decimal, date]]:
        with self._lock:
            now = self._monotonic()
            if self._read_at is None or now - self._read_at >= self.ttl_s:
                try:
                    with session_scope(self._engine) as session:
                        self._rates = {r.currency: (r.per_eur, r.as_of) for r in session.exec(select(FxRate))}
                except SQLAlchemyError as exc:
                    log.warning("stored FX rates could not be read: %s", exc)
                self._read_at = now
            return self._rates


_installed: OverrideLoader | None = None
_last_good: LastGoodLoader | None = None


def install(engine: Engine | None = None) -> OverrideLoader:
    """Register the override loader and the last-good-rates loader with the FX engine (the app's backend workers
    and the outbox worker call this at start)."""
    global _installed, _last_good
    _installed, _last_good = OverrideLoader(engine), LastGoodLoader(engine)
    fx.register_overrides(_installed)
    fx.register_last_good(_last_good)
    return _installed


def uninstall() -> None:
    """Stop applying stored overrides and stored rates in this process (tests)."""
    global _installed, _last_good
    _installed = _last_good = None
    fx.register_overrides(None)
    fx.register_last_good(None)


def forget_overrides() -> None:
    if _installed is not None:
        _installed.forget()


def _forget_last_good() -> None:
    if _last_good is not None:
        _last_good.forget()


# -- refresh --------------------------------------------------------------------------------------------


def _forex() -> fx.ForexPythonProvider:
    provider = fx.provider_for("forex-python")
    assert isinstance(provider, fx.ForexPythonProvider)
    return provider


def _fetch() -> tuple[dict[str, Decimal], date]:
    try:
        rates, as_of = _forex().refresh(BASE)
    except fx.RatesNotAvailable:
        raise
    except Exception as exc:  # noqa: BLE001 - anything else on the way out (a blocked socket) is also "unreachable"
        log.exception("forex-python refresh failed")
        raise fx.RatesNotAvailable(f"forex-python could not answer: {type(exc).__name__}") from exc
    return {code: rate for code, rate in rates.items() if code in MINOR_UNITS}, as_of


def _store(session: Session, rates: dict[str, Decimal], source: str, as_of: date) -> int:
    now = clock.now()
    for code, rate in rates.items():
        row = session.get(FxRate, code) or FxRate(currency=code, per_eur=rate, source=source, as_of=as_of)
        row.per_eur, row.source, row.as_of, row.fetched_at = rate, source, as_of, now
        session.add(row)
    session.flush()
    return len(rates)


def _stored_as_of(session: Session) -> date | None:
    return session.exec(select(FxRate.as_of).order_by(col(FxRate.as_of).desc())).first()


def _attempt(session: Session, refresh: FxRefresh) -> RefreshResult:
    """Fetch, store on success, record the outcome on ``refresh`` (not committed)."""
    try:
        rates, as_of = _fetch()
    except fx.RatesNotAvailable as exc:
        refresh.ok, refresh.rates, refresh.source = False, 0, fx.FOREX_UNAVAILABLE
        refresh.message = str(exc)[:300]
        session.add(refresh)
        session.flush()
        return RefreshResult(False, RefreshOutcome.UNREACHABLE, 0, fx.FOREX_UNAVAILABLE, _stored_as_of(session),
                             refresh.message)
    written = _store(session, rates, fx.FOREX_LIVE_SOURCE, as_of)
    _forget_last_good()
    refresh.ok, refresh.rates, refresh.source = True, written, fx.FOREX_LIVE_SOURCE
    refresh.message = f"stored {written} rate(s) as of {as_of.isoformat()}"
    session.add(refresh)
    session.flush()
    return RefreshResult(True, RefreshOutcome.OK, written, fx.FOREX_LIVE_SOURCE, as_of, refresh.message)


def refresh_now(session: Session, caller: Caller) -> RefreshResult:
    """Fetch the latest rates now (staff: finance or admin); on failure keep the stored ones and say so."""
    caller = require_staff(caller, StaffCapability.FX)
    before = _stored_as_of(session)
    refresh = FxRefresh(trigger="staff", actor_user_id=caller.user_id, source="", message="")
    result = _attempt(session, refresh)
    audit.record(session, "fx.refreshed" if result.ok else "fx.refresh_failed", actor_user_id=caller.user_id,
                 entity_type="fx_refresh", entity_id=refresh.id, before=before.isoformat() if before else None,
                 after=result.as_of.isoformat() if result.as_of else None, rates=result.rates, detail=result.detail)
    return result


def refresh_daily(engine: Engine) -> str:
    """The worker's daily job: one refresh per UTC day (the first worker to claim the day runs it); a summary.

    Only with ``FX_SOURCE=forex-python``: the embedded default needs no network, and its worker makes no call.
    """
    if get_settings().fx_source != "forex-python":
        return "fx: FX_SOURCE=embedded, no daily refresh (staff may refresh now)"
    day = clock.now().date().isoformat()
    try:
        with session_scope(engine) as session:
            claim = FxRefresh(trigger="daily", daily_key=day, source="", message="claimed")
            session.add(claim)
            session.flush()
            claim_id = claim.id
    except IntegrityError:
        return f"fx: rates already refreshed for {day}"
    with session_scope(engine) as session:
        claim = session.get(FxRefresh, claim_id)
        result = _attempt(session, claim)
        audit.record(session, "fx.refreshed" if result.ok else "fx.refresh_failed", entity_type="fx_refresh",
                     entity_id=claim_id, via="daily", rates=result.rates, detail=result.detail)
    if result.ok:
        return f"fx: stored {result.rates} rate(s) as of {result.as_of}"
    return f"fx: rates source unreachable, last good rates kept ({result.detail})"


# -- overrides ------------------------------------------------------------------------------------------


def _currencies() -> tuple[str, ...]:
    return tuple(c for c in fx.supported_currencies(fx.provider_for(get_settings().fx_source)) if c in MINOR_UNITS)


def _clean_reason(reason: object) -> str:
    if not isinstance(reason, str) or not reason.strip() or len(reason.strip()) > REASON_MAX:
        raise ValidationError("Give a reason (up to %(max)s characters).", code=PaymentErrorCode.FX_REASON_REQUIRED,
                              field="reason", max=REASON_MAX)
    return " ".join(reason.split())


def _clean_rate(text: object) -> Decimal:
    if not isinstance(text, str) or not text.strip() or len(text.strip()) > RATE_MAX_CHARS:
        raise ValidationError("Enter the rate as a positive number, e.g. 162.5.", code=PaymentErrorCode.FX_RATE_INVALID,
                              field="rate")
    try:
        rate = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError("Enter the rate as a positive number, e.g. 162.5.",
                              code=PaymentErrorCode.FX_RATE_INVALID, field="rate") from None
    if not rate.is_finite() or rate <= 0 or rate.as_tuple().exponent < -12:
        raise ValidationError("Enter the rate as a positive number, e.g. 162.5.", code=PaymentErrorCode.FX_RATE_INVALID,
                              field="rate")
    return rate


def _clean_expiry(value: object) -> datetime:
    """``YYYY-MM-DDTHH:MM`` (a datetime-local field, UTC) or an aware datetime, between now and 90 days."""
    if isinstance(value, datetime):
        at = value
    elif isinstance(value, str) and 10 <= len(value.strip()) <= 40:
        try:
            at = datetime.fromisoformat(value.strip())
        except ValueError:
            at = None
    else:
        at = None
    now = clock.now()
    if at is None:
        raise ValidationError("Enter when the override ends (date and time, UTC).",
                              code=PaymentErrorCode.FX_EXPIRY_INVALID, field="expires_at")
    at = clock.as_utc(at)
    if at < now + timedelta(minutes=MIN_OVERRIDE_MINUTES) or at > now + timedelta(days=MAX_OVERRIDE_DAYS):
        raise ValidationError("An override must end between one minute and %(days)s days from now.",
                              code=PaymentErrorCode.FX_EXPIRY_INVALID, field="expires_at", days=MAX_OVERRIDE_DAYS)
    return at


def set_override(session: Session, caller: Caller, base: object, quote: object, rate: object, expires_at: object,
                 reason: object) -> OverrideView:
    """Fix ``1 base = rate quote`` until ``expires_at`` (staff: finance or admin), with a reason; audited.

    Raises:
        ValidationError: an unknown currency or the same twice, a rate that is not a positive decimal or is more
            than 10 x away from the rate in use, an expiry outside one minute..90 days ahead, no reason.
    """
    caller = require_staff(caller, StaffCapability.FX)
    allowed = _currencies()
    if not isinstance(base, str) or not isinstance(quote, str) or base not in allowed or quote not in allowed \
            or base == quote:
        raise ValidationError("Choose two different currencies the shop converts.",
                              code=PaymentErrorCode.FX_CURRENCY_INVALID, field="base")
    value = _clean_rate(rate)
    until = _clean_expiry(expires_at)
    why = _clean_reason(reason)
    current = fx.default_provider().rate(base, quote)
    if value > current.rate * MAX_DEVIATION or value * MAX_DEVIATION < current.rate:
        raise ValidationError("%(rate)s is more than ten times away from the rate in use (%(current)s); check the "
                              "direction of the pair.", code=PaymentErrorCode.FX_RATE_INVALID, field="rate",
                              rate=str(value), current=f"{current.rate:.6g}")
    row = FxOverride(base=base, quote=quote, rate=value, expires_at=until, reason=why, set_by_user_id=caller.user_id,
                     set_by=caller.email)
    session.add(row)
    session.flush()
    audit.record(session, "fx.override_set", actor_user_id=caller.user_id, entity_type="fx_override",
                 entity_id=row.id, reason=why, pair=f"{base}/{quote}",
                 before={"rate": str(current.rate), "source": current.source},
                 after={"rate": str(value), "expires_at": until.isoformat()})
    forget_overrides()
    return _view(row, clock.now())


def remove_override(session: Session, caller: Caller, override_id: object, reason: object) -> None:
    """End an override now (staff: finance or admin), with a reason; audited. The row stays for the record."""
    caller = require_staff(caller, StaffCapability.FX)
    if isinstance(override_id, bool) or not isinstance(override_id, int) or not 0 < override_id < 2**31:
        raise NotFound("That override no longer exists.", code=PaymentErrorCode.FX_OVERRIDE_NOT_FOUND)
    why = _clean_reason(reason)
    row = session.get(FxOverride, override_id)
    now = clock.now()
    if row is None or row.removed_at is not None or clock.as_utc(row.expires_at) <= now:
        raise NotFound("That override no longer exists.", code=PaymentErrorCode.FX_OVERRIDE_NOT_FOUND)
    row.removed_at, row.removed_by_user_id = now, caller.user_id
    session.add(row)
    session.flush()
    audit.record(session, "fx.override_removed", actor_user_id=caller.user_id, entity_type="fx_override",
                 entity_id=row.id, reason=why, pair=f"{row.base}/{row.quote}",
                 before={"rate": str(row.rate), "expires_at": clock.as_utc(row.expires_at).isoformat()},
                 after={"removed_at": now.isoformat()})
    forget_overrides()


# -- the page's read model --------------------------------------------------------------------------------


def _view(row: FxOverride, now: datetime) -> OverrideView:
    expires = clock.as_utc(row.expires_at)
    return OverrideView(id=row.id, base=row.base, quote=row.quote, rate=row.rate, expires_at=expires,
                        reason=row.reason, set_by=row.set_by, created_at=clock.as_utc(row.created_at),
                        removed_at=clock.as_utc(row.removed_at) if row.removed_at else None,
                        in_force=row.removed_at is None and expires > now)


def _refresh_view(row: FxRefresh | None) -> RefreshView | None:
    if row is None:
        return None
    return RefreshView(at=clock.as_utc(row.at), trigger=row.trigger, ok=row.ok, rates=row.rates, source=row.source,
                       message=row.message)


def fx_overview(session: Session, caller: Caller) -> FxOverview:
    """Everything the staff FX page shows (staff: finance or admin)."""
    require_staff(caller, StaffCapability.FX)
    now = clock.now()
    stored = {r.currency: r for r in session.exec(select(FxRate))}
    provider = fx.default_provider()
    currencies = _currencies()
    rows = []
    for code in sorted(set(currencies) | set(stored)):
        if code == BASE:
            continue
        try:
            used = provider.rate(BASE, code)
        except fx.RatesNotAvailable:
            used = None
        saved = stored.get(code)
        rows.append(RateRow(code, saved.per_eur if saved else None, saved.source if saved else "",
                            saved.as_of if saved else None, used.rate if used else None,
                            used.source if used else "", used.as_of if used else None))
    overrides = session.exec(select(FxOverride).order_by(col(FxOverride.created_at).desc(), col(FxOverride.id).desc())
                             .limit(100)).all()
    views = [_view(r, now) for r in overrides]
    views = [v for v in views if v.in_force] + [v for v in views if not v.in_force][:RECENT_OVERRIDES]
    last = session.exec(select(FxRefresh).where(FxRefresh.message != "claimed")
                        .order_by(col(FxRefresh.at).desc(), col(FxRefresh.id).desc())).first()
    good = session.exec(select(FxRefresh).where(col(FxRefresh.ok).is_(True))
                        .order_by(col(FxRefresh.at).desc(), col(FxRefresh.id).desc())).first()
    return FxOverview(fx_source=get_settings().fx_source, rates=tuple(rows), overrides=tuple(views),
                      last_refresh=_refresh_view(last), last_good_refresh=_refresh_view(good),
                      rules_version=datafiles.rules_version(), data_files=datafiles.data_files(),
                      currencies=currencies)

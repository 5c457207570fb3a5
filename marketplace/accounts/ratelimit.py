"""Rate limits shared by every backend worker: "at most N actions of this kind per caller per window".

Contract:
- A *bucket* names a kind of action and its limit (:data:`LIMITS`: registration, login per address, checkout
  starts, new conversations, messages, reviews). A *caller* is :func:`caller_key`: the signed-in user when
  there is one, else the client address (else the guest cart). Keys are stored as an HMAC of the caller
  under the install's secret, so the table never holds an address.
- :func:`hit` counts one action in the caller's transaction and answers :class:`Decision` (``allowed``,
  ``retry_after`` seconds until the window ends, 0 when allowed). The count is one atomic upsert
  (``INSERT … ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count``, the same statement on SQLite
  ≥ 3.35 and PostgreSQL), so two workers counting at once never lose a hit and never need a lock first.
  Counted in the caller's transaction, an action that fails (and rolls back) does not count; a refused one
  does not count either (the caller raises, its transaction rolls back).
- :func:`hit_now` counts in a transaction of its own (committed even when the action then fails: login and
  registration attempts count whether or not they succeed). :func:`enforce` raises :class:`RateLimited`,
  a :class:`~marketplace.core.errors.Throttled` whose message names the action and the minutes to wait.
- Windows are fixed (they start at multiples of their length): simple and exact to explain ("try again in
  N minutes" is when the window ends), at the cost of allowing up to 2×N across a window boundary.
- :func:`purge` deletes spent windows (the worker's sweep).

Why the database and not Redis: the database is always there and already shared by every worker (Redis is
only configured for several workers), every limited action is a database write anyway, and one code path
is tested on both databases. One small row per caller and window.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.core import clock
from marketplace.core.db import immediate_scope, session_scope
from marketplace.core.errors import Throttled
from marketplace.core.i18n import N_
from marketplace.core.settings import get_settings
from marketplace.models import RateHit


@dataclass(frozen=True)
class Limit:
    count: int  # actions allowed per window
    window: int  # seconds (at most an hour, so the wait is said in minutes)
    message: str  # "... Try again in %(minutes)s minutes."
    message_one: str  # the same with "in a minute"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int  # seconds until the window ends; 0 when allowed
    count: int


_MINUTES = N_("Too many attempts. Try again in %(minutes)s minutes.")
_MINUTE = N_("Too many attempts. Try again in a minute.")

LIMITS: dict[str, Limit] = {
    # POST /api/auth/register, per client address
    "register": Limit(10, 3600, _MINUTES, _MINUTE),
    # POST /api/auth/login, per client address: a coarse cap above the per-account throttle
    "login": Limit(60, 900, _MINUTES, _MINUTE),
    # checkout.service.start: every checkout page load prices the cart and stores a quote. Per user or guest
    # cart, and a coarser cap per client address for guests (many shoppers may share one address)
    "checkout": Limit(60, 3600, N_("Too many checkouts started. Try again in %(minutes)s minutes."),
                      N_("Too many checkouts started. Try again in a minute.")),
    "checkout_address": Limit(600, 3600, N_("Too many checkouts started. Try again in %(minutes)s minutes."),
                              N_("Too many checkouts started. Try again in a minute.")),
    # support.messages.start_thread
    "thread": Limit(10, 3600, N_("Too many new conversations. Try again in %(minutes)s minutes."),
                    N_("Too many new conversations. Try again in a minute.")),
    # support.messages.start_thread and reply: each message e-mails the other side
    "message": Limit(60, 3600, N_("Too many messages. Try again in %(minutes)s minutes."),
                     N_("Too many messages. Try again in a minute.")),
    # vendors.team.invite and resend, per signed-in owner: each sends an e-mail
    "team_invite": Limit(20, 3600, N_("Too many invitations sent. Try again in %(minutes)s minutes."),
                         N_("Too many invitations sent. Try again in a minute.")),
    # accounts.reviews.submit
    "review": Limit(10, 3600, N_("Too many reviews. Try again in %(minutes)s minutes."),
                    N_("Too many reviews. Try again in a minute.")),
    # vendors.product_moderation.report_product
    "product_report": Limit(5, 3600, N_("Too many reports. Try again in %(minutes)s minutes."),
                            N_("Too many reports. Try again in a minute.")),
}


class RateLimited(Throttled):
    """The caller did this too often; ``retry_after`` seconds until it is allowed again. Nothing changed."""

    default_code = AccountErrorCode.RATE_LIMITED

    def __init__(self, bucket: str, retry_after: int) -> None:
        limit = LIMITS[bucket]
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(limit.message_one if minutes == 1 else limit.message, minutes=minutes)
        self.bucket = bucket
        self.retry_after = max(1, retry_after)


def caller_key(user_id: int | None = None, address: str | None = None, guest: str | None = None) -> str:
    """Who is limited: the user when signed in, else the client address, else the guest cart."""
    if user_id is not None:
        return f"user:{int(user_id)}"
    if address:
        return f"addr:{address[:64]}"
    return f"guest:{(guest or '')[:64]}"


def fingerprint(who: str) -> str:
    """A keyed hash of a caller or address (64 hex characters): stored instead of the address itself."""
    return hmac.new(get_settings().secret_key.encode(), who.encode(), hashlib.sha256).hexdigest()


_UPSERT = text(
    'INSERT INTO rate_hits (bucket, "key", window_start, "count", expires) VALUES (:b, :k, :w, 1, :e) '
    'ON CONFLICT (bucket, "key", window_start) DO UPDATE SET "count" = rate_hits."count" + 1 '
    'RETURNING "count"')


def hit(session: Session, bucket: str, who: str, *, now: datetime | None = None, count: int | None = None
        ) -> Decision:
    """Count one action of ``bucket`` by ``who`` in the caller's transaction; allowed while within the limit
    (``count`` overrides the bucket's number of actions per window)."""
    limit = LIMITS[bucket]
    allowed = limit.count if count is None else count
    moment = int(clock.as_utc(now or clock.now()).timestamp())
    start = moment - moment % limit.window
    count = session.connection().execute(_UPSERT, {"b": bucket, "k": fingerprint(who), "w": start,
                                                   "e": start + limit.window}).scalar_one()
    if count <= allowed:
        return Decision(True, 0, count)
    return Decision(False, start + limit.window - moment, count)


def enforce(session: Session, bucket: str, who: str, *, count: int | None = None) -> None:
    """:func:`hit`, raising :class:`RateLimited` when over the limit."""
    decision = hit(session, bucket, who, count=count)
    if not decision.allowed:
        raise RateLimited(bucket, decision.retry_after)


def hit_now(engine: Engine | None, bucket: str, who: str) -> Decision:
    """:func:`hit` in a transaction of its own, committed at once (attempts count whatever happens next)."""
    with immediate_scope(engine) as session:
        return hit(session, bucket, who)


def purge(engine: Engine | None = None, now: datetime | None = None) -> int:
    """Delete the counters of windows that have ended. Returns how many rows went."""
    moment = int(clock.as_utc(now or clock.now()).timestamp())
    with session_scope(engine) as session:
        return session.exec(delete(RateHit).where(RateHit.expires <= moment)).rowcount  # type: ignore[call-overload]

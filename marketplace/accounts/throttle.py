"""The login throttle: exponential delays per (account, address) pair and per address, and unlock links.

Contract:
- ``wait(session, email, ip)`` is how long this attempt must wait (``timedelta(0)``: go ahead). Two
  counters, each of failures only:
  * the *pair* (this e-mail from this address) counts failures in the last 24 hours since the pair's last
    success; after :data:`PAIR_FREE` failures each further attempt must wait ``2^(failures - PAIR_FREE)``
    seconds after the last failure (1 s, 2 s, 4 s, … capped at :data:`MAX_DELAY`);
  * the *address* counts failures over all e-mails in the last hour; after :data:`ADDRESS_FREE` the same
    doubling applies (it slows one address guessing many accounts).
  There is deliberately no counter per account alone: an attacker's failures from one address never stop
  the owner logging in from another. The answer is the same whether or not the account exists.
- ``after_failure(session, email, ip)`` runs after a failure is recorded: when the pair has just reached
  :data:`PAIR_FREE` and the e-mail names an active account, it queues (outbox ``email``) a one-time unlock
  link to the owner — at most one per account per :data:`UNLOCK_EVERY`.
- ``unlock(session, token)`` consumes a link (SHA-256 stored, :data:`UNLOCK_TTL`, once): it deletes the
  account's recorded failures (the audit log keeps them) so every pair and address counter forgets them.
  Returns whether the link was valid.
- ``format_wait`` is not here: the page says "try again in X" in the shopper's language.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import datetime, timedelta
from urllib.parse import urlencode

from sqlalchemy import delete, func
from sqlmodel import Session, select

from marketplace import routes
from marketplace.accounts import audit
from marketplace.core import clock
from marketplace.core.i18n import N_, translate
from marketplace.core.settings import get_settings
from marketplace.models import AccountToken, LoginAttempt, User
from marketplace.outbox import enqueue

PAIR_WINDOW = timedelta(hours=24)
ADDRESS_WINDOW = timedelta(hours=1)
PAIR_FREE = 5  # failures of one e-mail from one address before delays begin
ADDRESS_FREE = 30  # failures from one address, over all e-mails, before delays begin
MAX_DELAY = timedelta(minutes=15)
UNLOCK_TTL = timedelta(hours=1)
UNLOCK_EVERY = timedelta(hours=1)


def delay_after(failures: int, free: int) -> timedelta:
    """How long to wait after the last failure: nothing below ``free``, then 1 s, 2 s, 4 s, … up to 15 min.

    >>> delay_after(4, 5), delay_after(5, 5), delay_after(7, 5), delay_after(40, 5)
    (datetime.timedelta(0), datetime.timedelta(seconds=1), datetime.timedelta(seconds=4), datetime.timedelta(seconds=900))
    """
    if failures < free:
        return timedelta(0)
    exponent = failures - free
    return MAX_DELAY if exponent >= 20 else min(MAX_DELAY, timedelta(seconds=2 ** exponent))


def _failures(session: Session, since: datetime, *conditions) -> tuple[int, datetime | None]:  # noqa: ANN002
    count, last = session.exec(
        select(func.count(), func.max(LoginAttempt.at))
        .where(*conditions, LoginAttempt.succeeded.is_(False), LoginAttempt.at >= since)).one()
    return count, (clock.as_utc(last) if last is not None else None)


def _pair_failures(session: Session, email: str, ip: str, now: datetime) -> tuple[int, datetime | None]:
    pair = (LoginAttempt.email == email, LoginAttempt.ip == ip)
    last_success = session.exec(select(func.max(LoginAttempt.at))
                                .where(*pair, LoginAttempt.succeeded.is_(True))).one()
    if last_success is not None:
        pair = (*pair, LoginAttempt.at > last_success)
    return _failures(session, now - PAIR_WINDOW, *pair)


def wait(session: Session, email: str, ip: str) -> timedelta:
    now = clock.now()
    longest = timedelta(0)
    for (count, last), free in ((_pair_failures(session, email, ip, now), PAIR_FREE),
                                (_failures(session, now - ADDRESS_WINDOW, LoginAttempt.ip == ip), ADDRESS_FREE)):
        if last is not None and count >= free:
            longest = max(longest, last + delay_after(count, free) - now)
    return longest


def seconds(delay: timedelta) -> int:
    """Whole seconds to tell the user (rounded up, at least 1)."""
    return max(1, math.ceil(delay.total_seconds()))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def after_failure(session: Session, email: str, ip: str) -> None:
    count, _ = _pair_failures(session, email, ip, clock.now())
    if count != PAIR_FREE:
        return
    user = session.exec(select(User).where(User.email == email)).first()
    if user is None or not user.is_active:
        return
    now = clock.now()
    recent = session.exec(select(AccountToken.token_hash).where(
        AccountToken.purpose == "unlock", AccountToken.user_id == user.id,
        AccountToken.created_at > now - UNLOCK_EVERY)).first()
    if recent is not None:
        return
    token = secrets.token_urlsafe(32)
    session.add(AccountToken(token_hash=token_hash(token), purpose="unlock", email=user.email, user_id=user.id,
                             created_at=now, expires_at=now + UNLOCK_TTL))
    link = f"{get_settings().public_url}{routes.API_UNLOCK}?{urlencode({'token': token})}"
    lang = user.language
    body = "\n\n".join([
        translate(lang, N_("Someone tried to log in to your Meridian account several times with a wrong "
                           "password, so we are slowing down log-ins from that device.")),
        translate(lang, N_("If it was you, open this link within an hour to log in again right away:")) + "\n" + link,
        translate(lang, N_("If it was not you, you need not do anything: the password was not accepted. You can "
                           "still log in as usual from your own devices.")),
    ])
    enqueue(session, "email", {"to": user.email, "lang": lang, "body": body,
                               "subject": translate(lang, N_("Unlock log-in to your Meridian account"))})
    audit.record(session, "auth.unlock_sent", actor_user_id=user.id, entity_type="user", entity_id=user.id, ip=ip)


def unlock(session: Session, token: object) -> bool:
    if not isinstance(token, str) or not 20 <= len(token) <= 128:
        return False
    row = session.get(AccountToken, token_hash(token))
    now = clock.now()
    if (row is None or row.purpose != "unlock" or row.used_at is not None
            or clock.as_utc(row.expires_at) <= now):
        return False
    user = session.get(User, row.user_id)
    if user is None:
        return False
    row.used_at = now
    session.add(row)
    session.exec(delete(LoginAttempt).where(LoginAttempt.email == user.email, LoginAttempt.succeeded.is_(False)))
    audit.record(session, "auth.unlock", actor_user_id=user.id, entity_type="user", entity_id=user.id)
    return True

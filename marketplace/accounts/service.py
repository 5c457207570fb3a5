"""Accounts: registration, login with a throttle, server-side sessions, and who-is-calling.

Contract:
- ``register`` validates and creates a shopper; it never creates staff or sellers (the seed and staff do).
- ``login`` checks the throttle first (5 failures in 15 minutes per account or per address lock that
  account/address for 15 minutes), verifies the argon2id hash, records the attempt, and returns a new random
  session token (256 bits). Only the token's SHA-256 is stored.
- ``resolve`` maps a token to a :class:`Caller` (user id, role, vendor id) or None; sessions slide: each use
  extends expiry to 14 days from now, written at most once a minute.
- ``logout`` deletes the session row. All functions take a Session and leave committing to the caller's
  unit of work (``core.db.session_scope``).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, select

from marketplace.accounts import audit
from marketplace.accounts.passwords import check_password_rules, hash_password, needs_rehash, verify_password
from marketplace.core import clock
from marketplace.core.errors import Throttled, ValidationError
from marketplace.models import AuthSession, LoginAttempt, Role, User, VendorMember

SESSION_DAYS = 14
THROTTLE_WINDOW = timedelta(minutes=15)
THROTTLE_FAILURES = 5
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[A-Za-z]{2,}$")
SUPPORTED_LANGUAGES = ("en", "de")


@dataclass(frozen=True)
class Caller:
    """Who is calling, derived on the server from the session row on every protected call."""

    user_id: int
    role: Role
    display_name: str
    email: str
    vendor_id: int | None

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.STAFF, Role.ADMIN)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: object) -> str:
    if not isinstance(email, str) or not email.strip():
        raise ValidationError("Enter your e-mail address.")
    email = email.strip().lower()
    if len(email) > 254 or not _EMAIL.match(email):
        raise ValidationError("Enter a valid e-mail address, like name@example.com.")
    return email


def register(session: Session, *, email: object, password: object, display_name: object,
             language: str = "en", currency: str = "EUR", ship_to_country: str = "DE") -> User:
    email = normalise_email(email)
    password = check_password_rules(password)
    if not isinstance(display_name, str) or not display_name.strip():
        raise ValidationError("Enter your name.")
    display_name = display_name.strip()
    if len(display_name) > 120:
        raise ValidationError("Use at most %(max)s characters for your name.", max=120)
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        raise ValidationError("An account with this e-mail address already exists. Log in instead.")
    user = User(email=email, password_hash=hash_password(password), display_name=display_name,
                role=Role.SHOPPER, language=language if language in SUPPORTED_LANGUAGES else "en",
                currency=currency, ship_to_country=ship_to_country)
    session.add(user)
    session.flush()
    audit.record(session, "auth.register", actor_user_id=user.id, entity_type="user", entity_id=user.id)
    return user


def _recent_failures(session: Session, column, value: str) -> int:  # noqa: ANN001
    since = clock.now() - THROTTLE_WINDOW
    return session.exec(
        select(func.count()).select_from(LoginAttempt)
        .where(column == value, LoginAttempt.succeeded.is_(False), LoginAttempt.at >= since)
    ).one()


def _check_throttle(session: Session, email: str, ip: str) -> None:
    if (_recent_failures(session, LoginAttempt.email, email) >= THROTTLE_FAILURES
            or _recent_failures(session, LoginAttempt.ip, ip) >= THROTTLE_FAILURES):
        raise Throttled("Too many failed attempts. For your security, wait 15 minutes and try again.")


def login(session: Session, *, email: object, password: object, ip: str, user_agent: str = "") -> tuple[str, User]:
    """Return ``(token, user)`` for a correct password; raise otherwise (nothing about which part was wrong)."""
    email = normalise_email(email)
    if not isinstance(password, str) or not password:
        raise ValidationError("Enter your password.")
    ip = (ip or "unknown")[:64]
    _check_throttle(session, email, ip)
    user = session.exec(select(User).where(User.email == email)).first()
    ok = verify_password(user.password_hash if user else None, password[:256])
    if not ok or user is None or not user.is_active:
        session.add(LoginAttempt(email=email, ip=ip, succeeded=False))
        audit.record(session, "auth.login_failed", ip=ip, email=email)
        session.commit()  # the failure must count even though we raise (the scope would roll back)
        raise ValidationError("That e-mail and password don't match an account.")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    session.add(LoginAttempt(email=email, ip=ip, succeeded=True))
    token = secrets.token_urlsafe(32)
    now = clock.now()
    session.add(AuthSession(token_hash=token_hash(token), user_id=user.id, created_at=now, last_seen_at=now,
                            expires_at=now + timedelta(days=SESSION_DAYS), ip=ip, user_agent=user_agent[:300]))
    audit.record(session, "auth.login", actor_user_id=user.id, entity_type="user", entity_id=user.id, ip=ip)
    return token, user


def resolve(session: Session, token: str | None, *, slide: bool = True) -> Caller | None:
    """The caller behind a session token, or None for a missing, unknown or expired token.

    ``slide=False`` answers without extending the expiry (a read-only fallback when the database is busy)."""
    if not token or not isinstance(token, str) or len(token) > 128:
        return None
    row = session.get(AuthSession, token_hash(token))
    if row is None:
        return None
    now = clock.now()
    if clock.as_utc(row.expires_at) <= now:
        session.delete(row)
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    if slide and now - clock.as_utc(row.last_seen_at) > timedelta(minutes=1):
        row.last_seen_at = now
        row.expires_at = now + timedelta(days=SESSION_DAYS)
        session.add(row)
    vendor_id = session.exec(select(VendorMember.vendor_id).where(VendorMember.user_id == user.id)).first()
    return Caller(user_id=user.id, role=Role(user.role), display_name=user.display_name, email=user.email,
                  vendor_id=vendor_id)


def logout(session: Session, token: str | None) -> None:
    if token and isinstance(token, str):
        session.exec(delete(AuthSession).where(AuthSession.token_hash == token_hash(token)))


def update_preferences(session: Session, user_id: int, *, language: str, currency: str, ship_to_country: str) -> None:
    user = session.get(User, user_id)
    if user is not None:
        user.language, user.currency, user.ship_to_country = language, currency, ship_to_country
        session.add(user)


def preferences(session: Session, user_id: int) -> tuple[str, str, str] | None:
    """(language, currency, ship-to country) saved on the account."""
    user = session.get(User, user_id)
    return (user.language, user.currency, user.ship_to_country) if user else None

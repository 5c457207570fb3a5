"""Accounts: registration, login with a throttle, server-side sessions, and who-is-calling.

Contract:
- ``register`` validates a sign-up and answers the same way whether or not the e-mail has an account: it
  never creates the account directly. A new address gets a one-time link (``AccountToken`` purpose
  ``register``, 24 hours) that creates the shopper when opened (``complete_registration``); an address that
  already has an account gets an e-mail telling its owner someone tried to register with it. A local
  ``next_path`` (e.g. "Sell on Meridian" -> apply) is kept with the sign-up: ``registration_next`` reads it back
  so the link's log-in form returns there. Both hash the
  password, so the time taken does not tell them apart either. It never creates staff or sellers.
- ``login`` asks the throttle (``accounts.throttle``: exponential delays per (e-mail, address) pair and per
  address, never per account alone, so an attacker elsewhere cannot lock the owner out) before verifying the
  argon2id hash, records the attempt, and returns a new random session token (256 bits). Only the token's
  SHA-256 is stored. A throttled attempt raises :class:`Throttled` with ``seconds`` to wait, the same for
  accounts that exist and ones that do not.
- ``resolve`` maps a token to a :class:`Caller` (user id, role, vendor id and the member's role in it) or None. Sessions slide: each
  use extends expiry to 14 days from now (written at most once a minute), but never past an absolute cap
  counted from the login: :data:`ABSOLUTE_LIFETIME` (shoppers and sellers 30 days, staff and admins 12 hours;
  the cap of the user's *current* role applies).
- ``revoke_sessions(session, user_id)`` deletes every session of a user; ``change_role`` calls it, and so
  must any future code that changes a user's role, vendor membership or password.
- ``logout`` deletes the session row. All functions take a Session and leave committing to the caller's
  unit of work (``core.db.session_scope``), except that a failed login commits its record before raising.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from sqlalchemy import delete
from sqlmodel import Session, select

from marketplace import routes
from marketplace.accounts import audit, throttle
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.passwords import check_password_rules, hash_password, needs_rehash, verify_password
from marketplace.core import clock
from marketplace.core.errors import Throttled, ValidationError
from marketplace.core.i18n import N_, translate
from marketplace.core.settings import get_settings
from marketplace.models import AccountToken, AuthSession, LoginAttempt, Role, User, VendorMember
from marketplace.outbox import enqueue

SESSION_DAYS = 14
ABSOLUTE_LIFETIME = {Role.SHOPPER: timedelta(days=30), Role.SELLER: timedelta(days=30),
                     Role.STAFF: timedelta(hours=12), Role.ADMIN: timedelta(hours=12)}
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
    vendor_role: str | None = None  # the member's role in that vendor (accounts.seller_roles); None holds nothing
    staff_role: str | None = None  # a staff user's role (accounts.staff_roles); None holds nothing, admins hold all

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.STAFF, Role.ADMIN)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: object) -> str:
    if not isinstance(email, str) or not email.strip():
        raise ValidationError("Enter your e-mail address.", code=AccountErrorCode.EMAIL_REQUIRED, field="email")
    email = email.strip().lower()
    if len(email) > 254 or not _EMAIL.match(email):
        raise ValidationError("Enter a valid e-mail address, like name@example.com.", code=AccountErrorCode.EMAIL_INVALID,
                              field="email")
    return email


REGISTER_TTL = timedelta(hours=24)
REGISTER_RESEND = timedelta(minutes=10)  # one sign-up e-mail per address per 10 minutes, whatever is asked


def _link(path: str, token: str) -> str:
    return f"{get_settings().public_url}{path}?{urlencode({'token': token})}"


def _recently_mailed(session: Session, email: str, now) -> bool:  # noqa: ANN001
    return session.exec(select(AccountToken.token_hash).where(
        AccountToken.email == email, AccountToken.purpose.in_(("register", "notice")),
        AccountToken.created_at > now - REGISTER_RESEND)).first() is not None


def register(session: Session, *, email: object, password: object, display_name: object,
             language: str = "en", currency: str = "EUR", ship_to_country: str = "DE", next_path: str = "") -> None:
    """Validate a sign-up and e-mail the address (see the module contract); the same for known addresses."""
    email = normalise_email(email)
    password = check_password_rules(password)
    if not isinstance(display_name, str) or not display_name.strip():
        raise ValidationError("Enter your name.", code=AccountErrorCode.NAME_REQUIRED, field="name")
    display_name = display_name.strip()
    if len(display_name) > 120:
        raise ValidationError("Use at most %(max)s characters for your name.", code=AccountErrorCode.NAME_TOO_LONG, field="name",
                              max=120)
    password_hash = hash_password(password)  # on both paths: the time taken must not tell them apart
    lang = language if language in SUPPORTED_LANGUAGES else "en"
    now = clock.now()
    if _recently_mailed(session, email, now):
        return
    token = secrets.token_urlsafe(32)
    existing = session.exec(select(User).where(User.email == email)).first()
    if existing is not None:  # tell the owner; the row only paces these e-mails (its token is never sent)
        session.add(AccountToken(token_hash=token_hash(token), purpose="notice", email=email, user_id=existing.id,
                                 created_at=now, expires_at=now, used_at=now))
        lang = existing.language
        body = "\n\n".join([
            translate(lang, N_("Someone tried to create a Meridian account with this e-mail address, but you "
                               "already have one.")),
            translate(lang, N_("If it was you, log in here:")) + "\n" + f"{get_settings().public_url}{routes.LOGIN}",
            translate(lang, N_("If it was not you, you can ignore this e-mail: nothing was changed.")),
        ])
        enqueue(session, "email", {"to": email, "lang": lang, "body": body,
                                   "subject": translate(lang, N_("About your Meridian account"))})
        audit.record(session, "auth.register_existing", entity_type="user", entity_id=existing.id)
        return
    session.add(AccountToken(
        token_hash=token_hash(token), purpose="register", email=email, created_at=now,
        expires_at=now + REGISTER_TTL,
        payload={"name": display_name, "password_hash": password_hash, "language": lang,
                 "currency": currency, "ship_to_country": ship_to_country,
                 "next": routes.safe_next(next_path, default="")}))
    body = "\n\n".join([
        translate(lang, N_("Welcome to Meridian, %(name)s!"), name=display_name),
        translate(lang, N_("Open this link within 24 hours to finish creating your account:")) + "\n"
        + _link(routes.API_VERIFY, token),
        translate(lang, N_("If you did not sign up, ignore this e-mail: no account is created.")),
    ])
    enqueue(session, "email", {"to": email, "lang": lang, "body": body,
                               "subject": translate(lang, N_("Finish creating your Meridian account"))})
    audit.record(session, "auth.register_requested", email=email)


def complete_registration(session: Session, token: object) -> User | None:
    """Create the shopper a sign-up link stands for; None for an unknown, used or expired link, or when the
    address got an account meanwhile (an earlier link of the same address was opened first)."""
    if not isinstance(token, str) or not 20 <= len(token) <= 128:
        return None
    row = session.get(AccountToken, token_hash(token))
    now = clock.now()
    if row is None or row.purpose != "register" or row.used_at is not None or clock.as_utc(row.expires_at) <= now:
        return None
    row.used_at = now
    session.add(row)
    if session.exec(select(User.id).where(User.email == row.email)).first() is not None:
        return None
    data = row.payload
    user = User(email=row.email, password_hash=data["password_hash"], display_name=data["name"], role=Role.SHOPPER,
                language=data["language"], currency=data["currency"], ship_to_country=data["ship_to_country"])
    session.add(user)
    session.flush()
    audit.record(session, "auth.register", actor_user_id=user.id, entity_type="user", entity_id=user.id)
    return user


def registration_next(session: Session, token: object) -> str:
    """The local page the sign-up behind ``token`` started from (to return to after the first log-in), or ""."""
    if not isinstance(token, str) or not 20 <= len(token) <= 128:
        return ""
    row = session.get(AccountToken, token_hash(token))
    return routes.safe_next(row.payload.get("next", ""), default="") if row and row.purpose == "register" else ""


def lifetime(role: Role | str) -> timedelta:
    """The absolute cap on a session of ``role`` (also the cookie's max age)."""
    return ABSOLUTE_LIFETIME.get(Role(role), ABSOLUTE_LIFETIME[Role.STAFF])


def _expiry(now, created_at, role: Role):  # noqa: ANN001, ANN202
    return min(now + timedelta(days=SESSION_DAYS), clock.as_utc(created_at) + lifetime(role))


def login(session: Session, *, email: object, password: object, ip: str, user_agent: str = "") -> tuple[str, User]:
    """Return ``(token, user)`` for a correct password; raise otherwise (nothing about which part was wrong)."""
    email = normalise_email(email)
    if not isinstance(password, str) or not password:
        raise ValidationError("Enter your password.", code=AccountErrorCode.PASSWORD_REQUIRED, field="password")
    ip = (ip or "unknown")[:64]
    delay = throttle.wait(session, email, ip)
    if delay:
        raise Throttled("Too many attempts. Try again in %(wait)s.", code=AccountErrorCode.LOGIN_THROTTLED,
                        seconds=throttle.seconds(delay))
    user = session.exec(select(User).where(User.email == email)).first()
    ok = verify_password(user.password_hash if user else None, password[:256])
    if not ok or user is None or not user.is_active:
        session.add(LoginAttempt(email=email, ip=ip, succeeded=False))
        audit.record(session, "auth.login_failed", ip=ip, email=email)
        session.flush()
        throttle.after_failure(session, email, ip)
        session.commit()  # the failure must count even though we raise (the scope would roll back)
        raise ValidationError("That e-mail and password don't match an account.", code=AccountErrorCode.INVALID_CREDENTIALS)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    session.add(LoginAttempt(email=email, ip=ip, succeeded=True))
    token = secrets.token_urlsafe(32)
    now = clock.now()
    session.add(AuthSession(token_hash=token_hash(token), user_id=user.id, created_at=now, last_seen_at=now,
                            expires_at=_expiry(now, now, Role(user.role)), ip=ip, user_agent=user_agent[:300]))
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
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    if clock.as_utc(row.expires_at) <= now or clock.as_utc(row.created_at) + lifetime(user.role) <= now:
        session.delete(row)
        return None
    if slide and now - clock.as_utc(row.last_seen_at) > timedelta(minutes=1):
        row.last_seen_at = now
        row.expires_at = _expiry(now, row.created_at, Role(user.role))
        session.add(row)
    member = session.exec(select(VendorMember).where(VendorMember.user_id == user.id)).first()
    return Caller(user_id=user.id, role=Role(user.role), display_name=user.display_name, email=user.email,
                  vendor_id=member.vendor_id if member else None, vendor_role=member.role if member else None,
                  staff_role=user.staff_role if user.role == Role.STAFF else None)


def logout(session: Session, token: str | None) -> None:
    if token and isinstance(token, str):
        session.exec(delete(AuthSession).where(AuthSession.token_hash == token_hash(token)))


def revoke_sessions(session: Session, user_id: int) -> int:
    """Sign the user out everywhere (every browser must log in again); returns how many sessions ended."""
    result = session.exec(delete(AuthSession).where(AuthSession.user_id == user_id))
    return result.rowcount or 0


def change_role(session: Session, user_id: int, role: object, *, actor_user_id: int | None = None) -> User:
    """Give a user another role. Their sessions end, so no browser keeps rights granted under the old role
    (and a promotion to staff gets staff's shorter session cap from a fresh login)."""
    if not isinstance(role, str) or role not in {r.value for r in Role}:
        raise ValidationError("Choose a valid role.", code=AccountErrorCode.ROLE_INVALID, field="role")
    user = session.get(User, user_id)
    if user is None:
        raise ValidationError("That account does not exist.", code=AccountErrorCode.ACCOUNT_NOT_FOUND)
    if user.role != role:
        old, user.role = user.role, Role(role).value
        session.add(user)
        revoke_sessions(session, user_id)
        audit.record(session, "auth.role_changed", actor_user_id=actor_user_id, entity_type="user",
                     entity_id=user_id, old=old, new=user.role)
    return user


def update_preferences(session: Session, user_id: int, *, language: str, currency: str, ship_to_country: str) -> None:
    user = session.get(User, user_id)
    if user is not None:
        user.language, user.currency, user.ship_to_country = language, currency, ship_to_country
        session.add(user)


def preferences(session: Session, user_id: int) -> tuple[str, str, str] | None:
    """(language, currency, ship-to country) saved on the account."""
    user = session.get(User, user_id)
    return (user.language, user.currency, user.ship_to_country) if user else None

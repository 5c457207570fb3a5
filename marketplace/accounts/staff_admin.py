"""What admins do with people: the staff team and their roles, and locking or unlocking any user account.

Contract:
- Every function takes the :class:`Caller` resolved from the server-side session and first checks
  ``require_staff(caller, StaffCapability.STAFF_ACCOUNTS)`` (admins only).
- ``staff_members`` lists every staff and admin account (admins first, then by name) with its staff role and
  whether it is locked.
- ``set_staff_role(session, caller, email, staff_role)`` makes the account with that e-mail a staff member
  with ``staff_role`` (``moderator``, ``support``, ``finance``), or changes the role of one who already is.
  A shopper account becomes staff this way (the person signs up first, then an admin grants the role); a
  seller's account cannot (one account acts for one side: ``STAFF_TARGET_SELLER``).
  ``remove_staff(session, caller, user_id)`` turns a staff member back into a shopper; their open sessions end.
- ``find_user(session, caller, email)`` finds any account by its e-mail; ``set_locked(session, caller, user_id,
  locked, reason)`` locks (``users.is_active`` false: log-in refused, every open session deleted at once, so
  the next call of any tab is signed out) or unlocks an account; the reason (1-500 characters) is required.
- Admin accounts are not changed, demoted or locked from here, and nobody acts on their own account
  (``STAFF_TARGET_ADMIN`` / ``STAFF_TARGET_SELF``): the platform can never lose its last admin this way.
- Every change is audited (``staff.role_set``, ``staff.removed``, ``user.locked``, ``user.unlocked``; before,
  after, reason).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, delete, select

from marketplace.accounts import audit
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.guards import require_staff
from marketplace.accounts.service import Caller, normalise_email
from marketplace.accounts.staff_roles import StaffCapability, StaffRole, role_of
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.text import clean_text, positive_id
from marketplace.models import AuthSession, Role, User, VendorMember

MAX_REASON = 500


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    email: str
    role: str  # shopper | seller | staff | admin
    staff_role: str  # "" unless staff
    locked: bool


def _person(user: User) -> Person:
    return Person(id=user.id, name=user.display_name, email=user.email, role=user.role,
                  staff_role=(user.staff_role or "") if user.role == Role.STAFF else "", locked=not user.is_active)


def staff_members(session: Session, caller: Caller | None) -> list[Person]:
    require_staff(caller, StaffCapability.STAFF_ACCOUNTS)
    rows = session.exec(select(User).where(User.role.in_((Role.STAFF, Role.ADMIN)))).all()
    return [_person(u) for u in sorted(rows, key=lambda u: (u.role != Role.ADMIN, u.display_name.lower(), u.id))]


def _by_email(session: Session, email: object) -> User:
    address = normalise_email(email)
    user = session.exec(select(User).where(User.email == address)).first()
    if user is None:
        raise NotFound("No account uses this e-mail address.", code=AccountErrorCode.ACCOUNT_NOT_FOUND, field="email")
    return user


def _by_id(session: Session, user_id: object) -> User:
    found = positive_id(user_id)
    user = session.get(User, found) if found else None
    if user is None:
        raise NotFound("This account does not exist.", code=AccountErrorCode.ACCOUNT_NOT_FOUND, field="user_id")
    return user


def _changeable(caller: Caller, user: User) -> None:
    if user.id == caller.user_id:
        raise ValidationError("You can't change or lock your own account here.", code=AccountErrorCode.STAFF_TARGET_SELF)
    if user.role == Role.ADMIN:
        raise ValidationError("Admin accounts are not changed or locked from the console.",
                              code=AccountErrorCode.STAFF_TARGET_ADMIN)


def find_user(session: Session, caller: Caller | None, email: object) -> Person:
    require_staff(caller, StaffCapability.STAFF_ACCOUNTS)
    return _person(_by_email(session, email))


def set_staff_role(session: Session, caller: Caller | None, email: object, staff_role: object) -> Person:
    admin = require_staff(caller, StaffCapability.STAFF_ACCOUNTS)
    role = role_of(staff_role)
    if role is None:
        raise ValidationError("Choose moderator, support or finance.", code=AccountErrorCode.STAFF_ROLE_INVALID,
                              field="staff_role")
    user = _by_email(session, email)
    _changeable(admin, user)
    is_member = session.exec(select(VendorMember.id).where(VendorMember.user_id == user.id)).first() is not None
    if user.role == Role.SELLER or is_member:
        raise ValidationError("This account belongs to a seller's team. Staff need an account of their own.",
                              code=AccountErrorCode.STAFF_TARGET_SELLER)
    before = {"role": user.role, "staff_role": user.staff_role}
    user.role, user.staff_role = Role.STAFF.value, StaffRole(role).value
    session.add(user)
    audit.record(session, "staff.role_set", actor_user_id=admin.user_id, entity_type="user", entity_id=user.id,
                 before=before, after={"role": user.role, "staff_role": user.staff_role})
    session.flush()
    return _person(user)


def remove_staff(session: Session, caller: Caller | None, user_id: object) -> Person:
    admin = require_staff(caller, StaffCapability.STAFF_ACCOUNTS)
    user = _by_id(session, user_id)
    _changeable(admin, user)
    if user.role != Role.STAFF:
        raise ValidationError("This account is not a staff member.", code=AccountErrorCode.STAFF_ROLE_INVALID)
    before = {"role": user.role, "staff_role": user.staff_role}
    user.role, user.staff_role = Role.SHOPPER.value, None
    session.add(user)
    session.exec(delete(AuthSession).where(AuthSession.user_id == user.id))  # staff rights end with the session
    audit.record(session, "staff.removed", actor_user_id=admin.user_id, entity_type="user", entity_id=user.id,
                 before=before, after={"role": user.role, "staff_role": None})
    session.flush()
    return _person(user)


def _reason(value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_REASON * 2:
        raise ValidationError("Give a reason of at most %(max)s characters.", code=AccountErrorCode.LOCK_REASON_INVALID,
                              field="reason", max=MAX_REASON)
    if not value.strip():
        raise ValidationError("Say why: the reason is kept in the audit log.", code=AccountErrorCode.LOCK_REASON_INVALID,
                              field="reason")
    try:
        return clean_text(value, max_length=MAX_REASON, multiline=True, field="reason")
    except ValidationError as exc:
        raise ValidationError("Give a reason of at most %(max)s characters.", code=AccountErrorCode.LOCK_REASON_INVALID,
                              field="reason", max=MAX_REASON) from exc


def set_locked(session: Session, caller: Caller | None, user_id: object, locked: object, reason: object) -> Person:
    admin = require_staff(caller, StaffCapability.STAFF_ACCOUNTS)
    if not isinstance(locked, bool):
        raise ValidationError("Choose lock or unlock.", code=AccountErrorCode.LOCK_REASON_INVALID, field="locked")
    text = _reason(reason)
    user = _by_id(session, user_id)
    _changeable(admin, user)
    before = not user.is_active
    user.is_active = not locked
    session.add(user)
    if locked:
        session.exec(delete(AuthSession).where(AuthSession.user_id == user.id))  # signed out everywhere, now
    audit.record(session, "user.locked" if locked else "user.unlocked", actor_user_id=admin.user_id,
                 entity_type="user", entity_id=user.id, before={"locked": before}, after={"locked": locked},
                 reason=text)
    session.flush()
    return _person(user)

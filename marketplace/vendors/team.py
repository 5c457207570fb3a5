"""A seller's team: members with roles (owner, manager, packer) and e-mailed invitations to join.

Contract:
- Every function takes the :class:`Caller` resolved from the server-side session and acts only on the
  caller's own vendor. :func:`team_of` is for owners and managers (``Capability.TEAM_VIEW``: managers see the
  team but cannot change it); every change needs ``Capability.TEAM`` (owners only). A member or invitation id
  of another vendor reads as absent (``team_member_not_found`` / ``team_invitation_not_found``).
- :func:`invite` e-mails a one-time link (:data:`INVITE_TTL`, 7 days; only its SHA-256 is stored) to join with
  a role, in the language of the invitee's account when the address has one, else the inviter's. It refuses
  an address already in the team (``team_already_member``) or with a pending invitation
  (``team_already_invited``: resend that one), and more than :data:`MAX_PENDING` pending invitations.
  :func:`resend` gives a pending (or expired, not revoked or used) invitation a new link and expiry (the old
  link stops working); both count against the ``team_invite`` rate limit of the inviter. :func:`revoke`
  withdraws a pending invitation.
- :func:`change_role` and :func:`remove_member` never leave the team without an owner (``team_last_owner``):
  the last owner can neither be demoted (by themselves) nor removed. A removed member's account becomes a
  shopper account. Both end the member's sessions (``accounts.service.revoke_sessions``), so no browser keeps
  rights of the old role.
- Joining (the link's page): :func:`invitation_for` reads a link's invitation and raises a specific error for an
  unknown (``invite_unknown``), expired, revoked or used one. :func:`accept` joins the signed-in caller: only
  the invited address (``invite_wrong_account``), never a staff account (``invite_staff``) nor one acting for
  another seller (``invite_other_vendor``; one seller per account). A shopper account becomes a seller
  account (its orders, addresses and messages stay; its sessions stay too, since it gains rights and loses
  none). :func:`accept_with_new_account` creates the seller account for an address without one (the link
  proves the address, so no second e-mail), then the person logs in.
- Every change is audited (``team.*``) with the actor. Functions flush in the caller's unit of work.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace import routes
from marketplace.accounts import audit, ratelimit
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.guards import require_vendor
from marketplace.accounts.passwords import check_password_rules, hash_password
from marketplace.accounts.seller_roles import Capability, SellerRole, can, role_of
from marketplace.accounts.service import (
    SUPPORTED_LANGUAGES,
    Caller,
    normalise_email,
    revoke_sessions,
    token_hash,
)
from marketplace.accounts.service import change_role as change_account_role
from marketplace.core import clock
from marketplace.core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationError
from marketplace.core.i18n import N_, translate
from marketplace.core.settings import get_settings
from marketplace.models import Role, User, Vendor, VendorInvitation, VendorMember
from marketplace.outbox import enqueue
from marketplace.vendors.error_codes import VendorErrorCode

INVITE_TTL = timedelta(days=7)
MAX_PENDING = 50
MAX_NAME = 120
ROLE_NAMES = {SellerRole.OWNER: N_("Owner"), SellerRole.MANAGER: N_("Manager"), SellerRole.PACKER: N_("Packer")}


@dataclass(frozen=True)
class MemberRow:
    user_id: int
    name: str
    email: str
    role: str
    is_you: bool


@dataclass(frozen=True)
class InvitationRow:
    id: int
    email: str
    role: str
    expires_at: datetime
    expired: bool
    invited_by: str


@dataclass(frozen=True)
class TeamView:
    vendor_name: str
    your_role: str
    can_manage: bool  # owner: may invite, change roles, remove
    members: list[MemberRow]
    invitations: list[InvitationRow]


@dataclass(frozen=True)
class InvitationInfo:
    vendor_name: str
    email: str
    role: str
    has_account: bool  # the invited address already has an account (log in), else create one


# ------------------------------------------------------------------------------------------------ the team

def team_of(session: Session, caller: Caller | None) -> TeamView:
    caller, vendor_id = require_vendor(caller, Capability.TEAM_VIEW)
    vendor = session.get(Vendor, vendor_id)
    members = [MemberRow(user_id=u.id, name=u.display_name, email=u.email, role=m.role, is_you=u.id == caller.user_id)
               for m, u in session.exec(select(VendorMember, User).join(User, User.id == VendorMember.user_id)
                                        .where(VendorMember.vendor_id == vendor_id).order_by(User.display_name)).all()]
    now = clock.now()
    names = dict(session.exec(select(User.id, User.display_name).join(
        VendorInvitation, VendorInvitation.invited_by_user_id == User.id).where(
        VendorInvitation.vendor_id == vendor_id)).all())
    invitations = [InvitationRow(id=i.id, email=i.email, role=i.role, expires_at=clock.as_utc(i.expires_at),
                                 expired=clock.as_utc(i.expires_at) <= now,
                                 invited_by=names.get(i.invited_by_user_id, ""))
                   for i in _open_invitations(session, vendor_id)]
    return TeamView(vendor_name=vendor.display_name if vendor else "", your_role=caller.vendor_role or "",
                    can_manage=can(caller.vendor_role, Capability.TEAM), members=members, invitations=invitations)


def _open_invitations(session: Session, vendor_id: int) -> list[VendorInvitation]:
    """Not accepted and not revoked (expired ones included: they can be resent)."""
    return list(session.exec(select(VendorInvitation).where(
        VendorInvitation.vendor_id == vendor_id, VendorInvitation.accepted_at.is_(None),
        VendorInvitation.revoked_at.is_(None)).order_by(VendorInvitation.created_at.desc())).all())


def _role(value: object) -> SellerRole:
    role = role_of(value)
    if role is None:
        raise ValidationError("Choose a role: owner, manager or packer.", code=VendorErrorCode.TEAM_ROLE_INVALID,
                              field="role")
    return role


def _send(session: Session, invitation: VendorInvitation, vendor: Vendor, inviter: Caller) -> None:
    """A new link for ``invitation`` (the old one stops working), e-mailed in its language."""
    ratelimit.enforce(session, "team_invite", ratelimit.caller_key(user_id=inviter.user_id))
    token = secrets.token_urlsafe(32)
    now = clock.now()
    invitation.token_hash, invitation.sent_at, invitation.expires_at = token_hash(token), now, now + INVITE_TTL
    session.add(invitation)
    lang = invitation.language
    role = translate(lang, ROLE_NAMES[SellerRole(invitation.role)])
    body = "\n\n".join([
        translate(lang, N_("%(name)s invited you to join the team of %(shop)s on Meridian as %(role)s."),
                  name=inviter.display_name, shop=vendor.display_name, role=role),
        translate(lang, N_("Open this link within 7 days to accept:")) + "\n"
        + f"{get_settings().public_url}{routes.seller_join(token)}",
        translate(lang, N_("If you did not expect this, ignore this e-mail: nothing happens without you.")),
    ])
    enqueue(session, "email", {"to": invitation.email, "lang": lang, "body": body,
                               "subject": translate(lang, N_("Join %(shop)s on Meridian"), shop=vendor.display_name)})


def invite(session: Session, caller: Caller | None, email: object, role: object) -> VendorInvitation:
    caller, vendor_id = require_vendor(caller, Capability.TEAM)
    address = normalise_email(email)
    chosen = _role(role)
    in_team = session.exec(select(VendorMember.id).join(User, User.id == VendorMember.user_id).where(
        VendorMember.vendor_id == vendor_id, User.email == address)).first()
    if in_team is not None:
        raise ValidationError("%(email)s is already in your team.", code=VendorErrorCode.TEAM_ALREADY_MEMBER,
                              field="email", email=address)
    now = clock.now()
    pending = [i for i in _open_invitations(session, vendor_id) if clock.as_utc(i.expires_at) > now]
    if any(i.email == address for i in pending):
        raise ValidationError("%(email)s has already been invited: resend that invitation instead.",
                              code=VendorErrorCode.TEAM_ALREADY_INVITED, field="email", email=address)
    if len(pending) >= MAX_PENDING:
        raise ValidationError("Your team has %(max)s open invitations. Revoke some before inviting more.",
                              code=VendorErrorCode.TEAM_TOO_MANY_INVITES, max=MAX_PENDING)
    invitee = session.exec(select(User).where(User.email == address)).first()
    inviter = session.get(User, caller.user_id)
    lang = invitee.language if invitee else (inviter.language if inviter else "en")
    invitation = VendorInvitation(vendor_id=vendor_id, email=address, role=chosen.value, token_hash="",
                                  invited_by_user_id=caller.user_id,
                                  language=lang if lang in SUPPORTED_LANGUAGES else "en", created_at=now)
    _send(session, invitation, session.get(Vendor, vendor_id), caller)
    session.flush()
    audit.record(session, "team.invite", actor_user_id=caller.user_id, entity_type="vendor", entity_id=vendor_id,
                 invitation_id=invitation.id, email=address, role=chosen.value)
    return invitation


def _own_invitation(session: Session, vendor_id: int, invitation_id: object) -> VendorInvitation:
    row = None
    if isinstance(invitation_id, int) and not isinstance(invitation_id, bool) and invitation_id > 0:
        row = session.get(VendorInvitation, invitation_id)
    if row is None or row.vendor_id != vendor_id or row.accepted_at is not None or row.revoked_at is not None:
        raise NotFound("We couldn't find that invitation.", code=VendorErrorCode.TEAM_INVITATION_NOT_FOUND)
    return row


def resend(session: Session, caller: Caller | None, invitation_id: object) -> VendorInvitation:
    caller, vendor_id = require_vendor(caller, Capability.TEAM)
    row = _own_invitation(session, vendor_id, invitation_id)
    _send(session, row, session.get(Vendor, vendor_id), caller)
    audit.record(session, "team.invite_resent", actor_user_id=caller.user_id, entity_type="vendor",
                 entity_id=vendor_id, invitation_id=row.id, email=row.email)
    return row


def revoke(session: Session, caller: Caller | None, invitation_id: object) -> VendorInvitation:
    caller, vendor_id = require_vendor(caller, Capability.TEAM)
    row = _own_invitation(session, vendor_id, invitation_id)
    row.revoked_at = clock.now()
    session.add(row)
    audit.record(session, "team.invite_revoked", actor_user_id=caller.user_id, entity_type="vendor",
                 entity_id=vendor_id, invitation_id=row.id, email=row.email)
    return row


def _own_member(session: Session, vendor_id: int, user_id: object) -> VendorMember:
    row = None
    if isinstance(user_id, int) and not isinstance(user_id, bool) and user_id > 0:
        row = session.exec(select(VendorMember).where(VendorMember.user_id == user_id)).first()
    if row is None or row.vendor_id != vendor_id:
        raise NotFound("We couldn't find that team member.", code=VendorErrorCode.TEAM_MEMBER_NOT_FOUND)
    return row


def _owners(session: Session, vendor_id: int) -> int:
    return session.exec(select(func.count()).select_from(VendorMember).where(
        VendorMember.vendor_id == vendor_id, VendorMember.role == SellerRole.OWNER)).one()


def _last_owner() -> ValidationError:
    return ValidationError("Your shop needs at least one owner. Make someone else an owner first.",
                           code=VendorErrorCode.TEAM_LAST_OWNER)


def change_role(session: Session, caller: Caller | None, user_id: object, role: object) -> VendorMember:
    caller, vendor_id = require_vendor(caller, Capability.TEAM)
    chosen = _role(role)
    member = _own_member(session, vendor_id, user_id)
    if member.role == chosen:
        return member
    if member.role == SellerRole.OWNER and _owners(session, vendor_id) <= 1:
        raise _last_owner()
    old, member.role = member.role, chosen.value
    session.add(member)
    revoke_sessions(session, member.user_id)
    audit.record(session, "team.role_changed", actor_user_id=caller.user_id, entity_type="user",
                 entity_id=member.user_id, vendor_id=vendor_id, old=old, new=chosen.value)
    return member


def remove_member(session: Session, caller: Caller | None, user_id: object) -> None:
    caller, vendor_id = require_vendor(caller, Capability.TEAM)
    member = _own_member(session, vendor_id, user_id)
    if member.role == SellerRole.OWNER and _owners(session, vendor_id) <= 1:
        raise _last_owner()
    session.delete(member)
    session.flush()
    change_account_role(session, member.user_id, Role.SHOPPER.value, actor_user_id=caller.user_id)
    revoke_sessions(session, member.user_id)
    audit.record(session, "team.member_removed", actor_user_id=caller.user_id, entity_type="user",
                 entity_id=member.user_id, vendor_id=vendor_id, role=member.role)


# ------------------------------------------------------------------------------------------------ joining

def _by_token(session: Session, token: object) -> VendorInvitation:
    """The pending invitation of a link's token; a specific error for every other case."""
    row = None
    if isinstance(token, str) and 20 <= len(token) <= 128:
        row = session.exec(select(VendorInvitation).where(VendorInvitation.token_hash == token_hash(token))).first()
    if row is None:
        raise NotFound("This invitation link is not valid. Ask the shop's owner to send a new one.",
                       code=VendorErrorCode.INVITE_UNKNOWN)
    if row.accepted_at is not None:
        raise ValidationError("This invitation has already been accepted.", code=VendorErrorCode.INVITE_USED)
    if row.revoked_at is not None:
        raise ValidationError("This invitation was withdrawn by the shop.", code=VendorErrorCode.INVITE_REVOKED)
    if clock.as_utc(row.expires_at) <= clock.now():
        raise ValidationError("This invitation has expired. Ask the shop's owner to send it again.",
                              code=VendorErrorCode.INVITE_EXPIRED)
    return row


def invitation_for(session: Session, token: object) -> InvitationInfo:
    row = _by_token(session, token)
    vendor = session.get(Vendor, row.vendor_id)
    has_account = session.exec(select(User.id).where(User.email == row.email)).first() is not None
    return InvitationInfo(vendor_name=vendor.display_name if vendor else "", email=row.email, role=row.role,
                          has_account=has_account)


def _join(session: Session, row: VendorInvitation, user: User) -> None:
    session.add(VendorMember(vendor_id=row.vendor_id, user_id=user.id, role=row.role))
    row.accepted_at, row.accepted_user_id = clock.now(), user.id
    session.add(row)
    session.flush()
    audit.record(session, "team.joined", actor_user_id=user.id, entity_type="vendor", entity_id=row.vendor_id,
                 invitation_id=row.id, role=row.role)


def accept(session: Session, caller: Caller | None, token: object) -> int:
    """Join the invitation's vendor as the signed-in caller; returns the vendor id."""
    row = _by_token(session, token)
    if caller is None:
        raise NotAuthenticated("Please log in to continue.")
    if caller.is_staff:
        raise PermissionDenied("Staff accounts can't join a seller's team. Use a separate account.",
                               code=VendorErrorCode.INVITE_STAFF)
    if caller.email != row.email:
        raise PermissionDenied("This invitation was sent to %(email)s. Log in with that address to accept it.",
                               code=VendorErrorCode.INVITE_WRONG_ACCOUNT, email=row.email)
    member = session.exec(select(VendorMember).where(VendorMember.user_id == caller.user_id)).first()
    if member is not None and member.vendor_id == row.vendor_id:
        raise ValidationError("You are already in this team.", code=VendorErrorCode.TEAM_ALREADY_MEMBER)
    if member is not None:
        raise PermissionDenied("Your account already works for another seller. An account can belong to one "
                               "seller only: accept with another address.", code=VendorErrorCode.INVITE_OTHER_VENDOR)
    user = session.get(User, caller.user_id)
    if user.role != Role.SELLER:  # a shopper gains a seller's rights and loses none: the session may stay
        old, user.role = user.role, Role.SELLER.value
        session.add(user)
        audit.record(session, "auth.role_changed", actor_user_id=user.id, entity_type="user", entity_id=user.id,
                     old=old, new=user.role, reason="joined a seller's team")
    _join(session, row, user)
    return row.vendor_id


def accept_with_new_account(session: Session, token: object, *, display_name: object, password: object) -> User:
    """Create the invited address's seller account and join; the link proves the address."""
    row = _by_token(session, token)
    if session.exec(select(User.id).where(User.email == row.email)).first() is not None:
        raise ValidationError("You already have an account with %(email)s: log in to accept.",
                              code=VendorErrorCode.INVITE_HAS_ACCOUNT, email=row.email)
    if not isinstance(display_name, str) or not display_name.strip():
        raise ValidationError("Enter your name.", code=AccountErrorCode.NAME_REQUIRED, field="name")
    name = display_name.strip()
    if len(name) > MAX_NAME:
        raise ValidationError("Use at most %(max)s characters for your name.", code=AccountErrorCode.NAME_TOO_LONG,
                              field="name", max=MAX_NAME)
    user = User(email=row.email, password_hash=hash_password(check_password_rules(password)), display_name=name,
                role=Role.SELLER, language=row.language)
    session.add(user)
    session.flush()
    audit.record(session, "auth.register", actor_user_id=user.id, entity_type="user", entity_id=user.id,
                 via="team_invitation")
    _join(session, row, user)
    return user

"""What staff do with vendors: list them by status, count them, and approve, reject, suspend, reinstate or
terminate them.

Contract:
- Every function is for staff and admins only (``require_staff(caller, StaffCapability.VENDORS)``), checked here on
  the :class:`Caller` resolved from the server-side session.
- ``staff_vendor_list`` returns every vendor, or only those of one :class:`VendorStatus`; any other filter
  raises :class:`ValidationError`.
- ``vendor_counts`` returns how many vendors are in each :class:`VendorStatus` (every status, zero included,
  in the enum's order); ``STATUS_LABELS`` names each status for staff (message ids for the page to translate).
- ``approve_vendor(session, vendor_id, actor_user_id=None, reason=None)`` approves a ``pending`` shop (any other status,
  or no such shop, is refused with :class:`ValidationError` / :class:`NotFound` and nothing changes), audits
  ``vendor.approved`` and e-mails every member of the shop through the outbox, in their language. It is the
  operator's command (``python -m marketplace vendors approve ID``) until the staff console grows the
  button: the command line runs with the database's rights, so it takes no caller; a staff page must check
  ``require_staff(caller, StaffCapability.VENDORS)`` before calling it. ``vendor_rows(session, status)`` is the same
  listing as ``staff_vendor_list``, for the command line.
- ``moderate(session, caller, vendor_id, action, reason)`` is the staff console's one door for every
  :class:`ModerationAction` (staff and admins only): ``reason`` is required (1-500 characters after trimming,
  else ``MODERATION_REASON_INVALID``); the shop must be in a status the action starts from
  (:data:`TRANSITIONS`: approve and reject take pending shops, ``VENDOR_NOT_PENDING`` otherwise; suspend
  takes approved, reinstate suspended, terminate approved or suspended, ``VENDOR_TRANSITION_INVALID``
  otherwise) and nothing changes when refused. It sets the status (and ``status_reason`` to the reason, or
  clears it when the shop ends approved), audits ``vendor.<approved|rejected|suspended|reinstated|
  terminated>`` with the actor, ``via``, reason and before/after status, and e-mails every active member in
  their language (the reason included). What a status allows afterwards is :mod:`shop_status`'s policy: a
  suspended shop's products leave the storefront at once (every storefront query lists only approved shops'
  products), its open orders are still shipped by the seller and its payouts held; reinstating undoes both.
- What a seller does with their own shop lives in :mod:`marketplace.vendors.portal`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace import routes
from marketplace.accounts import audit
from marketplace.accounts.guards import require_staff
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.i18n import N_, translate
from marketplace.core.settings import get_settings
from marketplace.models import Product, User, Vendor, VendorMember, VendorStatus
from marketplace.outbox.worker import enqueue
from marketplace.vendors.error_codes import VendorErrorCode

STATUS_LABELS: dict[VendorStatus, str] = {
    VendorStatus.PENDING: N_("Pending review"),
    VendorStatus.APPROVED: N_("Approved"),
    VendorStatus.SUSPENDED: N_("Suspended"),
    VendorStatus.TERMINATED: N_("Terminated"),
}
_FILTERS = frozenset({"", *(s.value for s in VendorStatus)})


@dataclass(frozen=True)
class VendorRow:
    id: int
    slug: str
    display_name: str
    legal_name: str
    country: str
    city: str
    status: str
    status_reason: str | None
    product_count: int
    member_count: int
    commission_bps: int | None
    created_at: str


def staff_vendor_list(session: Session, caller: Caller | None, status: object = "") -> list[VendorRow]:
    require_staff(caller, StaffCapability.VENDORS)
    return vendor_rows(session, status)


def vendor_rows(session: Session, status: object = "") -> list[VendorRow]:
    if not isinstance(status, str) or status not in _FILTERS:
        raise ValidationError("Unknown vendor status filter.", code=VendorErrorCode.STATUS_FILTER_INVALID, field="status")
    stmt = select(Vendor)
    if status:
        stmt = stmt.where(Vendor.status == status)
    vendors = session.exec(stmt.order_by(Vendor.display_name)).all()
    products = dict(session.exec(select(Product.vendor_id, func.count()).group_by(Product.vendor_id)).all())
    members = dict(session.exec(select(VendorMember.vendor_id, func.count()).group_by(VendorMember.vendor_id)).all())
    return [VendorRow(id=v.id, slug=v.slug, display_name=v.display_name, legal_name=v.legal_name,
                      country=v.country, city=v.city, status=v.status, status_reason=v.status_reason,
                      product_count=products.get(v.id, 0), member_count=members.get(v.id, 0),
                      commission_bps=v.commission_bps, created_at=v.created_at.date().isoformat())
            for v in vendors]


def vendor_counts(session: Session, caller: Caller | None) -> dict[VendorStatus, int]:
    require_staff(caller, StaffCapability.VENDORS)
    found = dict(session.exec(select(Vendor.status, func.count()).group_by(Vendor.status)).all())
    return {s: int(found.get(s.value, 0)) for s in VendorStatus}


class ModerationAction(StrEnum):
    APPROVE = "approve"  # pending -> approved
    REJECT = "reject"  # pending -> terminated (the application is turned down)
    SUSPEND = "suspend"  # approved -> suspended (listings leave the storefront, payouts held)
    REINSTATE = "reinstate"  # suspended -> approved
    TERMINATE = "terminate"  # approved or suspended -> terminated


_M = ModerationAction
# action -> (statuses it starts from, status it leaves, audit action)
TRANSITIONS: dict[ModerationAction, tuple[frozenset[str], VendorStatus, str]] = {
    _M.APPROVE: (frozenset({VendorStatus.PENDING}), VendorStatus.APPROVED, "vendor.approved"),
    _M.REJECT: (frozenset({VendorStatus.PENDING}), VendorStatus.TERMINATED, "vendor.rejected"),
    _M.SUSPEND: (frozenset({VendorStatus.APPROVED}), VendorStatus.SUSPENDED, "vendor.suspended"),
    _M.REINSTATE: (frozenset({VendorStatus.SUSPENDED}), VendorStatus.APPROVED, "vendor.reinstated"),
    _M.TERMINATE: (frozenset({VendorStatus.APPROVED, VendorStatus.SUSPENDED}), VendorStatus.TERMINATED,
                   "vendor.terminated"),
}
_REFUSED = {
    _M.APPROVE: N_("Only a pending shop can be approved; this one is %(status)s."),
    _M.REJECT: N_("Only a pending shop can be rejected; this one is %(status)s."),
    _M.SUSPEND: N_("Only an approved shop can be suspended; this one is %(status)s."),
    _M.REINSTATE: N_("Only a suspended shop can be reinstated; this one is %(status)s."),
    _M.TERMINATE: N_("Only an approved or suspended shop can be terminated; this one is %(status)s."),
}
# (subject, first paragraph, second paragraph) of the e-mail to the shop's members
_MAILS = {
    _M.APPROVE: (N_("Your shop on Meridian is approved"), N_("Good news: your shop %(shop)s is approved."),
                 N_("You can now publish your products; shoppers will see them right away.")),
    _M.REJECT: (N_("Your shop application on Meridian was declined"),
                N_("We're sorry: your application for the shop %(shop)s was declined."),
                N_("You can still see your seller portal; contact support if you have questions.")),
    _M.SUSPEND: (N_("Your shop on Meridian is suspended"), N_("Your shop %(shop)s is suspended."),
                 N_("Its products are not shown and payouts are held. Ship the orders already paid for; "
                    "contact support to reinstate the shop.")),
    _M.REINSTATE: (N_("Your shop on Meridian is reinstated"), N_("Your shop %(shop)s is reinstated."),
                   N_("Its products are shown again and payouts resume.")),
    _M.TERMINATE: (N_("Your shop on Meridian is closed"), N_("Your shop %(shop)s is closed by Meridian."),
                   N_("Ship the orders already paid for; what you are owed for them is still paid out.")),
}
MAX_REASON = 500


def _reason(reason: object, *, required: bool) -> str | None:
    if reason is None and not required:
        return None
    text = reason.strip() if isinstance(reason, str) else ""
    if not 1 <= len(text) <= MAX_REASON:
        raise ValidationError("Give a reason of 1 to 500 characters.", code=VendorErrorCode.MODERATION_REASON_INVALID,
                              field="reason")
    return text


def moderate(session: Session, caller: Caller | None, vendor_id: object, action: object, reason: object) -> Vendor:
    """A staff member moves a shop along :data:`TRANSITIONS`, with a reason (see the module contract)."""
    staff = require_staff(caller, StaffCapability.VENDORS)
    if not isinstance(action, str) or action not in set(ModerationAction):
        raise ValidationError("Unknown moderation action.", code=VendorErrorCode.MODERATION_ACTION_INVALID,
                              field="action")
    return _transition(session, vendor_id, ModerationAction(action), _reason(reason, required=True),
                       actor_user_id=staff.user_id, via="staff")


def approve_vendor(session: Session, vendor_id: int, *, actor_user_id: int | None = None, via: str = "cli",
                   reason: str | None = None) -> Vendor:
    """Approve a pending shop and tell its people (the operator's command; see the module contract)."""
    return _transition(session, vendor_id, ModerationAction.APPROVE, _reason(reason, required=False),
                       actor_user_id=actor_user_id, via=via)


def _transition(session: Session, vendor_id: object, action: ModerationAction, reason: str | None, *,
                actor_user_id: int | None, via: str) -> Vendor:
    vendor = session.get(Vendor, vendor_id) if isinstance(vendor_id, int) and not isinstance(vendor_id, bool) else None
    if vendor is None:
        raise NotFound("We couldn't find that seller.", code=VendorErrorCode.SHOP_NOT_FOUND)
    starts, after, audit_action = TRANSITIONS[action]
    before = vendor.status
    if before not in starts and action in (_M.APPROVE, _M.REJECT):
        raise ValidationError(_REFUSED[action], code=VendorErrorCode.VENDOR_NOT_PENDING, status=before)
    if before not in starts:
        raise ValidationError(_REFUSED[action], code=VendorErrorCode.VENDOR_TRANSITION_INVALID, status=before)
    vendor.status = after
    vendor.status_reason = reason if after != VendorStatus.APPROVED else None
    session.add(vendor)
    audit.record(session, audit_action, actor_user_id=actor_user_id, entity_type="vendor", entity_id=vendor.id,
                 via=via, reason=reason, before=str(before), after=str(after))
    _mail_members(session, vendor, action, reason)
    session.flush()
    return vendor


def _mail_members(session: Session, vendor: Vendor, action: ModerationAction, reason: str | None) -> None:
    """E-mail every active member of ``vendor`` what staff did, in their language, through the outbox."""
    subject, first, second = _MAILS[action]
    members = session.exec(select(User).join(VendorMember, VendorMember.user_id == User.id)
                           .where(VendorMember.vendor_id == vendor.id, User.is_active).order_by(User.id)).all()
    link = f"{get_settings().public_url}{routes.SELLER}"
    for user in members:
        lang = user.language or "en"
        parts = [translate(lang, first, shop=vendor.display_name), translate(lang, second)]
        if reason:
            parts.append(translate(lang, N_("Reason given by our staff:")) + "\n" + reason)
        parts.append(translate(lang, N_("Open your seller portal:")) + "\n" + link)
        enqueue(session, "email", {"to": user.email, "lang": lang, "body": "\n\n".join(parts),
                                   "subject": translate(lang, subject)})

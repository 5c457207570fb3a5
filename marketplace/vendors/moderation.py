"""What staff do with vendors: list them by status and count them.

Contract:
- Every function is for staff and admins only (``role_required(caller, Role.STAFF)``), checked here on
  the :class:`Caller` resolved from the server-side session.
- ``staff_vendor_list`` returns every vendor, or only those of one :class:`VendorStatus`; any other filter
  raises :class:`ValidationError`.
- ``vendor_counts`` returns how many vendors are in each :class:`VendorStatus` (every status, zero included,
  in the enum's order); ``STATUS_LABELS`` names each status for staff (message ids for the page to translate).
- ``approve_vendor(session, vendor_id, actor_user_id=None)`` approves a ``pending`` shop (any other status,
  or no such shop, is refused with :class:`ValidationError` / :class:`NotFound` and nothing changes), audits
  ``vendor.approved`` and e-mails every member of the shop through the outbox, in their language. It is the
  operator's command (``python -m marketplace vendors approve ID``) until the staff console grows the
  button: the command line runs with the database's rights, so it takes no caller; a staff page must check
  ``role_required(caller, Role.STAFF)`` before calling it. ``vendor_rows(session, status)`` is the same
  listing as ``staff_vendor_list``, for the command line.
- What a seller does with their own shop lives in :mod:`marketplace.vendors.portal`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace import routes
from marketplace.accounts import audit
from marketplace.accounts.guards import role_required
from marketplace.accounts.service import Caller
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.i18n import N_, translate
from marketplace.core.settings import get_settings
from marketplace.models import Product, Role, User, Vendor, VendorMember, VendorStatus
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
    role_required(caller, Role.STAFF)
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
    role_required(caller, Role.STAFF)
    found = dict(session.exec(select(Vendor.status, func.count()).group_by(Vendor.status)).all())
    return {s: int(found.get(s.value, 0)) for s in VendorStatus}


def approve_vendor(session: Session, vendor_id: int, *, actor_user_id: int | None = None, via: str = "cli") -> Vendor:
    """Approve a pending shop and tell its people (see the module contract)."""
    vendor = session.get(Vendor, vendor_id) if isinstance(vendor_id, int) and not isinstance(vendor_id, bool) else None
    if vendor is None:
        raise NotFound("We couldn't find that seller.", code=VendorErrorCode.SHOP_NOT_FOUND)
    if vendor.status != VendorStatus.PENDING:
        raise ValidationError("Only a pending shop can be approved; this one is %(status)s.",
                              code=VendorErrorCode.VENDOR_NOT_PENDING, status=vendor.status)
    vendor.status, vendor.status_reason = VendorStatus.APPROVED, None
    session.add(vendor)
    audit.record(session, "vendor.approved", actor_user_id=actor_user_id, entity_type="vendor", entity_id=vendor.id,
                 via=via)
    members = session.exec(select(User).join(VendorMember, VendorMember.user_id == User.id)
                           .where(VendorMember.vendor_id == vendor.id, User.is_active).order_by(User.id)).all()
    link = f"{get_settings().public_url}{routes.SELLER}"
    for user in members:
        lang = user.language or "en"
        body = "\n\n".join((
            translate(lang, N_("Good news: your shop %(shop)s is approved."), shop=vendor.display_name),
            translate(lang, N_("You can now publish your products; shoppers will see them right away.")),
            translate(lang, N_("Open your seller portal:")) + "\n" + link))
        enqueue(session, "email", {"to": user.email, "lang": lang, "body": body,
                                   "subject": translate(lang, N_("Your shop on Meridian is approved"))})
    session.flush()
    return vendor

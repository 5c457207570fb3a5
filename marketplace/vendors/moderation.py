"""What staff do with vendors: list them by status and count them.

Contract:
- Every function is for staff and admins only (``role_required(caller, Role.STAFF)``), checked here on
  the :class:`Caller` resolved from the server-side session.
- ``staff_vendor_list`` returns every vendor, or only those of one :class:`VendorStatus`; any other filter
  raises :class:`ValidationError`.
- ``vendor_counts`` returns how many vendors are in each :class:`VendorStatus` (every status, zero included,
  in the enum's order); ``STATUS_LABELS`` names each status for staff (message ids for the page to translate).
- What a seller does with their own shop lives in :mod:`marketplace.vendors.portal`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.accounts.guards import role_required
from marketplace.accounts.service import Caller
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import N_
from marketplace.models import Product, Role, Vendor, VendorMember, VendorStatus
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

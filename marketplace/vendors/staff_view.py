"""What staff see of one shop before they moderate it.

Contract:
- ``vendor_detail(session, caller, vendor_id)`` is for staff and admins only (``require_staff(caller,
  StaffCapability.VENDORS)``); an id that is not an int or names no shop raises :class:`NotFound`
  (``SHOP_NOT_FOUND``). It returns the business profile, both addresses, the VAT number with its check
  result (the scheme it passed and when, or unchecked), EORI and IOSS numbers, the return window, the payout
  method with the account masked (only its last four characters; never the full number), the verification
  documents (name, type, size, date; their bytes stay in the private store), up to :data:`SAMPLE_PRODUCTS`
  products (newest first, any status), the members with their shop role, and the shop's audit history
  (newest first, at most :data:`HISTORY` rows), plus the moderation actions its status allows
  (:data:`moderation.TRANSITIONS`).
- ``staff_document(session, caller, vendor_id, document_id)`` (staff and admins only) is one verification
  document of that shop for download: ``(file name, stored name, content type)``; ids that are not digits,
  a document of another shop, or a type other than PDF, JPEG or PNG raise :class:`NotFound`
  (``DOCUMENT_NOT_FOUND``). The bytes are read by the stored name only, never a path from the client.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from marketplace.accounts.guards import require_staff
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core.errors import NotFound
from marketplace.models import AuditLog, Product, User, Vendor, VendorDocument, VendorMember
from marketplace.vendors import payout_accounts
from marketplace.vendors.error_codes import VendorErrorCode
from marketplace.vendors.moderation import TRANSITIONS, ModerationAction

SAMPLE_PRODUCTS = 6
DOCUMENT_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})
HISTORY = 50


@dataclass(frozen=True)
class DocumentLine:
    id: int
    file_name: str
    content_type: str
    size_bytes: int
    uploaded_at: datetime


@dataclass(frozen=True)
class ProductLine:
    id: int
    slug: str
    name: str
    status: str


@dataclass(frozen=True)
class MemberLine:
    user_id: int
    display_name: str
    email: str
    role: str  # owner, manager or packer
    language: str


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    action: str
    actor: str  # the acting user's e-mail, "" for the system or the command line
    reason: str
    before: str
    after: str


@dataclass(frozen=True)
class VendorDetail:
    vendor: Vendor
    payout_masked: str
    documents: tuple[DocumentLine, ...]
    products: tuple[ProductLine, ...]
    product_count: int
    members: tuple[MemberLine, ...]
    history: tuple[HistoryLine, ...]
    actions: tuple[ModerationAction, ...]


def vendor_detail(session: Session, caller: Caller | None, vendor_id: object) -> VendorDetail:
    require_staff(caller, StaffCapability.VENDORS)
    vendor = session.get(Vendor, vendor_id) if isinstance(vendor_id, int) and not isinstance(vendor_id, bool) else None
    if vendor is None:
        raise NotFound("We couldn't find that seller.", code=VendorErrorCode.SHOP_NOT_FOUND)
    session.expunge(vendor)
    payout = payout_accounts.masked(vendor.payout_account)
    vendor.payout_account = ""  # the full number never leaves this function
    docs = session.exec(select(VendorDocument).where(VendorDocument.vendor_id == vendor.id)
                        .order_by(VendorDocument.created_at.desc(), VendorDocument.id.desc())).all()
    products = session.exec(select(Product).where(Product.vendor_id == vendor.id)
                            .order_by(Product.id.desc())).all()
    members = session.exec(select(User, VendorMember.role).join(VendorMember, VendorMember.user_id == User.id)
                           .where(VendorMember.vendor_id == vendor.id).order_by(User.id)).all()
    entries = session.exec(select(AuditLog).where(AuditLog.entity_type == "vendor",
                                                  AuditLog.entity_id == str(vendor.id))
                           .order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(HISTORY)).all()
    actors = {u.id: u.email for u in session.exec(select(User).where(
        User.id.in_({e.actor_user_id for e in entries if e.actor_user_id is not None}))).all()}
    return VendorDetail(
        vendor=vendor, payout_masked=payout,
        documents=tuple(DocumentLine(id=d.id, file_name=d.file_name, content_type=d.content_type,
                                     size_bytes=d.size_bytes, uploaded_at=d.created_at) for d in docs),
        products=tuple(ProductLine(id=p.id, slug=p.slug, name=p.name, status=p.status)
                       for p in products[:SAMPLE_PRODUCTS]),
        product_count=len(products),
        members=tuple(MemberLine(user_id=u.id, display_name=u.display_name, email=u.email, role=role,
                                 language=u.language) for u, role in members),
        history=tuple(HistoryLine(at=e.at, action=e.action, actor=actors.get(e.actor_user_id, ""),
                                  reason=str(e.detail.get("reason") or ""), before=str(e.detail.get("before") or ""),
                                  after=str(e.detail.get("after") or "")) for e in entries),
        actions=tuple(a for a, (starts, _, _) in TRANSITIONS.items() if vendor.status in starts),
    )


def _id(raw: object) -> int | None:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    return int(raw) if isinstance(raw, str) and raw.isdigit() and len(raw) < 12 else None


def staff_document(session: Session, caller: Caller | None, vendor_id: object,
                   document_id: object) -> tuple[str, str, str]:
    require_staff(caller, StaffCapability.VENDORS)
    vid, did = _id(vendor_id), _id(document_id)
    doc = session.get(VendorDocument, did) if did is not None else None
    if doc is None or vid is None or doc.vendor_id != vid or doc.content_type not in DOCUMENT_TYPES:
        raise NotFound("We couldn't find that document.", code=VendorErrorCode.DOCUMENT_NOT_FOUND)
    return doc.file_name, doc.storage_name, doc.content_type

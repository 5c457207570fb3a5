"""What staff do with flagged products, and where the flags come from (it sits in ``vendors`` beside the shops'
and reviews' moderation: the layers let it use both ``accounts`` and ``catalog``).

Contract:
- Flags (``product_flags``) come from four sources: ``report`` (a signed-in shopper's report), ``keyword`` (the
  name or description matches a staff keyword), ``restricted`` (``catalog.restriction_report`` says the product
  cannot be sent to some destination), ``edited`` (a product staff approved before had its HS code, origin
  country or description changed). A flag is open until staff act on its product.
- ``report_product(session, caller, product_id, reason, text="")``: signed-in callers only
  (``NotAuthenticated``), a reason of :data:`REPORT_REASONS`, text up to 1000 characters; one open report per
  user and product (``REPORT_DUPLICATE``); at most 5 reports an hour per user (``ratelimit`` bucket
  ``product_report``). Only listed (active) products can be reported.
- ``scan_product(session, product_id, before=None)``: the seller save path calls it after every save; it adds
  the ``keyword`` / ``restricted`` flags that are not already open for the same reason, and an ``edited`` flag
  when ``before`` (a :func:`customs_snapshot` taken before the edit) differs in a customs-relevant way and the
  product has approved flags in its past, or (``after_hide``) when the product is hidden (not removed) so staff
  can approve it back. Price and stock edits never flag. The seller's save of a removed product is refused.
- Staff (``require_staff(caller, StaffCapability.PRODUCTS)``: moderators and admins): ``product_queue`` lists
  products with open flags, newest flag first, with their sources and counts; ``moderate_product(session,
  caller, product_id, action, reason)`` with ``approve`` (resolves the open flags; a hidden product is listed
  again), ``hide`` (status ``blocked``; the seller sees the reason and may edit; staff may approve later) or
  ``remove`` (blocked for good: no later approval, the seller cannot republish). The reason is required
  (1-500 characters). Every action is audited (``product.approved|hidden|removed``) and e-mailed to the
  shop's active members. ``keywords`` / ``add_keyword`` / ``remove_keyword`` manage the keyword list.
- ``seller_notice(session, product_id)``: the staff reason a seller sees on a hidden or removed product
  (``None`` otherwise), and whether it is removed for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, select

from marketplace import routes
from marketplace.accounts import audit, ratelimit
from marketplace.accounts.guards import require_staff
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.catalog import restriction_report
from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.catalog.moderation_rules import customs_relevant_change, matching_keywords, normalise_phrase
from marketplace.core import clock
from marketplace.core.errors import NotAuthenticated, NotFound, ValidationError
from marketplace.core.i18n import N_, translate
from marketplace.core.settings import get_settings
from marketplace.core.text import clean_text, positive_id
from marketplace.models import (
    ModerationKeyword,
    Product,
    ProductFlag,
    ProductStatus,
    User,
    Variant,
    Vendor,
    VendorMember,
)
from marketplace.outbox.worker import enqueue

__all__ = ["REPORT_REASONS", "FlagSource", "ProductAction", "QueuedProduct", "SellerNotice", "add_keyword",
           "customs_snapshot", "keywords", "moderate_product", "product_queue", "remove_keyword", "report_product",
           "scan_product", "seller_notice"]

REPORT_REASONS = {
    "counterfeit": N_("Counterfeit"),
    "prohibited": N_("Prohibited or dangerous"),
    "wrong_information": N_("Wrong information"),
    "offensive": N_("Offensive"),
    "other": N_("Other"),
}
MAX_REPORT_TEXT = 1000
MAX_REASON = 500
MAX_KEYWORD = 80
QUEUE_LIMIT = 200


class FlagSource(StrEnum):
    REPORT = "report"
    KEYWORD = "keyword"
    RESTRICTED = "restricted"
    EDITED = "edited"


class ProductAction(StrEnum):
    APPROVE = "approve"
    HIDE = "hide"
    REMOVE = "remove"


_RESOLUTION = {ProductAction.APPROVE: "approved", ProductAction.HIDE: "hidden", ProductAction.REMOVE: "removed"}


@dataclass(frozen=True)
class QueuedProduct:
    product_id: int
    name: str
    slug: str
    shop: str
    status: str
    sources: dict[str, int]  # source -> open flags
    details: tuple[str, ...]  # "report: counterfeit — text", "keyword: replica", ...
    newest: datetime


@dataclass(frozen=True)
class SellerNotice:
    reason: str
    removed: bool


# ---------------------------------------------------------------- shoppers


def report_product(session: Session, caller: Caller | None, product_id: object, reason: object,
                   text: object = "") -> ProductFlag:
    """A shopper reports a listed product; see the module contract. Call it in a write unit of work."""
    if caller is None:
        raise NotAuthenticated("Log in to report a product.")
    if not isinstance(reason, str) or reason not in REPORT_REASONS:
        raise ValidationError("Choose why you report this product.", code=CatalogErrorCode.REPORT_INVALID,
                              field="reason")
    if text is None:
        text = ""
    if not isinstance(text, str) or len(text) > MAX_REPORT_TEXT * 2:
        raise ValidationError("Write at most %(max)s characters.", code=CatalogErrorCode.REPORT_INVALID,
                              field="text", max=MAX_REPORT_TEXT)
    try:
        body = clean_text(text, max_length=MAX_REPORT_TEXT, multiline=True, required=False, field="text")
    except ValidationError as exc:
        raise ValidationError("Write at most %(max)s characters.", code=CatalogErrorCode.REPORT_INVALID,
                              field="text", max=MAX_REPORT_TEXT) from exc
    found = positive_id(product_id)
    product = session.get(Product, found) if found else None
    if product is None or product.status != ProductStatus.ACTIVE:
        raise NotFound("This product does not exist.", code=CatalogErrorCode.PRODUCT_NOT_FOUND, field="product_id")
    open_report = session.exec(select(ProductFlag.id).where(
        ProductFlag.product_id == product.id, ProductFlag.reporter_id == caller.user_id,
        ProductFlag.source == FlagSource.REPORT, ProductFlag.resolved_at.is_(None))).first()
    if open_report is not None:
        raise ValidationError("You have already reported this product; our staff are looking at it.",
                              code=CatalogErrorCode.REPORT_DUPLICATE)
    ratelimit.enforce(session, "product_report", ratelimit.caller_key(caller.user_id))
    flag = ProductFlag(product_id=product.id, source=FlagSource.REPORT, reason=reason, text=body or "",
                       reporter_id=caller.user_id)
    session.add(flag)
    session.flush()
    return flag


# ---------------------------------------------------------------- automatic flags


def customs_snapshot(session: Session, product_id: int) -> dict[str, str]:
    """What customs look at, to compare before and after a seller's edit."""
    product = session.get(Product, product_id)
    if product is None:
        return {}
    variants = session.exec(select(Variant.hs_code, Variant.origin_country)
                            .where(Variant.product_id == product_id)).all()
    return {"hs_code": ",".join(sorted({(code or "").strip().upper() for code, _ in variants})),
            "origin_country": ",".join(sorted({(origin or "").strip().upper() for _, origin in variants})),
            "description": product.description or ""}


def _open_flags(session: Session, product_id: int) -> list[ProductFlag]:
    return list(session.exec(select(ProductFlag).where(ProductFlag.product_id == product_id,
                                                       ProductFlag.resolved_at.is_(None))).all())


def scan_product(session: Session, product_id: int, before: dict[str, str] | None = None) -> list[ProductFlag]:
    """Add the automatic flags a seller's save calls for; returns the new flags (see the module contract)."""
    product = session.get(Product, product_id)
    if product is None:
        return []
    open_keys = {(f.source, f.reason) for f in _open_flags(session, product_id)}
    new: list[ProductFlag] = []

    def add(source: FlagSource, reason: str, text: str = "") -> None:
        if (source, reason) not in open_keys:
            open_keys.add((source, reason))
            new.append(ProductFlag(product_id=product_id, source=source, reason=reason[:40], text=text))

    phrases = session.exec(select(ModerationKeyword.phrase).order_by(ModerationKeyword.phrase)).all()
    for phrase in matching_keywords(phrases, product.name, product.description):
        add(FlagSource.KEYWORD, phrase)
    codes = session.exec(select(Variant.hs_code).where(Variant.product_id == product_id)).all()
    for finding in restriction_report.destinations([(code, product.name) for code in dict.fromkeys(codes)]):
        if finding.level == "block":
            add(FlagSource.RESTRICTED, finding.country, "; ".join(finding.reasons))
    if before is not None and customs_relevant_change(before, customs_snapshot(session, product_id)):
        approved = session.exec(select(ProductFlag.id).where(ProductFlag.product_id == product_id,
                                                             ProductFlag.resolution == "approved")).first()
        if approved is not None:
            add(FlagSource.EDITED, "customs")
    if product.status == ProductStatus.BLOCKED and not _removed(session, product_id):
        add(FlagSource.EDITED, "after_hide")  # the seller edited a hidden product: staff look again
    for flag in new:
        session.add(flag)
    session.flush()
    return new


# ---------------------------------------------------------------- staff


def _removed(session: Session, product_id: int) -> bool:
    return session.exec(select(ProductFlag.id).where(ProductFlag.product_id == product_id,
                                                     ProductFlag.resolution == "removed")).first() is not None


def product_queue(session: Session, caller: Caller | None) -> list[QueuedProduct]:
    require_staff(caller, StaffCapability.PRODUCTS)
    rows = session.exec(
        select(ProductFlag, Product.name, Product.slug, Product.status, Vendor.display_name)
        .join(Product, Product.id == ProductFlag.product_id).join(Vendor, Vendor.id == Product.vendor_id)
        .where(ProductFlag.resolved_at.is_(None))
        .order_by(ProductFlag.created_at.desc(), ProductFlag.id.desc())).all()
    grouped: dict[int, dict] = {}
    for flag, name, slug, status, shop in rows:
        entry = grouped.setdefault(flag.product_id, {"name": name, "slug": slug, "status": status, "shop": shop,
                                                     "sources": {}, "details": [], "newest": flag.created_at})
        entry["sources"][flag.source] = entry["sources"].get(flag.source, 0) + 1
        detail = f"{flag.source}: {flag.reason}" + (f" — {flag.text}" if flag.text else "")
        entry["details"].append(detail)
    out = [QueuedProduct(product_id=pid, name=e["name"], slug=e["slug"], shop=e["shop"], status=e["status"],
                         sources=e["sources"], details=tuple(e["details"]), newest=e["newest"])
           for pid, e in grouped.items()]
    return out[:QUEUE_LIMIT]


def _reason(value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_REASON * 2:
        raise ValidationError("Give a reason of at most %(max)s characters.",
                              code=CatalogErrorCode.PRODUCT_REASON_INVALID, field="reason", max=MAX_REASON)
    if not value.strip():
        raise ValidationError("Give a reason: it is logged and the seller reads it.",
                              code=CatalogErrorCode.PRODUCT_REASON_INVALID, field="reason")
    try:
        return clean_text(value, max_length=MAX_REASON, multiline=True, required=True, field="reason")
    except ValidationError as exc:
        raise ValidationError("Give a reason of at most %(max)s characters.",
                              code=CatalogErrorCode.PRODUCT_REASON_INVALID, field="reason", max=MAX_REASON) from exc


def moderate_product(session: Session, caller: Caller | None, product_id: object, action: object,
                     reason: object) -> Product:
    """Approve, hide or remove a flagged product; see the module contract. Call it in a write unit of work."""
    staff = require_staff(caller, StaffCapability.PRODUCTS)
    if not isinstance(action, str) or action not in ProductAction._value2member_map_:
        raise ValidationError("Choose approve, hide or remove.", code=CatalogErrorCode.PRODUCT_ACTION_INVALID,
                              field="action")
    action = ProductAction(action)
    text = _reason(reason)
    found = positive_id(product_id)
    product = session.get(Product, found) if found else None
    if product is None:
        raise NotFound("This product does not exist.", code=CatalogErrorCode.PRODUCT_NOT_FOUND, field="product_id")
    if _removed(session, product.id):
        raise ValidationError("This product was removed for good.", code=CatalogErrorCode.PRODUCT_REMOVED)
    flags = _open_flags(session, product.id)
    hidden = product.status == ProductStatus.BLOCKED
    if not flags and action is ProductAction.APPROVE and not hidden:
        raise ValidationError("Nothing waits for a decision on this product.",
                              code=CatalogErrorCode.PRODUCT_NOT_FLAGGED)
    before = product.status
    now = clock.now()
    resolution = _RESOLUTION[action]
    if not flags:  # staff act on a product with no open flag (approve a hidden one, hide/remove on sight)
        flag = ProductFlag(product_id=product.id, source="staff", reason=resolution, created_at=now)
        session.add(flag)
        flags = [flag]
    for flag in flags:
        flag.resolved_at, flag.resolution, flag.staff_reason = now, resolution, text
        session.add(flag)
    if action is ProductAction.APPROVE:
        if hidden:
            product.status = ProductStatus.ACTIVE
    else:
        product.status = ProductStatus.BLOCKED
    session.add(product)
    session.flush()
    audit.record(session, f"product.{resolution}", actor_user_id=staff.user_id, entity_type="product",
                 entity_id=product.id, vendor_id=product.vendor_id, before=before, after=product.status,
                 reason=text)
    vendor = session.get(Vendor, product.vendor_id)
    if vendor is not None:
        _mail_members(session, vendor, product, action, text)
    session.flush()
    return product


_MAILS = {
    ProductAction.APPROVE: (N_("Your product is listed"),
                            N_("Our staff reviewed your product \"%(product)s\" and it is listed.")),
    ProductAction.HIDE: (N_("Your product was hidden"),
                         N_("Our staff hid your product \"%(product)s\" from the shop. Edit it and it can be "
                            "reviewed again.")),
    ProductAction.REMOVE: (N_("Your product was removed"),
                           N_("Our staff removed your product \"%(product)s\" for good. It cannot be listed again.")),
}


def _mail_members(session: Session, vendor: Vendor, product: Product, action: ProductAction, reason: str) -> None:
    """E-mail every active member of the shop what staff did, in their language, through the outbox."""
    subject, first = _MAILS[action]
    members = session.exec(select(User).join(VendorMember, VendorMember.user_id == User.id)
                           .where(VendorMember.vendor_id == vendor.id, User.is_active).order_by(User.id)).all()
    link = f"{get_settings().public_url}{routes.SELLER}"
    for user in members:
        lang = user.language or "en"
        parts = [translate(lang, first, product=product.name),
                 translate(lang, N_("Reason given by our staff:")) + "\n" + reason,
                 translate(lang, N_("Open your seller portal:")) + "\n" + link]
        enqueue(session, "email", {"to": user.email, "lang": lang, "body": "\n\n".join(parts),
                                   "subject": translate(lang, subject)})


def seller_notice(session: Session, product_id: int) -> SellerNotice | None:
    """The staff reason a seller sees on a hidden or removed product, else None."""
    product = session.get(Product, product_id)
    if product is None or product.status != ProductStatus.BLOCKED:
        return None
    flag = session.exec(select(ProductFlag).where(ProductFlag.product_id == product_id,
                                                  ProductFlag.resolution.in_(("hidden", "removed")))
                        .order_by(ProductFlag.resolved_at.desc(), ProductFlag.id.desc())).first()
    if flag is None:
        return None
    return SellerNotice(reason=flag.staff_reason, removed=_removed(session, product_id))


def keywords(session: Session, caller: Caller | None) -> list[ModerationKeyword]:
    require_staff(caller, StaffCapability.PRODUCTS)
    return list(session.exec(select(ModerationKeyword).order_by(ModerationKeyword.phrase)).all())


def add_keyword(session: Session, caller: Caller | None, phrase: object) -> ModerationKeyword:
    staff = require_staff(caller, StaffCapability.PRODUCTS)
    if not isinstance(phrase, str) or len(phrase) > MAX_KEYWORD * 2:
        raise ValidationError("A keyword has 1 to %(max)s characters.", code=CatalogErrorCode.KEYWORD_INVALID,
                              field="phrase", max=MAX_KEYWORD)
    norm = normalise_phrase(phrase)
    if not norm or len(norm) > MAX_KEYWORD:
        raise ValidationError("A keyword has 1 to %(max)s characters.", code=CatalogErrorCode.KEYWORD_INVALID,
                              field="phrase", max=MAX_KEYWORD)
    if session.exec(select(ModerationKeyword.id).where(ModerationKeyword.phrase == norm)).first() is not None:
        raise ValidationError("This keyword is already listed.", code=CatalogErrorCode.KEYWORD_INVALID,
                              field="phrase")
    row = ModerationKeyword(phrase=norm)
    session.add(row)
    session.flush()
    audit.record(session, "moderation_keyword.added", actor_user_id=staff.user_id, entity_type="moderation_keyword",
                 entity_id=row.id, after=norm)
    return row


def remove_keyword(session: Session, caller: Caller | None, keyword_id: object) -> None:
    staff = require_staff(caller, StaffCapability.PRODUCTS)
    found = positive_id(keyword_id)
    row = session.get(ModerationKeyword, found) if found else None
    if row is None:
        raise NotFound("This keyword does not exist.", code=CatalogErrorCode.KEYWORD_INVALID, field="keyword_id")
    audit.record(session, "moderation_keyword.removed", actor_user_id=staff.user_id,
                 entity_type="moderation_keyword", entity_id=row.id, before=row.phrase)
    session.delete(row)
    session.flush()

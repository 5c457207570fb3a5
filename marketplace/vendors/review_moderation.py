"""What staff do with shoppers' reviews: the queue of pending reviews, approve, reject with a reason (it sits in
``vendors`` beside the shops' moderation: the layers let it use both ``accounts`` and ``catalog``).

Contract:
- Every function takes the :class:`Caller` resolved from the server-side session and first checks
  ``require_staff(caller, StaffCapability.REVIEWS)`` (moderators and admins).
- ``review_queue(session, caller, status="pending", page=1)`` lists reviews of one status (``pending`` oldest
  first, so nobody waits longest; ``approved``/``rejected`` newest moderated first), 20 a page, with the
  product, its shop, the author's short name ("Anna K.") and whether it was written for a purchased line;
  ``queue_counts`` says how many wait in each status. Any other status or page is ``ValidationError``.
- ``moderate_review(session, caller, review_id, action, reason)``: ``approve`` or ``reject`` a ``pending``
  review. A rejection needs a reason (1-500 characters, plain text; the author sees it on their reviews page
  and by e-mail, in their language); an approval may carry a note for the log. A review that is not pending
  (approved or rejected meanwhile: two moderators) is refused with ``REVIEW_ALREADY_MODERATED`` and nothing
  changes. Each action is audited (``review.approved`` / ``review.rejected``; before and after status, reason).
- After every action the product's stored rating (``products.rating_x10``, ``review_count``: what search,
  cards and sorting read) is recomputed from its approved reviews only (``refresh_rating``), so the stored
  figures always equal ``catalog.reviews.review_summary``. The product page shows approved reviews only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace import routes
from marketplace.accounts import audit
from marketplace.accounts.guards import require_staff
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.catalog.reviews import APPROVED, review_summary, reviewer_name
from marketplace.core import clock
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.i18n import N_, translate
from marketplace.core.settings import get_settings
from marketplace.core.text import clean_text, positive_id
from marketplace.models import Product, Review, User, Vendor
from marketplace.outbox.worker import enqueue

__all__ = ["APPROVED", "PENDING", "REJECTED", "STATUSES", "QueuePage", "QueuedReview", "ReviewAction",
           "moderate_review", "queue_counts", "refresh_rating", "review_queue"]

PENDING, REJECTED = "pending", "rejected"  # APPROVED comes from catalog.reviews
STATUSES = (PENDING, APPROVED, REJECTED)
PER_PAGE = 20
MAX_PAGE = 500
MAX_REASON = 500


class ReviewAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


@dataclass(frozen=True)
class QueuedReview:
    id: int
    rating: int
    title: str
    body: str
    lang: str
    author: str  # "Anna K.": never the e-mail
    verified: bool  # written for a purchased order line
    product_id: int
    product_name: str
    product_slug: str
    shop: str
    status: str
    reason: str  # the rejection reason ("" when none)
    created_at: datetime


@dataclass(frozen=True)
class QueuePage:
    rows: tuple[QueuedReview, ...]
    page: int
    has_more: bool


def _status(value: object) -> str:
    if not isinstance(value, str) or value not in STATUSES:
        raise ValidationError("Choose pending, approved or rejected reviews.",
                              code=CatalogErrorCode.REVIEW_ACTION_INVALID, field="status")
    return value


def queue_counts(session: Session, caller: Caller | None) -> dict[str, int]:
    require_staff(caller, StaffCapability.REVIEWS)
    rows = dict(session.exec(select(Review.status, func.count()).group_by(Review.status)).all())
    return {status: int(rows.get(status, 0)) for status in STATUSES}


def review_queue(session: Session, caller: Caller | None, status: object = PENDING, page: object = 1) -> QueuePage:
    require_staff(caller, StaffCapability.REVIEWS)
    status = _status(status)
    if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= MAX_PAGE:
        raise ValidationError("That page number is not valid.", code=CatalogErrorCode.PAGE_INVALID, field="page")
    order = (Review.created_at, Review.id) if status == PENDING else (Review.moderated_at.desc(), Review.id.desc())
    rows = session.exec(
        select(Review, User.display_name, Product.name, Product.slug, Vendor.display_name)
        .join(User, User.id == Review.user_id).join(Product, Product.id == Review.product_id)
        .join(Vendor, Vendor.id == Product.vendor_id)
        .where(Review.status == status).order_by(*order)
        .offset((page - 1) * PER_PAGE).limit(PER_PAGE + 1)).all()
    items = tuple(QueuedReview(
        id=r.id, rating=r.rating, title=r.title, body=r.body, lang=r.lang, author=reviewer_name(name),
        verified=r.order_line_id is not None, product_id=r.product_id, product_name=product, product_slug=slug,
        shop=shop, status=r.status, reason=r.status_reason or "", created_at=r.created_at,
    ) for r, name, product, slug, shop in rows[:PER_PAGE])
    return QueuePage(rows=items, page=page, has_more=len(rows) > PER_PAGE)


def refresh_rating(session: Session, product_id: int) -> None:
    """Store the product's rating and review count as its approved reviews give them."""
    product = session.get(Product, product_id)
    if product is None:
        return
    summary = review_summary(session, product_id)
    product.rating_x10, product.review_count = summary.average_x10, summary.count
    session.add(product)


def _reason(value: object, *, required: bool) -> str:
    if value is None:
        if not required:
            return ""
        value = ""
    if not isinstance(value, str) or len(value) > MAX_REASON * 2:
        raise ValidationError("Give a reason of at most %(max)s characters.", code=CatalogErrorCode.REVIEW_REASON_INVALID,
                              field="reason", max=MAX_REASON)
    if required and not value.strip():
        raise ValidationError("Say why the review is rejected: its author reads it.",
                              code=CatalogErrorCode.REVIEW_REASON_INVALID, field="reason")
    try:
        return clean_text(value, max_length=MAX_REASON, multiline=True, required=required, field="reason")
    except ValidationError as exc:
        raise ValidationError("Give a reason of at most %(max)s characters.", code=CatalogErrorCode.REVIEW_REASON_INVALID,
                              field="reason", max=MAX_REASON) from exc


def moderate_review(session: Session, caller: Caller | None, review_id: object, action: object,
                    reason: object = None) -> Review:
    """Approve or reject a pending review; see the module contract. Call it in a write unit of work."""
    staff = require_staff(caller, StaffCapability.REVIEWS)
    if not isinstance(action, str) or action not in ReviewAction._value2member_map_:
        raise ValidationError("Choose approve or reject.", code=CatalogErrorCode.REVIEW_ACTION_INVALID, field="action")
    action = ReviewAction(action)
    text = _reason(reason, required=action is ReviewAction.REJECT)
    found = positive_id(review_id)
    review = session.get(Review, found) if found else None
    if review is None:
        raise NotFound("This review does not exist.", code=CatalogErrorCode.REVIEW_NOT_FOUND, field="review_id")
    if review.status != PENDING:
        raise ValidationError("Another moderator has already decided on this review.",
                              code=CatalogErrorCode.REVIEW_ALREADY_MODERATED)
    before = review.status
    review.status = APPROVED if action is ReviewAction.APPROVE else REJECTED
    review.status_reason = text or None
    review.moderated_at = clock.now()
    session.add(review)
    session.flush()
    refresh_rating(session, review.product_id)
    audit.record(session, f"review.{review.status}", actor_user_id=staff.user_id, entity_type="review",
                 entity_id=review.id, product_id=review.product_id, before=before, after=review.status,
                 reason=text or None)
    if action is ReviewAction.REJECT:
        _mail_author(session, review, text)
    session.flush()
    return review


def _mail_author(session: Session, review: Review, reason: str) -> None:
    user = session.get(User, review.user_id)
    product = session.get(Product, review.product_id)
    if user is None or not user.is_active or product is None:
        return
    lang = user.language or "en"
    body = "\n\n".join([
        translate(lang, N_("Your review \"%(title)s\" of %(product)s was not published."),
                  title=review.title, product=product.name),
        translate(lang, N_("Reason given by our staff:")) + "\n" + reason,
        translate(lang, N_("You can see your reviews here:")) + "\n" + f"{get_settings().public_url}{routes.ACCOUNT_REVIEWS}",
    ])
    enqueue(session, "email", {"to": user.email, "lang": lang, "body": body,
                               "subject": translate(lang, N_("Your review was not published"))})

"""Reviews by shoppers of what they bought: one review per purchased order line, after delivery.

Contract:
- The shopper's user id comes from the server-side session. A line is the shopper's when its vendor order
  belongs to an order group of that user; any other line, or one that does not exist, is :class:`NotFound`
  with the same message (nobody learns another shopper's purchases exist).
- A line can be reviewed once its vendor order is ``delivered`` or ``completed`` (the values of
  ``marketplace.orders.status.OrderStatus``; this module reads models only, by the layer rules), and once
  only (the ``reviews.order_line_id`` unique key backs the check against a double submit).
- Rating is an integer 1-5; the title (required, at most 120 characters, one line) and the body (optional,
  at most 4000 characters) are plain text cleaned by :func:`marketplace.core.text.clean_text`.
- At most ``ratelimit.LIMITS["review"]`` new reviews per shopper per hour (the shared limiter:
  :class:`~marketplace.accounts.ratelimit.RateLimited` saying how many minutes to wait).
- New reviews are stored ``pending``; staff moderation approves or rejects them later. Errors change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from marketplace.accounts import ratelimit
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.text import clean_text, is_digits, positive_id
from marketplace.models import OrderGroup, OrderLine, Product, Review, Variant, VendorOrder

REVIEWABLE_STATUSES = ("delivered", "completed")
TITLE_MAX = 120
BODY_MAX = 4000
_NOT_FOUND = "We couldn't find that purchase."


@dataclass(frozen=True)
class ReviewableLine:
    order_line_id: int
    product_id: int
    product_slug: str
    product_name: str
    variant_label: str
    order_number: str
    ordered_at: datetime


@dataclass(frozen=True)
class ReviewView:
    id: int
    product_slug: str
    product_name: str
    rating: int
    title: str
    body: str
    status: str  # pending | approved | rejected
    created_at: datetime
    reason: str = ""  # why staff rejected it ("" otherwise)


def _owned_lines(user_id: int):
    return (select(OrderLine, VendorOrder, OrderGroup, Variant.product_id)
            .join(VendorOrder, VendorOrder.id == OrderLine.vendor_order_id)
            .join(OrderGroup, OrderGroup.id == VendorOrder.group_id)
            .outerjoin(Variant, Variant.id == OrderLine.variant_id)
            .where(OrderGroup.user_id == user_id))


def reviewable(session: Session, user_id: int) -> list[ReviewableLine]:
    """The shopper's delivered purchases without a review yet, newest order first."""
    reviewed = select(Review.order_line_id).where(Review.order_line_id.is_not(None))
    rows = session.exec(_owned_lines(user_id).where(
        VendorOrder.status.in_(REVIEWABLE_STATUSES), OrderLine.id.not_in(reviewed),
        Variant.product_id.is_not(None)).order_by(OrderGroup.created_at.desc(), OrderLine.id)).all()
    slugs = dict(session.exec(select(Product.id, Product.slug).where(
        Product.id.in_({pid for *_, pid in rows}))).all()) if rows else {}
    return [ReviewableLine(order_line_id=line.id, product_id=pid, product_slug=slugs.get(pid, ""),
                           product_name=line.product_name, variant_label=line.variant_label,
                           order_number=group.number, ordered_at=group.created_at)
            for line, _, group, pid in rows]


def _rating(value: object) -> int:
    if isinstance(value, str) and is_digits(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError("Choose a rating from 1 to 5 stars.", code=AccountErrorCode.RATING_INVALID, field="rating")
    return value


def submit(session: Session, user_id: int, order_line_id: object, *, rating: object, title: object,
           body: object, lang: str = "en") -> ReviewView:
    """Store the shopper's review of one delivered purchase, pending moderation."""
    line_id = positive_id(order_line_id)
    row = session.exec(_owned_lines(user_id).where(OrderLine.id == line_id)).first() if line_id else None
    if row is None:
        raise NotFound(_NOT_FOUND, code=AccountErrorCode.PURCHASE_NOT_FOUND)
    line, vendor_order, _, product_id = row
    if product_id is None:
        raise NotFound(_NOT_FOUND, code=AccountErrorCode.PURCHASE_NOT_FOUND)
    if vendor_order.status not in REVIEWABLE_STATUSES:
        raise ValidationError("You can review this item once it has been delivered.", code=AccountErrorCode.NOT_DELIVERED)
    if session.exec(select(Review.id).where(Review.order_line_id == line.id)).first() is not None:
        raise ValidationError("You have already reviewed this item.", code=AccountErrorCode.ALREADY_REVIEWED)
    stars = _rating(rating)
    title = clean_text(title, max_length=TITLE_MAX, multiline=False, empty_message="Give your review a title.",
                       long_message="Use at most %(max)s characters for the title.", field="title")
    body = clean_text(body, max_length=BODY_MAX, multiline=True, required=False,
                      long_message="Use at most %(max)s characters for your review.", field="body")
    ratelimit.enforce(session, "review", ratelimit.caller_key(user_id))
    review = Review(product_id=product_id, user_id=user_id, order_line_id=line.id, rating=stars, title=title,
                    body=body, lang=lang if isinstance(lang, str) and len(lang) <= 8 else "en", status="pending")
    try:
        with session.begin_nested():
            session.add(review)
            session.flush()
    except IntegrityError as exc:
        raise ValidationError("You have already reviewed this item.", code=AccountErrorCode.ALREADY_REVIEWED) from exc
    slug = session.exec(select(Product.slug).where(Product.id == product_id)).one()
    return ReviewView(id=review.id, product_slug=slug, product_name=line.product_name, rating=stars, title=title,
                      body=body, status=review.status, created_at=review.created_at)


def my_reviews(session: Session, user_id: int, limit: int = 200) -> list[ReviewView]:
    """The shopper's own reviews with their moderation status, newest first."""
    rows = session.exec(select(Review, Product.slug, Product.name, OrderLine.product_name)
                        .join(Product, Product.id == Review.product_id)
                        .outerjoin(OrderLine, OrderLine.id == Review.order_line_id)
                        .where(Review.user_id == user_id)
                        .order_by(Review.created_at.desc(), Review.id.desc()).limit(limit)).all()
    return [ReviewView(id=r.id, product_slug=slug, product_name=line_name or name, rating=r.rating, title=r.title,
                       body=r.body, status=r.status, created_at=r.created_at, reason=r.status_reason or "")
            for r, slug, name, line_name in rows]

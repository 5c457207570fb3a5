"""Read side of product reviews for the storefront (the account pages write and moderation approves them).

Contract:
- Only reviews with ``status == 'approved'`` of a listed product are ever returned or counted.
- ``review_summary(session, product_id)`` -> :class:`ReviewSummary`: the count, the average in tenths of a star
  (half up), and a histogram ``((5, n5), (4, n4), ..., (1, n1))`` that always has the five rows.
- ``product_reviews(session, product_id, page, per_page)`` -> :class:`ReviewPage`: newest first (ties: higher id
  first), ``has_more`` when a later page exists. ``page`` is validated (ValidationError otherwise).
- ``vendor_rating(session, vendor_id)`` -> (average x10, count) over the approved reviews of the vendor's products.
- Reviewer names are the display name's first word and its last word's initial ("Anna K."), never an email.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.core.errors import ValidationError
from marketplace.models import Product, Review, User

APPROVED = "approved"
PER_PAGE = 5
MAX_PER_PAGE = 20


@dataclass(frozen=True)
class ReviewSummary:
    count: int
    average_x10: int  # 0 when there are no reviews
    histogram: tuple[tuple[int, int], ...]  # (stars, count) from 5 down to 1


@dataclass(frozen=True)
class ReviewView:
    id: int
    rating: int
    title: str
    body: str
    lang: str
    author: str
    created_at: datetime
    verified: bool  # written for a purchased order line


@dataclass(frozen=True)
class ReviewPage:
    items: tuple[ReviewView, ...]
    page: int
    has_more: bool


def _average_x10(total: int, count: int) -> int:
    """Average in tenths of a star, half up: 9 stars over 2 reviews -> 45 (4.5)."""
    return (total * 20 + count) // (2 * count) if count else 0


def review_summary(session: Session, product_id: int) -> ReviewSummary:
    rows = session.exec(select(Review.rating, func.count()).where(
        Review.product_id == product_id, Review.status == APPROVED).group_by(Review.rating)).all()
    counts = {int(rating): int(n) for rating, n in rows}
    count = sum(counts.values())
    total = sum(r * n for r, n in counts.items())
    return ReviewSummary(count=count, average_x10=_average_x10(total, count),
                         histogram=tuple((stars, counts.get(stars, 0)) for stars in range(5, 0, -1)))


def reviewer_name(display_name: str | None) -> str:
    """The name a review shows: the display name's first word and its last word's initial ("Anna K.")."""
    words = (display_name or "").split()
    if not words:
        return ""
    return words[0] if len(words) == 1 else f"{words[0]} {words[-1][:1]}."


def product_reviews(session: Session, product_id: int, page: object = 1, per_page: int = PER_PAGE) -> ReviewPage:
    if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= 1000:
        raise ValidationError("That page number is not valid.", code=CatalogErrorCode.PAGE_INVALID, field="page")
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    rows = session.exec(
        select(Review, User.display_name).join(User, User.id == Review.user_id)
        .where(Review.product_id == product_id, Review.status == APPROVED)
        .order_by(Review.created_at.desc(), Review.id.desc())
        .offset((page - 1) * per_page).limit(per_page + 1)).all()
    items = tuple(ReviewView(id=r.id, rating=r.rating, title=r.title, body=r.body, lang=r.lang,
                             author=reviewer_name(name), created_at=r.created_at, verified=r.order_line_id is not None)
                  for r, name in rows[:per_page])
    return ReviewPage(items=items, page=page, has_more=len(rows) > per_page)


def vendor_rating(session: Session, vendor_id: int) -> tuple[int, int]:
    total, count = session.exec(
        select(func.coalesce(func.sum(Review.rating), 0), func.count(Review.id))
        .join(Product, Product.id == Review.product_id)
        .where(Product.vendor_id == vendor_id, Review.status == APPROVED)).one()
    return _average_x10(int(total), int(count)), int(count)

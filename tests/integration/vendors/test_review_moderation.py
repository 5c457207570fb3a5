"""Review moderation on SQLite and PostgreSQL: the queue, approve and reject with a reason, the product's
stored rating following its approved reviews, the author's e-mail, the audit log, and who may do it."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from marketplace.accounts.reviews import my_reviews
from marketplace.catalog.reviews import review_summary
from marketplace.core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationError
from marketplace.models import AuditLog, OutboxMessage, Product, Role
from marketplace.vendors import review_moderation as rm
from tests import factories, factories_account, factories_product


@pytest.fixture
def shop(db_engine):
    with Session(db_engine) as session:
        vendor = factories.vendor(session)
        product = factories.product(session, vendor, factories.category(session))
        author = factories.user(session, email="ana.lopez@example.com")
        author.display_name, author.language = "Ana María Lopez", "de"
        old = [factories_product.review(session, product, stars) for stars in (5, 4)]
        pending = factories_product.review(session, product, 1, author=author, status="pending", title="Broken")
        rm.refresh_rating(session, product.id)
        callers = {name: factories_account.caller(session, factories.user(session, role, staff_role=staff_role))
                   for name, role, staff_role in (("moderator", Role.STAFF, "moderator"),
                                                  ("support", Role.STAFF, "support"),
                                                  ("finance", Role.STAFF, "finance"), ("admin", Role.ADMIN, None),
                                                  ("shopper", Role.SHOPPER, None))}
        callers["seller"] = factories_account.caller(session, factories.user(session, Role.SELLER, vendor=vendor))
        session.commit()
        yield session, product.id, pending.id, author.id, callers, [r.id for r in old]


def test_the_queue_lists_pending_reviews_oldest_first_with_the_authors_short_name(shop):
    session, product_id, pending_id, _, callers, _ = shop
    page = rm.review_queue(session, callers["moderator"])
    assert [r.id for r in page.rows] == [pending_id] and not page.has_more
    assert page.rows[0].author == "Ana L." and not page.rows[0].verified
    assert rm.queue_counts(session, callers["admin"]) == {"pending": 1, "approved": 2, "rejected": 0}


def test_approving_publishes_it_and_changes_the_stored_rating(shop):
    session, product_id, pending_id, _, callers, _ = shop
    assert session.get(Product, product_id).rating_x10 == 45
    rm.moderate_review(session, callers["moderator"], pending_id, "approve")
    session.commit()
    product = session.get(Product, product_id)
    summary = review_summary(session, product_id)
    assert (product.rating_x10, product.review_count) == (summary.average_x10, summary.count) == (33, 3)
    row = session.exec(select(AuditLog).where(AuditLog.action == "review.approved")).one()
    assert row.entity_id == str(pending_id) and row.detail["before"] == "pending"
    assert session.exec(select(OutboxMessage)).all() == []  # an approval e-mails nobody


def test_rejecting_needs_a_reason_that_the_author_reads_in_their_language(shop):
    session, product_id, pending_id, author_id, callers, _ = shop
    for reason in (None, "", "   ", "x" * 501, 42):
        with pytest.raises(ValidationError) as refused:
            rm.moderate_review(session, callers["moderator"], pending_id, "reject", reason)
        assert refused.value.code == "review_reason_invalid"
    rm.moderate_review(session, callers["moderator"], pending_id, "reject", "Mentions a phone number.")
    session.commit()
    assert session.get(Product, product_id).rating_x10 == 45  # unchanged: rejected reviews never count
    mine = my_reviews(session, author_id)
    assert [(r.status, r.reason) for r in mine] == [("rejected", "Mentions a phone number.")]
    mail = session.exec(select(OutboxMessage)).one()
    assert mail.payload["to"] == "ana.lopez@example.com" and mail.payload["lang"] == "de"
    assert "Mentions a phone number." in mail.payload["body"] and "nicht veröffentlicht" in mail.payload["subject"]
    audit = session.exec(select(AuditLog).where(AuditLog.action == "review.rejected")).one()
    assert audit.detail["reason"] == "Mentions a phone number." and audit.detail["after"] == "rejected"


def test_a_decided_review_is_not_decided_again(shop):
    session, _, pending_id, _, callers, old = shop
    rm.moderate_review(session, callers["moderator"], pending_id, "approve")
    session.commit()
    for review_id, action in ((pending_id, "reject"), (old[0], "approve")):
        with pytest.raises(ValidationError) as refused:
            rm.moderate_review(session, callers["admin"], review_id, action, "spam")
        assert refused.value.code == "review_already_moderated"


@pytest.mark.parametrize("review_id", [0, -1, "abc", None, True, 10**9])
def test_an_unknown_review_is_not_found(shop, review_id):
    session, _, _, _, callers, _ = shop
    with pytest.raises(NotFound):
        rm.moderate_review(session, callers["moderator"], review_id, "approve")


@pytest.mark.parametrize("action", ["delete", "", None, 1, "APPROVE"])
def test_an_unknown_action_is_refused(shop, action):
    session, _, pending_id, _, callers, _ = shop
    with pytest.raises(ValidationError):
        rm.moderate_review(session, callers["moderator"], pending_id, action, "why")


@pytest.mark.parametrize("who", ["support", "finance", "seller", "shopper"])
def test_only_moderators_and_admins_moderate_and_nothing_changes_otherwise(shop, who):
    session, product_id, pending_id, _, callers, _ = shop
    for call in (lambda: rm.review_queue(session, callers[who]), lambda: rm.queue_counts(session, callers[who]),
                 lambda: rm.moderate_review(session, callers[who], pending_id, "approve")):
        with pytest.raises(PermissionDenied):
            call()
    with pytest.raises(NotAuthenticated):
        rm.moderate_review(session, None, pending_id, "approve")
    session.rollback()
    assert rm.review_queue(session, callers["admin"]).rows[0].id == pending_id


def test_bad_queue_arguments_are_refused(shop):
    session, _, _, _, callers, _ = shop
    for status, page in (("spam", 1), ("pending", 0), ("pending", "2"), ("pending", 501), (None, 1)):
        with pytest.raises(ValidationError):
            rm.review_queue(session, callers["moderator"], status, page)

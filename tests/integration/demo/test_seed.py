"""The demo seed on a real database: the promised numbers, determinism, refusal to seed twice, and working
demo accounts."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text
from sqlmodel import Session, func, select

from marketplace.accounts import service as accounts
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.catalog.reviews import review_summary
from marketplace.core.errors import DomainError
from marketplace.demo.reviews import REVIEWERS
from marketplace.demo.seed import DEMO_ACCOUNTS, AlreadySeeded, seed
from marketplace.models import Category, Product, ProductTranslation, Review, Role, Variant, Vendor
from tests.conftest import migrate


def _count(session: Session, model, *where) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _digest(session: Session) -> str:
    rows = []
    for table in ("categories", "vendors", "products", "product_translations", "variants", "product_images",
                  "reviews"):
        rows += [repr(tuple(r)) for r in session.exec(text(f"SELECT * FROM {table} ORDER BY id")).all()]
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def test_seed_fills_the_promised_marketplace(db_engine, tmp_path):
    with Session(db_engine) as session:
        report = seed(session, tmp_path, draw_images=False)
        session.commit()
        assert report.vendors >= 12 and report.products >= 400 and report.users == 7 + len(REVIEWERS)
        assert len(set(session.exec(select(Vendor.country)).all())) >= 8
        assert _count(session, Category, Category.parent_id.is_(None)) >= 10
        assert _count(session, ProductTranslation, ProductTranslation.lang == "de") == report.products
        assert _count(session, Variant) == report.variants > report.products
        assert len(set(session.exec(select(Variant.hs_code)).all())) >= 40
        assert {v.status for v in session.exec(select(Vendor)).all()} >= {"approved", "pending", "suspended"}
        for account in DEMO_ACCOUNTS:
            token, user = accounts.login(session, email=account.email, password=account.password, ip="127.0.0.1")
            caller = accounts.resolve(session, token)
            assert caller.role is account.role
            if account.role is Role.SELLER:
                vendor = session.get(Vendor, caller.vendor_id)
                assert vendor.slug == account.vendor_key and vendor.status == "approved"


def test_seeding_twice_is_refused_and_changes_nothing(db_engine, tmp_path):
    with Session(db_engine) as session:
        seed(session, tmp_path, draw_images=False)
        session.commit()
        products = _count(session, Product)
        with pytest.raises(AlreadySeeded):
            seed(session, tmp_path, draw_images=False)
        session.rollback()
        assert _count(session, Product) == products


def test_the_seed_is_deterministic(tmp_path):
    digests = []
    for n in range(2):
        url = f"sqlite:///{tmp_path / f'seed{n}.db'}"
        migrate(url)
        from marketplace.core.db import engine_for

        with Session(engine_for(url)) as session:
            seed(session, tmp_path, draw_images=False)
            session.commit()
            digests.append(_digest(session))
    assert digests[0] == digests[1]


def test_every_rating_shown_has_approved_reviews_behind_it(db_engine, tmp_path):
    with Session(db_engine) as session:
        seed(session, tmp_path, draw_images=False)
        session.commit()
        products = session.exec(select(Product)).all()
        rated = [p for p in products if p.rating_x10]
        assert len(rated) > len(products) // 2
        for product in products:
            summary = review_summary(session, product.id)
            assert (product.rating_x10, product.review_count) == (summary.average_x10, summary.count), product.slug
            assert (product.rating_x10 == 0) == (product.review_count == 0)
        assert _count(session, Review, Review.status == "pending") >= 10  # the moderators' queue has work
        assert {r.lang for r in session.exec(select(Review)).all()} == {"en", "de"}


def test_demo_reviewers_cannot_log_in(db_engine, tmp_path):
    with Session(db_engine) as session:
        seed(session, tmp_path, draw_images=False)
        session.commit()
        for n, reviewer in enumerate(REVIEWERS):
            for m, guess in enumerate(("!demo-reviewer", "password", reviewer.email)):
                with pytest.raises(DomainError) as refused:  # a fresh address each time: the throttle stays out
                    accounts.login(session, email=reviewer.email, password=guess, ip=f"198.51.{n}.{m}")
                assert refused.value.code == AccountErrorCode.INVALID_CREDENTIALS

"""The demo seed on a real database: the promised numbers, determinism, refusal to seed twice, and working
demo accounts."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text
from sqlmodel import Session, func, select

from marketplace.accounts import service as accounts
from marketplace.demo.seed import DEMO_ACCOUNTS, AlreadySeeded, seed
from marketplace.models import Category, Product, ProductTranslation, Role, Variant, Vendor
from tests.conftest import migrate


def _count(session: Session, model, *where) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _digest(session: Session) -> str:
    rows = []
    for table in ("categories", "vendors", "products", "product_translations", "variants", "product_images"):
        rows += [repr(tuple(r)) for r in session.exec(text(f"SELECT * FROM {table} ORDER BY id")).all()]
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def test_seed_fills_the_promised_marketplace(db_engine, tmp_path):
    with Session(db_engine) as session:
        report = seed(session, tmp_path, draw_images=False)
        session.commit()
        assert report.vendors >= 12 and report.products >= 400 and report.users == 7
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

"""The worker also gives back stock held by abandoned checkouts once their hold expired."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.jobs import main
from marketplace.models import Variant
from marketplace.orders import stock
from tests import factories


def test_worker_once_releases_expired_holds(db_engine, capsys):
    with Session(db_engine) as session:
        product = factories.product(session, factories.vendor(session), factories.category(session), stock=5)
        variant_id = session.exec(select(Variant.id).where(Variant.product_id == product.id)).one()
        session.commit()
    with clock.frozen(clock.now() - timedelta(minutes=20)):
        stock.reserve(db_engine, "abandoned-checkout", {variant_id: 2})
    assert stock.available(db_engine, variant_id) == 3
    assert main(["--once"], engine=db_engine, handlers={}) == 0
    assert "released 1 expired stock hold" in capsys.readouterr().out
    assert stock.available(db_engine, variant_id) == 5

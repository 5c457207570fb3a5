"""The worker's housekeeping: abandoned checkouts expire (their holds given back) and old ones go; stale guest
carts are deleted with their lines. A checkout with a payment intent, a placed one, a signed-in shopper's
cart and anything touched recently are never touched. The running worker really does it."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, func, select

from marketplace.checkout import cleanup
from marketplace.core import clock
from marketplace.core.db import session_scope
from marketplace.jobs import main
from marketplace.models import Cart, CartLine, CheckoutSession, Variant
from marketplace.orders import stock
from marketplace.outbox.worker import enqueue
from tests import factories

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def _variant(engine, units: int = 10) -> int:  # noqa: ANN001
    with session_scope(engine) as session:
        product = factories.product(session, factories.vendor(session), factories.category(session), stock=units)
        return session.exec(select(Variant.id).where(Variant.product_id == product.id)).one()


def _checkout(engine, checkout_id: str, *, expired_ago: timedelta, status: str = "open", intent: bool = False,  # noqa: ANN001
              cart_id: int | None = None, created_ago: timedelta | None = None, now: datetime = NOW) -> None:
    quote = {"lines": [], "intent_id": "pi_123"} if intent else {"lines": []}
    with session_scope(engine) as session:
        session.add(CheckoutSession(id=checkout_id, ship_to_country="DE", quote=quote, total_minor=1000,
                                    total_currency="EUR", status=status, cart_id=cart_id,
                                    expires_at=now - expired_ago,
                                    created_at=now - (created_ago or expired_ago + timedelta(minutes=15))))


def _status(engine, checkout_id: str) -> str | None:  # noqa: ANN001
    with Session(engine) as session:
        row = session.get(CheckoutSession, checkout_id)
        return row.status if row else None


def test_abandoned_checkouts_expire_and_give_back_their_holds_but_paid_for_ones_stay(db_engine):
    variant = _variant(db_engine)
    for name, ago, status, intent in [("abandoned", timedelta(days=2), "open", False),
                                      ("paying", timedelta(days=2), "open", True),
                                      ("placed", timedelta(days=2), "placed", False),
                                      ("recent", timedelta(hours=1), "open", False),
                                      ("ancient", timedelta(days=40), "expired", False),
                                      ("ancient-paying", timedelta(days=40), "expired", True)]:
        _checkout(db_engine, name, expired_ago=ago, status=status, intent=intent)
    with clock.frozen(NOW - timedelta(days=2, minutes=10)):  # holds whose own expiry the sweeper missed
        stock.reserve(db_engine, "abandoned", {variant: 2})
        stock.reserve(db_engine, "paying", {variant: 3})
    assert stock.available(db_engine, variant) == 5

    assert cleanup.expire_checkouts(db_engine, now=NOW) == (1, 1)

    assert [_status(db_engine, c) for c in ("abandoned", "paying", "placed", "recent", "ancient", "ancient-paying")
            ] == ["expired", "open", "placed", "open", None, "expired"]
    assert stock.available(db_engine, variant) == 7 and stock.held_units(db_engine, variant) == 3
    assert cleanup.expire_checkouts(db_engine, now=NOW) == (0, 0)  # idempotent


def test_stale_guest_carts_are_deleted_with_their_lines_and_others_kept(db_engine):
    variant = _variant(db_engine)
    old, fresh = NOW - timedelta(days=61), NOW - timedelta(days=3)
    with session_scope(db_engine) as session:
        shopper = factories.user(session)
        carts = {name: Cart(token_hash=f"{name:0<64}"[:64], created_at=old, updated_at=old)
                 for name in ("stale", "stale-expired-checkout", "recent-line", "placed", "paying")}
        carts["signed-in"] = Cart(user_id=shopper.id, created_at=old, updated_at=old)
        session.add_all(carts.values())
        session.flush()
        for name, cart in carts.items():
            session.add(CartLine(cart_id=cart.id, variant_id=variant, quantity=1,
                                 added_at=fresh if name == "recent-line" else old))
        ids = {name: cart.id for name, cart in carts.items()}
    _checkout(db_engine, "old-expired", expired_ago=timedelta(days=61), status="expired",
              cart_id=ids["stale-expired-checkout"])
    _checkout(db_engine, "old-placed", expired_ago=timedelta(days=61), status="placed", cart_id=ids["placed"])
    _checkout(db_engine, "old-paying", expired_ago=timedelta(days=61), intent=True, cart_id=ids["paying"])

    assert cleanup.delete_stale_carts(db_engine, now=NOW) == 2

    with Session(db_engine) as session:
        left = set(session.exec(select(Cart.id)).all())
        assert left == {ids[n] for n in ("recent-line", "placed", "paying", "signed-in")}
        assert session.exec(select(func.count()).select_from(CartLine)).one() == 4
        assert session.get(CheckoutSession, "old-expired").cart_id is None
        assert session.get(CheckoutSession, "old-placed").cart_id == ids["placed"]


def test_the_worker_command_runs_housekeeping(db_engine, capsys):
    _checkout(db_engine, "once", expired_ago=timedelta(days=2), now=clock.now())
    assert main(["--once"], engine=db_engine, handlers={}) == 0
    assert "expired 1 abandoned checkout(s)" in capsys.readouterr().out
    assert _status(db_engine, "once") == "expired"


def test_the_running_worker_runs_housekeeping_when_it_starts(db_engine):
    _checkout(db_engine, "looping", expired_ago=timedelta(days=2), now=clock.now())
    stop = threading.Event()
    with session_scope(db_engine) as session:
        enqueue(session, "stop", {})
    seen: list[str | None] = []

    def stop_handler(_payload: dict) -> None:  # the first round's message: look, then stop the loop
        seen.append(_status(db_engine, "looping"))
        stop.set()

    assert main(["--interval", "0.01"], engine=db_engine, handlers={"stop": stop_handler}, stop=stop) == 0
    assert seen == ["expired"]

"""The shared rate limiter: counts per bucket and caller in fixed windows, atomically, on both databases."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from marketplace.accounts import ratelimit
from marketplace.core import clock
from marketplace.core.i18n import translate
from marketplace.models import RateHit

T0 = datetime(2026, 12, 2, 10, 0, 0, tzinfo=UTC)  # the start of an hour window


def test_the_limit_allows_n_then_refuses_until_the_window_ends(db_engine):
    with clock.frozen(T0 + timedelta(minutes=50)):
        decisions = [ratelimit.hit_now(db_engine, "review", "user:7") for _ in range(11)]
    assert [d.allowed for d in decisions] == [True] * 10 + [False]
    assert decisions[-1].retry_after == 600  # ten minutes to the hour
    with clock.frozen(T0 + timedelta(minutes=50)):  # another caller, another bucket: unaffected
        assert ratelimit.hit_now(db_engine, "review", "user:8").allowed
        assert ratelimit.hit_now(db_engine, "message", "user:7").allowed
    with clock.frozen(T0 + timedelta(hours=1)):
        assert ratelimit.hit_now(db_engine, "review", "user:7").allowed


def test_the_refusal_says_what_and_how_long_in_the_shoppers_language():
    error = ratelimit.RateLimited("message", 1501)
    assert translate("en", error.message, **error.params) == "Too many messages. Try again in 26 minutes."
    assert error.retry_after == 1501
    assert translate("de", error.message, **error.params) == ("Zu viele Nachrichten. Versuchen Sie es in 26 Minuten "
                                                              "erneut.")
    one = ratelimit.RateLimited("review", 30)
    assert translate("en", one.message, **one.params) == "Too many reviews. Try again in a minute."


def test_no_address_is_stored_only_a_keyed_hash(db_engine):
    ratelimit.hit_now(db_engine, "register", ratelimit.caller_key(address="203.0.113.9"))
    with Session(db_engine) as session:
        row = session.exec(select(RateHit)).one()
    assert "203.0.113.9" not in row.key and len(row.key) == 64


def test_concurrent_hits_from_several_workers_are_all_counted(db_engine):
    with clock.frozen(T0), ThreadPoolExecutor(max_workers=8) as pool:
        decisions = list(pool.map(lambda _: ratelimit.hit_now(db_engine, "login", "addr:x"), range(80)))
    assert sorted(d.count for d in decisions) == list(range(1, 81))
    assert sum(d.allowed for d in decisions) == 60


def test_a_hit_in_a_transaction_that_rolls_back_does_not_count(db_engine):
    with Session(db_engine) as session:
        assert ratelimit.hit(session, "review", "user:1").count == 1
        session.rollback()
    with pytest.raises(ratelimit.RateLimited), Session(db_engine) as session:
        for _ in range(11):
            ratelimit.enforce(session, "review", "user:1")
    assert ratelimit.hit_now(db_engine, "review", "user:1").count == 1


def test_purge_deletes_only_windows_that_ended(db_engine):
    with clock.frozen(T0):
        ratelimit.hit_now(db_engine, "login", "addr:a")  # 15-minute window
        ratelimit.hit_now(db_engine, "register", "addr:a")  # one-hour window
    assert ratelimit.purge(db_engine, now=T0 + timedelta(minutes=20)) == 1
    with Session(db_engine) as session:
        assert [row.bucket for row in session.exec(select(RateHit))] == ["register"]

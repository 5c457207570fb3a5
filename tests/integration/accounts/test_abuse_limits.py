"""Reviews and messages go through the shared rate limiter: a refusal says what and how long to wait, in
the shopper's language, and stores nothing."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import func, select

from marketplace.accounts import ratelimit, reviews
from marketplace.core import clock
from marketplace.core.i18n import translate
from marketplace.models import Message, Review
from marketplace.support import messages
from tests import factories_account as fa

T0 = datetime(2026, 12, 2, 10, 0, 0, tzinfo=UTC)


def _count(session, model) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(model)).one()


def test_reviews_over_the_hourly_limit_are_refused_with_the_wait(shop, monkeypatch):
    monkeypatch.setitem(ratelimit.LIMITS, "review", dataclasses.replace(ratelimit.LIMITS["review"], count=1))
    group = fa.order(shop.session, shop.alice, [(shop.kyoto, [(shop.mug, 1), (shop.bowl, 1)])], status="delivered")
    first, second = fa.lines(shop.session, group)
    with clock.frozen(T0 + timedelta(minutes=15)):
        reviews.submit(shop.session, shop.alice.id, first.id, rating=5, title="Lovely", body="")
        with pytest.raises(ratelimit.RateLimited) as refused:
            reviews.submit(shop.session, shop.alice.id, second.id, rating=4, title="Nice", body="")
    assert refused.value.retry_after == 45 * 60
    assert translate("de", refused.value.message, **refused.value.params) == (
        "Zu viele Bewertungen. Versuchen Sie es in 45 Minuten erneut.")
    assert _count(shop.session, Review) == 1
    with clock.frozen(T0 + timedelta(hours=1)):
        reviews.submit(shop.session, shop.alice.id, second.id, rating=4, title="Nice", body="")


def test_the_message_limit_names_the_minutes_to_wait(shop, monkeypatch):
    monkeypatch.setattr(messages, "MAX_MESSAGES_PER_HOUR", 2)
    alice = fa.caller(shop.session, shop.alice)
    with clock.frozen(T0 + timedelta(minutes=59, seconds=30)):
        thread_id = messages.start_thread(shop.session, alice, subject="Hello", body="Hi")
        messages.reply(shop.session, alice, thread_id, "One more thing")
        with pytest.raises(ratelimit.RateLimited) as refused:
            messages.reply(shop.session, alice, thread_id, "Flood")
    assert translate("en", refused.value.message, **refused.value.params) == (
        "Too many messages. Try again in a minute.")
    assert _count(shop.session, Message) == 2

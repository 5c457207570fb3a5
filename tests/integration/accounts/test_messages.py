"""Message threads: only participants read or reply; threads about an order only for the order's shopper;
unread counts; e-mail notifications queued in the same transaction; bad input changes nothing."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from marketplace.core.errors import NotAuthenticated, NotFound, Throttled, ValidationError
from marketplace.models import Message, MessageThread, OutboxMessage
from marketplace.support import messages
from tests import factories_account as fa


def _count(session, model) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def callers(shop):
    s = shop.session
    return (fa.caller(s, shop.alice), fa.caller(s, shop.bob), fa.caller(s, shop.kyoto_seller), fa.caller(s, shop.staff))


def test_a_support_thread_is_read_by_its_shopper_and_staff_only(shop, callers):
    alice, bob, seller, staff = callers
    s = shop.session
    thread_id = messages.start_thread(s, alice, subject="Where is my parcel?", body="It has been a week.")

    assert messages.open_thread(s, staff, thread_id).messages[0].body == "It has been a week."
    messages.reply(s, staff, thread_id, "It is at customs; it should arrive Friday.")
    for outsider in (bob, seller):
        with pytest.raises(NotFound) as refused:
            messages.open_thread(s, outsider, thread_id)
        assert refused.value.message == "We couldn't find that conversation."
        with pytest.raises(NotFound):
            messages.reply(s, outsider, thread_id, "let me in")
    assert _count(s, Message) == 2
    assert messages.my_threads(s, bob) == []


def test_a_thread_about_an_order_goes_to_that_orders_seller(shop, callers):
    alice, bob, seller, _ = callers
    s = shop.session
    group = fa.order(s, shop.alice, [(shop.kyoto, [(shop.mug, 1)])])
    number = fa.vendor_orders(s, group)[0].number

    thread_id = messages.start_thread(s, alice, subject="Gift wrap?", body="Could you wrap it?",
                                      vendor_order_number=number)
    view = messages.open_thread(s, seller, thread_id)
    assert (view.counterpart, view.order_number) == (shop.kyoto.display_name, number)
    messages.reply(s, seller, thread_id, "Of course.")

    [summary] = messages.my_threads(s, alice)
    assert (summary.counterpart, summary.order_number, summary.unread, summary.last_message) == (
        shop.kyoto.display_name, number, 1, "Of course.")
    assert messages.unread_total(s, alice) == 1
    opened = messages.open_thread(s, alice, thread_id)
    assert [(m.mine, m.body) for m in opened.messages] == [(True, "Could you wrap it?"), (False, "Of course.")]
    assert messages.unread_total(s, alice) == 0 and messages.my_threads(s, alice)[0].unread == 0
    # Bob can neither open it nor start a thread about Alice's order
    with pytest.raises(NotFound):
        messages.open_thread(s, bob, thread_id)
    with pytest.raises(NotFound) as not_his:
        messages.start_thread(s, bob, subject="Hi", body="About this order", vendor_order_number=number)
    assert not_his.value.message == "We couldn't find that order."


def test_each_new_message_queues_an_email_to_the_other_side(shop, callers):
    alice, _, seller, _ = callers
    s = shop.session
    group = fa.order(s, shop.alice, [(shop.kyoto, [(shop.mug, 1)])])
    thread_id = messages.start_thread(s, alice, subject="Size", body="Is it big?",
                                      vendor_order_number=fa.vendor_orders(s, group)[0].number)
    messages.reply(s, seller, thread_id, "350 ml.")
    sent = [m.payload for m in s.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()]
    assert [(p["to"], p["subject"]) for p in sent] == [(shop.kyoto_seller.email, "New message: Size"),
                                                       (shop.alice.email, "New message: Size")]
    assert f"/seller/messages/{thread_id}" in sent[0]["body"]  # the seller's inbox
    assert f"/account/messages/{thread_id}" in sent[1]["body"]


def test_nobody_signed_in_cannot_do_anything(shop):
    with pytest.raises(NotAuthenticated):
        messages.start_thread(shop.session, None, subject="x", body="y")
    with pytest.raises(NotAuthenticated):
        messages.my_threads(shop.session, None)


@pytest.mark.parametrize("fields, message", [
    ({"subject": ""}, "Add a subject."),
    ({"subject": "s" * 201}, "Use at most %(max)s characters for the subject."),
    ({"subject": None}, "That text is not valid."),
    ({"body": " \n\x00 "}, "Write your message first."),
    ({"body": "b" * 5001}, "Use at most %(max)s characters for your message."),
    ({"body": ["list"]}, "That text is not valid."),
])
def test_bad_input_gets_a_specific_error_and_stores_nothing(shop, callers, fields, message):
    values = {"subject": "Hello", "body": "A question.", **fields}
    with pytest.raises(ValidationError) as bad:
        messages.start_thread(shop.session, callers[0], **values)
    assert bad.value.message == message
    assert _count(shop.session, MessageThread) == 0 and _count(shop.session, Message) == 0


@pytest.mark.parametrize("number", ["MRD-NOPE-1", 42, "x" * 100])
def test_an_unknown_order_number_is_refused(shop, callers, number):
    with pytest.raises(NotFound):
        messages.start_thread(shop.session, callers[0], subject="Hello", body="Hi", vendor_order_number=number)
    assert _count(shop.session, MessageThread) == 0


@pytest.mark.parametrize("thread_id", [None, 0, -1, True, "abc", 10**40, 424242])
def test_bad_thread_ids_are_not_found(shop, callers, thread_id):
    with pytest.raises(NotFound):
        messages.reply(shop.session, callers[0], thread_id, "hello")
    assert _count(shop.session, Message) == 0


def test_a_bad_reply_changes_nothing(shop, callers):
    s = shop.session
    thread_id = messages.start_thread(s, callers[0], subject="Hello", body="Hi")
    with pytest.raises(ValidationError):
        messages.reply(s, callers[0], thread_id, "x" * 5001)
    assert _count(s, Message) == 1


def test_starting_many_threads_in_an_hour_is_throttled(shop, callers, monkeypatch):
    monkeypatch.setattr(messages, "MAX_NEW_THREADS_PER_HOUR", 2)
    for i in range(2):
        messages.start_thread(shop.session, callers[0], subject=f"Question {i}", body="Hi")
    with pytest.raises(Throttled):
        messages.start_thread(shop.session, callers[0], subject="One more", body="Hi")
    assert _count(shop.session, MessageThread) == 2


def test_replying_many_times_in_an_hour_is_throttled(shop, callers, monkeypatch):
    monkeypatch.setattr(messages, "MAX_MESSAGES_PER_HOUR", 3)
    thread_id = messages.start_thread(shop.session, callers[0], subject="Hello", body="Hi")
    for i in range(2):
        messages.reply(shop.session, callers[0], thread_id, f"And one more thing ({i})")
    with pytest.raises(Throttled):
        messages.reply(shop.session, callers[0], thread_id, "Flood")
    assert _count(shop.session, Message) == 3

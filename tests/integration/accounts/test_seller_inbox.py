"""The seller's inbox (support.vendor_inbox): a vendor lists, reads and answers only its own threads; unread
counts per side; the shopper gets the reply (unread + e-mail); another vendor and support threads stay hidden."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from marketplace.core.errors import NotFound, PermissionDenied, ValidationError
from marketplace.models import Message, OutboxMessage, Role
from marketplace.support import messages, vendor_inbox
from tests import factories
from tests import factories_account as fa


@pytest.fixture
def world(shop):
    s = shop.session
    alice, bob = fa.caller(s, shop.alice), fa.caller(s, shop.bob)
    kyoto = fa.caller(s, shop.kyoto_seller)
    kyoto_colleague = fa.caller(s, factories.user(s, Role.SELLER, vendor=shop.kyoto))
    milano = fa.caller(s, factories.user(s, Role.SELLER, vendor=shop.milano))
    group = fa.order(s, shop.alice, [(shop.kyoto, [(shop.mug, 1)])])
    number = fa.vendor_orders(s, group)[0].number
    about_order = messages.start_thread(s, alice, subject="Gift wrap?", body="Could you wrap it?",
                                        vendor_order_number=number)
    support = messages.start_thread(s, bob, subject="Refund", body="Where is my refund?")
    return s, alice, kyoto, kyoto_colleague, milano, about_order, support, number


def test_the_seller_lists_reads_and_answers_its_own_thread(world, shop):
    s, alice, kyoto, _, _, thread_id, _, number = world
    [row] = vendor_inbox.vendor_threads(s, kyoto)
    assert (row.id, row.subject, row.order_number, row.unread, row.last_message) == (
        thread_id, "Gift wrap?", number, 1, "Could you wrap it?")
    assert row.shopper == shop.alice.display_name.split()[0]
    assert vendor_inbox.vendor_unread_total(s, kyoto) == 1
    assert [r.id for r in vendor_inbox.vendor_threads(s, kyoto, "unread")] == [thread_id]

    view = vendor_inbox.open_vendor_thread(s, kyoto, thread_id)
    assert (view.order_number, [(m.mine, m.body) for m in view.messages]) == (number, [(False, "Could you wrap it?")])
    assert vendor_inbox.vendor_unread_total(s, kyoto) == 0
    assert vendor_inbox.vendor_threads(s, kyoto, "unread") == []

    vendor_inbox.vendor_reply(s, kyoto, thread_id, "  Of course.  ")
    assert messages.unread_total(s, alice) == 1
    assert messages.open_thread(s, alice, thread_id).messages[-1].body == "Of course."
    mail = s.exec(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first().payload
    assert (mail["to"], mail["subject"]) == (shop.alice.email, "New message: Gift wrap?")
    # newest activity first: the shopper's answer moves the thread up and counts as unread again
    messages.reply(s, alice, thread_id, "Thanks!")
    assert vendor_inbox.vendor_threads(s, kyoto)[0].unread == 1


def test_a_colleague_opening_the_thread_leaves_the_reply_unread_for_the_shopper(world):
    s, alice, kyoto, colleague, _, thread_id, _, _ = world
    vendor_inbox.vendor_reply(s, kyoto, thread_id, "Yes.")
    view = vendor_inbox.open_vendor_thread(s, colleague, thread_id)
    assert [m.mine for m in view.messages] == [False, True]
    assert messages.unread_total(s, alice) == 1


def test_another_vendor_sees_nothing_and_changes_nothing(world):
    s, _, kyoto, _, milano, thread_id, support_id, _ = world
    assert vendor_inbox.vendor_threads(s, milano) == [] and vendor_inbox.vendor_unread_total(s, milano) == 0
    before = s.exec(select(func.count()).select_from(Message)).one()
    for bad in (thread_id, support_id, str(thread_id), 10**9, "x", None, -1, True):
        with pytest.raises(NotFound) as refused:
            vendor_inbox.open_vendor_thread(s, milano, bad)
        assert refused.value.message == "We couldn't find that conversation."
        with pytest.raises(NotFound):
            vendor_inbox.vendor_reply(s, milano, bad, "let me in")
    with pytest.raises(NotFound):  # a support thread is not the seller's either
        vendor_inbox.open_vendor_thread(s, kyoto, support_id)
    assert s.exec(select(func.count()).select_from(Message)).one() == before
    assert vendor_inbox.vendor_unread_total(s, kyoto) == 1  # nothing was marked read


def test_shoppers_and_bad_replies_are_refused(world):
    s, alice, kyoto, _, _, thread_id, _, _ = world
    with pytest.raises(PermissionDenied):
        vendor_inbox.vendor_threads(s, alice)
    with pytest.raises(PermissionDenied):
        vendor_inbox.vendor_reply(s, alice, thread_id, "me too")
    for body in ("", "   ", "x" * (messages.BODY_MAX + 1), None, 12):
        with pytest.raises(ValidationError):
            vendor_inbox.vendor_reply(s, kyoto, thread_id, body)
    assert len(vendor_inbox.open_vendor_thread(s, kyoto, thread_id).messages) == 1

"""The support desk: only support staff and admins work it; assignment, statuses (a customer reply reopens),
priorities, the first-response timer, internal notes that never reach the customer, staff replies e-mailed in
the customer's language, canned replies, and an audit row for every change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from marketplace.core import clock
from marketplace.core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationError
from marketplace.models import (
    AuditLog,
    CannedReply,
    MailboxMessage,
    OutboxMessage,
    Role,
    SupportNote,
    SupportTicket,
)
from marketplace.support import desk, messages
from marketplace.support.canned_defaults import DEFAULTS
from marketplace.support.sla import SlaState
from tests import factories
from tests import factories_account as fa

ASKED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def desk_shop(shop):
    s = shop.session
    shop.alice.language = "de"
    s.add(shop.alice)
    admin = factories.user(s, Role.ADMIN)
    others = {name: factories.user(s, Role.STAFF, staff_role=name) for name in ("moderator", "finance")}
    s.commit()
    return shop, admin, others


def _mails(session, to: str) -> list[dict]:
    return [m.payload for m in session.exec(select(OutboxMessage).where(OutboxMessage.topic == "email")).all()
            if m.payload.get("to") == to]


def _audit(session, action: str) -> list[AuditLog]:
    return list(session.exec(select(AuditLog).where(AuditLog.action == action)).all())


def test_only_support_staff_and_admins_may_use_the_desk(desk_shop):
    shop, admin, others = desk_shop
    s = shop.session
    thread_id = messages.start_thread(s, fa.caller(s, shop.alice), subject="Hilfe", body="Wo ist mein Paket?")
    for user in (shop.staff, admin):
        assert [i.id for i in desk.inbox(s, fa.caller(s, user)) if i.kind == "thread"] == [thread_id]
    refused = [others["moderator"], others["finance"], shop.kyoto_seller, shop.alice, shop.bob]
    calls = (lambda c: desk.inbox(s, c), lambda c: desk.thread_detail(s, c, thread_id),
             lambda c: desk.reply(s, c, thread_id, "hi"), lambda c: desk.add_note(s, c, thread_id, "x"),
             lambda c: desk.set_status(s, c, thread_id, "solved"), lambda c: desk.assign(s, c, thread_id, None),
             lambda c: desk.set_priority(s, c, thread_id, "urgent"), lambda c: desk.canned_replies(s, c),
             lambda c: desk.save_canned(s, c, None, title="t", language="en", body="b"))
    for user in refused:
        for call in calls:
            with pytest.raises(PermissionDenied):
                call(fa.caller(s, user))
    with pytest.raises(NotAuthenticated):
        desk.inbox(s, None)
    assert s.exec(select(SupportNote)).all() == [] and _audit(s, "support.note") == []
    assert s.exec(select(SupportTicket)).one().status == "open"
    assert len(s.exec(select(CannedReply)).all()) == len(DEFAULTS)  # the migration's seed only


def test_assignment_statuses_priority_and_a_customer_reply_reopening(desk_shop):
    shop, admin, others = desk_shop
    s = shop.session
    alice, support = fa.caller(s, shop.alice), fa.caller(s, shop.staff)
    thread_id = messages.start_thread(s, alice, subject="Zoll", body="Muss ich Zoll zahlen?")

    assert [i.id for i in desk.inbox(s, support, show="unassigned")] == [thread_id]
    desk.assign(s, support, thread_id, shop.staff.id)
    assert [i.assignee for i in desk.inbox(s, support, show="mine")] == [shop.staff.display_name]
    assert [i for i in desk.inbox(s, support, show="unassigned") if i.kind == "thread"] == []
    assert desk.inbox(s, fa.caller(s, admin), show="mine") == []
    with pytest.raises(ValidationError) as bad:
        desk.assign(s, support, thread_id, others["finance"].id)  # finance does not do support
    assert bad.value.code == "assignee_not_support"
    desk.set_priority(s, support, thread_id, "urgent")
    desk.reply(s, support, thread_id, "Nein, alles ist bezahlt.")
    detail = desk.thread_detail(s, support, thread_id)
    assert (detail.status, detail.priority, detail.assignee_id) == ("waiting", "urgent", shop.staff.id)
    desk.set_status(s, support, thread_id, "solved")
    assert [i.id for i in desk.inbox(s, support, status="solved")] == [thread_id]

    messages.reply(s, alice, thread_id, "Danke! Noch eine Frage.")  # the customer writes again
    assert desk.thread_detail(s, support, thread_id).status == "open"
    for bad in ("closed", 3, None, ""):
        with pytest.raises(ValidationError):
            desk.set_status(s, support, thread_id, bad)
        with pytest.raises(ValidationError):
            desk.set_priority(s, support, thread_id, bad)
    with pytest.raises(ValidationError):
        desk.inbox(s, support, show="everything")
    with pytest.raises(NotFound):
        desk.thread_detail(s, support, 999_999)
    assert [(a.detail["before"], a.detail["after"]) for a in _audit(s, "support.status")] == [("waiting", "solved")]
    assert [a.detail["after"] for a in _audit(s, "support.priority")] == ["urgent"]
    assert [a.detail["after"] for a in _audit(s, "support.assign")] == [str(shop.staff.id)]
    assert all(a.actor_user_id == shop.staff.id for a in _audit(s, "support.reply"))


def test_a_seller_thread_about_a_shop_is_not_a_desk_thread_but_a_sellers_support_thread_is(desk_shop):
    shop, _, _ = desk_shop
    s = shop.session
    support, seller = fa.caller(s, shop.staff), fa.caller(s, shop.kyoto_seller)
    group = fa.order(s, shop.alice, [(shop.kyoto, [(shop.mug, 1)])])
    number = fa.vendor_orders(s, group)[0].number
    to_seller = messages.start_thread(s, fa.caller(s, shop.alice), subject="Wrap", body="Gift wrap?",
                                      vendor_order_number=number)
    with pytest.raises(NotFound):
        desk.thread_detail(s, support, to_seller)  # between a shopper and a seller: not the desk's
    own = messages.start_thread(s, seller, subject="Payout question", body="When is my next payout?")
    detail = desk.thread_detail(s, support, own)
    assert (detail.customer_kind, detail.shop) == ("seller", shop.kyoto.display_name)
    assert [i.id for i in desk.inbox(s, support) if i.kind == "thread"] == [own]


def test_internal_notes_never_reach_the_customer_and_are_never_emailed(desk_shop):
    shop, _, _ = desk_shop
    s = shop.session
    alice, support = fa.caller(s, shop.alice), fa.caller(s, shop.staff)
    thread_id = messages.start_thread(s, alice, subject="Defekt", body="Die Tasse ist kaputt.")
    outbox_before = len(s.exec(select(OutboxMessage)).all())
    desk.add_note(s, support, thread_id, "SECRET: customer asked twice before, refund without return")

    assert [n.body for n in desk.thread_detail(s, support, thread_id).notes] == [
        "SECRET: customer asked twice before, refund without return"]
    view = messages.open_thread(s, alice, thread_id)
    assert all("SECRET" not in m.body for m in view.messages)
    assert all("SECRET" not in t.last_message for t in messages.my_threads(s, alice))
    assert len(s.exec(select(OutboxMessage)).all()) == outbox_before
    desk.reply(s, support, thread_id, "Wir schicken Ihnen eine neue Tasse.")
    assert all("SECRET" not in str(m.payload) for m in s.exec(select(OutboxMessage)).all())
    assert all("SECRET" not in m.body for m in s.exec(select(MailboxMessage)).all())
    assert [a.actor_user_id for a in _audit(s, "support.note")] == [shop.staff.id]


def test_a_staff_reply_reaches_the_customer_and_is_emailed_in_their_language(desk_shop):
    shop, _, _ = desk_shop
    s = shop.session
    alice, support = fa.caller(s, shop.alice), fa.caller(s, shop.staff)
    thread_id = messages.start_thread(s, alice, subject="Lieferung", body="Wann kommt es an?")
    assert _mails(s, shop.alice.email) == []  # the customer's own message e-mails nobody

    desk.reply(s, support, thread_id, "Am Freitag.")
    assert [m.body for m in messages.open_thread(s, alice, thread_id).messages] == ["Wann kommt es an?",
                                                                                  "Am Freitag."]
    [mail] = _mails(s, shop.alice.email)
    assert mail["lang"] == "de"
    assert "Am Freitag." in mail["body"] and f"/account/messages/{thread_id}" in mail["body"]
    bob_thread = messages.start_thread(s, fa.caller(s, shop.bob), subject="Delivery", body="When?")
    desk.reply(s, support, bob_thread, "On Friday.")
    [english] = _mails(s, shop.bob.email)
    assert english["lang"] == "en" and english["subject"] == "Meridian support replied: Delivery"


def test_the_first_response_timer_and_the_overdue_filter_follow_the_clock(desk_shop):
    shop, _, _ = desk_shop
    s = shop.session
    alice, support = fa.caller(s, shop.alice), fa.caller(s, shop.staff)
    with clock.frozen(ASKED):
        slow = messages.start_thread(s, alice, subject="Slow", body="Hello?")
        quick = messages.start_thread(s, fa.caller(s, shop.bob), subject="Quick", body="Hi")
    with clock.frozen(ASKED + timedelta(hours=3)):
        desk.reply(s, support, quick, "Hello!")
        timers = {i.id: i.sla for i in desk.inbox(s, support) if i.kind == "thread"}
        assert (timers[slow].state, timers[slow].seconds) == (SlaState.DUE, 21 * 3600)
        assert (timers[quick].state, timers[quick].seconds) == (SlaState.MET, 3 * 3600)
        assert desk.inbox(s, support, overdue=True) == []
    with clock.frozen(ASKED + timedelta(hours=25)):
        [late] = desk.inbox(s, support, overdue=True)
        assert (late.id, late.sla.state, late.sla.seconds) == (slow, SlaState.OVERDUE, 3600)
        assert desk.inbox(s, support)[0].id == slow  # overdue first
        desk.reply(s, support, slow, "Sorry for the wait.")
        assert desk.thread_detail(s, support, slow).sla.state == SlaState.LATE


def test_the_customers_orders_sit_beside_the_thread_and_returns_are_in_the_inbox(desk_shop):
    shop, _, _ = desk_shop
    s = shop.session
    support = fa.caller(s, shop.staff)
    group = fa.order(s, shop.alice, [(shop.kyoto, [(shop.mug, 1)])])
    thread_id = messages.start_thread(s, fa.caller(s, shop.alice), subject="Order", body="About my order")
    detail = desk.thread_detail(s, support, thread_id)
    assert [o.number for o in detail.orders] == [group.number]
    assert detail.customer_language == "de" and detail.messages[0].from_staff is False


def test_canned_replies_are_managed_by_staff_per_language(desk_shop):
    shop, _, others = desk_shop
    s = shop.session
    support = fa.caller(s, shop.staff)
    canned_id = desk.save_canned(s, support, None, title="Danke", language="de", body="Danke für Ihre Geduld.")
    desk.save_canned(s, support, None, title="Thanks", language="en", body="Thanks for waiting.")
    thread_id = messages.start_thread(s, fa.caller(s, shop.alice), subject="x", body="y")
    offered = desk.thread_detail(s, support, thread_id).canned
    german = sum(1 for _, lang, _ in DEFAULTS if lang == "de") + 1
    assert {c.language for c in offered[:german]} == {"de"}  # the customer's language first
    desk.save_canned(s, support, canned_id, title="Danke schön", language="de", body="Vielen Dank.")
    assert s.get(CannedReply, canned_id).title == "Danke schön"
    for bad in ({"title": "", "language": "de", "body": "b"}, {"title": "t", "language": "xx", "body": "b"},
                {"title": "t", "language": "de", "body": "b" * 6000}, {"title": ["t"], "language": "de", "body": "b"}):
        with pytest.raises(ValidationError):
            desk.save_canned(s, support, None, **bad)
    with pytest.raises(NotFound):
        desk.save_canned(s, support, 999_999, title="t", language="de", body="b")
    desk.delete_canned(s, support, canned_id)
    titles = [c.title for c in desk.canned_replies(s, support)]
    assert "Thanks" in titles and "Danke schön" not in titles and len(titles) == len(DEFAULTS) + 1
    assert len(_audit(s, "support.canned_saved")) == 3 and len(_audit(s, "support.canned_deleted")) == 1

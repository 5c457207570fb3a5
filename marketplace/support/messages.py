"""Message threads between a shopper and a seller (optionally about one of the shopper's vendor orders) or
platform support (``vendor_id`` None).

Contract:
- The caller is the :class:`~marketplace.accounts.service.Caller` resolved from the server-side session.
  A thread's participants are its shopper, the members of its vendor (``VendorMember``), and, for support
  threads only, staff. Anyone else gets :class:`NotFound` with the same message as for a thread that does not
  exist, and nothing changes.
- A thread about an order may only name a vendor order of the caller's own order groups (else
  :class:`NotFound`); the thread's vendor is that order's vendor.
- Subjects (one line, at most 200 characters) and bodies (at most 5000) are plain text cleaned by
  :func:`marketplace.core.text.clean_text`. A shopper may start at most ``MAX_NEW_THREADS_PER_HOUR`` threads
  an hour, and anyone send at most ``MAX_MESSAGES_PER_HOUR`` messages an hour (the shared limiter
  ``accounts.ratelimit``, fixed hourly windows: :class:`~marketplace.accounts.ratelimit.RateLimited`, a
  :class:`Throttled` saying how many minutes to wait).
- ``unread`` counts a caller's unread messages: messages in the thread sent by someone else and not read yet.
  ``open_thread`` returns the conversation and marks those messages read (call it in a write unit of work).
- Each new message queues one e-mail per recipient in the outbox, in the caller's transaction: to the shopper
  when a seller or staff member writes (linking the shopper's thread page), to the vendor's members when the
  shopper writes to a seller (linking the seller's inbox thread, ``/seller/messages/<id>``). Support
  threads are read in the staff console, so the shopper's messages there send no e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, select

from marketplace.accounts import ratelimit
from marketplace.accounts.guards import staff_can
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core import clock
from marketplace.core.errors import NotAuthenticated, NotFound
from marketplace.core.i18n import N_, translate
from marketplace.core.text import clean_text, positive_id
from marketplace.models import Message, MessageThread, OrderGroup, User, Vendor, VendorMember, VendorOrder
from marketplace.outbox import enqueue
from marketplace.support import tickets
from marketplace.support.error_codes import SupportErrorCode

SUBJECT_MAX = 200
BODY_MAX = 5000
MAX_NEW_THREADS_PER_HOUR = 10
MAX_MESSAGES_PER_HOUR = 60  # per sender, all threads: each message e-mails the other side
MAX_THREADS_LISTED = 200
SUPPORT_NAME = N_("Meridian support")
_NOT_FOUND = "We couldn't find that conversation."


@dataclass(frozen=True)
class ThreadSummary:
    id: int
    subject: str
    counterpart: str  # the vendor's name, or "" for support (the page shows SUPPORT_NAME translated)
    order_number: str | None
    updated_at: datetime
    unread: int
    last_message: str


@dataclass(frozen=True)
class MessageView:
    id: int
    mine: bool
    sender_name: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class ThreadView:
    id: int
    subject: str
    counterpart: str
    order_number: str | None
    messages: tuple[MessageView, ...]


def _require(caller: Caller | None) -> Caller:
    if caller is None:
        raise NotAuthenticated("Please log in to continue.")
    return caller


def _is_participant(session: Session, caller: Caller, thread: MessageThread) -> bool:
    if thread.shopper_id == caller.user_id:
        return True
    if thread.vendor_id is None:
        return staff_can(caller, StaffCapability.SUPPORT)
    return session.exec(select(VendorMember.id).where(VendorMember.vendor_id == thread.vendor_id,
                                                      VendorMember.user_id == caller.user_id)).first() is not None


def _thread_for(session: Session, caller: Caller | None, thread_id: object) -> tuple[Caller, MessageThread]:
    caller = _require(caller)
    tid = positive_id(thread_id)
    thread = session.get(MessageThread, tid) if tid else None
    if thread is None or not _is_participant(session, caller, thread):
        raise NotFound(_NOT_FOUND, code=SupportErrorCode.THREAD_NOT_FOUND)
    return caller, thread


def _body(value: object) -> str:
    return clean_text(value, max_length=BODY_MAX, multiline=True, empty_message="Write your message first.",
                      long_message="Use at most %(max)s characters for your message.", field="body")


def _notify(session: Session, thread: MessageThread, sender: Caller) -> None:
    link = f"/account/messages/{thread.id}"
    if sender.user_id != thread.shopper_id:
        recipients = session.exec(select(User.email, User.language).where(User.id == thread.shopper_id)).all()
    elif thread.vendor_id is not None:
        recipients = session.exec(select(User.email, User.language).join(VendorMember, VendorMember.user_id == User.id)
                                  .where(VendorMember.vendor_id == thread.vendor_id)).all()
        link = f"/seller/messages/{thread.id}"  # the seller's inbox (routes.seller_message)
    else:
        recipients = []
    for email, lang in recipients:
        enqueue(session, "email", {
            "to": email, "lang": lang,
            "subject": translate(lang, "New message: %(subject)s", subject=thread.subject)[:200],
            "body": translate(lang, "You have a new message from %(name)s about \"%(subject)s\".",
                              name=sender.display_name, subject=thread.subject) + "\n\n"
                    + translate(lang, "Read it and reply in your Meridian account: %(link)s", link=link),
        })


def _add_message(session: Session, thread: MessageThread, caller: Caller, body: str, *,
                 notify: bool = True) -> Message:
    now = clock.now()
    message = Message(thread_id=thread.id, sender_id=caller.user_id, body=body, created_at=now)
    thread.updated_at = now
    session.add_all([message, thread])
    session.flush()
    if thread.vendor_id is None and caller.user_id == thread.shopper_id:
        tickets.customer_wrote(session, thread, caller)  # the desk: a customer reply reopens the ticket
    if notify:
        _notify(session, thread, caller)
    return message


def start_thread(session: Session, caller: Caller | None, *, subject: object, body: object,
                 vendor_order_number: object = None) -> int:
    """Open a conversation with support, or with the seller of one of the caller's own vendor orders."""
    caller = _require(caller)
    vendor_id = vendor_order_id = None
    if vendor_order_number not in (None, ""):
        order = session.exec(
            select(VendorOrder).join(OrderGroup, OrderGroup.id == VendorOrder.group_id)
            .where(VendorOrder.number == vendor_order_number, OrderGroup.user_id == caller.user_id)
        ).first() if isinstance(vendor_order_number, str) and len(vendor_order_number) <= 24 else None
        if order is None:
            raise NotFound("We couldn't find that order.", code=SupportErrorCode.THREAD_ORDER_NOT_FOUND)
        vendor_id, vendor_order_id = order.vendor_id, order.id
    subject = clean_text(subject, max_length=SUBJECT_MAX, multiline=False, empty_message="Add a subject.",
                         long_message="Use at most %(max)s characters for the subject.", field="subject")
    body = _body(body)
    ratelimit.enforce(session, "thread", ratelimit.caller_key(caller.user_id), count=MAX_NEW_THREADS_PER_HOUR)
    ratelimit.enforce(session, "message", ratelimit.caller_key(caller.user_id), count=MAX_MESSAGES_PER_HOUR)
    now = clock.now()
    thread = MessageThread(shopper_id=caller.user_id, vendor_id=vendor_id, vendor_order_id=vendor_order_id,
                           subject=subject, created_at=now, updated_at=now)
    session.add(thread)
    session.flush()
    _add_message(session, thread, caller, body)
    return thread.id


def reply(session: Session, caller: Caller | None, thread_id: object, body: object) -> int:
    """Add a message to a thread the caller takes part in; returns the message id."""
    caller, thread = _thread_for(session, caller, thread_id)
    body = _body(body)
    ratelimit.enforce(session, "message", ratelimit.caller_key(caller.user_id), count=MAX_MESSAGES_PER_HOUR)
    return _add_message(session, thread, caller, body).id


def _labels(session: Session, threads: list[MessageThread]) -> tuple[dict[int, str], dict[int, str]]:
    vendor_ids = {t.vendor_id for t in threads if t.vendor_id}
    order_ids = {t.vendor_order_id for t in threads if t.vendor_order_id}
    vendors = dict(session.exec(select(Vendor.id, Vendor.display_name).where(Vendor.id.in_(vendor_ids))).all()) \
        if vendor_ids else {}
    orders = dict(session.exec(select(VendorOrder.id, VendorOrder.number).where(VendorOrder.id.in_(order_ids))).all()) \
        if order_ids else {}
    return vendors, orders


def my_threads(session: Session, caller: Caller | None) -> list[ThreadSummary]:
    """The caller's own conversations as a shopper, most recently active first, with unread counts."""
    caller = _require(caller)
    threads = list(session.exec(select(MessageThread).where(MessageThread.shopper_id == caller.user_id)
                                .order_by(MessageThread.updated_at.desc(), MessageThread.id.desc())
                                .limit(MAX_THREADS_LISTED)).all())
    if not threads:
        return []
    ids = [t.id for t in threads]
    unread = dict(session.exec(select(Message.thread_id, func.count()).where(
        Message.thread_id.in_(ids), Message.sender_id != caller.user_id, Message.read_at.is_(None))
        .group_by(Message.thread_id)).all())
    last: dict[int, str] = {}
    for thread_id, body in session.exec(select(Message.thread_id, Message.body).where(Message.thread_id.in_(ids))
                                        .order_by(Message.created_at, Message.id)).all():
        last[thread_id] = body
    vendors, orders = _labels(session, threads)
    return [ThreadSummary(id=t.id, subject=t.subject, counterpart=vendors.get(t.vendor_id, "") if t.vendor_id else "",
                          order_number=orders.get(t.vendor_order_id), updated_at=t.updated_at,
                          unread=unread.get(t.id, 0), last_message=last.get(t.id, "")[:140])
            for t in threads]


def unread_total(session: Session, caller: Caller | None) -> int:
    """Unread messages across the caller's own conversations as a shopper (for a badge)."""
    caller = _require(caller)
    return session.exec(select(func.count()).select_from(Message)
                        .join(MessageThread, MessageThread.id == Message.thread_id)
                        .where(MessageThread.shopper_id == caller.user_id, Message.sender_id != caller.user_id,
                               Message.read_at.is_(None))).one()


def open_thread(session: Session, caller: Caller | None, thread_id: object) -> ThreadView:
    """The conversation, oldest message first; marks the messages others sent as read by the caller."""
    caller, thread = _thread_for(session, caller, thread_id)
    session.exec(update(Message).where(Message.thread_id == thread.id, Message.sender_id != caller.user_id,
                                       Message.read_at.is_(None)).values(read_at=clock.now()))
    messages = session.exec(select(Message, User.display_name).join(User, User.id == Message.sender_id)
                            .where(Message.thread_id == thread.id).order_by(Message.created_at, Message.id)).all()
    vendors, orders = _labels(session, [thread])
    return ThreadView(
        id=thread.id, subject=thread.subject, counterpart=vendors.get(thread.vendor_id, "") if thread.vendor_id else "",
        order_number=orders.get(thread.vendor_order_id),
        messages=tuple(MessageView(id=m.id, mine=m.sender_id == caller.user_id, sender_name=name, body=m.body,
                                   created_at=m.created_at) for m, name in messages))

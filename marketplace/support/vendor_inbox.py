"""The seller's side of the shopper–seller conversations in :mod:`marketplace.support.messages`.

Contract:
- Every function takes the :class:`Caller` from the server-side session and acts only for the caller's own
  vendor (:func:`marketplace.accounts.guards.require_vendor`). A thread of another vendor, a support thread or
  an id that does not exist all raise the same :class:`NotFound`, and nothing changes.
- Read state per side needs no extra column: in a seller thread only two sides write, so a message's
  ``read_at`` means "read by the other side". The seller's unread messages are the shopper's messages with
  ``read_at`` unset; :func:`open_vendor_thread` marks only those read (a colleague's message to the shopper stays
  unread for the shopper).
- The shopper is shown by first name only. :func:`vendor_reply` validates and rate-limits like
  :func:`messages.reply` and queues the same e-mail to the shopper.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, select

from marketplace.accounts import ratelimit
from marketplace.accounts.guards import require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.core import clock
from marketplace.core.errors import NotFound
from marketplace.core.text import positive_id
from marketplace.models import Message, MessageThread, User, VendorOrder
from marketplace.support import messages
from marketplace.support.error_codes import SupportErrorCode

FILTERS = ("all", "unread")


@dataclass(frozen=True)
class VendorThreadSummary:
    id: int
    subject: str
    shopper: str  # first name only
    order_number: str | None
    updated_at: datetime
    unread: int
    last_message: str


@dataclass(frozen=True)
class VendorThreadView:
    id: int
    subject: str
    shopper: str
    order_number: str | None
    messages: tuple[messages.MessageView, ...]


def first_name(display_name: str) -> str:
    parts = (display_name or "").split()
    return parts[0] if parts else ""


def _own_thread(session: Session, caller: Caller | None, thread_id: object) -> tuple[Caller, MessageThread]:
    caller, vendor_id = require_vendor(caller, Capability.MESSAGES)
    tid = positive_id(thread_id)
    thread = session.get(MessageThread, tid) if tid else None
    if thread is None or thread.vendor_id != vendor_id:
        raise NotFound(messages._NOT_FOUND, code=SupportErrorCode.THREAD_NOT_FOUND)
    return caller, thread


def _unread_by_shopper():  # noqa: ANN202 - a SQL condition: the shopper's messages the seller has not read
    return (Message.sender_id == MessageThread.shopper_id) & Message.read_at.is_(None)


def vendor_threads(session: Session, caller: Caller | None, show: object = "all") -> list[VendorThreadSummary]:
    """The caller's vendor's conversations, most recently active first; ``show="unread"`` keeps those with
    unread messages from the shopper. An unknown filter shows all."""
    _, vendor_id = require_vendor(caller, Capability.MESSAGES)
    unread = dict(session.exec(
        select(Message.thread_id, func.count()).join(MessageThread, MessageThread.id == Message.thread_id)
        .where(MessageThread.vendor_id == vendor_id, _unread_by_shopper()).group_by(Message.thread_id)).all())
    query = (select(MessageThread, User.display_name).join(User, User.id == MessageThread.shopper_id)
             .where(MessageThread.vendor_id == vendor_id))
    if show == "unread":
        if not unread:
            return []
        query = query.where(MessageThread.id.in_(list(unread)))
    rows = session.exec(query.order_by(MessageThread.updated_at.desc(), MessageThread.id.desc())
                        .limit(messages.MAX_THREADS_LISTED)).all()
    if not rows:
        return []
    ids = [t.id for t, _ in rows]
    last: dict[int, str] = {}
    for thread_id, body in session.exec(select(Message.thread_id, Message.body).where(Message.thread_id.in_(ids))
                                        .order_by(Message.created_at, Message.id)).all():
        last[thread_id] = body
    order_ids = {t.vendor_order_id for t, _ in rows if t.vendor_order_id}
    orders = dict(session.exec(select(VendorOrder.id, VendorOrder.number)
                               .where(VendorOrder.id.in_(order_ids))).all()) if order_ids else {}
    return [VendorThreadSummary(id=t.id, subject=t.subject, shopper=first_name(name),
                                order_number=orders.get(t.vendor_order_id), updated_at=t.updated_at,
                                unread=unread.get(t.id, 0), last_message=last.get(t.id, "")[:140])
            for t, name in rows]


def vendor_unread_total(session: Session, caller: Caller | None) -> int:
    """Unread shopper messages across the caller's vendor's conversations."""
    _, vendor_id = require_vendor(caller, Capability.MESSAGES)
    return session.exec(select(func.count()).select_from(Message)
                        .join(MessageThread, MessageThread.id == Message.thread_id)
                        .where(MessageThread.vendor_id == vendor_id, _unread_by_shopper())).one()


def open_vendor_thread(session: Session, caller: Caller | None, thread_id: object) -> VendorThreadView:
    """The conversation, oldest first; marks the shopper's messages read (call it in a write unit of work).
    ``mine`` is true for messages from the vendor's side (the caller or a colleague)."""
    _, thread = _own_thread(session, caller, thread_id)
    session.exec(update(Message).where(Message.thread_id == thread.id, Message.sender_id == thread.shopper_id,
                                       Message.read_at.is_(None)).values(read_at=clock.now()))
    rows = session.exec(select(Message, User.display_name).join(User, User.id == Message.sender_id)
                        .where(Message.thread_id == thread.id).order_by(Message.created_at, Message.id)).all()
    shopper = first_name(session.get(User, thread.shopper_id).display_name)
    order = session.get(VendorOrder, thread.vendor_order_id) if thread.vendor_order_id else None
    return VendorThreadView(
        id=thread.id, subject=thread.subject, shopper=shopper, order_number=order.number if order else None,
        messages=tuple(messages.MessageView(
            id=m.id, mine=m.sender_id != thread.shopper_id,
            sender_name=shopper if m.sender_id == thread.shopper_id else name, body=m.body,
            created_at=m.created_at) for m, name in rows))


def vendor_reply(session: Session, caller: Caller | None, thread_id: object, body: object) -> int:
    """Answer the shopper in one of the caller's vendor's threads; returns the message id."""
    caller, thread = _own_thread(session, caller, thread_id)
    text = messages._body(body)
    ratelimit.enforce(session, "message", ratelimit.caller_key(caller.user_id), count=messages.MAX_MESSAGES_PER_HOUR)
    return messages._add_message(session, thread, caller, text).id

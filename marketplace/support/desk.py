"""The support desk: one inbox for support threads (shoppers and sellers writing to Meridian) and return
requests, worked by staff whose role holds ``StaffCapability.SUPPORT`` (support staff and admins).

Contract:
- Every function takes the :class:`Caller` resolved from the server-side session and calls
  ``require_staff(caller, StaffCapability.SUPPORT)`` first: anyone else (moderator, finance, sellers, shoppers,
  nobody) gets ``PermissionDenied``/``NotAuthenticated`` and nothing changes.
- A thread id that is not a support thread (``vendor_id`` not None) or does not exist is ``NotFound``
  (``thread_not_found``).
- :func:`inbox` lists support threads (``show``: ``all``, ``mine`` = assigned to the caller, ``unassigned``;
  ``status``: ``""`` or a :class:`TicketStatus`; ``overdue``: only threads whose first-response timer ran
  out), most urgent first (overdue, then priority, then the oldest deadline), and, unless a thread-only
  filter is set, the return requests still waiting for someone (requested, approved, in transit, received).
- :func:`thread_detail` is the conversation with the ticket, the internal notes, the customer's latest
  orders, the canned replies (the customer's language first) and the staff who can take it.
- :func:`reply` adds a staff message (the customer sees it in ``/account/messages/<id>``), sets an ``open``
  ticket to ``waiting`` and e-mails the customer in their ``User.language`` (outbox). :func:`add_note` stores an
  internal note: it never reaches the customer's pages (``support.messages`` reads only ``messages``) and is
  never e-mailed. :func:`assign`, :func:`set_status`, :func:`set_priority`, :func:`save_canned`,
  :func:`delete_canned` change the desk's rows. Every change writes one audit row (actor, before, after).
- The first-response timer is :func:`marketplace.support.sla.first_response` over the thread's messages,
  measured with ``marketplace.core.clock``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.accounts import audit
from marketplace.accounts.guards import require_staff
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability, can
from marketplace.core import clock
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.i18n import LANGUAGES, N_, translate
from marketplace.core.money import Money
from marketplace.core.settings import get_settings
from marketplace.core.text import clean_text, positive_id
from marketplace.models import (
    CannedReply,
    Message,
    MessageThread,
    OrderGroup,
    ReturnRequest,
    Role,
    SupportNote,
    SupportTicket,
    User,
    Vendor,
)
from marketplace.outbox import enqueue
from marketplace.support import messages, sla
from marketplace.support.error_codes import SupportErrorCode
from marketplace.support.tickets import TicketPriority, TicketStatus, ticket_for

SHOWS = ("all", "mine", "unassigned")
MAX_LISTED = 200
MAX_ORDERS = 8
NOTE_MAX = 5000
CANNED_TITLE_MAX = 120
CANNED_BODY_MAX = 5000
PRIORITY_RANK = {TicketPriority.URGENT: 0, TicketPriority.HIGH: 1, TicketPriority.NORMAL: 2, TicketPriority.LOW: 3}
OPEN_RETURNS = ("requested", "approved", "in_transit", "received")


@dataclass(frozen=True)
class InboxItem:
    kind: str  # "thread" | "return"
    id: int  # the thread's or the return request's id
    subject: str  # a thread's subject; a return's number
    customer: str
    customer_kind: str  # shopper | seller
    status: str  # TicketStatus for threads, the return's status for returns
    priority: str  # "" for returns
    assignee: str  # "" when nobody
    sla: sla.Sla
    updated_at: datetime
    number: str = ""  # a return request's number ("" for threads)
    return_kind: str = ""  # return | exchange | repair


@dataclass(frozen=True)
class DeskMessage:
    id: int
    from_staff: bool
    sender_name: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class DeskNote:
    id: int
    author: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class CustomerOrder:
    number: str
    status: str
    total: Money
    created_at: datetime


@dataclass(frozen=True)
class Canned:
    id: int
    title: str
    language: str
    body: str


@dataclass(frozen=True)
class StaffOption:
    id: int
    name: str


@dataclass(frozen=True)
class DeskThread:
    id: int
    subject: str
    customer_name: str
    customer_email: str
    customer_language: str
    customer_kind: str
    shop: str  # the seller's shop, "" for shoppers
    status: str
    priority: str
    assignee_id: int | None
    sla: sla.Sla
    messages: tuple[DeskMessage, ...]
    notes: tuple[DeskNote, ...]
    orders: tuple[CustomerOrder, ...]
    canned: tuple[Canned, ...]
    staff: tuple[StaffOption, ...]


def _staff(caller: Caller | None) -> Caller:
    return require_staff(caller, StaffCapability.SUPPORT)


def _thread(session: Session, thread_id: object) -> MessageThread:
    tid = positive_id(thread_id)
    thread = session.get(MessageThread, tid) if tid else None
    if thread is None or thread.vendor_id is not None:
        raise NotFound("We couldn't find that conversation.", code=SupportErrorCode.THREAD_NOT_FOUND)
    return thread


def _firsts(session: Session, threads: list[MessageThread]) -> dict[int, tuple[datetime | None, datetime | None]]:
    """thread id -> (first customer message, first staff message after it)."""
    if not threads:
        return {}
    shopper = {t.id: t.shopper_id for t in threads}
    found: dict[int, list[datetime | None]] = {t.id: [None, None] for t in threads}
    rows = session.exec(select(Message.thread_id, Message.sender_id, Message.created_at)
                        .where(Message.thread_id.in_(list(shopper))).order_by(Message.created_at, Message.id)).all()
    for thread_id, sender_id, stored in rows:
        pair, at = found[thread_id], clock.as_utc(stored)
        if sender_id == shopper[thread_id]:
            if pair[0] is None:
                pair[0] = at
        elif pair[0] is not None and pair[1] is None:
            pair[1] = at
    return {k: (v[0], v[1]) for k, v in found.items()}


def _timer(firsts: tuple[datetime | None, datetime | None], now: datetime) -> sla.Sla:
    return sla.first_response(firsts[0], firsts[1], now)


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    ids = {i for i in ids if i}
    return dict(session.exec(select(User.id, User.display_name).where(User.id.in_(ids))).all()) if ids else {}


def _status(value: object) -> str:
    if not isinstance(value, str) or value not in TicketStatus._value2member_map_:
        raise ValidationError("Choose open, waiting or solved.", code=SupportErrorCode.TICKET_STATUS, field="status")
    return value


def _priority(value: object) -> str:
    if not isinstance(value, str) or value not in TicketPriority._value2member_map_:
        raise ValidationError("Choose low, normal, high or urgent.", code=SupportErrorCode.TICKET_PRIORITY,
                              field="priority")
    return value


def inbox(session: Session, caller: Caller | None, *, show: object = "all", status: object = "",
          overdue: object = False) -> list[InboxItem]:
    """The desk's list; see the module contract."""
    caller = _staff(caller)
    if show not in SHOWS or not isinstance(show, str):
        raise ValidationError("That filter is not available.", code=SupportErrorCode.DESK_FILTER)
    if status != "":
        status = _status(status)
    if not isinstance(overdue, bool):
        raise ValidationError("That filter is not available.", code=SupportErrorCode.DESK_FILTER)
    query = (select(MessageThread, SupportTicket)
             .join(SupportTicket, SupportTicket.thread_id == MessageThread.id, isouter=True)
             .where(MessageThread.vendor_id.is_(None)))
    if show == "mine":
        query = query.where(SupportTicket.assignee_id == caller.user_id)
    elif show == "unassigned":
        query = query.where(SupportTicket.assignee_id.is_(None))
    if status:
        # threads without a ticket row yet are open
        query = query.where(SupportTicket.status == status) if status != TicketStatus.OPEN else \
            query.where((SupportTicket.status == status) | SupportTicket.id.is_(None))
    rows = session.exec(query.order_by(MessageThread.updated_at.desc()).limit(MAX_LISTED)).all()
    threads = [t for t, _ in rows]
    firsts = _firsts(session, threads)
    names = _names(session, {t.shopper_id for t in threads} | {k.assignee_id for _, k in rows if k})
    now = clock.now()
    items = []
    for thread, ticket in rows:
        timer = _timer(firsts[thread.id], now)
        if overdue and not timer.overdue:
            continue
        items.append(InboxItem(
            kind="thread", id=thread.id, subject=thread.subject, customer=names.get(thread.shopper_id, ""),
            customer_kind=ticket.customer_kind if ticket else "shopper",
            status=ticket.status if ticket else TicketStatus.OPEN.value,
            priority=ticket.priority if ticket else TicketPriority.NORMAL.value,
            assignee=names.get(ticket.assignee_id, "") if ticket and ticket.assignee_id else "",
            sla=timer, updated_at=thread.updated_at))
    far = datetime.max.replace(tzinfo=now.tzinfo)
    items.sort(key=lambda i: (i.status == TicketStatus.SOLVED, not i.sla.overdue,
                              PRIORITY_RANK.get(i.priority, 2), i.sla.deadline or far))
    if show != "mine" and not status and not overdue:
        items.extend(_returns(session))
    return items


def _returns(session: Session) -> list[InboxItem]:
    rows = session.exec(select(ReturnRequest, User.display_name).join(User, User.id == ReturnRequest.user_id)
                        .where(ReturnRequest.status.in_(OPEN_RETURNS))
                        .order_by(ReturnRequest.created_at).limit(MAX_LISTED)).all()
    return [InboxItem(kind="return", id=r.id, subject=r.number, customer=name, customer_kind="shopper",
                      status=r.status, priority="", assignee="", sla=sla.Sla(sla.SlaState.NONE, 0, None),
                      updated_at=r.updated_at, number=r.number, return_kind=r.kind) for r, name in rows]


def _support_staff(session: Session) -> tuple[StaffOption, ...]:
    rows = session.exec(select(User.id, User.display_name, User.role, User.staff_role)
                        .where(User.role.in_((Role.STAFF, Role.ADMIN))).order_by(User.display_name)).all()
    return tuple(StaffOption(id=uid, name=name) for uid, name, role, staff_role in rows
                 if can(staff_role, StaffCapability.SUPPORT, admin=role == Role.ADMIN))


def _canned(session: Session, first_language: str) -> tuple[Canned, ...]:
    rows = session.exec(select(CannedReply).order_by(CannedReply.language, CannedReply.title)).all()
    ordered = sorted(rows, key=lambda c: c.language != first_language)
    return tuple(Canned(id=c.id, title=c.title, language=c.language, body=c.body) for c in ordered)


def thread_detail(session: Session, caller: Caller | None, thread_id: object) -> DeskThread:
    """One support thread for the desk; see the module contract."""
    _staff(caller)
    thread = _thread(session, thread_id)
    ticket = session.exec(select(SupportTicket).where(SupportTicket.thread_id == thread.id)).first()
    customer = session.get(User, thread.shopper_id)
    rows = session.exec(select(Message, User.display_name).join(User, User.id == Message.sender_id)
                        .where(Message.thread_id == thread.id).order_by(Message.created_at, Message.id)).all()
    notes = session.exec(select(SupportNote, User.display_name).join(User, User.id == SupportNote.author_id)
                         .where(SupportNote.thread_id == thread.id)
                         .order_by(SupportNote.created_at, SupportNote.id)).all()
    orders = session.exec(select(OrderGroup).where(OrderGroup.user_id == thread.shopper_id)
                          .order_by(OrderGroup.created_at.desc()).limit(MAX_ORDERS)).all()
    shop = session.get(Vendor, ticket.vendor_id) if ticket and ticket.vendor_id else None
    language = customer.language if customer and customer.language in LANGUAGES else "en"
    return DeskThread(
        id=thread.id, subject=thread.subject, customer_name=customer.display_name if customer else "",
        customer_email=customer.email if customer else "", customer_language=language,
        customer_kind=ticket.customer_kind if ticket else "shopper", shop=shop.display_name if shop else "",
        status=ticket.status if ticket else TicketStatus.OPEN.value,
        priority=ticket.priority if ticket else TicketPriority.NORMAL.value,
        assignee_id=ticket.assignee_id if ticket else None,
        sla=_timer(_firsts(session, [thread])[thread.id], clock.now()),
        messages=tuple(DeskMessage(id=m.id, from_staff=m.sender_id != thread.shopper_id, sender_name=name,
                                   body=m.body, created_at=m.created_at) for m, name in rows),
        notes=tuple(DeskNote(id=n.id, author=name, body=n.body, created_at=n.created_at) for n, name in notes),
        orders=tuple(CustomerOrder(number=o.number, status=o.status, created_at=o.created_at,
                                   total=Money(o.total_minor, o.total_currency)) for o in orders),
        canned=_canned(session, language), staff=_support_staff(session))


def _mail_customer(session: Session, thread: MessageThread, body: str) -> None:
    customer = session.get(User, thread.shopper_id)
    if customer is None or not customer.email:
        return
    lang = customer.language if customer.language in LANGUAGES else "en"
    link = f"{get_settings().public_url}/account/messages/{thread.id}"
    enqueue(session, "email", {
        "to": customer.email, "lang": lang,
        "subject": translate(lang, "Meridian support replied: %(subject)s", subject=thread.subject)[:200],
        "body": "\n\n".join((
            translate(lang, "Hello %(name)s,", name=customer.display_name),
            translate(lang, "Meridian support answered your message \"%(subject)s\":", subject=thread.subject),
            body,
            translate(lang, "Read the whole conversation and reply in your Meridian account: %(link)s", link=link),
        )),
    })


def reply(session: Session, caller: Caller | None, thread_id: object, body: object) -> int:
    """A staff answer the customer sees and gets by e-mail in their language; returns the message id."""
    caller = _staff(caller)
    thread = _thread(session, thread_id)
    text = clean_text(body, max_length=messages.BODY_MAX, multiline=True, empty_message="Write your message first.",
                      long_message="Use at most %(max)s characters for your message.", field="body")
    message = messages._add_message(session, thread, caller, text, notify=False)
    ticket = ticket_for(session, thread)
    before = ticket.status
    if ticket.status == TicketStatus.OPEN:
        ticket.status = TicketStatus.WAITING.value
    ticket.updated_at = clock.now()
    session.add(ticket)
    _mail_customer(session, thread, text)
    audit.record(session, "support.reply", actor_user_id=caller.user_id, entity_type="message_thread",
                 entity_id=thread.id, before=before, after=ticket.status,
                 message_id=message.id)
    session.flush()
    return message.id


def add_note(session: Session, caller: Caller | None, thread_id: object, body: object) -> int:
    """An internal note (staff only; never shown to the customer, never e-mailed); returns its id."""
    caller = _staff(caller)
    thread = _thread(session, thread_id)
    text = clean_text(body, max_length=NOTE_MAX, multiline=True, empty_message="Write the note first.",
                      long_message="Use at most %(max)s characters for the note.", field="note")
    note = SupportNote(thread_id=thread.id, author_id=caller.user_id, body=text, created_at=clock.now())
    session.add(note)
    session.flush()
    audit.record(session, "support.note", actor_user_id=caller.user_id, entity_type="message_thread",
                 entity_id=thread.id, note_id=note.id)
    return note.id


def assign(session: Session, caller: Caller | None, thread_id: object, assignee_id: object) -> None:
    """Give the thread to a support staff member (``None``/``""``: nobody)."""
    caller = _staff(caller)
    thread = _thread(session, thread_id)
    target = None
    if assignee_id not in (None, ""):
        target = positive_id(assignee_id)
        if target is None or target not in {s.id for s in _support_staff(session)}:
            raise ValidationError("Choose a staff member who works on support.",
                                  code=SupportErrorCode.ASSIGNEE_NOT_SUPPORT, field="assignee")
    ticket = ticket_for(session, thread)
    before = ticket.assignee_id
    ticket.assignee_id, ticket.updated_at = target, clock.now()
    session.add(ticket)
    audit.record(session, "support.assign", actor_user_id=caller.user_id, entity_type="message_thread",
                 entity_id=thread.id, before=str(before or ""), after=str(target or ""))
    session.flush()


def set_status(session: Session, caller: Caller | None, thread_id: object, status: object) -> None:
    caller = _staff(caller)
    thread = _thread(session, thread_id)
    value = _status(status)
    ticket = ticket_for(session, thread)
    before = ticket.status
    ticket.status, ticket.updated_at = value, clock.now()
    session.add(ticket)
    audit.record(session, "support.status", actor_user_id=caller.user_id, entity_type="message_thread",
                 entity_id=thread.id, before=before, after=value)
    session.flush()


def set_priority(session: Session, caller: Caller | None, thread_id: object, priority: object) -> None:
    caller = _staff(caller)
    thread = _thread(session, thread_id)
    value = _priority(priority)
    ticket = ticket_for(session, thread)
    before = ticket.priority
    ticket.priority, ticket.updated_at = value, clock.now()
    session.add(ticket)
    audit.record(session, "support.priority", actor_user_id=caller.user_id, entity_type="message_thread",
                 entity_id=thread.id, before=before, after=value)
    session.flush()


def canned_replies(session: Session, caller: Caller | None) -> list[Canned]:
    _staff(caller)
    return list(_canned(session, ""))


def save_canned(session: Session, caller: Caller | None, canned_id: object, *, title: object, language: object,
                body: object) -> int:
    """Create (``canned_id`` None/"") or change a canned reply; returns its id."""
    caller = _staff(caller)
    title = clean_text(title, max_length=CANNED_TITLE_MAX, multiline=False, empty_message="Add a title.",
                       long_message="Use at most %(max)s characters for the title.", field="title")
    if not isinstance(language, str) or language not in LANGUAGES:
        raise ValidationError("Choose one of Meridian's languages.", code=SupportErrorCode.CANNED_LANGUAGE,
                              field="language")
    body = clean_text(body, max_length=CANNED_BODY_MAX, multiline=True, empty_message="Write the reply first.",
                      long_message="Use at most %(max)s characters for the reply.", field="body")
    now = clock.now()
    if canned_id in (None, ""):
        row = CannedReply(title=title, language=language, body=body, created_at=now, updated_at=now)
        before = None
    else:
        row = _canned_row(session, canned_id)
        before = f"{row.language}: {row.title}"
        row.title, row.language, row.body, row.updated_at = title, language, body, now
    session.add(row)
    session.flush()
    audit.record(session, "support.canned_saved", actor_user_id=caller.user_id, entity_type="canned_reply",
                 entity_id=row.id, before=before or "", after=f"{language}: {title}")
    return row.id


def _canned_row(session: Session, canned_id: object) -> CannedReply:
    cid = positive_id(canned_id)
    row = session.get(CannedReply, cid) if cid else None
    if row is None:
        raise NotFound("We couldn't find that canned reply.", code=SupportErrorCode.CANNED_NOT_FOUND)
    return row


def delete_canned(session: Session, caller: Caller | None, canned_id: object) -> None:
    caller = _staff(caller)
    row = _canned_row(session, canned_id)
    audit.record(session, "support.canned_deleted", actor_user_id=caller.user_id, entity_type="canned_reply",
                 entity_id=row.id, before=f"{row.language}: {row.title}", after="")
    session.delete(row)
    session.flush()


def open_count(session: Session, caller: Caller | None) -> int:
    """Support threads not solved (for a badge)."""
    _staff(caller)
    return session.exec(select(func.count()).select_from(MessageThread)
                        .join(SupportTicket, SupportTicket.thread_id == MessageThread.id, isouter=True)
                        .where(MessageThread.vendor_id.is_(None),
                               (SupportTicket.status != TicketStatus.SOLVED) | SupportTicket.id.is_(None))).one()


STATUS_LABELS = {TicketStatus.OPEN: N_("Open"), TicketStatus.WAITING: N_("Waiting"),
                 TicketStatus.SOLVED: N_("Solved")}
PRIORITY_LABELS = {TicketPriority.LOW: N_("Low"), TicketPriority.NORMAL: N_("Normal"),
                   TicketPriority.HIGH: N_("High"), TicketPriority.URGENT: N_("Urgent")}

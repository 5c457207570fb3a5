"""The desk's ticket row of a support thread, kept in step with the conversation.

Contract:
- :func:`ticket_for` returns the thread's :class:`SupportTicket`, creating an ``open``/``normal`` one for a
  support thread that has none yet (threads from before the desk, or the first message).
- :func:`customer_wrote` is called when the thread's customer (its ``shopper_id``) writes in a support thread:
  a ``waiting`` or ``solved`` ticket opens again. The first call records who wrote: a seller acting for a shop
  (``customer_kind`` ``seller`` and the shop) or a shopper.
Nothing here checks rights: callers (``support.messages``, ``support.desk``) have done that.
"""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import Session, select

from marketplace.accounts.service import Caller
from marketplace.core import clock
from marketplace.models import MessageThread, Role, SupportTicket


class TicketStatus(StrEnum):
    OPEN = "open"  # needs a staff answer
    WAITING = "waiting"  # staff answered; waiting for the customer
    SOLVED = "solved"  # done; a customer reply opens it again


class TicketPriority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


def ticket_for(session: Session, thread: MessageThread, customer: Caller | None = None) -> SupportTicket:
    ticket = session.exec(select(SupportTicket).where(SupportTicket.thread_id == thread.id)).first()
    if ticket is None:
        now = clock.now()
        seller = customer is not None and customer.role == Role.SELLER and customer.vendor_id is not None
        ticket = SupportTicket(thread_id=thread.id, status=TicketStatus.OPEN.value,
                               priority=TicketPriority.NORMAL.value, customer_kind="seller" if seller else "shopper",
                               vendor_id=customer.vendor_id if seller else None, created_at=now, updated_at=now)
        session.add(ticket)
        session.flush()
    return ticket


def customer_wrote(session: Session, thread: MessageThread, customer: Caller) -> None:
    ticket = ticket_for(session, thread, customer)
    if ticket.status != TicketStatus.OPEN:
        ticket.status, ticket.updated_at = TicketStatus.OPEN.value, clock.now()
        session.add(ticket)
        session.flush()

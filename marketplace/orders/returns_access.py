"""Finding a return request for the caller, and recording its moves.

Contract:
- :func:`return_for_shopper` -> the request when the caller is the signed-in shopper who asked for it;
  :func:`return_for_seller_or_staff` -> the request and its vendor order when the caller is staff or a seller
  of the order's vendor whose role holds ``capability`` (none named: owner or manager). Anyone else: ``NotAuthenticated`` (nobody signed in) or
  ``NotFound`` (``return_not_found``: another shopper's or another vendor's request reads as absent, so
  numbers cannot be probed). A number that is not a short string is ``NotFound`` too.
- :func:`move` changes a request's status along ``returns_status.ALLOWED`` (``return_state`` otherwise) and
  writes one ``OrderEvent`` of kind ``return`` on its vendor order (actor, from, to, the request number as
  reason); flushed in the caller's transaction.
"""

from __future__ import annotations

from sqlmodel import Session, select

from marketplace.accounts.guards import holds, require_staff_for, require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.core import clock
from marketplace.core.errors import NotAuthenticated, NotFound, ValidationError
from marketplace.core.i18n import N_
from marketplace.models import OrderEvent, ReturnRequest, Role, VendorOrder
from marketplace.orders.error_codes import ReturnErrorCode
from marketplace.orders.returns_status import EVENT_KIND, can_move


def _missing() -> NotFound:
    return NotFound(N_("We couldn't find that return."), code=ReturnErrorCode.RETURN_NOT_FOUND, field="number")


def _by_number(session: Session, number: object, *, lock: bool = False) -> ReturnRequest:
    if not isinstance(number, str) or not 1 <= len(number) <= 32:
        raise _missing()
    query = select(ReturnRequest).where(ReturnRequest.number == number)
    row = session.exec(query.with_for_update() if lock else query).first()
    if row is None:
        raise _missing()
    return row


def return_for_shopper(session: Session, caller: Caller | None, number: object, *,
                       lock: bool = False) -> tuple[Caller, ReturnRequest]:
    if caller is None:
        raise NotAuthenticated(N_("Please log in to continue."))
    row = _by_number(session, number, lock=lock)
    if row.user_id != caller.user_id:
        raise _missing()
    return caller, row


def return_for_seller_or_staff(session: Session, caller: Caller | None, number: object, *,
                               lock: bool = False, capability: Capability | None = None) -> tuple[Caller, ReturnRequest, VendorOrder]:
    if caller is None:
        raise NotAuthenticated(N_("Please log in to continue."))
    if holds(caller.role, Role.STAFF):
        caller, vendor_id = require_staff_for(caller, capability), None
    else:
        caller, vendor_id = require_vendor(caller, capability)
    row = _by_number(session, number, lock=lock)
    order = session.get(VendorOrder, row.vendor_order_id)
    if vendor_id is not None and order.vendor_id != vendor_id:
        raise _missing()
    return caller, row, order


def move(session: Session, row: ReturnRequest, target: str, *, actor_user_id: int | None,
         note: str | None = None) -> None:
    if not can_move(row.status, target):
        raise ValidationError(N_("This return is not at the step this needs."), code=ReturnErrorCode.STATE,
                              status=row.status)
    reason = f"{row.number}: {note}" if note else row.number
    session.add(OrderEvent(vendor_order_id=row.vendor_order_id, actor_user_id=actor_user_id, kind=EVENT_KIND,
                           from_status=row.status, to_status=str(target), reason=reason[:500], at=clock.now()))
    row.status, row.updated_at = str(target), clock.now()
    session.add(row)
    session.flush()

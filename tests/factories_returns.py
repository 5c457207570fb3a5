"""A return request in one call, for tests that need one without walking the whole return flow."""

from __future__ import annotations

from sqlmodel import Session

from marketplace.models import OrderLine, ReturnLine, ReturnRequest, VendorOrder


def return_request(session: Session, vendor_order: VendorOrder, line: OrderLine, user_id: int, *,
                   kind: str = "return", status: str = "requested", quantity: int = 1) -> ReturnRequest:
    row = ReturnRequest(number=f"{vendor_order.number}-R1", vendor_order_id=vendor_order.id, user_id=user_id,
                        kind=kind, status=status)
    session.add(row)
    session.flush()
    session.add(ReturnLine(return_id=row.id, order_line_id=line.id, quantity=quantity, reason="damaged"))
    session.flush()
    return row

"""Units of an order going back on the shelf: a canceled order's lines, a received return's lines.

Contract: :func:`restock_order` (the order was canceled before it shipped: every unit of every line) and
:func:`restock_return` (a received ``return`` or ``exchange``: the returned units; a ``repair`` goes back to the
shopper and restocks nothing) add the units to each line's variant through
``catalog.stock_history.change_stock`` in the caller's transaction, so each writes a history row with the
reason (``cancellation`` / ``return``), the actor and the order or return number. A line whose variant was
deleted is skipped. Returns the units put back.
"""

from __future__ import annotations

from sqlmodel import Session, select

from marketplace.catalog.stock_history import StockReason, change_stock
from marketplace.models import OrderLine, ReturnLine, ReturnRequest, Variant, VendorOrder


def restock_order(session: Session, order: VendorOrder, actor_user_id: int | None) -> int:
    lines = session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id)
                         .order_by(OrderLine.variant_id)).all()
    return _put_back(session, [(line.variant_id, line.quantity) for line in lines], StockReason.CANCELLATION,
                     actor_user_id, order.number)


def restock_return(session: Session, row: ReturnRequest, actor_user_id: int | None) -> int:
    if row.kind == "repair":
        return 0
    lines = session.exec(select(OrderLine.variant_id, ReturnLine.quantity)
                         .join(ReturnLine, ReturnLine.order_line_id == OrderLine.id)
                         .where(ReturnLine.return_id == row.id)).all()
    return _put_back(session, list(lines), StockReason.RETURN, actor_user_id, row.number)


def _put_back(session: Session, lines: list[tuple[int | None, int]], reason: StockReason, actor_user_id: int | None,
              reference: str) -> int:
    units: dict[int, int] = {}
    for variant_id, quantity in lines:
        if variant_id is not None and quantity > 0:
            units[variant_id] = units.get(variant_id, 0) + quantity
    put = 0
    for variant_id in sorted(units):  # ascending id: the same lock order as stock holds
        if session.get(Variant, variant_id) is None:
            continue
        change_stock(session, variant_id, delta=units[variant_id], reason=reason, actor_user_id=actor_user_id,
                     reference=reference)
        put += units[variant_id]
    return put


__all__ = ["restock_order", "restock_return"]

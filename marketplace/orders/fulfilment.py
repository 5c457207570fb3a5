"""After the payment: moving a vendor order's goods towards the shopper (the room the fulfilment issue fills).

Contract:
- A vendor order's ``fulfilment_status`` changes only through :func:`record_fulfilment`, which applies the
  ``"fulfilment"`` moves of :data:`marketplace.orders.status.ALLOWED` (``unfulfilled`` →
  ``partially_fulfilled`` → ``fulfilled`` → ``returned``) via :func:`marketplace.orders.status.transition`:
  one :class:`~marketplace.models.OrderEvent` (kind ``fulfilment``, actor, time, from, to, reason) per move,
  flushed in the caller's transaction (the caller commits; on SQLite inside ``immediate_scope``). A duplicate
  move is a no-op returning ``False``; a move the table refuses raises ``TransitionError`` and changes nothing.
- A parcel's carrier-side state is one of :class:`ShipmentStatus` (the strings stored in
  ``Shipment.status``, whose column default is ``label_pending``).
- ``actor_user_id`` is who did it (the seller, staff) taken from the server-side session, or ``None`` for
  the system (carrier webhooks, the worker).

What the fulfilment issue (#11) adds here, keeping the above: accept or reject (→ refund through
``orders.refunds``), pack, buy and void labels through ``integrations/carriers``, hand over (the order's
``status`` to ``shipped``), carrier tracking moving ``ShipmentStatus`` forward (with
``status.advance`` for out-of-order events), delivery (``payments.ledger.mark_delivered``), auto-complete,
cancellations and returns; each move that matters to the shopper sends an e-mail through the outbox.
"""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import Session

from marketplace.models import VendorOrder
from marketplace.orders import status
from marketplace.orders.status import FulfilmentStatus


class ShipmentStatus(StrEnum):
    """Where one parcel stands at the carrier (``Shipment.status``)."""

    LABEL_PENDING = "label_pending"  # the shipment exists, no label bought yet
    LABEL_CREATED = "label_created"  # label bought, not yet handed to the carrier
    IN_TRANSIT = "in_transit"  # the carrier has it
    OUT_FOR_DELIVERY = "out_for_delivery"  # on the last leg to the shopper
    DELIVERED = "delivered"  # the carrier reports delivery
    EXCEPTION = "exception"  # the carrier reports a problem (e.g. held at customs)
    RETURNED = "returned"  # sent back to the vendor


def record_fulfilment(session: Session, vendor_order: VendorOrder, target: FulfilmentStatus | str, *,
                      actor_user_id: int | None, reason: str | None = None) -> bool:
    """Move ``vendor_order``'s fulfilment status to ``target`` and record the order event.

    Returns ``True`` when it moved, ``False`` when it already had that status. Raises
    ``status.TransitionError`` for a move the table does not allow and ``status.UnknownStatus`` for a value
    that is not a :class:`FulfilmentStatus`; nothing changes then.
    """
    return status.transition(session, vendor_order, "fulfilment", target, actor_user_id=actor_user_id,
                             reason=reason)

"""Voiding a bought, not yet handed-over label when its order is canceled, so the seller is not charged.

Contract: :func:`void_bought_label(session, vendor_order_id, carrier, actor_user_id)` looks at the order's
latest parcel. With a label bought and not handed over (``label_created``) it asks ``carrier.void_label`` and
records the parcel ``voided`` (an order event of kind ``shipment``, with the actor) in the caller's
transaction, returning ``True``. Without such a label it does nothing and returns ``False``. A carrier that
refuses (``label_not_voidable``: it already has the parcel) raises its ``CarrierError`` before anything is
written, so the caller's transaction (the cancellation) rolls back whole. ``carrier`` ``None`` with a label to
void raises ``ValidationError`` (``shipment_state``). ``label_created`` is a ``fulfilment.ShipmentStatus``
value, named here as text because ``fulfilment`` imports the cancellation that calls this; ``voided`` is the
parcel status this module owns (the shopper's order page, ``orders.history``, has no label for it yet and
shows it as "Voided").
"""

from __future__ import annotations

from datetime import UTC

from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money
from marketplace.models import OrderEvent, Shipment
from marketplace.orders.carriers import Carrier, Label
from marketplace.orders.error_codes import OrderErrorCode

LABEL_CREATED = "label_created"  # fulfilment.ShipmentStatus.LABEL_CREATED
VOIDED = "voided"  # Shipment.status of a label voided before hand-over (its order was canceled)


def void_bought_label(session: Session, vendor_order_id: int, carrier: Carrier | None,
                      actor_user_id: int | None) -> bool:
    """Void the order's bought label at the carrier and record it (see the module contract)."""
    shipment = session.exec(select(Shipment).where(Shipment.vendor_order_id == vendor_order_id)
                            .order_by(Shipment.id.desc())).first()  # type: ignore[union-attr]
    if shipment is None or shipment.status != LABEL_CREATED:
        return False
    if carrier is None:
        raise ValidationError("The parcel's label must be voided at the carrier first.",
                              code=OrderErrorCode.SHIPMENT_STATE)
    bought = shipment.label_purchased_at or shipment.created_at
    carrier.void_label(Label(carrier=shipment.carrier, service=shipment.service,
                             tracking_number=shipment.tracking_number or "",
                             price=Money(shipment.cost_minor, shipment.cost_currency),
                             created_at=bought if bought.tzinfo else bought.replace(tzinfo=UTC),
                             url=shipment.label_path or "stored"))
    session.add(OrderEvent(vendor_order_id=vendor_order_id, actor_user_id=actor_user_id, kind="shipment",
                           from_status=LABEL_CREATED, to_status=VOIDED,
                           reason=f"label voided: {shipment.tracking_number or ''}"[:500], at=clock.now()))
    shipment.status = VOIDED
    session.add(shipment)
    session.flush()
    return True


__all__ = ["LABEL_CREATED", "VOIDED", "void_bought_label"]

"""Who may act on a vendor order after payment: its vendor's sellers, staff, and the shopper who bought it.

Contract:
- :func:`order_for_seller_or_staff` returns the caller and the vendor order when the caller is staff or an
  admin whose staff role fits (``require_staff_for(caller, capability)``) or a seller of the order's vendor
  whose role holds ``capability`` (``require_vendor(caller, capability)``; none named: owner or manager). Anyone else: :class:`NotAuthenticated` (nobody signed in) or
  :class:`PermissionDenied` (a shopper, or another vendor's seller: code ``not_your_order``).
- :func:`order_for_shopper` returns the vendor order when the caller is the signed-in shopper whose order
  group it belongs to; another user gets ``not_your_order``.
- :func:`order_for_staff` is the staff-only check with a named staff capability (``require_staff``): sellers,
  shoppers and staff whose role lacks it are refused (support cancels orders with ``CANCELLATIONS``).
- :func:`shipment_for_seller_or_staff` is the same check for a parcel, through its vendor order.
- An id that is not a positive int, or names no row, is :class:`NotFound` with ``field`` set.
- Nothing is written here.
"""

from __future__ import annotations

from sqlmodel import Session

from marketplace.accounts.guards import holds, require_staff, require_staff_for, require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core.errors import NotAuthenticated, NotFound, PermissionDenied
from marketplace.models import OrderGroup, Role, Shipment, VendorOrder
from marketplace.orders.error_codes import OrderErrorCode


def _positive_id(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def _order(session: Session, vendor_order_id: object) -> VendorOrder:
    order_id = _positive_id(vendor_order_id)
    order = session.get(VendorOrder, order_id) if order_id else None
    if order is None:
        raise NotFound("This order does not exist.", code=OrderErrorCode.ORDER_NOT_FOUND, field="vendor_order_id")
    return order


def _seller_or_staff(caller: Caller | None, capability: Capability | None) -> tuple[Caller, int | None]:
    """The caller and the vendor they act for (``None`` for staff, who act for every vendor)."""
    if caller is None:
        raise NotAuthenticated("Please log in to continue.")
    if holds(caller.role, Role.STAFF):
        return require_staff_for(caller, capability), None
    return require_vendor(caller, capability)


def order_for_seller_or_staff(session: Session, caller: Caller | None,
                              vendor_order_id: object, *,
                              capability: Capability | None = None) -> tuple[Caller, VendorOrder]:
    caller, vendor_id = _seller_or_staff(caller, capability)
    order = _order(session, vendor_order_id)
    if vendor_id is not None and order.vendor_id != vendor_id:
        raise PermissionDenied("This order belongs to another seller.", code=OrderErrorCode.NOT_YOUR_ORDER)
    return caller, order


def order_for_staff(session: Session, caller: Caller | None, vendor_order_id: object,
                    capability: StaffCapability) -> tuple[Caller, VendorOrder]:
    caller = require_staff(caller, capability)
    return caller, _order(session, vendor_order_id)


def shipment_for_seller_or_staff(session: Session, caller: Caller | None,
                                 shipment_id: object, *,
                                 capability: Capability | None = None) -> tuple[Caller, Shipment, VendorOrder]:
    caller, vendor_id = _seller_or_staff(caller, capability)
    row_id = _positive_id(shipment_id)
    shipment = session.get(Shipment, row_id) if row_id else None
    if shipment is None:
        raise NotFound("This parcel does not exist.", code=OrderErrorCode.SHIPMENT_NOT_FOUND, field="shipment_id")
    order = session.get(VendorOrder, shipment.vendor_order_id)
    if vendor_id is not None and order.vendor_id != vendor_id:
        raise PermissionDenied("This order belongs to another seller.", code=OrderErrorCode.NOT_YOUR_ORDER)
    return caller, shipment, order


def order_for_shopper(session: Session, caller: Caller | None, vendor_order_id: object) -> tuple[Caller, VendorOrder]:
    if caller is None:
        raise NotAuthenticated("Please log in to continue.")
    order = _order(session, vendor_order_id)
    group = session.get(OrderGroup, order.group_id)
    if group is None or group.user_id != caller.user_id:
        raise PermissionDenied("This order belongs to another customer.", code=OrderErrorCode.NOT_YOUR_ORDER)
    return caller, order

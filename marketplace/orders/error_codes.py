"""Error codes the orders domain raises (see ``marketplace.core.errors`` for the pattern)."""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class OrderErrorCode(StrEnum):
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    UNKNOWN_STATUS = "unknown_status"
    OUT_OF_STOCK = "out_of_stock"
    HOLD_LIMIT = "hold_limit"
    # cart (orders.cart)
    QUANTITY_INVALID = "quantity_invalid"
    ITEM_UNAVAILABLE = "item_unavailable"
    SOLD_OUT = "sold_out"
    CART_LINE_NOT_FOUND = "cart_line_not_found"
    # order history (orders.history, orders.status)
    ORDER_NOT_FOUND = "order_not_found"
    # stock holds (orders.stock)
    HOLD_DURATION_INVALID = "hold_duration_invalid"
    CHECKOUT_INVALID = "checkout_invalid"
    NOTHING_TO_RESERVE = "nothing_to_reserve"
    # fulfilment (orders.fulfilment*)
    NOT_YOUR_ORDER = "not_your_order"  # the order belongs to another vendor or another shopper
    REASON_REQUIRED = "reason_required"  # a rejection, cancellation or refusal needs a reason (1-500 characters)
    PACKAGE_INVALID = "package_invalid"  # a dimension or the weight is not a whole number in range
    SHIPMENT_NOT_FOUND = "shipment_not_found"  # no such parcel (or not one the caller may touch)
    SHIPMENT_STATE = "shipment_state"  # the parcel is not at the step this action needs (e.g. no label yet)
    LABEL_INVALID = "label_invalid"  # carrier, service, tracking number, label path, form or cost is not valid
    TRACKING_INVALID = "tracking_invalid"  # a tracking update with an unknown code or a malformed value
    CANCEL_NOT_REQUESTED = "cancel_not_requested"  # approve or decline without an open cancellation request
    CANCEL_ALREADY_REQUESTED = "cancel_already_requested"  # a second request while one is open

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

"""Error codes the orders domain raises (see ``marketplace.core.errors`` for the pattern)."""

from __future__ import annotations

from enum import StrEnum


class OrderErrorCode(StrEnum):
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    UNKNOWN_STATUS = "unknown_status"
    OUT_OF_STOCK = "out_of_stock"
    HOLD_LIMIT = "hold_limit"

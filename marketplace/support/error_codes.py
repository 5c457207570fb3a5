"""Error codes the support domain raises (see ``marketplace.core.errors`` for the pattern)."""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class SupportErrorCode(StrEnum):
    THREAD_NOT_FOUND = "thread_not_found"
    THREAD_ORDER_NOT_FOUND = "thread_order_not_found"

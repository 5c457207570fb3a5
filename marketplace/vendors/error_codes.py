"""Error codes the vendors domain raises (see ``marketplace.core.errors`` for the pattern)."""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class VendorErrorCode(StrEnum):
    SHOP_NOT_FOUND = "shop_not_found"
    SHOP_LOCKED = "shop_locked"
    SELLER_PRODUCT_NOT_FOUND = "seller_product_not_found"
    PRODUCT_OF_OTHER_SELLER = "product_of_other_seller"
    PRODUCT_BLOCKED = "product_blocked"
    VISIBILITY_INVALID = "visibility_invalid"
    SELLER_SEARCH_TOO_LONG = "seller_search_too_long"
    STATUS_FILTER_INVALID = "status_filter_invalid"

"""Error codes the catalog domain raises (see ``marketplace.core.errors`` for the pattern)."""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class CatalogErrorCode(StrEnum):
    PRODUCT_NOT_FOUND = "product_not_found"
    CATEGORY_NOT_FOUND = "category_not_found"
    SEARCH_INVALID = "search_invalid"
    QUERY_TOO_LONG = "query_too_long"
    FILTER_INVALID = "filter_invalid"
    PRICE_RANGE_INVALID = "price_range_invalid"
    SORT_INVALID = "sort_invalid"
    PAGE_INVALID = "page_invalid"
    MARKET_UNAVAILABLE = "market_unavailable"

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
    IMAGE_TOO_LARGE = "image_too_large"  # an uploaded picture is over 8 MB
    IMAGE_TYPE = "image_type"  # an uploaded file is not JPEG, PNG or WebP by its bytes (a renamed ZIP, an executable)
    IMAGE_SVG = "image_svg"  # an uploaded file is an SVG (refused: it can carry scripts)
    IMAGE_TOO_MANY_PIXELS = "image_too_many_pixels"  # over 40 megapixels, or a decompression bomb
    IMAGE_CORRUPT = "image_corrupt"  # truncated, damaged or empty picture data
    STOCK_QUANTITY_INVALID = "stock_quantity_invalid"  # a stock level or change that is not a whole number in range
    STOCK_NEGATIVE = "stock_negative"  # a decrease would leave fewer than 0 units (held units are already taken off)
    STOCK_REASON_INVALID = "stock_reason_invalid"  # a stock change without a known reason
    STOCK_NOTE_TOO_LONG = "stock_note_too_long"  # a stock change's reference or note over 120 characters
    VARIANT_NOT_FOUND = "variant_not_found"  # no such variant (or not the caller's vendor's)
    THRESHOLD_INVALID = "threshold_invalid"  # a low-stock threshold outside 0..10,000

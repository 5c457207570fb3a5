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

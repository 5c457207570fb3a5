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
    VARIANT_NOT_FOUND = "variant_not_found"  # no such variant, not one of this product's, or not the caller's vendor's
    THRESHOLD_INVALID = "threshold_invalid"  # a low-stock threshold outside 0..10,000
    # the catalogue editor and CSV import (catalog/editor.py, catalog/variant_rules.py, catalog/csv_io.py)
    NAME_INVALID = "name_invalid"  # a product name is empty or longer than 200 characters
    DESCRIPTION_TOO_LONG = "description_too_long"  # a description is over 10,000 characters
    LANGUAGE_INVALID = "language_invalid"  # a translation for a language the shop does not ship
    SKU_INVALID = "sku_invalid"  # empty, too long, or characters other than letters, digits, '-', '_', '.'
    SKU_TAKEN = "sku_taken"  # the SKU belongs to another variant (SKUs are unique platform-wide)
    SKU_REPEATED = "sku_repeated"  # the same SKU twice in one product or one file
    OPTION_INVALID = "option_invalid"  # an option name or value is too long, or a value without a name
    PRICE_INVALID = "price_invalid"  # not a decimal amount in the vendor's currency (or too many decimals)
    COMPARE_AT_INVALID = "compare_at_invalid"  # a compare-at price that is not above the price
    CURRENCY_INVALID = "currency_invalid"  # a price in another currency than the vendor's
    STOCK_INVALID = "stock_invalid"  # stock that is not a whole number between 0 and 1,000,000
    WEIGHT_INVALID = "weight_invalid"  # a weight that is not a whole number of grams between 1 and 1,000,000
    DIMENSION_INVALID = "dimension_invalid"  # a dimension that is not a whole number of mm up to 10,000
    HS_INVALID = "hs_invalid"  # an HS code that is malformed or not in the HS 2022 nomenclature
    ORIGIN_INVALID = "origin_invalid"  # a country of origin that is not an ISO 3166 country code
    VARIANTS_INVALID = "variants_invalid"  # no variant, or more than the editor allows
    NOT_PUBLISHABLE = "not_publishable"  # a product missing an HS code, origin, weight or price cannot be listed
    SHOP_LOCKED = "shop_locked"  # the shop is not approved (pending, suspended, closed): nothing can be listed
    PRODUCT_BLOCKED = "product_blocked"  # staff blocked the product: the seller cannot publish it
    SLUG_TAKEN = "slug_taken"  # a CSV product handle that belongs to another seller's product
    CSV_INVALID = "csv_invalid"  # a file that is not a UTF-8 CSV with the documented header, or too big
    REVIEW_NOT_FOUND = "review_not_found"  # no such review (or not one waiting for moderation)
    REVIEW_ACTION_INVALID = "review_action_invalid"  # a moderation action other than approve / reject
    REVIEW_ALREADY_MODERATED = "review_already_moderated"  # the review was approved or rejected meanwhile
    REVIEW_REASON_INVALID = "review_reason_invalid"  # a rejection needs a reason of 1-500 characters
    REPORT_INVALID = "report_invalid"  # a product report with an unknown reason or a text over 1000 characters
    REPORT_DUPLICATE = "report_duplicate"  # the shopper already has an open report on this product
    PRODUCT_ACTION_INVALID = "product_action_invalid"  # a product moderation action other than approve/hide/remove
    PRODUCT_REMOVED = "product_removed"  # staff removed the product for good: no approval, no republishing
    PRODUCT_REASON_INVALID = "product_reason_invalid"  # a product moderation action needs a reason (1-500 chars)
    PRODUCT_NOT_FLAGGED = "product_not_flagged"  # approve/hide/remove of a product with no open flag
    KEYWORD_INVALID = "keyword_invalid"  # a moderation keyword that is empty, too long or already listed

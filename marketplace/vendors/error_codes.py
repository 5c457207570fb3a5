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
    NOT_PUBLISHABLE = "not_publishable"  # listing a product that misses an HS code, origin, weight or price
    SELLER_SEARCH_TOO_LONG = "seller_search_too_long"
    STATUS_FILTER_INVALID = "status_filter_invalid"
    IMAGES_MISSING = "images_missing"  # an upload without any file
    TOO_MANY_IMAGES = "too_many_images"  # a product would have more than vendors/images.py::MAX_IMAGES pictures
    IMAGE_NOT_FOUND = "image_not_found"  # the picture id is not one of this product's pictures
    IMAGE_MOVE_INVALID = "image_move_invalid"  # a move other than one place up or down
    IMAGE_ALT_TOO_LONG = "image_alt_too_long"  # alt text not a string or over 200 characters

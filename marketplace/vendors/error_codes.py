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
    IMAGES_MISSING = "images_missing"  # an upload without any file
    TOO_MANY_IMAGES = "too_many_images"  # a product would have more than vendors/images.py::MAX_IMAGES pictures
    IMAGE_NOT_FOUND = "image_not_found"  # the picture id is not one of this product's pictures
    IMAGE_MOVE_INVALID = "image_move_invalid"  # a move other than one place up or down
    IMAGE_ALT_TOO_LONG = "image_alt_too_long"  # alt text not a string or over 200 characters
    # the seller's team (vendors/team.py)
    TEAM_ROLE_INVALID = "team_role_invalid"  # a role other than owner, manager or packer
    TEAM_ALREADY_MEMBER = "team_already_member"  # the address (or account) is already in this team
    TEAM_ALREADY_INVITED = "team_already_invited"  # the address has a pending invitation: resend it instead
    TEAM_TOO_MANY_INVITES = "team_too_many_invites"  # the team has team.MAX_PENDING pending invitations
    TEAM_INVITATION_NOT_FOUND = "team_invitation_not_found"  # no pending invitation of the caller's team has this id
    TEAM_MEMBER_NOT_FOUND = "team_member_not_found"  # no member of the caller's team has this user id
    TEAM_LAST_OWNER = "team_last_owner"  # the change would leave the team without an owner
    INVITE_UNKNOWN = "invite_unknown"  # the link's token names no invitation (mistyped, or replaced by a resend)
    INVITE_EXPIRED = "invite_expired"  # the invitation is older than team.INVITE_TTL
    INVITE_REVOKED = "invite_revoked"  # the owner withdrew the invitation
    INVITE_USED = "invite_used"  # the invitation was accepted already
    INVITE_WRONG_ACCOUNT = "invite_wrong_account"  # signed in with another address than the invited one
    INVITE_OTHER_VENDOR = "invite_other_vendor"  # the account already acts for another seller (one per account)
    INVITE_STAFF = "invite_staff"  # staff and admin accounts cannot join a seller
    INVITE_HAS_ACCOUNT = "invite_has_account"  # creating an account for an address that has one: log in instead

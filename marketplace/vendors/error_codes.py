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
    # sign-up and verification (vendors/onboarding.py, tax_ids.py, payout_accounts.py, documents.py)
    ALREADY_A_SELLER = "already_a_seller"  # the account already acts for a shop (one shop per account)
    ACCOUNT_CANNOT_SELL = "account_cannot_sell"  # staff and admin accounts cannot open a shop
    SHOP_ACTION_NOT_ALLOWED = "shop_action_not_allowed"  # the shop's status does not allow this action (shop_status.py)
    PROFILE_INVALID = "profile_invalid"  # one or more profile fields are wrong (ProfileInvalid.errors names them)
    PROFILE_FIELD_REQUIRED = "profile_field_required"  # a required profile field is empty
    PROFILE_FIELD_TOO_LONG = "profile_field_too_long"  # a profile field is longer than its limit
    SELLER_COUNTRY_INVALID = "seller_country_invalid"  # not a country the platform ships from
    TAX_ID_REQUIRED = "tax_id_required"  # the country has a tax id scheme and none was given
    TAX_ID_LENGTH = "tax_id_length"  # the tax id has the wrong number of characters for its scheme
    TAX_ID_CHECKSUM = "tax_id_checksum"  # the tax id's check digits do not add up
    TAX_ID_PREFIX = "tax_id_prefix"  # a VAT number whose country prefix is not the shop's country
    TAX_ID_FORMAT = "tax_id_format"  # the tax id has characters or parts its scheme does not allow
    EORI_INVALID = "eori_invalid"  # not shaped like an EORI number (country code + up to 15 letters or digits)
    IOSS_INVALID = "ioss_invalid"  # not IM followed by 10 digits
    RETURN_WINDOW_INVALID = "return_window_invalid"  # not a whole number of days from 14 to 365
    PAYOUT_UNSUPPORTED = "payout_unsupported"  # no bank-account payouts to this country (use Stripe)
    PAYOUT_INVALID = "payout_invalid"  # a payout account field is wrong (PayoutInvalid.errors names it)
    DOCUMENT_MISSING = "document_missing"  # an upload without any file
    DOCUMENT_TOO_LARGE = "document_too_large"  # over documents.py::MAX_BYTES
    DOCUMENT_TYPE = "document_type"  # not a PDF, JPEG or PNG by its bytes
    DOCUMENT_LIMIT = "document_limit"  # the shop already has documents.py::MAX_DOCUMENTS files
    DOCUMENT_NOT_FOUND = "document_not_found"  # not one of the caller's shop's documents
    VENDOR_NOT_PENDING = "vendor_not_pending"  # approve asked for a shop that is not pending
    VENDOR_TRANSITION_INVALID = "vendor_transition_invalid"  # a moderation action the shop's status does not allow
    MODERATION_ACTION_INVALID = "moderation_action_invalid"  # not approve, reject, suspend, reinstate or terminate
    MODERATION_REASON_INVALID = "moderation_reason_invalid"  # a staff action without a reason, or over 500 chars
    STRIPE_ONBOARDING_UNAVAILABLE = "stripe_onboarding_unavailable"  # Stripe did not answer the onboarding call
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
    STOCK_SELECTION_INVALID = "stock_selection_invalid"  # a bulk stock edit without variants, or over 100 of them
    STOCK_MODE_INVALID = "stock_mode_invalid"  # a bulk stock edit that neither sets nor adds
    STOCK_FILTER_INVALID = "stock_filter_invalid"  # a stock page filter other than all, low or out
    VARIANT_OF_OTHER_SELLER = "variant_of_other_seller"  # a variant id that is not the caller's vendor's (or none)

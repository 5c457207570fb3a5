"""Error codes the accounts domain raises (see ``marketplace.core.errors`` for the pattern).

A ``StrEnum`` member equals its value, so a value another domain's enum also uses must name the same thing
(the same member name); ``tests/unit/core/test_error_codes.py`` checks it. ``api.auth_routes`` maps these
codes, never the English messages, to the codes its forms show.
"""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class AccountErrorCode(StrEnum):
    # sign-up and log-in (accounts.service, accounts.passwords)
    EMAIL_REQUIRED = "email_required"
    EMAIL_INVALID = "email_invalid"
    PASSWORD_REQUIRED = "password_required"  # noqa: S105 - an error code, not a password
    PASSWORD_TOO_SHORT = "password_too_short"  # noqa: S105
    PASSWORD_TOO_LONG = "password_too_long"  # noqa: S105
    NAME_REQUIRED = "name_required"
    NAME_TOO_LONG = "name_too_long"
    INVALID_CREDENTIALS = "invalid_credentials"
    LOGIN_THROTTLED = "login_throttled"
    RATE_LIMITED = "rate_limited"
    # roles and access (accounts.service.set_role, accounts.guards)
    ROLE_INVALID = "role_invalid"
    ACCOUNT_NOT_FOUND = "account_not_found"
    ROLE_NOT_ALLOWED = "role_not_allowed"
    NOT_A_SELLER = "not_a_seller"
    SELLER_ROLE_CANNOT = "seller_role_cannot"  # the member's role in their shop does not include this (packer on money)
    STAFF_ROLE_CANNOT = "staff_role_cannot"  # the staff member's role does not include this (support on refunds)
    # staff accounts and locking (accounts.staff_admin)
    STAFF_ROLE_INVALID = "staff_role_invalid"  # not moderator, support or finance
    STAFF_TARGET_SELF = "staff_target_self"  # admins cannot change, demote or lock their own account
    STAFF_TARGET_ADMIN = "staff_target_admin"  # an admin account is not changed or locked from the console
    STAFF_TARGET_SELLER = "staff_target_seller"  # a seller's account cannot become staff (one account, one side)
    LOCK_REASON_INVALID = "lock_reason_invalid"  # locking and unlocking need a reason of 1-500 characters
    # addresses (accounts.address_format, accounts.addresses)
    COUNTRY_REQUIRED = "country_required"
    COUNTRY_UNKNOWN = "country_unknown"
    COUNTRY_NOT_SHIPPED = "country_not_shipped"
    PHONE_REQUIRED = "phone_required"
    PHONE_INVALID = "phone_invalid"
    ADDRESS_INVALID = "address_invalid"
    ADDRESS_NOT_FOUND = "address_not_found"
    ADDRESS_LABEL_TAKEN = "address_label_taken"
    ADDRESS_LIMIT = "address_limit"
    # reviews (accounts.reviews)
    PURCHASE_NOT_FOUND = "purchase_not_found"
    NOT_DELIVERED = "not_delivered"
    ALREADY_REVIEWED = "already_reviewed"
    RATING_INVALID = "rating_invalid"
    # wishlist (accounts.wishlist)
    WISHLIST_PRODUCT_NOT_FOUND = "wishlist_product_not_found"
    WISHLIST_FULL = "wishlist_full"
    # the staff audit log viewer (accounts.audit_log)
    AUDIT_ACTOR_INVALID = "audit_actor_invalid"  # the actor filter is neither an e-mail, a user id nor "system"
    AUDIT_ACTOR_UNKNOWN = "audit_actor_unknown"  # no account has that e-mail or id
    AUDIT_ACTION_INVALID = "audit_action_invalid"  # not an action name (letters, digits, "_", ".") or too long
    AUDIT_OBJECT_INVALID = "audit_object_invalid"  # bad object type or id, or an id without a type
    AUDIT_DATE_INVALID = "audit_date_invalid"  # a date that is not YYYY-MM-DD
    AUDIT_DATE_RANGE = "audit_date_range"  # "from" after "to", or a span longer than the limit
    AUDIT_PAGE_INVALID = "audit_page_invalid"  # a page number out of range

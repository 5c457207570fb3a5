"""Checkout's error codes: why a checkout cannot start, continue or be paid (Saleor's per-domain pattern).

Contract: every :class:`~marketplace.checkout.service.CheckoutError` and every checkout
:class:`~marketplace.core.errors.Problem` carries a member of :class:`CheckoutErrorCode`. The values are the
stable strings callers compared before the enum existed, so ``error.code == "out_of_stock"`` still holds.
Card refusals keep the payment provider's code: the ones the gateways raise are members; any other provider
code becomes ``PAYMENT_FAILED`` with the provider's own code on ``CheckoutError.provider_code``.
"""

from __future__ import annotations

from enum import StrEnum


class CheckoutErrorCode(StrEnum):
    # the checkout or order asked for is not this cart's (or does not exist)
    CHECKOUT_NOT_FOUND = "checkout_not_found"
    ORDER_NOT_FOUND = "order_not_found"
    # the cart cannot be priced or paid (problems of a price)
    EMPTY_CART = "empty_cart"
    UNAVAILABLE = "unavailable"
    OUT_OF_STOCK = "out_of_stock"
    NOT_SHIPPABLE = "not_shippable"
    PROHIBITED = "prohibited"
    OVER_LIMIT = "over_limit"
    NOT_QUOTABLE = "not_quotable"
    # the checkout itself
    INVALID_REQUEST = "invalid_request"
    ADDRESS_COUNTRY = "address_country"
    NOT_OPEN = "not_open"
    CHECKOUT_CHANGED = "checkout_changed"
    SOLD_OUT_REFUNDED = "sold_out_refunded"
    ALREADY_PLACED = "already_placed"
    # payment
    NO_PAYMENT = "no_payment"
    PAYMENT_UNAVAILABLE = "payment_unavailable"
    PAYMENT_FAILED = "payment_failed"
    PAYMENT_MISMATCH = "payment_mismatch"
    PAYMENT_UNDER_WAY = "payment_under_way"
    # card refusals the gateways report (Stripe's codes)
    CARD_DECLINED = "card_declined"
    GENERIC_DECLINE = "generic_decline"
    INSUFFICIENT_FUNDS = "insufficient_funds"
    INCORRECT_NUMBER = "incorrect_number"
    EXPIRED_CARD = "expired_card"
    INVALID_EXPIRY_MONTH = "invalid_expiry_month"
    INVALID_EXPIRY_YEAR = "invalid_expiry_year"
    INCORRECT_CVC = "incorrect_cvc"
    AUTHENTICATION_FAILED = "authentication_failed"
    PROCESSING_ERROR = "processing_error"


__all__ = ["CheckoutErrorCode"]

"""Error codes the payments domain raises (see ``marketplace.core.errors`` for the pattern).

``payments.cards`` (card-form parsing) and the checkout package keep their own codes.
"""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class PaymentErrorCode(StrEnum):
    SELLER_NOT_FOUND = "seller_not_found"
    VENDOR_ORDER_NOT_FOUND = "vendor_order_not_found"
    PAYOUT_NOT_FOUND = "payout_not_found"
    NO_ORDER_LINES = "no_order_lines"
    MIXED_CURRENCIES = "mixed_currencies"
    NEGATIVE_HOLD = "negative_hold"
    STRIPE_ACCOUNT_INVALID = "stripe_account_invalid"
    REFUND_LINE_NOT_IN_ORDER = "refund_line_not_in_order"
    REFUND_LINE_REPEATED = "refund_line_repeated"
    REFUND_QUANTITY_INVALID = "refund_quantity_invalid"
    REFUND_QUANTITY_EXCEEDED = "refund_quantity_exceeded"
    NOTHING_TO_REFUND = "nothing_to_refund"
    REFUND_EXCEEDS_PAID = "refund_exceeds_paid"
    NO_PAYMENT_TO_REFUND = "no_payment_to_refund"
    REFUND_REFERENCE_INVALID = "refund_reference_invalid"
    REFUND_REFERENCE_REUSED = "refund_reference_reused"
    ORDER_CHANGED = "order_changed"
    LEDGER_FILTER_INVALID = "ledger_filter_invalid"  # a money-page filter (kind, month, page) outside its fixed set

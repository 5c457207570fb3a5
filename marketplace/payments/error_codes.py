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
    FX_CURRENCY_INVALID = "fx_currency_invalid"  # an override's currency is not one the platform converts
    FX_RATE_INVALID = "fx_rate_invalid"  # an override rate that is not a positive decimal within bounds
    FX_EXPIRY_INVALID = "fx_expiry_invalid"  # an override expiry in the past, too far ahead or malformed
    FX_REASON_REQUIRED = "fx_reason_required"  # an override or its removal without a reason (or too long)
    FX_OVERRIDE_NOT_FOUND = "fx_override_not_found"  # no active override with that id
    COMMISSION_SCOPE_INVALID = "commission_scope_invalid"  # a rule scope, vendor or category that does not fit
    COMMISSION_RATE_INVALID = "commission_rate_invalid"  # a rate that is not 0-50 % with at most 2 decimals
    COMMISSION_DATES_INVALID = "commission_dates_invalid"  # malformed dates, an end not after the start, a past start
    COMMISSION_OVERLAP = "commission_overlap"  # another rule of the same scope covers part of the period
    COMMISSION_RULE_NOT_FOUND = "commission_rule_not_found"  # no rule with that id
    COMMISSION_RULE_ENDED = "commission_rule_ended"  # the rule already ended
    COMMISSION_REASON_REQUIRED = "commission_reason_required"  # adding or ending a rule without a reason

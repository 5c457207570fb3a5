"""Error codes the orders domain raises (see ``marketplace.core.errors`` for the pattern)."""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class OrderErrorCode(StrEnum):
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    UNKNOWN_STATUS = "unknown_status"
    OUT_OF_STOCK = "out_of_stock"
    HOLD_LIMIT = "hold_limit"
    # cart (orders.cart)
    QUANTITY_INVALID = "quantity_invalid"
    ITEM_UNAVAILABLE = "item_unavailable"
    SOLD_OUT = "sold_out"
    CART_LINE_NOT_FOUND = "cart_line_not_found"
    # order history (orders.history, orders.status)
    ORDER_NOT_FOUND = "order_not_found"
    # stock holds (orders.stock)
    HOLD_DURATION_INVALID = "hold_duration_invalid"
    CHECKOUT_INVALID = "checkout_invalid"
    NOTHING_TO_RESERVE = "nothing_to_reserve"
    # customs data of a vendor order (orders.customs_data); each problem's field names the line or address field
    CUSTOMS_DATA_INCOMPLETE = "customs_data_incomplete"  # one or more problems below block the label
    CUSTOMS_NOT_REQUIRED = "customs_not_required"  # domestic or inside the EU: no customs declaration
    CUSTOMS_HS_CODE_MISSING = "customs_hs_code_missing"
    CUSTOMS_ORIGIN_MISSING = "customs_origin_missing"
    CUSTOMS_WEIGHT_MISSING = "customs_weight_missing"
    CUSTOMS_VALUE_MISSING = "customs_value_missing"
    CUSTOMS_LINE_INVALID = "customs_line_invalid"  # the engine refuses a line (vague description, bad HS code)
    CUSTOMS_ADDRESS_INCOMPLETE = "customs_address_incomplete"  # a sender or recipient address field is empty
    CUSTOMS_IDENTIFIER_INVALID = "customs_identifier_invalid"  # the platform's IOSS or UK VAT number is malformed
    CUSTOMS_RATES_UNAVAILABLE = "customs_rates_unavailable"  # no SDR/FX rate to value the parcel
    # fulfilment (orders.fulfilment*)
    NOT_YOUR_ORDER = "not_your_order"  # the order belongs to another vendor or another shopper
    REASON_REQUIRED = "reason_required"  # a rejection, cancellation or refusal needs a reason (1-500 characters)
    PACKAGE_INVALID = "package_invalid"  # a dimension or the weight is not a whole number in range
    SHIPMENT_NOT_FOUND = "shipment_not_found"  # no such parcel (or not one the caller may touch)
    SHIPMENT_STATE = "shipment_state"  # the parcel is not at the step this action needs (e.g. no label yet)
    LABEL_INVALID = "label_invalid"  # carrier, service, tracking number, label path, form or cost is not valid
    LABEL_DATA_INCOMPLETE = "label_data_incomplete"  # address, parcel or customs problems block the label (listed)
    TRACKING_INVALID = "tracking_invalid"  # a tracking update with an unknown code or a malformed value
    CANCEL_NOT_REQUESTED = "cancel_not_requested"  # approve or decline without an open cancellation request
    CANCEL_ALREADY_REQUESTED = "cancel_already_requested"  # a second request while one is open
    TRACKING_LINK_INVALID = "tracking_link_invalid"  # a /track token that is malformed, forged or names no parcel
    # the seller's order list and bulk print (orders.seller_orders, orders.bulk_print)
    SEARCH_INVALID = "order_search_invalid"  # an order search that is not text or over 100 characters
    PRINT_SELECTION_INVALID = "print_selection_invalid"  # bulk print without orders, over 50, or an unknown kind
    NOTHING_TO_PRINT = "nothing_to_print"  # none of the selected orders has the chosen document stored
    # staff orders (orders.staff_orders)
    REFUND_REFERENCE_INVALID = "staff_refund_reference_invalid"  # a staff refund without a valid idempotency key


@unique
class CarrierErrorCode(StrEnum):
    """Why a carrier (``orders/carriers.py``, adapters in ``integrations/carriers/``) refused a request."""

    ADDRESS_INVALID = "address_invalid"  # a sender or recipient field is missing or malformed
    PARCEL_INVALID = "parcel_invalid"  # weight or dimensions missing, not whole numbers, or too big
    CUSTOMS_INVALID = "customs_invalid"  # a customs line is missing or incomplete where customs applies
    SERVICE_UNAVAILABLE = "service_unavailable"  # no service (or not the one asked for) carries this parcel
    RATE_NOT_OFFERED = "rate_not_offered"  # buying a rate this carrier does not offer for the shipment
    LABEL_NOT_VOIDABLE = "label_not_voidable"  # the carrier already has the parcel (or never issued the label)
    TRACKING_UNKNOWN = "tracking_unknown"  # the carrier issued no such tracking number
    CARRIER_UNAVAILABLE = "carrier_unavailable"  # transient (timeout, 429, 503): the outbox retries
    CARRIER_ACCOUNT = "carrier_account"  # the carrier refused our account (API key, billing): staff fix the settings


@unique
class ReturnErrorCode(StrEnum):
    """Why a return, exchange or repair request (``orders/returns*.py``) was refused."""

    RETURN_NOT_FOUND = "return_not_found"  # no such return request, or not one the caller may see
    NOT_DELIVERED = "return_not_delivered"  # only a delivered order can be returned
    WINDOW_CLOSED = "return_window_closed"  # more than the vendor's return window days after delivery
    NOTHING_CHOSEN = "return_nothing_chosen"  # no line with a quantity of at least 1
    LINE_INVALID = "return_line_invalid"  # an unknown or repeated line, or a malformed entry
    QUANTITY_EXCEEDED = "return_quantity_exceeded"  # more units than delivered minus already returned
    REASON_REQUIRED = "return_reason_required"  # a line without a known reason, or a note over 500 characters
    KIND_INVALID = "return_kind_invalid"  # not return, exchange or repair
    STATE = "return_state"  # the request is not at the step this action needs
    DECLINE_REASON_REQUIRED = "return_decline_reason_required"  # a decline needs a reason (1-500 characters)
    LABEL_FAILED = "return_label_failed"  # an address or the customs data of the return parcel is incomplete
    OUT_OF_STOCK = "return_out_of_stock"  # no unit of the variant left to send as a replacement

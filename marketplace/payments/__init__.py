"""Payments: one gateway interface (``gateway``), the embedded test-mode gateway (``embedded``), card
checks (``cards``), Stripe webhooks (``webhooks``) and the configuration switch (``factory``). The Stripe
adapter lives in ``marketplace.integrations.stripe_gateway``. No Reflex here."""

from marketplace.payments.gateway import (
    CardDetails,
    GatewayError,
    IdempotencyConflict,
    Intent,
    IntentStatus,
    InvalidIntentState,
    PaymentDeclined,
    PaymentGateway,
    RefundResult,
    TransferResult,
    UnknownIntent,
    from_provider_amount,
    to_provider_amount,
)

__all__ = [
    "CardDetails",
    "GatewayError",
    "IdempotencyConflict",
    "Intent",
    "IntentStatus",
    "InvalidIntentState",
    "PaymentDeclined",
    "PaymentGateway",
    "RefundResult",
    "TransferResult",
    "UnknownIntent",
    "from_provider_amount",
    "to_provider_amount",
]

"""Payments: one gateway interface (``gateway``), the embedded test-mode gateway (``embedded``), card checks
(``cards``), Stripe webhooks (``webhooks``), commission, the vendor ledger, refunds and payouts. The Stripe
adapter and the configuration switch live in ``marketplace.integrations`` (``stripe_gateway``,
``payment_gateways``). No Reflex here."""

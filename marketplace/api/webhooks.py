"""``POST /api/webhooks/stripe``: Stripe's events, verified over the raw body and queued for the worker
(see ``marketplace.checkout.events``). 503 when no ``STRIPE_WEBHOOK_SECRET`` is configured.

``POST /api/webhooks/easypost`` (``routes.API_WEBHOOK_EASYPOST``): EasyPost's events, verified with the SDK's
HMAC check and tracker reports applied at once (``integrations.carriers.easypost_webhook``). 503 when no
``EASYPOST_WEBHOOK_SECRET`` is configured, 400 on a bad signature or body, 200 otherwise."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from marketplace import routes
from marketplace.checkout.events import receive_stripe_webhook
from marketplace.core.db import get_engine
from marketplace.core.settings import get_settings
from marketplace.integrations.carriers.easypost_webhook import receive_easypost_webhook

MAX_BODY = 512 * 1024


async def stripe_webhook(request: Request) -> Response:
    secret = get_settings().stripe_webhook_secret
    if not secret:
        return JSONResponse({"error": "webhooks_not_configured"}, status_code=503)
    body = await request.body()
    if len(body) > MAX_BODY:
        return JSONResponse({"error": "payload_too_large"}, status_code=413)
    status, outcome = await asyncio.to_thread(receive_stripe_webhook, get_engine(), body,
                                              request.headers.get("stripe-signature"), secret)
    return JSONResponse({"result" if status == 200 else "error": outcome}, status_code=status)


async def easypost_webhook(request: Request) -> Response:
    secret = get_settings().easypost_webhook_secret
    if not secret:
        return JSONResponse({"error": "webhooks_not_configured"}, status_code=503)
    body = await request.body()
    if len(body) > MAX_BODY:
        return JSONResponse({"error": "payload_too_large"}, status_code=413)
    status, outcome = await asyncio.to_thread(receive_easypost_webhook, get_engine(), body,
                                              request.headers.get("x-hmac-signature"), secret)
    return JSONResponse({"result" if status == 200 else "error": outcome}, status_code=status)


ROUTES = [Route("/api/webhooks/stripe", stripe_webhook, methods=["POST"]),
          Route(routes.API_WEBHOOK_EASYPOST, easypost_webhook, methods=["POST"])]

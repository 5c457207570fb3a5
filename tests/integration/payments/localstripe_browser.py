"""localstripe plus what real Stripe.js does in the browser: confirming a PaymentIntent with its client secret
and a card typed into a Card Element (``stripe.confirmCardPayment(secret, {payment_method: {card}})``).

localstripe 1.15's Stripe.js stand-in only runs the 3-D Secure step of an intent the *server* confirmed; its
``confirmCardPayment`` ignores the card. Real Stripe.js sends ``POST /v1/payment_intents/<id>/confirm`` with
the publishable key, the client secret and ``payment_method_data`` (the card goes from the browser straight to
Stripe). This module adds exactly that, and nothing else:

- a middleware answering that request (publishable key + matching client secret; the card becomes a
  PaymentMethod; a card that needs authentication leaves the intent in ``requires_action``);
- the stand-in script at ``/js.stripe.com/v3/`` extended so its ``confirmCardPayment`` sends the card as
  above, then runs localstripe's own 3-D Secure dialog when the intent asks for it.

Run it like localstripe: ``python -m tests.integration.payments.localstripe_browser --port N --from-scratch``.
"""

from __future__ import annotations

import re
from pathlib import Path

from aiohttp import web
from localstripe import server
from localstripe.errors import UserError
from localstripe.resources import PaymentIntent, PaymentMethod

_CONFIRM = re.compile(r"^/v1/payment_intents/(pi_\w+)/confirm$")
_JS = (Path(server.__file__).with_name("localstripe-v3.js")).read_text()
_JS_PATCH = r"""
;(function () {
  const Base = Stripe;
  Stripe = function (apiKey) {
    const stripe = Base(apiKey);
    const authenticate = stripe.confirmCardPayment;
    stripe.confirmCardPayment = async (clientSecret, data) => {
      const element = data && data.payment_method && data.payment_method.card;
      if (!element) return authenticate(clientSecret, data);
      const card = element.value && element.value.card;
      if (!card || !card.number) {
        return {error: {type: 'validation_error', code: 'incomplete_number',
                        message: 'Your card number is incomplete.'}};
      }
      const pi = clientSecret.match(/^(pi_\w+)_secret_/)[1];
      const response = await fetch(`${LOCALSTRIPE_BASE_API}/v1/payment_intents/${pi}/confirm`, {
        method: 'POST',
        body: JSON.stringify({key: apiKey, client_secret: clientSecret,
                              payment_method_data: {type: 'card', card: card}}),
      });
      const body = await response.json().catch(() => ({}));
      if (response.status !== 200 || body.error) return {error: body.error || {type: 'api_error'}};
      if (body.status === 'requires_action') return authenticate(clientSecret, data);
      return {paymentIntent: body};
    };
    return stripe;
  };
})();
"""


@web.middleware
async def browser_confirm(request: web.Request, handler):  # noqa: ANN001, ANN201
    if request.method == "GET" and request.path == "/js.stripe.com/v3/":
        return web.Response(text=_JS + _JS_PATCH, content_type="application/javascript")
    match = _CONFIRM.match(request.path)
    if request.method != "POST" or match is None:
        return await handler(request)
    data = await server.get_post_data(request, remove_auth=False) or {}
    if not str(data.get("key", "")).startswith("pk_"):
        return await handler(request)  # a server-side confirm (secret key): localstripe's own route
    intent = PaymentIntent._api_retrieve(match.group(1))
    if data.get("client_secret") != intent.client_secret:
        raise UserError(401, "Unauthorized")
    card_data = data.get("payment_method_data")
    if not isinstance(card_data, dict) or intent.status not in ("requires_payment_method", "requires_confirmation"):
        raise UserError(400, "Bad request")
    method = PaymentMethod._api_create(**card_data)
    intent.payment_method = method.id
    intent.latest_charge = None
    intent._confirm(on_failure_now=intent._report_failure)
    return server.json_response(intent._export())


server.app.middlewares.insert(1, browser_confirm)  # after error_middleware (UserError → response), before auth


if __name__ == "__main__":
    server.start()

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

Run it like localstripe: ``python -m tests.integration.payments.localstripe_browser --port N --from-scratch``,
or ``running_localstripe(log_path)`` (a context manager yielding its base URL; integration and e2e fixtures).
Importing this module changes nothing: localstripe is patched only in the process that runs it.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
_CONFIRM = re.compile(r"^/v1/payment_intents/(pi_\w+)/confirm$")
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


class LocalstripeUnavailable(RuntimeError):
    """localstripe could not start (the message says why); fixtures skip with it."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@contextmanager
def running_localstripe(log_path: Path) -> Iterator[str]:
    """Start this module on a free loopback port; yield ``http://127.0.0.1:<port>``; stop it on exit.

    Raises:
        LocalstripeUnavailable: it could not start or did not answer within 15 s.
    """
    port = _free_port()
    with log_path.open("wb") as log:
        try:
            proc = subprocess.Popen([sys.executable, "-m", "tests.integration.payments.localstripe_browser",
                                     "--port", str(port), "--from-scratch"],
                                    cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        except OSError as exc:
            raise LocalstripeUnavailable(f"localstripe could not start: {exc}") from exc
        try:
            deadline = time.monotonic() + 15
            while not _answers(port):
                if proc.poll() is not None:
                    tail = log_path.read_text(errors="replace")[-800:]
                    raise LocalstripeUnavailable(f"localstripe exited with {proc.returncode}: {tail}")
                if time.monotonic() > deadline:
                    raise LocalstripeUnavailable(f"localstripe did not answer on 127.0.0.1:{port} within 15 s")
                time.sleep(0.05)  # readiness poll, not a fixed wait
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


def _serve() -> None:
    """Patch localstripe (in this process only) and run it with its own command line."""
    from aiohttp import web
    from localstripe import server
    from localstripe.errors import UserError
    from localstripe.resources import PaymentIntent, PaymentMethod

    script = Path(server.__file__).with_name("localstripe-v3.js").read_text() + _JS_PATCH

    @web.middleware
    async def browser_confirm(request: web.Request, handler):  # noqa: ANN001, ANN202
        if request.method == "GET" and request.path == "/js.stripe.com/v3/":
            return web.Response(text=script, content_type="application/javascript")
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
    server.start()


if __name__ == "__main__":
    _serve()

"""The background jobs' wiring: which outbox topic goes to which handler, and what the worker sweeps.

The outbox (``marketplace.outbox``) is the lowest domain layer: it queues and runs messages and knows no
domain. This module sits above the domain packages and puts them together for the ``worker`` command
(``python -m marketplace worker``):

Contract:
- :func:`default_handlers` maps the topics to their handlers: ``email`` (``outbox.mail``), ``stripe_event``
  (``checkout.events``; ``gateway`` refunds a payment whose stock was sold while it processed, without it
  such an event fails and is retried) and, when a ``gateway`` is given, ``payout_transfer``
  (``payments.payout_run``; without a gateway those messages stay queued), and ``carrier_track``
  (``orders.tracking_sweep.track_handler``: one parcel's tracking asked for, retried with backoff).
- :data:`EVERY_ROUND`: after each batch the worker gives back stock held by checkouts whose 15-minute hold
  expired (abandoned payments, ``orders.stock.release_expired``) and asks the carrier
  (``integrations.carriers.carrier_for(get_settings())``) about every parcel on its way
  (``orders.tracking_sweep.advance``: new events recorded, deliveries delivered), so a demo parcel moves
  within seconds of the carrier's clock. A carrier that reports by webhook (EasyPost, ``pushes_tracking``)
  is not polled every round: its reports arrive at ``POST /api/webhooks/easypost``, and housekeeping's
  ``check_pushed_tracking`` queues a ``carrier_track`` message per parcel on its way as a safety net.
- :data:`HOUSEKEEPING`: at start and then every ``outbox.worker.HOUSEKEEPING_EVERY`` it expires abandoned
  checkouts and deletes stale guest carts (``checkout.cleanup``) and spent rate-limit windows
  (``accounts.ratelimit.purge``), and completes orders delivered more than the return window ago
  (``orders.fulfilment_tracking.complete_due``).
- :func:`refresh_rates` (in :data:`HOUSEKEEPING`): the daily exchange-rate refresh through forex-python
  (``orders.fx_rates.refresh_daily``), once per UTC day however many workers run; a failed one keeps the last
  good rates. The worker also registers the staff FX overrides with the engine (``orders.fx_rates.install``)
  so the amounts it converts use them too.
- :func:`main` is the ``worker`` command: ``outbox.worker.main`` with this wiring.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

from sqlalchemy.engine import Engine

from marketplace.accounts.ratelimit import purge
from marketplace.checkout import cleanup, events
from marketplace.core.db import get_engine
from marketplace.core.settings import get_settings
from marketplace.integrations.carriers import carrier_for
from marketplace.orders import fx_rates, tracking_sweep
from marketplace.orders.carriers import Carrier
from marketplace.orders.fulfilment_tracking import RETURN_WINDOW_DAYS, complete_due
from marketplace.orders.stock import release_expired
from marketplace.orders.tracking_sweep import advance
from marketplace.outbox import mail, worker
from marketplace.payments import payout_run
from marketplace.payments.gateway import PaymentGateway


def default_handlers(engine: Engine, gateway: PaymentGateway | None = None) -> dict[str, worker.Handler]:
    """The handlers the worker command runs (see the module's contract)."""
    handlers = {"email": mail.email_handler(engine), events.TOPIC: events.stripe_event_handler(engine, gateway),
                tracking_sweep.TOPIC: tracking_sweep.track_handler(engine, _carrier)}
    if gateway is not None:
        handlers[payout_run.TOPIC] = payout_run.payout_transfer_handler(engine, gateway)
    return handlers


def release_expired_holds(engine: Engine) -> str:
    """Give back stock held by checkouts whose 15-minute hold expired (abandoned payments)."""
    return f"released {release_expired(engine)} expired stock hold(s)"


def housekeeping(engine: Engine) -> str:
    """Expire abandoned checkouts, delete stale guest carts and spent rate-limit windows; a one-line summary."""
    expired, deleted = cleanup.expire_checkouts(engine)
    carts = cleanup.delete_stale_carts(engine)
    windows = purge(engine)
    return (f"expired {expired} abandoned checkout(s), deleted {deleted} old one(s); deleted {carts} stale guest "
            f"cart(s) and {windows} rate-limit window(s)")


def complete_delivered(engine: Engine) -> str:
    """Complete the orders delivered more than the return window ago; a one-line summary."""
    return f"completed {complete_due(engine)} order(s) delivered over {RETURN_WINDOW_DAYS} days ago"


def _carrier() -> Carrier:
    return carrier_for(get_settings())


def advance_tracking(engine: Engine) -> str:
    """Record the carrier's new tracking events of every parcel on its way; a one-line summary. A carrier
    that reports by webhook (EasyPost) is not polled here: see :func:`check_pushed_tracking`."""
    carrier = _carrier()
    if getattr(carrier, "pushes_tracking", False):
        return f"tracking: {carrier.name} reports by webhook, checked at housekeeping"
    return advance(engine, carrier).summary()


def check_pushed_tracking(engine: Engine) -> str:
    """For a carrier that reports by webhook, queue a tracking check per parcel on its way (missed reports)."""
    if not getattr(_carrier(), "pushes_tracking", False):
        return "tracking: polled every round"
    return f"queued {tracking_sweep.queue_checks(engine)} tracking check(s)"


def refresh_rates(engine: Engine) -> str:
    """The daily exchange-rate refresh (once per UTC day; a no-op summary the rest of the day)."""
    return fx_rates.refresh_daily(engine)


EVERY_ROUND: tuple[worker.Job, ...] = (release_expired_holds, advance_tracking)
HOUSEKEEPING: tuple[worker.Job, ...] = (housekeeping, complete_delivered, check_pushed_tracking, refresh_rates)


def main(argv: Sequence[str] | None = None, *, engine: Engine | None = None, gateway: PaymentGateway | None = None,
         handlers: Mapping[str, worker.Handler] | None = None, stop: threading.Event | None = None) -> int:
    """``python -m marketplace worker [--once] [--interval S] [--batch N]``: the outbox worker with the
    default handlers (or ``handlers``), the stock sweep every round and the housekeeping."""
    engine = engine or get_engine()
    fx_rates.install(engine)
    if handlers is None:
        handlers = default_handlers(engine, gateway)
    return worker.main(argv, engine=engine, handlers=handlers, every_round=EVERY_ROUND, housekeeping=HOUSEKEEPING,
                       stop=stop)

"""A payout run: every vendor's available balance paid out, through the configured gateway.

Money leaving the platform, so it lives in ``payments`` beside the ledger it debits
(``payments.payouts``). It is an orchestration: a ledger change and its side effect (an outbox message)
in one transaction, the gateway call outside it.

Contract:
- :func:`schedule_payouts` creates, per vendor with an available balance, one :class:`Payout` and its
  negative ledger entry (``payments.payouts.create_payout``), in its own short transaction per vendor.
  With the embedded gateway the payout is paid at once. With Stripe, the same transaction enqueues an
  outbox message ``payout_transfer``; a vendor without a connected account is skipped (its balance stays
  available) and reported. All transfers of one run share one Stripe ``transfer_group``
  (``payouts-<run time>``), so the platform's Stripe dashboard shows a run as one group of separate transfers.
  ``may_be_paid(vendor status)`` says whether a shop's status lets it be paid (the shop-status policy lives
  above payments, in ``vendors.shop_status``: the ``payouts`` command passes it); a shop it refuses (pending,
  suspended) is skipped with the note ``payouts held: shop <status>`` and its balance stays available for a
  later run. Without it every status is paid.
- :func:`payout_transfer_handler` (run by the outbox worker) sends one Stripe Transfer per payout with the
  idempotency key ``payout-<id>``, so a retry after a timeout never pays twice, then marks the payout paid
  with the transfer's id. A refusal that cannot succeed on retry (``RequestRefused``, an unknown account)
  marks it failed and credits the amount back; transport errors raise, and the outbox retries with backoff.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from marketplace.core import clock
from marketplace.core.db import immediate_scope, session_scope
from marketplace.core.money import Money
from marketplace.models import Payout, Vendor
from marketplace.outbox import enqueue
from marketplace.payments.gateway import PaymentGateway, RequestRefused, UnknownIntent
from marketplace.payments.payouts import create_payout, fail_payout, settle_payout, vendors_with_available

TOPIC = "payout_transfer"


@dataclass(frozen=True)
class ScheduledPayout:
    vendor_id: int
    payout_id: int | None  # None: nothing paid (see ``note``)
    amount: Money | None
    status: str  # paid | pending | skipped
    note: str = ""


def schedule_payouts(engine: Engine, gateway: PaymentGateway, now: datetime | None = None, *,
                     may_be_paid: Callable[[str], bool] | None = None) -> list[ScheduledPayout]:
    now = clock.as_utc(now or clock.now())
    group = f"payouts-{now:%Y%m%dT%H%M%SZ}"
    with session_scope(engine) as session:
        vendor_ids = vendors_with_available(session, now)
    results: list[ScheduledPayout] = []
    for vendor_id in vendor_ids:
        with immediate_scope(engine) as session:
            vendor = session.get(Vendor, vendor_id)
            if may_be_paid is not None and not may_be_paid(vendor.status):
                results.append(ScheduledPayout(vendor_id, None, None, "skipped", f"payouts held: shop {vendor.status}"))
                continue
            if gateway.name != "embedded" and not vendor.stripe_account_id:
                results.append(ScheduledPayout(vendor_id, None, None, "skipped", "no connected Stripe account"))
                continue
            payout = create_payout(session, vendor_id, now, gateway=gateway.name)
            if payout is None:
                continue
            if payout.status == "pending":
                enqueue(session, TOPIC, {"payout_id": payout.id, "transfer_group": group})
            results.append(ScheduledPayout(vendor_id, payout.id, Money(payout.amount_minor, payout.amount_currency),
                                           payout.status))
    return results


def payout_transfer_handler(engine: Engine, gateway: PaymentGateway):  # noqa: ANN201
    def handle(payload: dict) -> None:
        payout_id = payload.get("payout_id")
        if not isinstance(payout_id, int):
            raise ValueError(f"payout_transfer needs an integer payout_id, got {payout_id!r}")
        with session_scope(engine) as session:
            payout = session.get(Payout, payout_id)
            if payout is None or payout.status != "pending":
                return
            vendor = session.get(Vendor, payout.vendor_id)
            amount = Money(payout.amount_minor, payout.amount_currency)
            account = vendor.stripe_account_id
        if not account:
            with immediate_scope(engine) as session:
                fail_payout(session, payout_id, "no connected Stripe account")
            return
        try:
            transfer = gateway.transfer(amount, account, str(payload.get("transfer_group") or f"payout-{payout_id}"),
                                        idempotency_key=f"payout-{payout_id}")
        except (RequestRefused, UnknownIntent) as exc:
            with immediate_scope(engine) as session:
                fail_payout(session, payout_id, str(exc))
            return
        with immediate_scope(engine) as session:
            settle_payout(session, payout_id, transfer.id)

    return handle

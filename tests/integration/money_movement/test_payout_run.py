"""Payout runs: embedded payouts are paid at once; Stripe Connect payouts become one transfer per vendor,
sent by the outbox worker, sharing the run's transfer group, idempotent, and credited back when refused.

The Stripe side runs the real stripe SDK against pytest-httpserver on loopback (localstripe has no Connect
transfers), answering with bodies shaped like docs.stripe.com/api/transfers/object and /api/errors.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer
from sqlmodel import select

from marketplace.core import clock
from marketplace.core.db import immediate_scope, session_scope
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money
from marketplace.integrations.stripe_gateway import StripeGateway
from marketplace.models import OutboxMessage, Payout, Vendor, VendorStatus
from marketplace.outbox.worker import run_once
from marketplace.payments import ledger
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.payout_run import TOPIC, payout_transfer_handler, schedule_payouts
from marketplace.payments.payouts import connect_stripe_account
from marketplace.vendors.shop_status import ShopAction, allows
from tests import factories
from tests.integration.money_movement.builders import Line, paid_vendor_order

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
RUN = T0 + timedelta(days=8)  # delivered at T0, the 7-day hold has passed
MUGS = Line(vendor_unit_minor=3200, quantity=3, unit_minor=2000)


@pytest.fixture
def delivered(db_engine):
    """Two JPY vendors, each with one delivered order (platform commission 10 %)."""
    vendors = []
    with clock.frozen(T0), session_scope(db_engine) as s:
        from marketplace.models import CommissionRule

        s.add(CommissionRule(rate_bps=1000))
        category = factories.category(s)
        for _ in range(2):
            vendor = factories.vendor(s)
            order = paid_vendor_order(s, vendor, category, [MUGS])
            ledger.record_sale(s, order)
            ledger.mark_delivered(s, order, T0)
            vendors.append(vendor.id)
    return db_engine, vendors


def _available(engine, vendor_id: int) -> Money:
    with session_scope(engine) as s:
        return ledger.balances(s, vendor_id, RUN).available


NET = Money(9600 - 960, "JPY")


def test_embedded_run_pays_each_vendor_at_once(delivered):
    engine, vendors = delivered
    results = schedule_payouts(engine, EmbeddedGateway(), RUN)
    assert sorted((r.vendor_id, r.status, r.amount) for r in results) == [(v, "paid", NET) for v in vendors]
    assert all(_available(engine, v) == Money(0, "JPY") for v in vendors)
    assert schedule_payouts(engine, EmbeddedGateway(), RUN) == []  # nothing left to pay


def test_connect_account_ids_are_checked(delivered):
    engine, vendors = delivered
    for bad in ("", "acct_", "cus_123456789", "acct_12345678; DROP", 42, None, "acct_" + "x" * 80):
        with pytest.raises(ValidationError), immediate_scope(engine) as s:
            connect_stripe_account(s, vendors[0], bad)
    with session_scope(engine) as s:
        assert s.get(Vendor, vendors[0]).stripe_account_id is None


def _stripe(httpserver: HTTPServer) -> StripeGateway:
    return StripeGateway("sk_test_http", api_base=httpserver.url_for("/").rstrip("/"), max_network_retries=0)


def _transfer_body(request_form, transfer_id: str) -> dict:
    return {"id": transfer_id, "object": "transfer", "amount": int(request_form["amount"]),
            "currency": request_form["currency"], "destination": request_form["destination"],
            "transfer_group": request_form["transfer_group"], "reversed": False, "livemode": False}


def test_stripe_run_sends_one_transfer_per_connected_vendor_sharing_the_run_group(delivered, httpserver):
    engine, (connected, unconnected) = delivered
    with immediate_scope(engine) as s:
        connect_stripe_account(s, connected, "acct_1VendorAbc")
    from werkzeug import Response

    httpserver.expect_request("/v1/transfers", method="POST").respond_with_handler(
        lambda request: Response(__import__("json").dumps(_transfer_body(request.form, "tr_1Run")),
                                 content_type="application/json"))
    gateway = _stripe(httpserver)

    results = {r.vendor_id: r for r in schedule_payouts(engine, gateway, RUN)}

    assert results[connected].status == "pending" and results[connected].amount == NET
    assert (results[unconnected].status, results[unconnected].note) == ("skipped", "no connected Stripe account")
    assert _available(engine, unconnected) == NET  # left for when the vendor connects
    with session_scope(engine) as s:
        [message] = s.exec(select(OutboxMessage).where(OutboxMessage.topic == TOPIC)).all()
    assert run_once(engine, {TOPIC: payout_transfer_handler(engine, gateway)}) == 1

    [(request, _)] = httpserver.log
    assert request.headers["Idempotency-Key"] == f"payout-{results[connected].payout_id}"
    assert (request.form["amount"], request.form["currency"], request.form["destination"]) == (
        "8640", "jpy", "acct_1VendorAbc")
    assert request.form["transfer_group"] == message.payload["transfer_group"] == "payouts-20250311T090000Z"
    with session_scope(engine) as s:
        payout = s.get(Payout, results[connected].payout_id)
        assert (payout.status, payout.external_id, payout.gateway) == ("paid", "tr_1Run", "stripe")
    assert _available(engine, connected) == Money(0, "JPY")
    # a second delivery of the same message (a retry after a timeout) sends nothing
    payout_transfer_handler(engine, gateway)({"payout_id": results[connected].payout_id})
    assert len(httpserver.log) == 1


def test_a_refused_transfer_fails_the_payout_and_gives_the_balance_back(delivered, httpserver):
    engine, (vendor_id, _) = delivered
    with immediate_scope(engine) as s:
        connect_stripe_account(s, vendor_id, "acct_1Closed00")
    httpserver.expect_request("/v1/transfers", method="POST").respond_with_json(
        {"error": {"type": "invalid_request_error", "code": "account_invalid",
                   "message": "The destination account is not able to receive transfers."}}, status=400)
    gateway = _stripe(httpserver)
    [result] = [r for r in schedule_payouts(engine, gateway, RUN) if r.vendor_id == vendor_id]
    assert _available(engine, vendor_id) == Money(0, "JPY")

    payout_transfer_handler(engine, gateway)({"payout_id": result.payout_id, "transfer_group": "g"})

    with session_scope(engine) as s:
        assert s.get(Payout, result.payout_id).status == "failed"
        b = ledger.balances(s, vendor_id)  # the credit-back is available from the moment it failed
    assert (b.available, b.paid_out) == (NET, Money(0, "JPY"))


def test_a_transport_error_is_retried_by_the_outbox_not_failed(delivered, httpserver):
    engine, (vendor_id, _) = delivered
    with immediate_scope(engine) as s:
        connect_stripe_account(s, vendor_id, "acct_1Flaky000")
    httpserver.expect_request("/v1/transfers", method="POST").respond_with_json(
        {"error": {"type": "api_error", "message": "Something went wrong on Stripe's end."}}, status=500)
    gateway = _stripe(httpserver)
    [result] = [r for r in schedule_payouts(engine, gateway, RUN) if r.vendor_id == vendor_id]

    assert run_once(engine, {TOPIC: payout_transfer_handler(engine, gateway)}) == 1

    with session_scope(engine) as s:
        assert s.get(Payout, result.payout_id).status == "pending"
        message = s.exec(select(OutboxMessage).where(OutboxMessage.topic == TOPIC)).one()
    assert (message.status, message.attempts) == ("pending", 1) and "Stripe" in message.last_error


def test_the_shop_policy_holds_a_suspended_shops_payout_and_pays_a_closed_shops_balance(delivered):
    engine, (suspended, terminated) = delivered
    with session_scope(engine) as s:
        s.get(Vendor, suspended).status = VendorStatus.SUSPENDED
        s.get(Vendor, terminated).status = VendorStatus.TERMINATED
    policy = lambda status: allows(status, ShopAction.RECEIVE_PAYOUTS)  # noqa: E731 - what the command passes
    results = {r.vendor_id: r for r in schedule_payouts(engine, EmbeddedGateway(), RUN, may_be_paid=policy)}
    assert (results[suspended].status, results[suspended].note) == ("skipped", "payouts held: shop suspended")
    assert _available(engine, suspended) == NET  # held, not lost: paid by a run after reinstatement
    assert (results[terminated].status, results[terminated].amount) == ("paid", NET)

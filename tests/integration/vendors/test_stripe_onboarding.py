"""Stripe Connect Express onboarding (PAYMENTS=stripe), at the HTTP boundary: the real ``stripe`` SDK talks to
pytest-httpserver standing in for api.stripe.com. The shop's Express account is opened once and a fresh
onboarding link handed out; only when Stripe says the details are submitted is the account recorded for
payouts; a Stripe failure changes nothing."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest
import stripe
from sqlmodel import Session
from werkzeug import Request, Response

from marketplace.core.errors import ValidationError
from marketplace.integrations.stripe_connect import StripeConnectOnboarding
from marketplace.models import Role, Vendor, VendorStatus
from marketplace.vendors import onboarding
from marketplace.vendors.error_codes import VendorErrorCode
from tests import factories
from tests.factories_account import caller as caller_of

ACCOUNT = "acct_1MeridianTest01"


def _json(body: dict) -> Response:
    return Response(json.dumps(body), status=200, content_type="application/json")


@pytest.fixture
def stripe_api(httpserver):
    state = {"submitted": False, "accounts": []}

    def accounts(request: Request) -> Response:
        state["accounts"].append(parse_qs(request.get_data(as_text=True)))
        return _json({"id": ACCOUNT, "object": "account", "details_submitted": False})

    def link(request: Request) -> Response:
        form = parse_qs(request.get_data(as_text=True))
        assert form["account"] == [ACCOUNT] and form["type"] == ["account_onboarding"]
        return _json({"object": "account_link", "url": f"https://connect.stripe.test/setup/{len(state['accounts'])}"})

    httpserver.expect_request("/v1/accounts", method="POST").respond_with_handler(accounts)
    httpserver.expect_request("/v1/account_links", method="POST").respond_with_handler(link)
    httpserver.expect_request(f"/v1/accounts/{ACCOUNT}", method="GET").respond_with_handler(
        lambda _r: _json({"id": ACCOUNT, "object": "account", "details_submitted": state["submitted"]}))
    connect = StripeConnectOnboarding("sk_test_x", api_base=httpserver.url_for("/").rstrip("/"))
    return connect, state


def test_the_express_account_is_opened_once_and_recorded_only_when_complete(db_engine, stripe_api):
    connect, state = stripe_api
    with Session(db_engine) as session:
        shop = factories.vendor(session, status=VendorStatus.PENDING, country="DE", currency="EUR")
        caller = caller_of(session, factories.user(session, Role.SELLER, vendor=shop))
        session.commit()
        url = onboarding.start_stripe_onboarding(session, caller, connect, "http://app/return", "http://app/profile")
        session.commit()
        assert url == "https://connect.stripe.test/setup/1"
        assert state["accounts"][0]["type"] == ["express"] and state["accounts"][0]["country"] == ["DE"]
        assert onboarding.start_stripe_onboarding(session, caller, connect, "r", "p").endswith("/setup/1")
        assert len(state["accounts"]) == 1  # the same account, a fresh link
        assert onboarding.finish_stripe_onboarding(session, caller, connect) is False
        assert session.get(Vendor, shop.id).stripe_account_id is None
        state["submitted"] = True
        assert onboarding.finish_stripe_onboarding(session, caller, connect) is True
        session.commit()
        vendor = session.get(Vendor, shop.id)
        assert (vendor.stripe_account_id, vendor.stripe_onboarding_account) == (ACCOUNT, None)
        assert onboarding.my_profile(session, caller).stripe_account_id == ACCOUNT


def test_a_stripe_failure_is_a_clear_refusal_and_changes_nothing(db_engine, httpserver):
    httpserver.expect_request("/v1/accounts", method="POST").respond_with_data("boom", status=500)
    base = httpserver.url_for("/").rstrip("/")
    connect = StripeConnectOnboarding("", client=stripe.StripeClient("sk_test_x", base_addresses={"api": base},
                                                                     max_network_retries=0))
    with Session(db_engine) as session:
        shop = factories.vendor(session, status=VendorStatus.PENDING, country="DE", currency="EUR")
        caller = caller_of(session, factories.user(session, Role.SELLER, vendor=shop))
        session.commit()
        with pytest.raises(ValidationError) as refused:
            onboarding.start_stripe_onboarding(session, caller, connect, "r", "p")
        assert refused.value.code == VendorErrorCode.STRIPE_ONBOARDING_UNAVAILABLE
        session.rollback()
        assert session.get(Vendor, shop.id).stripe_onboarding_account is None

"""A seller buys an EasyPost label and EasyPost's reports move the parcel, on SQLite and PostgreSQL: a German
shopper's order from the Japanese seller, labelled through ``labels.buy_label`` with the EasyPost carrier against a
fake EasyPost on loopback (the label PDF stored in the private document store, with the customs documents);
tracker reports through ``POST /api/webhooks/easypost`` (HMAC-verified, idempotent); and the worker's safety-net
tracking check retried with backoff through the outbox after a 429."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace import jobs
from marketplace.api import webhooks
from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.errors import DomainError
from marketplace.core.files import FileStore
from marketplace.core.settings import get_settings
from marketplace.models import OutboxMessage, Shipment, ShipmentEvent
from marketplace.orders import fulfilment, labels, tracking_sweep
from marketplace.outbox import worker
from marketplace.present.problems import problem_text, problem_texts
from marketplace.routes import API_WEBHOOK_EASYPOST
from tests.integration.integrations import easypost_fake as fake
from tests.integration.orders.fulfilment_world import order, placed_order
from tests.integration.orders.test_label_to_delivery import BERLIN, BOX, KYOTO


@pytest.fixture
def world(db_engine):
    return placed_order(db_engine, address=BERLIN)


@pytest.fixture
def store(tmp_path):
    return FileStore(tmp_path / "documents")


@pytest.fixture
def easypost_env(db_url, monkeypatch, httpserver):
    """The app's settings pointed at this database and the fake EasyPost (SHIPPING=easypost)."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("SHIPPING", "easypost")
    monkeypatch.setenv("EASYPOST_API_KEY", fake.API_KEY)
    monkeypatch.setenv("EASYPOST_API_BASE", httpserver.url_for("/v2"))
    monkeypatch.setenv("EASYPOST_WEBHOOK_SECRET", fake.WEBHOOK_SECRET)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def _labelled(engine, world, store, httpserver) -> tuple[labels.BoughtLabel, list[dict]]:
    received = fake.serve_purchase(httpserver)
    with immediate_scope(engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)
        fulfilment.pack(session, world.seller, world.order_id, BOX)
    with immediate_scope(engine) as session:
        bought = labels.buy_label(session, world.seller, world.order_id, fake.carrier(httpserver), store,
                                  ship_from=KYOTO)
    return bought, received


def _shipment(engine, shipment_id) -> Shipment:
    with Session(engine) as session:
        return session.get(Shipment, shipment_id)


def _codes(engine, shipment_id) -> list[str]:
    with Session(engine) as session:
        return [row.code for row in session.exec(select(ShipmentEvent).where(ShipmentEvent.shipment_id == shipment_id)
                                                 .order_by(ShipmentEvent.at))]


def _at(shipment: Shipment, hours: int) -> str:
    return (clock.as_utc(shipment.label_purchased_at) + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_buy_label_with_easypost_stores_the_label_and_customs_documents(db_engine, world, store, httpserver):
    bought, received = _labelled(db_engine, world, store, httpserver)
    shipment = _shipment(db_engine, bought.shipment.id)
    with Session(db_engine) as session:
        chosen = labels.chosen_service(session, order(db_engine, world.order_id))
    assert (shipment.status, shipment.carrier, shipment.tracking_number) == ("label_created", "easypost", fake.TRACKING)
    assert shipment.service == chosen and shipment.cost_currency == "JPY" and shipment.cost_minor > 0
    assert set(bought.documents) == {"label", "customs", "invoice"}
    assert shipment.label_path == bought.documents["label"] and not shipment.label_path.startswith("http")
    assert store.open(bought.documents["label"]) == fake.LABEL_PDF  # fetched at purchase, served by the app
    sent = received[0]["shipment"]
    assert (sent["from_address"]["country"], sent["to_address"]["country"], sent["to_address"]["zip"]) == (
        "JP", "DE", "10115")
    assert [(item["hs_tariff_number"], item["origin_country"]) for item in sent["customs_info"]["customs_items"]] \
        == [("691200", "JP")]
    bought_rate = received[-1]["rate"]["id"]
    assert fake.service_of(bought_rate) == chosen


def test_signed_tracker_reports_move_the_parcel_once_and_bad_ones_change_nothing(db_engine, world, store, httpserver,
                                                                                easypost_env):
    bought, _ = _labelled(db_engine, world, store, httpserver)
    shipment = _shipment(db_engine, bought.shipment.id)
    report = fake.event(fake.tracker([
        fake.detail("pre_transit", _at(shipment, 0), "Label created"),
        fake.detail("in_transit", _at(shipment, 5), "Picked up", "received_at_origin_facility", "KYOTO", "JP"),
        fake.detail("in_transit", _at(shipment, 9), "Departed", "departed_facility", "OSAKA", "JP")]))
    with TestClient(Starlette(routes=webhooks.ROUTES)) as client:
        def post(body: bytes, signature: str | None):
            headers = {"content-type": "application/json"} | ({"X-Hmac-Signature": signature} if signature else {})
            return client.post(API_WEBHOOK_EASYPOST, content=body, headers=headers)

        forged = post(report, fake.signature(report, "another secret"))
        unsigned = post(report, None)
        garbled = post(b"not json", fake.signature(b"not json"))
        assert [(r.status_code, r.json()) for r in (forged, unsigned, garbled)] == [
            (400, {"error": "bad_signature"}), (400, {"error": "bad_signature"}), (400, {"error": "bad_body"})]
        assert _codes(db_engine, shipment.id) == [] and _shipment(db_engine, shipment.id).status == "label_created"

        first = post(report, fake.signature(report))
        again = post(report, fake.signature(report))
        assert (first.status_code, first.json(), again.json()) == (200, {"result": "applied 2"}, {"result": "applied 0"})
        assert _codes(db_engine, shipment.id) == ["accepted", "in_transit"]
        assert _shipment(db_engine, shipment.id).status == "in_transit"
        assert order(db_engine, world.order_id).status == "shipped"  # the carrier's scan hands it over

        other = fake.event({"id": "batch_1", "object": "Batch"}, description="batch.updated")
        stranger = fake.event({**fake.tracker([]), "tracking_code": "EZ999"})
        assert post(other, fake.signature(other)).json() == {"result": "ignored"}
        assert post(stranger, fake.signature(stranger)).json() == {"result": "ignored"}

        easypost_env.delenv("EASYPOST_WEBHOOK_SECRET")
        get_settings.cache_clear()
        closed = post(report, fake.signature(report))
        assert (closed.status_code, closed.json()) == (503, {"error": "webhooks_not_configured"})


def test_a_rate_limited_tracking_check_is_retried_with_backoff_through_the_outbox(db_engine, world, store, httpserver,
                                                                                 easypost_env):
    bought, _ = _labelled(db_engine, world, store, httpserver)
    with immediate_scope(db_engine) as session:
        fulfilment.hand_over(session, world.seller, bought.shipment.id)
    shipment = _shipment(db_engine, bought.shipment.id)
    delivered = fake.tracker([
        fake.detail("in_transit", _at(shipment, 5), "Picked up", "received_at_origin_facility", "KYOTO", "JP"),
        fake.detail("delivered", _at(shipment, 50), "Delivered", "arrived_at_destination", "BERLIN", "DE")],
        status="delivered")
    httpserver.expect_oneshot_request("/v2/trackers", method="POST").respond_with_json(
        fake.error("RATE_LIMITED", "Too many requests."), status=429)
    httpserver.expect_request("/v2/trackers", method="POST").respond_with_json(delivered)

    assert jobs.advance_tracking(db_engine) == "tracking: easypost reports by webhook, checked at housekeeping"
    assert not any(entry[0].path == "/v2/trackers" for entry in httpserver.log)  # no poll every round
    assert jobs.check_pushed_tracking in jobs.HOUSEKEEPING
    assert jobs.check_pushed_tracking(db_engine) == "queued 1 tracking check(s)"
    assert jobs.check_pushed_tracking(db_engine) == "queued 0 tracking check(s)"  # one pending is enough

    handlers = {tracking_sweep.TOPIC: jobs.default_handlers(db_engine)[tracking_sweep.TOPIC]}  # e-mails wait
    start = clock.now()
    assert worker.run_once(db_engine, handlers, now=start) == 1
    with Session(db_engine) as session:
        message = session.exec(select(OutboxMessage).where(OutboxMessage.topic == tracking_sweep.TOPIC)).one()
    assert (message.status, message.attempts) == ("pending", 1) and "not answering" in message.last_error
    assert _shipment(db_engine, shipment.id).status == "in_transit"
    assert worker.run_once(db_engine, handlers, now=start + timedelta(seconds=20)) == 0  # backing off
    assert worker.run_once(db_engine, handlers, now=start + worker.backoff(1) + timedelta(seconds=1)) == 1
    with Session(db_engine) as session:
        assert session.get(OutboxMessage, message.id).status == "done"
    assert _codes(db_engine, shipment.id) == ["accepted", "delivered"]
    assert _shipment(db_engine, shipment.id).status == "delivered"
    assert order(db_engine, world.order_id).status == "delivered"
    assert [json.loads(entry[0].data)["tracker"]["tracking_code"] for entry in httpserver.log
            if entry[0].path == "/v2/trackers"] == [fake.TRACKING, fake.TRACKING]


def test_an_address_easypost_refuses_reaches_the_seller_as_one_list_and_buys_nothing(db_engine, world, store,
                                                                                      httpserver):
    httpserver.expect_request("/v2/shipments", method="POST").respond_with_json(fake.error(
        "ADDRESS.VERIFY.FAILURE", "Unable to verify address.",
        [{"code": "E.ADDRESS.INVALID", "field": "to_address.zip", "message": "Invalid postal code"},
         {"field": "from_address.street1", "message": "Street is ambiguous"}]), status=422)
    with immediate_scope(db_engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)
        shipment_id = fulfilment.pack(session, world.seller, world.order_id, BOX).id
    with immediate_scope(db_engine) as session, pytest.raises(DomainError) as raised:
        labels.buy_label(session, world.seller, world.order_id, fake.carrier(httpserver), store, ship_from=KYOTO)
    # what the seller's order page lists (pages/seller/order.py: problem_text + problem_texts), in German
    error = raised.value
    assert [p.field for p in error.problems] == ["recipient.postal_code", "sender.street"]
    assert problem_text("de", error) and len(problem_texts("de", error.problems)) == 2
    german = problem_texts("de", error.problems)
    assert german[0].endswith("Invalid postal code") and "Street is ambiguous" in german[1]
    assert all("%(" not in text and text.startswith("Der Versanddienst") for text in german), german
    assert _shipment(db_engine, shipment_id).status == "label_pending" and not store.root.exists()

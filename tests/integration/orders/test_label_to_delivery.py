"""A seller buys an embedded label and the worker moves the parcel to delivered, on SQLite and PostgreSQL: a
German shopper's paid order from the Japanese seller is accepted, packed, labelled (label, CN22/CN23 and
invoice PDFs stored and readable), handed over, tracked by ``jobs.advance_tracking`` as the clock moves, and
delivered, which makes the vendor's share available after the hold; wrong sellers and incomplete data are
refused before anything is bought."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from marketplace import jobs
from marketplace.accounts.address_format import PostalAddress
from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.files import FileStore
from marketplace.core.settings import get_settings
from marketplace.integrations.carriers import carrier_for
from marketplace.models import OrderGroup, OrderLine, Shipment, ShipmentEvent, Variant, Vendor, VendorOrder
from marketplace.orders import fulfilment, labels, tracking_sweep
from marketplace.orders.carriers import Address, CarrierUnavailable
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.fulfilment_package import Package
from marketplace.payments import ledger
from tests.integration.orders.fulfilment_world import events, ledger_sum, mails, order, placed_order

BOX = Package(length_mm=300, width_mm=200, height_mm=120, weight_g=800)
BERLIN = PostalAddress(country="DE", name="Erika Mustermann", street_address="Hauptstraße 5", city="Berlin",
                       postal_code="10115")
KYOTO = Address(name="Kyoto Ceramics Ltd", street=("12 Gojozaka",), city="Kyoto", postal_code="605-0862",
                region="Kyoto", country="JP")


@pytest.fixture
def world(db_engine):
    return placed_order(db_engine, address=BERLIN)


@pytest.fixture
def store(tmp_path):
    return FileStore(tmp_path / "documents")


def _packed(engine, world) -> int:
    with immediate_scope(engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)
        return fulfilment.pack(session, world.seller, world.order_id, BOX).id


def _buy(engine, world, store, who=None) -> labels.BoughtLabel:
    with immediate_scope(engine) as session:
        return labels.buy_label(session, who or world.seller, world.order_id, carrier_for(get_settings()), store,
                                ship_from=KYOTO)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _shipment(engine, shipment_id) -> Shipment:
    with Session(engine) as session:
        return session.get(Shipment, shipment_id)


def _carrier_hours(hours: int) -> timedelta:
    return timedelta(hours=hours) / get_settings().carrier_clock


def test_a_bought_label_is_tracked_by_the_worker_to_delivery(db_engine, world, store):
    shipment_id = _packed(db_engine, world)
    bought = _buy(db_engine, world, store)
    shipment = _shipment(db_engine, shipment_id)
    number = bought.label.tracking_number
    assert (shipment.status, shipment.tracking_number, shipment.carrier) == ("label_created", number, "embedded")
    assert shipment.customs_form in ("CN22", "CN23", "INVOICE") and shipment.label_purchased_at is not None
    assert set(labels.documents_of(shipment)) == {"label", "customs", "invoice"} == set(bought.documents)
    assert labels.documents_of(shipment) == bought.documents
    assert number in _text(store.open(bought.documents["label"]))
    for kind in ("customs", "invoice"):
        text = _text(store.open(bought.documents[kind]))
        assert re.search(r"691200\s+JP\b", text), kind  # HS code, then the origin column
        assert get_settings().platform_ioss_number in text, kind  # IOSS: a German parcel within EUR 150
    assert "CN 2" in _text(store.open(bought.documents["customs"]))
    folder = bought.documents["label"].rsplit("/", 1)[0]
    assert len(folder.rsplit("-", 1)[1]) == 32  # 128 random bits: not guessable from the shipment id

    with immediate_scope(db_engine) as session:
        fulfilment.hand_over(session, world.seller, shipment_id)
    assert jobs.advance_tracking in jobs.EVERY_ROUND
    bought_at = clock.as_utc(_shipment(db_engine, shipment_id).label_purchased_at)

    with clock.frozen(bought_at + _carrier_hours(13)):  # past the acceptance scan, before customs
        first = jobs.advance_tracking(db_engine)
        assert first.startswith("tracked 1 parcel(s): 1 new event(s), 0 failure(s)")
        assert jobs.advance_tracking(db_engine).startswith("tracked 1 parcel(s): 0 new event(s)")  # idempotent
    assert _shipment(db_engine, shipment_id).status == "in_transit"
    assert order(db_engine, world.order_id).status == "shipped"

    earned = ledger_sum(db_engine, world.vendor_id)
    with clock.frozen(bought_at + timedelta(days=1)):  # every carrier's journey is over by then
        assert "0 failure(s)" in jobs.advance_tracking(db_engine)
        assert jobs.advance_tracking(db_engine).startswith("tracked 0 parcel(s)")  # delivered: no longer asked
    shipment = _shipment(db_engine, shipment_id)
    assert shipment.status == "delivered" and shipment.delivered_at is not None
    assert order(db_engine, world.order_id).status == "delivered"
    assert events(db_engine, world.order_id, "status")[-1] == ("status", "shipped", "delivered", None)
    with Session(db_engine) as session:
        codes = [row.code for row in session.exec(select(ShipmentEvent).where(ShipmentEvent.shipment_id == shipment_id)
                                                  .order_by(ShipmentEvent.at))]
    assert codes[0] == "accepted" and codes[-1] == "delivered" and "customs" in codes
    delivered_at = clock.as_utc(shipment.delivered_at)
    with Session(db_engine) as session:
        before = ledger.balances(session, world.vendor_id, delivered_at + timedelta(days=ledger.DEFAULT_HOLD_DAYS - 1))
        after = ledger.balances(session, world.vendor_id, delivered_at + timedelta(days=ledger.DEFAULT_HOLD_DAYS))
    assert (before.available.minor, after.available.minor) == (0, earned) and earned > 0
    sent = mails(db_engine, world.shopper.email)
    assert any(number in mail["body"] for mail in sent)
    assert sent[-1]["subject"].endswith("wurde zugestellt") and sent[-1]["lang"] == "de"


def test_rates_offer_every_service_cheapest_first_and_the_label_is_of_the_shoppers_choice(db_engine, world, store):
    _packed(db_engine, world)
    with Session(db_engine) as session:
        rates = labels.label_rates(session, world.seller, world.order_id, carrier_for(get_settings()), ship_from=KYOTO)
        chosen = labels.chosen_service(session, order(db_engine, world.order_id))
    assert len(rates) > 1 and chosen in [rate.service for rate in rates]
    assert [rate.price.minor for rate in rates] == sorted(rate.price.minor for rate in rates)
    assert {rate.price.currency for rate in rates} == {"JPY"}  # the vendor pays in its own currency
    bought = _buy(db_engine, world, store)
    assert bought.shipment.service == chosen
    assert bought.label.price == next(rate.price for rate in rates if rate.service == chosen)


def test_another_seller_cannot_buy_the_label(db_engine, world, store):
    shipment_id = _packed(db_engine, world)
    with pytest.raises(PermissionDenied) as raised:
        _buy(db_engine, world, store, who=world.other_seller)
    assert raised.value.code == OrderErrorCode.NOT_YOUR_ORDER
    assert _shipment(db_engine, shipment_id).status == "label_pending"
    assert not store.root.exists()


def test_a_label_needs_a_packed_parcel(db_engine, world, store):
    with pytest.raises(ValidationError) as raised:
        _buy(db_engine, world, store)
    assert raised.value.code == OrderErrorCode.SHIPMENT_STATE


def test_missing_hs_code_and_postal_code_are_listed_together_before_anything_is_bought(db_engine, world, store):
    shipment_id = _packed(db_engine, world)
    with immediate_scope(db_engine) as session:
        line = session.exec(select(OrderLine).where(OrderLine.vendor_order_id == world.order_id)).one()
        variant = session.get(Variant, line.variant_id)
        line.hs_code, variant.hs_code = "", ""
        group = session.get(OrderGroup, order(db_engine, world.order_id).group_id)
        group.delivery_address = {**group.delivery_address, "postal_code": ""}
        session.add_all([line, variant, group])
    with pytest.raises(labels.LabelDataIncomplete) as raised:
        _buy(db_engine, world, store)
    fields = [problem.field for problem in raised.value.problems]
    assert raised.value.code == OrderErrorCode.LABEL_DATA_INCOMPLETE
    assert "recipient.postal_code" in fields and "lines[0].hs_code" in fields
    assert len(fields) == len(set(fields)) == raised.value.params["count"]
    assert _shipment(db_engine, shipment_id).status == "label_pending" and not store.root.exists()


def test_a_vendor_without_a_street_is_told_before_any_label_is_bought(db_engine, world, store):
    _packed(db_engine, world)
    with immediate_scope(db_engine) as session:
        vendor = session.get(Vendor, session.get(VendorOrder, world.order_id).vendor_id)
        vendor.street_address = ""
        session.add(vendor)
    with immediate_scope(db_engine) as session, pytest.raises(labels.LabelDataIncomplete) as raised:
        labels.buy_label(session, world.seller, world.order_id, carrier_for(get_settings()), store)
    assert "sender.street" in [problem.field for problem in raised.value.problems]
    assert "sender.street_address" not in [problem.field for problem in raised.value.problems]  # said once
    assert not store.root.exists()


class _FlakyCarrier:
    """The embedded carrier, down for one tracking number."""

    def __init__(self, down_for: str) -> None:
        self.inner, self.down_for, self.name = carrier_for(get_settings()), down_for, "embedded"

    def track(self, number, since):
        if number == self.down_for:
            raise CarrierUnavailable("The carrier is not answering.")
        return self.inner.track(number, since)


def test_a_carrier_failure_for_one_parcel_does_not_stop_the_others(db_engine, world, store):
    other = placed_order(db_engine, address=BERLIN)
    numbers = []
    for each in (world, other):
        shipment_id = _packed(db_engine, each)
        numbers.append(_buy(db_engine, each, store).label.tracking_number)
        with immediate_scope(db_engine) as session:
            fulfilment.hand_over(session, each.seller, shipment_id)
    with clock.frozen(clock.now() + timedelta(days=1)):
        result = tracking_sweep.advance(db_engine, _FlakyCarrier(down_for=numbers[0]))
    assert (result.parcels, result.failed) == (2, 1) and result.events > 0
    assert order(db_engine, world.order_id).status == "shipped"
    assert order(db_engine, other.order_id).status == "delivered"

"""A vendor order's customs declaration (orders/customs_data.py) on SQLite and PostgreSQL: a German shopper's order
from a Japanese seller gives the right lines, totals, regime and IOSS number; everything a seller must fix comes
back as one list naming each line and address field; only the order's seller and staff may build it."""

from __future__ import annotations

import copy
import dataclasses
import io

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from marketplace.accounts.address_format import PostalAddress
from marketplace.checkout import service as checkout
from marketplace.checkout.place import place
from marketplace.checkout.pricing import Market
from marketplace.core.errors import NotFound, PermissionDenied
from marketplace.core.money import Money
from marketplace.core.settings import get_settings
from marketplace.documents.customs import cn22_pdf, commercial_invoice_pdf
from marketplace.models import CheckoutSession, OrderGroup, OrderLine, Role, Variant, VendorOrder
from marketplace.orders import cart as carts
from marketplace.orders.customs_data import (
    CustomsDataIncomplete,
    CustomsNotRequired,
    declaration_for,
    declaration_of,
    needs_customs,
)
from marketplace.orders.error_codes import OrderErrorCode as Code
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.gateway import CardDetails
from tests import factories, factories_account

SETTINGS = dataclasses.replace(get_settings(), platform_ioss_number="IM2760000042",
                               platform_uk_vat_number="GB 999 9999 73")
BERLIN = {"name": "Lena Hoffmann", "street_address": "Hauptstraße 5", "city": "Berlin", "postal_code": "10115",
          "country": "DE"}
LONDON = {"name": "Priya Raman", "company_name": "Raman Tea Ltd", "street_address": "1 Kings Road", "city": "London", "postal_code": "SW3 4AB",
          "country": "GB"}


def _world(session: Session, *, ship_to: dict = BERLIN, vendor_country: str = "JP"):
    vendor = factories.vendor(session, country=vendor_country, currency="JPY" if vendor_country == "JP" else "EUR")
    seller = factories.user(session, role=Role.SELLER, vendor=vendor)
    shopper = factories.user(session)
    cat = factories.category(session)
    bowl = factories.product(session, vendor, cat, name="Porcelain tea bowl")
    whisk = factories.product(session, vendor, cat, name="Bamboo tea whisk")
    group = factories_account.order(session, shopper, [(vendor, [(bowl, 2), (whisk, 1)])], unit_minor=1850,
                                    currency="EUR" if ship_to is BERLIN else "GBP")
    group.delivery_address = dict(ship_to)
    group.ship_to_country = ship_to["country"]
    session.add(group)
    order = factories_account.vendor_orders(session, group)[0]
    session.flush()
    return order, seller, shopper, vendor


def test_a_german_shoppers_order_from_the_japanese_seller_declares_its_lines_and_totals(db_engine):
    with Session(db_engine) as session:
        order, seller, _, vendor = _world(session)
        decl = declaration_for(session, factories_account.caller(session, seller), order.id, settings=SETTINGS)
        legal_name, number = vendor.legal_name, order.number
    d = decl.declaration
    assert [(i.description, i.hs_code, i.origin_country, i.quantity, i.net_weight_g, i.value) for i in d.items] == [
        ("Porcelain tea bowl", "691200", "JP", 2, 500, Money(3700, "EUR")),
        ("Bamboo tea whisk", "691200", "JP", 1, 250, Money(1850, "EUR"))]
    assert d.total_value == Money(5550, "EUR") and d.total_net_weight_g == 750 and d.gross_weight_g == 825
    assert (d.form, d.category, d.sender_country, d.destination_country) == ("CN22", "sale_of_goods", "JP", "DE")
    assert decl.regime == "EU_IOSS" and decl.ioss_number == "IM2760000042" and decl.uk_vat_number is None
    assert decl.sender.name == legal_name and decl.sender.address_lines == (
        "1-1 Kiyomizu, Higashiyama-ku, Kyoto-shi, Kyoto", "605-0862")
    assert decl.recipient.name == "Lena Hoffmann"
    assert decl.recipient.address_lines == ("Hauptstraße 5", "10115 Berlin")
    assert (decl.invoice_number, decl.incoterm, decl.freight) == (number, "DDP", Money(900, "EUR"))
    assert decl.reason_for_export == "Sale of goods"


def test_an_order_placed_through_checkout_uses_the_regime_its_quote_was_priced_under(db_engine):
    gateway = EmbeddedGateway()
    with Session(db_engine) as session:
        vendor = factories.vendor(session, country="JP", currency="JPY")
        product = factories.product(session, vendor, factories.category(session), price_minor=3200, stock=5,
                                    name="Porcelain tea bowl")
        variant_id = session.exec(select(Variant.id).where(Variant.product_id == product.id)).one()
        owner, _ = carts.add(session, carts.CartOwner(), variant_id, 2)
        row, _ = checkout.start(session, owner, Market("DE", "EUR"), address=PostalAddress(**BERLIN))
        checkout_id, vendor_id = row.id, vendor.id
        session.commit()
    place(db_engine, checkout_id, owner, CardDetails("4242424242424242", 12, 2030, "123"), gateway=gateway)
    with Session(db_engine) as session:
        order = session.exec(select(VendorOrder).where(VendorOrder.vendor_id == vendor_id)).one()
        group = session.get(OrderGroup, order.group_id)
        group.delivery_address = dict(BERLIN)  # as set_contact records it
        session.add(group)
        session.commit()
        line = session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id)).one()
        decl = declaration_of(session, order, settings=SETTINGS)
    assert decl.regime == "EU_IOSS" and decl.ioss_number == "IM2760000042"
    assert decl.declaration.total_value == Money(line.unit_price_minor * 2, "EUR")
    assert decl.declaration.items[0].net_weight_g == 500
    with Session(db_engine) as session:  # the stored regime is the one read, not decided again
        stored = session.get(CheckoutSession, checkout_id)
        quote = copy.deepcopy(stored.quote)
        assert [p["regime"] for p in quote["parcels"]] == ["EU_IOSS"]
        quote["parcels"][0]["regime"] = "EU_STANDARD"
        stored.quote = quote
        session.add(stored)
        session.commit()
        decl = declaration_of(session, session.get(VendorOrder, order.id), settings=SETTINGS)
    assert decl.regime == "EU_STANDARD" and decl.ioss_number is None


def test_a_british_order_under_135_gbp_carries_the_platforms_uk_vat_number_and_no_ioss(db_engine):
    with Session(db_engine) as session:
        order, seller, _, _ = _world(session, ship_to=LONDON)
        decl = declaration_of(session, order, settings=SETTINGS)
    assert decl.regime == "GB_LOW_VALUE" and decl.uk_vat_number == "GB999999973"
    assert decl.ioss_number is None and decl.declaration.currency == "GBP"
    assert decl.recipient.name == "Priya Raman"
    assert decl.recipient.address_lines == ("Raman Tea Ltd", "1 Kings Road", "London", "SW3 4AB")


def test_missing_customs_data_comes_back_as_one_list_naming_each_field(db_engine):
    with Session(db_engine) as session:
        order, seller, _, vendor = _world(session)
        first, second = session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id)
                                     .order_by(OrderLine.id)).all()
        variant = session.get(Variant, first.variant_id)
        variant.hs_code, variant.origin_country = "", ""
        first.hs_code, first.origin_country = "", ""
        second.variant_id = None  # the variant is gone: no weight to declare
        second.unit_price_minor = 0
        group = session.get(OrderGroup, order.group_id)
        group.delivery_address = {"name": "Lena Hoffmann", "street_address": "Hauptstraße 5", "country": "DE"}
        vendor.street_address = ""
        session.add_all([variant, first, second, group, vendor])
        session.flush()
        with pytest.raises(CustomsDataIncomplete) as raised:
            declaration_for(session, factories_account.caller(session, seller), order.id, settings=SETTINGS)
    problems = raised.value.problems
    assert raised.value.code == Code.CUSTOMS_DATA_INCOMPLETE and raised.value.params["count"] == len(problems)
    assert {(p.code, p.field) for p in problems} == {
        (Code.CUSTOMS_ADDRESS_INCOMPLETE, "sender.street_address"),
        (Code.CUSTOMS_ADDRESS_INCOMPLETE, "recipient.city"),
        (Code.CUSTOMS_ADDRESS_INCOMPLETE, "recipient.postal_code"),
        (Code.CUSTOMS_HS_CODE_MISSING, "lines[0].hs_code"),
        (Code.CUSTOMS_ORIGIN_MISSING, "lines[0].origin_country"),
        (Code.CUSTOMS_WEIGHT_MISSING, "lines[1].net_weight_g"),
        (Code.CUSTOMS_VALUE_MISSING, "lines[1].value"),
    }
    assert len(problems) == 7
    hs = next(p for p in problems if p.code == Code.CUSTOMS_HS_CODE_MISSING)
    assert hs.params["line"] == 1 and hs.params["sku"] == first.sku


def test_a_line_the_engine_refuses_is_listed_with_its_field(db_engine):
    with Session(db_engine) as session:
        order, seller, _, _ = _world(session)
        first = session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id)
                             .order_by(OrderLine.id)).first()
        variant = session.get(Variant, first.variant_id)
        variant.hs_code = "12"  # too short for an HS code
        session.add(variant)
        session.flush()
        with pytest.raises(CustomsDataIncomplete) as raised:
            declaration_of(session, order, settings=SETTINGS)
    [problem] = raised.value.problems
    assert (problem.code, problem.field) == (Code.CUSTOMS_LINE_INVALID, "lines[0].hs_code")


def test_only_the_orders_seller_and_staff_may_build_it(db_engine):
    with Session(db_engine) as session:
        order, _, shopper, _ = _world(session)
        other_vendor = factories.vendor(session)
        other_seller = factories.user(session, role=Role.SELLER, vendor=other_vendor)
        staff = factories.user(session, role=Role.STAFF, staff_role="finance")
        assert declaration_for(session, factories_account.caller(session, staff), order.id,
                               settings=SETTINGS).invoice_number == order.number
        with pytest.raises(NotFound):
            declaration_for(session, factories_account.caller(session, other_seller), order.id, settings=SETTINGS)
        with pytest.raises(PermissionDenied):
            declaration_for(session, factories_account.caller(session, shopper), order.id, settings=SETTINGS)
        with pytest.raises(PermissionDenied):
            declaration_for(session, None, order.id, settings=SETTINGS)


def test_a_parcel_inside_the_eu_needs_no_declaration(db_engine):
    assert needs_customs("JP", "DE") and needs_customs("DE", "GB") and needs_customs("DE", "CH")
    assert not needs_customs("IT", "DE") and not needs_customs("JP", "JP")
    with Session(db_engine) as session:
        order, _, _, _ = _world(session, vendor_country="IT")
        with pytest.raises(CustomsNotRequired):
            declaration_of(session, order, settings=SETTINGS)


def test_the_declaration_prints_as_a_cn22_and_an_invoice_with_the_ioss_line(db_engine):
    with Session(db_engine) as session:
        order, seller, _, _ = _world(session)
        decl = declaration_for(session, factories_account.caller(session, seller), order.id, settings=SETTINGS)
    for data in (cn22_pdf(decl), commercial_invoice_pdf(decl)):
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert "IOSS number: IM2760000042" in text and "Lena Hoffmann" in text and "Japan (JP)" in text
        row = next(line for line in text.splitlines() if line.startswith("Porcelain tea bowl"))
        assert "691200" in row and " JP " in row and "37.00 EUR" in row
    assert "CUSTOMS DECLARATION CN 22" in "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(cn22_pdf(decl))).pages)

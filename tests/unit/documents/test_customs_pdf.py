"""The CN 22 / CN 23 and commercial invoice PDFs (documents/customs.py), read back with pypdf: every field the
forms promise is printed, IOSS only under the EU regime, the UK VAT number only under the GBP 135 regime, and
the form's title follows the engine's CN 22 limit."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from marketplace.core.money import Money
from marketplace.crossborder.customs import CustomsItem, cn22_limit, declaration
from marketplace.documents.customs import cn22_pdf, commercial_invoice_pdf, kg
from marketplace.documents.customs_values import CustomsDeclaration, Party

SENDER = Party("Kyoto Kiln KK", ("Gojo-zaka 3-12", "605-0846 Kyoto"), "JP", phone="+81751234567")
TO_DE = Party("Lena Hoffmann", ("Hauptstraße 5", "10115 Berlin"), "DE")
TO_GB = Party("Priya Raman", ("10 Downing Street", "London", "SW1A 2AA"), "GB")
BOWL = CustomsItem("Porcelain tea bowl", "6912.00", "JP", 2, 480, Money(5000, "EUR"))
WHISK = CustomsItem("Bamboo tea whisk", "460219", "CN", 1, 35, Money(1250, "EUR"))
RENDERERS = (cn22_pdf, commercial_invoice_pdf)


def _text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"[ \t]+", " ", text)


def _decl(items=(BOWL, WHISK), *, to: Party = TO_DE, ioss: str | None = None, eori: str | None = None,
          uk_vat: str | None = None, regime: str | None = None, incoterm: str = "DDP") -> CustomsDeclaration:
    engine = declaration(list(items), category="sale_of_goods", sender_country=SENDER.country,
                         destination_country=to.country, ioss_number=ioss, eori_number=eori)
    return CustomsDeclaration(declaration=engine, sender=SENDER, recipient=to, invoice_number="MRD-00042-1",
                              incoterm=incoterm, issued_on=date(2026, 12, 2), regime=regime, uk_vat_number=uk_vat,
                              freight=Money(900, items[0].value.currency))


def _row_of(text: str, description: str) -> str:
    rows = [line for line in text.splitlines() if line.startswith(description)]
    assert len(rows) == 1, f"no single table row for {description!r} in:\n{text}"
    return rows[0]


@pytest.mark.parametrize("render", RENDERERS)
def test_every_field_of_an_eu_parcel_under_150_eur_is_printed(render):
    text = _text(render(_decl(ioss="IM2760000001", eori="DE1234567", regime="EU_IOSS")))
    for expected in ("Kyoto Kiln KK", "Gojo-zaka 3-12", "605-0846 Kyoto", "Japan (JP)", "+81751234567",
                     "Lena Hoffmann", "Hauptstraße 5", "10115 Berlin", "Germany (DE)",
                     "Reason for export: Sale of goods", "Incoterm: DDP", "MRD-00042-1",
                     "IOSS number: IM2760000001", "EORI number: DE1234567",
                     "Total net weight: 0.515 kg", "Total gross weight: 0.567 kg", "Date: 2026-12-02", "Signature: ____"):
        assert expected in text, expected
    assert "62.50 EUR" in text  # the total value
    assert "UK VAT" not in text
    bowl, whisk = _row_of(text, "Porcelain tea bowl"), _row_of(text, "Bamboo tea whisk")
    assert bowl.split()[3:6] == ["691200", "JP", "2"] and "0.480 kg" in bowl and bowl.endswith("50.00 EUR")
    assert whisk.split()[3:6] == ["460219", "CN", "1"] and "0.035 kg" in whisk and whisk.endswith("12.50 EUR")


def test_the_cn22_names_its_form_ticks_sale_of_goods_and_states_the_value_with_currency():
    text = _text(cn22_pdf(_decl(ioss="IM2760000001", regime="EU_IOSS")))
    assert "CUSTOMS DECLARATION CN 22" in text and "CN 23" not in text
    assert "[X] Sale of goods" in text and "[ ] Gift" in text
    assert "Total value: 62.50 EUR" in text and "Value (EUR)" in text
    assert "Commercial invoice attached" not in text  # a CN 22 sale needs none


def test_the_invoice_prints_unit_values_freight_and_the_invoice_total():
    text = _text(commercial_invoice_pdf(_decl()))
    assert "COMMERCIAL INVOICE" in text and "Invoice number: MRD-00042-1" in text
    assert "Country of export: Japan (JP)" in text and "Country of destination: Germany (DE)" in text
    assert "Currency: EUR" in text
    assert "25.00 EUR 50.00 EUR" in _row_of(text, "Porcelain tea bowl")  # unit value, then line value
    assert "Total goods value: 62.50 EUR" in text
    assert "Freight: 9.00 EUR" in text and "Invoice total: 71.50 EUR" in text


@pytest.mark.parametrize("render", RENDERERS)
def test_a_gb_parcel_under_the_135_gbp_regime_prints_the_uk_vat_number_and_no_ioss(render):
    items = (CustomsItem("Porcelain tea bowl", "691200", "JP", 1, 480, Money(4200, "GBP")),)
    text = _text(render(_decl(items, to=TO_GB, uk_vat="GB999999973", regime="GB_LOW_VALUE",
                              ioss="IM2760000001")))
    assert "UK VAT number: GB999999973" in text
    assert "IOSS" not in text  # the engine leaves an IOSS number out outside the EU
    assert "United Kingdom (GB)" in text and "42.00 GBP" in text


@pytest.mark.parametrize("render", RENDERERS)
def test_no_identifier_lines_when_none_apply(render):
    text = _text(render(_decl(incoterm="DAP")))
    assert "IOSS" not in text and "UK VAT" not in text and "EORI" not in text
    assert "Incoterm: DAP" in text


@pytest.mark.parametrize("render", RENDERERS)
def test_ioss_is_left_off_above_150_eur_where_the_eu_regime_does_not_apply(render):
    items = (CustomsItem("Stoneware vase", "691200", "JP", 1, 900, Money(18000, "EUR")),)
    decl = _decl(items, ioss="IM2760000001", regime="EU_STANDARD")
    assert "customs.ioss_over_limit" in decl.declaration.notes and decl.ioss_number is None
    assert "IOSS" not in _text(render(decl))


def test_above_the_cn22_limit_the_form_is_titled_cn23_and_points_to_the_invoice():
    limit = cn22_limit("EUR")
    items = (CustomsItem("Cast iron teapot", "732393", "JP", 1, 1500, Money(limit.minor + 1, "EUR")),)
    decl = _decl(items, regime="EU_STANDARD")
    assert decl.declaration.form == "CN23"
    text = _text(cn22_pdf(decl))
    assert "CUSTOMS DECLARATION CN 23" in text and "CN 22" not in text
    assert "Commercial invoice attached: MRD-00042-1" in text
    assert PdfReader(io.BytesIO(cn22_pdf(decl))).metadata.title == "Customs declaration CN 23 MRD-00042-1"


def test_a_heavy_parcel_under_the_value_limit_is_a_cn23_too():
    items = (CustomsItem("Cast iron teapot", "732393", "JP", 2, 1900, Money(6000, "EUR")),)
    assert "CUSTOMS DECLARATION CN 23" in _text(cn22_pdf(_decl(items)))


def test_kilograms_print_to_the_gram():
    assert [kg(g) for g in (0, 35, 480, 1000, 12345)] == ["0.000 kg", "0.035 kg", "0.480 kg", "1.000 kg",
                                                          "12.345 kg"]

"""Customs declarations: the UPU 300 SDR line between CN 22 and CN 23, the commercial-invoice
flag, line checks, IOSS and EORI formats, the packaging allowance.

SDR figures: the project's ``data/sdr_rates.json`` (1 SDR = 1.20310 EUR = 214.332 JPY on
2026-10-06, the IMF basket at the ECB rates of that day), so 300 SDR = 360.93 EUR exactly and
64,299.6 JPY. Identifier formats: EORI GB/XI + 12 digits or an EU country code + up to 15
characters; IOSS "IM" + 3-digit EU country code + 7 digits (Meridian cross-border facts,
2026-11-25).
"""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError
from datetime import date
from decimal import Context, Decimal
from importlib import resources

import pytest

from marketplace.core.money import Money, Rounding
from marketplace.crossborder import fx
from marketplace.crossborder.customs import (
    Category,
    CustomsError,
    CustomsItem,
    Declaration,
    cn22_limit,
    declaration,
    sdr_rate,
    validate_eori,
    validate_ioss,
)

SNAPSHOT = date(2026, 10, 6)


def item(value: Money, *, description: str = "Men's cotton T-shirt", hs_code: str = "6109.10",
         origin: str = "PT", quantity: int = 1, net_weight_g: int = 200) -> CustomsItem:  # fmt: skip
    return CustomsItem(
        description=description, hs_code=hs_code, origin_country=origin, quantity=quantity,
        net_weight_g=net_weight_g, value=value,
    )  # fmt: skip


def declare(*items: CustomsItem, category: Category | str = Category.SALE_OF_GOODS, sender: str = "PT",
            destination: str = "US", **kwargs) -> Declaration:  # fmt: skip
    return declaration(
        items, category=category, sender_country=sender, destination_country=destination, **kwargs
    )


def _data(name: str) -> dict:
    return json.loads(
        (resources.files("marketplace.crossborder") / "data" / name).read_text(encoding="utf-8")
    )


# -- the SDR line -------------------------------------------------------------------------------


def test_sdr_rates_are_the_imf_basket_at_the_bundled_ecb_rates():
    sdr = _data("sdr_rates.json")
    ecb = _data(fx.SNAPSHOT_FILE)
    assert sdr["date"] == ecb["date"] == "2026-10-06"
    per_eur = {"EUR": Decimal(1)} | {code: Decimal(v) for code, v in ecb["rates_per_EUR"].items()}
    ctx = Context(prec=40)
    eur_per_sdr = sum(
        (ctx.divide(Decimal(amount), per_eur[code]) for code, amount in sdr["basket"]["amounts"].items()),
        Decimal(0),
    )
    six = Context(prec=6)
    for code, text in sdr["per_SDR"].items():
        assert six.plus(ctx.multiply(eur_per_sdr, per_eur[code])) == Decimal(text), code
    assert set(sdr["per_SDR"]) >= {"EUR", "USD", "GBP", "JPY", "CNY"}


def test_sdr_rate_from_the_snapshot_and_through_fx_for_other_currencies():
    assert sdr_rate("EUR").rate == Decimal("1.20310")
    assert sdr_rate("JPY").rate == Decimal("214.332")
    assert sdr_rate("USD").rate == Decimal("1.35577")
    chf = sdr_rate("CHF")  # not in the SDR file: 1.20310 EUR at the ECB rate of 0.9359 CHF per EUR
    assert chf.rate == Decimal("1.20310") * Decimal("0.9359")
    assert "EUR->CHF" in chf.source and "ECB" in chf.source
    assert cn22_limit("CHF") == Money(33779, "CHF")  # 337.798... CHF, rounded down


def test_sdr_rate_refuses_dates_before_the_snapshot_and_unknown_currencies():
    with pytest.raises(fx.RatesNotAvailable):
        sdr_rate("EUR", on=date(2026, 10, 5))
    with pytest.raises(fx.RatesNotAvailable):
        sdr_rate("KWD")  # neither in the SDR file nor quoted by the ECB snapshot
    assert sdr_rate("EUR", on=SNAPSHOT).rate == Decimal("1.20310")


def test_cn22_at_exactly_300_sdr_in_euro_and_cn23_one_cent_over():
    at_line = declare(item(Money(36093, "EUR")))  # 300 x 1.20310 = 360.93 EUR
    assert at_line.form == "CN22"
    assert at_line.sdr_value == Decimal("300.0000")
    over = declare(item(Money(36094, "EUR")))
    assert over.form == "CN23"
    assert over.sdr_value == Decimal("300.0084")  # 300.00831..., rounded up
    assert cn22_limit("EUR") == Money(36093, "EUR")


def test_cn22_up_to_300_sdr_in_yen_and_cn23_one_yen_over():
    # 300 SDR = 300 x 214.332 = 64,299.6 JPY: 64,299 yen is the last amount within the line
    last = declare(item(Money(64299, "JPY")), destination="JP")
    assert last.form == "CN22"
    assert last.sdr_value == Decimal("299.9973")  # 299.99720..., rounded up
    over = declare(item(Money(64300, "JPY")), destination="JP")
    assert over.form == "CN23"
    assert over.sdr_value == Decimal("300.0019")
    assert cn22_limit("JPY") == Money(64299, "JPY")


def test_the_line_applies_to_the_total_of_all_lines():
    two = declare(item(Money(20000, "EUR")), item(Money(16093, "EUR"), description="Women's cotton T-shirt"))
    assert two.total_value == Money(36093, "EUR")
    assert two.form == "CN22"
    three = declare(
        item(Money(20000, "EUR")), item(Money(16093, "EUR"), description="Women's cotton T-shirt"),
        item(Money(1, "EUR"), description="Cotton tote bag", hs_code="4202.92"),
    )  # fmt: skip
    assert three.form == "CN23"


def test_parcels_over_2_kg_take_a_cn23_whatever_their_value():
    light = declare(item(Money(1000, "EUR"), net_weight_g=1800))  # 1,980 g gross
    assert light.form == "CN22"
    heavy = declare(item(Money(1000, "EUR"), net_weight_g=1900))  # 2,090 g gross
    assert heavy.form == "CN23"


# -- commercial invoice -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "value_minor", "mode", "required"),
    [
        (Category.SALE_OF_GOODS, 36093, "postal", False),  # CN 22
        (Category.SALE_OF_GOODS, 36094, "postal", True),  # CN 23
        (Category.GIFT, 50000, "postal", False),
        (Category.SAMPLE, 50000, "postal", False),
        (Category.SALE_OF_GOODS, 1000, "courier", True),
        (Category.GIFT, 1000, "courier", True),  # pro-forma invoice
        (Category.RETURNED_GOODS, 1000, "courier", True),
        (Category.DOCUMENTS, 0, "courier", False),
    ],
)
def test_commercial_invoice_flag(category, value_minor, mode, required):
    dec = declare(item(Money(value_minor, "EUR")), category=category, transport_mode=mode)
    assert dec.commercial_invoice_required is required
    assert ("customs.commercial_invoice" in dec.notes) is required


def test_courier_shipments_are_noted():
    dec = declare(item(Money(1000, "EUR")), transport_mode="courier")
    assert dec.transport_mode == "courier"
    assert "customs.courier_data" in dec.notes
    with pytest.raises(ValueError):
        declare(item(Money(1000, "EUR")), transport_mode="freight")


# -- the declaration's contents -----------------------------------------------------------------


def test_declaration_totals_and_normalised_lines():
    dec = declare(
        item(Money(1999, "EUR"), quantity=2, net_weight_g=400, hs_code="6109 10", origin="pt"),
        item(Money(4500, "EUR"), description="  Green   tea, loose leaf ", hs_code="0902.10.00",
             origin="CN", net_weight_g=250),
        category="sale_of_goods", sender="de", destination="us",
    )  # fmt: skip
    assert dec.category is Category.SALE_OF_GOODS
    assert dec.total_value == Money(6499, "EUR")
    assert dec.currency == "EUR"
    assert dec.total_net_weight_g == 650
    assert dec.sender_country == "DE" and dec.destination_country == "US"
    assert [i.hs_code for i in dec.items] == ["610910", "09021000"]
    assert [i.origin_country for i in dec.items] == ["PT", "CN"]
    assert dec.items[1].description == "Green tea, loose leaf"
    assert dec.sdr_rate == Decimal("1.20310")
    assert dec.ioss_number is None and dec.eori_number is None
    with pytest.raises(FrozenInstanceError):
        dec.form = "CN23"  # type: ignore[misc]


@pytest.mark.parametrize(("net", "gross"), [(1000, 1100), (1001, 1102), (5, 6), (10, 11), (1, 2)])
def test_gross_weight_defaults_to_net_plus_ten_percent_rounded_up(net, gross):
    assert declare(item(Money(100, "EUR"), net_weight_g=net)).gross_weight_g == gross


def test_gross_weight_given_must_cover_the_net_weight():
    assert declare(item(Money(100, "EUR"), net_weight_g=500), gross_weight_g=500).gross_weight_g == 500
    assert declare(item(Money(100, "EUR"), net_weight_g=500), gross_weight_g=750).gross_weight_g == 750
    for bad in (499, 0, -1, 500.0, True, "600"):
        with pytest.raises(CustomsError) as caught:
            declare(item(Money(100, "EUR"), net_weight_g=500), gross_weight_g=bad)
        assert caught.value.code == "customs_weight"


@pytest.mark.parametrize(
    "description",
    ["gift", "Gift", "goods", "GOODS", "sample", "samples", "various", "Various goods", "gift items",
     "spare parts", "food products", "merchandise", "misc.", "clothing", "personal effects", "stuff"],
)  # fmt: skip
def test_vague_descriptions_are_refused(description):
    with pytest.raises(CustomsError) as caught:
        declare(item(Money(100, "EUR"), description=description))
    assert caught.value.code == "customs_item"
    assert caught.value.item_index == 0
    assert caught.value.field == "description"
    assert "too vague" in caught.value.message


@pytest.mark.parametrize(
    "description",
    ["Men's cotton T-shirt", "Gift box of green tea", "Samples of cotton fabric", "Leather handbag", "Mug",
     "x" * 50],
)  # fmt: skip
def test_precise_descriptions_are_accepted(description):
    assert declare(item(Money(100, "EUR"), description=description)).items[0].description == description


@pytest.mark.parametrize("description", ["", "ab", "  ab  ", "x" * 51, "Cotton\x00shirt", None, 42])
def test_descriptions_must_be_3_to_50_printable_characters(description):
    with pytest.raises(CustomsError) as caught:
        declare(item(Money(100, "EUR"), description=description))
    assert caught.value.code == "customs_item"
    assert caught.value.field == "description"


def test_mixed_currencies_are_refused():
    with pytest.raises(CustomsError) as caught:
        declare(item(Money(1000, "EUR")), item(Money(1000, "USD"), description="Leather handbag"))
    err = caught.value
    assert err.code == "customs_item"
    assert err.item_index == 1
    assert err.field == "value"
    assert "one currency" in err.message


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": 0}, "quantity"),
        ({"quantity": -1}, "quantity"),
        ({"quantity": 1.0}, "quantity"),
        ({"quantity": True}, "quantity"),
        ({"net_weight_g": 0}, "net_weight_g"),
        ({"net_weight_g": -5}, "net_weight_g"),
        ({"net_weight_g": 12.5}, "net_weight_g"),
        ({"value": Money(-1, "EUR")}, "value"),
        ({"hs_code": "6109-10"}, "hs_code"),
        ({"hs_code": ""}, "hs_code"),  # commercial items need an HS code
        ({"origin": ""}, "origin_country"),  # ... and a country of origin
        ({"origin": "XX"}, "origin_country"),
        ({"origin": "UK"}, "origin_country"),  # ISO says GB
    ],
)
def test_bad_lines_are_refused_with_the_field(changes, field):
    args = {"value": Money(1000, "EUR")} | changes
    with pytest.raises(CustomsError) as caught:
        declare(item(**args))
    assert caught.value.code == "customs_item"
    assert caught.value.field == field


def test_zero_value_is_allowed_for_documents():
    dec = declare(item(Money(0, "EUR"), description="Signed contract papers", hs_code="", origin=""),
                  category=Category.DOCUMENTS)  # fmt: skip
    assert dec.total_value == Money(0, "EUR")
    assert dec.form == "CN22"
    assert dec.items[0].hs_code == ""


def test_gifts_may_leave_hs_code_and_origin_blank_but_not_malformed():
    dec = declare(item(Money(2500, "EUR"), hs_code="", origin=""), category="gift")
    assert dec.category is Category.GIFT
    with pytest.raises(CustomsError) as caught:
        declare(item(Money(2500, "EUR"), hs_code="61"), category="gift")
    assert caught.value.field == "hs_code"


def test_an_empty_declaration_is_refused():
    with pytest.raises(CustomsError) as caught:
        declaration([], category=Category.GIFT, sender_country="PT", destination_country="US")
    assert caught.value.code == "customs_empty"


@pytest.mark.parametrize("category", ["present", "merchandise", "", None, "SALE_OF_GOODS"])
def test_unknown_categories_are_refused(category):
    with pytest.raises(CustomsError) as caught:
        declare(item(Money(100, "EUR")), category=category)
    assert caught.value.code == "customs_category"


def test_category_values_are_the_form_boxes():
    assert [c.value for c in Category] == [
        "sale_of_goods", "gift", "commercial_sample", "returned_goods", "documents", "other",
    ]  # fmt: skip
    assert declare(item(Money(100, "EUR")), category="commercial_sample").category is Category.SAMPLE


@pytest.mark.parametrize(
    ("sender", "destination"), [("UK", "US"), ("PT", "USA"), ("PT", ""), ("EU", "US"), (None, "US")]
)
def test_countries_must_be_iso_alpha_2(sender, destination):
    with pytest.raises(CustomsError) as caught:
        declare(item(Money(100, "EUR")), sender=sender, destination=destination)
    assert caught.value.code == "customs_country"


def test_rates_before_the_snapshot_are_not_available():
    with pytest.raises(fx.RatesNotAvailable):
        declare(item(Money(100, "EUR")), on=date(2026, 1, 1))


def test_other_currencies_go_through_fx():
    # 300 SDR = 1.20310 x 300 EUR x 0.9359 CHF/EUR = 337.798... CHF
    assert declare(item(Money(33779, "CHF")), destination="CH").form == "CN22"
    assert declare(item(Money(33780, "CHF")), destination="CH").form == "CN23"


# -- IOSS and EORI --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("IM5280000001", "IM5280000001"),
        ("im5280000001", "IM5280000001"),
        (" IM 528 000 000 1 ", "IM5280000001"),
        ("IM3720001234", "IM3720001234"),  # Ireland
        ("IM0400000017", "IM0400000017"),  # Austria (numeric code 040)
    ],
)
def test_valid_ioss_numbers(written, normalised):
    assert validate_ioss(written) == normalised


@pytest.mark.parametrize(
    "written",
    ["", "IM528000000", "IM52800000012", "IN5280000001", "IM8400000001", "IM826000000A", "IMABC0000001",
     "5280000001", "IM-528-0000001", None, 5280000001],
)  # fmt: skip
def test_invalid_ioss_numbers(written):
    with pytest.raises(CustomsError) as caught:
        validate_ioss(written)
    assert caught.value.code == "ioss_format"


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("GB123456789000", "GB123456789000"),
        ("gb 1234 5678 9000", "GB123456789000"),
        ("XI123456789000", "XI123456789000"),
        ("DE1234567", "DE1234567"),
        ("FR12345678901234", "FR12345678901234"),
        ("NL123456789B01", "NL123456789B01"),
        ("IE1234567T", "IE1234567T"),
        ("ES" + "A" * 15, "ES" + "A" * 15),
    ],
)
def test_valid_eori_numbers(written, normalised):
    assert validate_eori(written) == normalised


@pytest.mark.parametrize(
    "written",
    ["", "GB12345678900", "GB1234567890000", "GBA23456789000", "XI12345678900A", "DE", "DE" + "1" * 16,
     "US123456789", "EL123456789", "UK123456789000", "DE-1234567", None],
)  # fmt: skip
def test_invalid_eori_numbers(written):
    with pytest.raises(CustomsError) as caught:
        validate_eori(written)
    assert caught.value.code == "eori_format"


def test_ioss_for_an_eu_destination_is_noted():
    dec = declare(item(Money(4999, "EUR")), destination="DE", ioss_number="im 528 0000 001")
    assert dec.ioss_number == "IM5280000001"
    assert dec.notes == ("customs.ioss_included",)


def test_ioss_over_150_euro_is_flagged():
    assert (
        "customs.ioss_over_limit"
        not in declare(item(Money(15000, "EUR")), destination="FR", ioss_number="IM5280000001").notes
    )
    dec = declare(item(Money(15001, "EUR")), destination="FR", ioss_number="IM5280000001")
    assert dec.notes == ("customs.ioss_included", "customs.ioss_over_limit")
    # in another currency the total is converted: USD 170 = EUR 150.86 at 1.1269 USD/EUR
    usd = declare(item(Money(17000, "USD")), destination="FR", ioss_number="IM5280000001")
    assert "customs.ioss_over_limit" in usd.notes


def test_ioss_outside_the_eu_is_left_out():
    dec = declare(item(Money(4999, "EUR")), destination="US", ioss_number="IM5280000001")
    assert dec.ioss_number is None
    assert dec.notes == ("customs.ioss_not_eu",)


def test_malformed_identifiers_in_a_declaration_are_refused():
    with pytest.raises(CustomsError) as caught:
        declare(item(Money(4999, "EUR")), destination="DE", ioss_number="IM123")
    assert caught.value.code == "ioss_format"
    with pytest.raises(CustomsError) as caught:
        declare(item(Money(4999, "EUR")), eori_number="GB123")
    assert caught.value.code == "eori_format"


def test_eori_is_normalised_and_noted():
    dec = declare(item(Money(50000, "EUR")), sender="GB", destination="DE", eori_number="gb123456789000")
    assert dec.eori_number == "GB123456789000"
    assert dec.notes == ("customs.eori_included", "customs.commercial_invoice")


def test_customs_error_is_a_value_error_with_a_stable_code():
    with pytest.raises(ValueError) as caught:
        validate_ioss("nope")
    assert isinstance(caught.value, CustomsError)
    assert caught.value.code == "ioss_format"
    assert str(caught.value) == caught.value.message


def test_money_rounding_of_the_yen_line_is_down():
    # the yen limit is 64,299.6: any rounding other than DOWN would admit 64,300 yen
    assert cn22_limit("JPY") == Money.of(Decimal("64299.6"), "JPY", Rounding.DOWN)

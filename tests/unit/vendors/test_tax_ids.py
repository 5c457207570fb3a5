"""Tax and customs numbers a seller types: each country's scheme accepts real numbers and refuses a wrong one
with the specific reason (length, check digit, another country's prefix, characters)."""

from __future__ import annotations

import pytest

from marketplace.core.errors import ValidationError
from marketplace.vendors.error_codes import VendorErrorCode as E
from marketplace.vendors.tax_ids import validate_eori, validate_ioss, validate_tax_id

VALID = [
    ("DE", "DE136695976", "DE136695976", "eu_vat"),
    ("DE", "136 695 976", "DE136695976", "eu_vat"),  # the prefix is added
    ("GR", "EL094259216", "EL094259216", "eu_vat"),  # Greece's VAT prefix is EL
    ("GB", "GB 980 7806 84", "GB980780684", "gb_vat"),
    ("GB", "980780684", "GB980780684", "gb_vat"),
    ("CH", "CHE-100.155.212", "CHE100155212", "ch_uid"),
    ("NO", "988 077 917", "988077917", "no_orgnr"),
    ("NO", "NO 988 077 917 MVA", "988077917", "no_orgnr"),
    ("AU", "51 824 753 556", "51824753556", "au_abn"),
    ("JP", "5835678256246", "5835678256246", "jp_cn"),
    ("US", "04-2103594", "042103594", "us_ein"),
    ("MX", "abc-123", "ABC-123", ""),  # no scheme: kept as typed, upper-cased
    ("MX", "", "", ""),  # and optional
]


@pytest.mark.parametrize(("country", "raw", "number", "scheme"), VALID)
def test_real_numbers_are_accepted_and_compacted(country, raw, number, scheme):
    checked = validate_tax_id(country, raw)
    assert (checked.number, checked.scheme) == (number, scheme)


INVALID = [
    ("DE", "DE136695977", E.TAX_ID_CHECKSUM),  # one digit changed
    ("DE", "DE13669597", E.TAX_ID_LENGTH),
    ("DE", "FR40303265045", E.TAX_ID_PREFIX),  # a French number for a German shop
    ("DE", "DEABCDEFGHI", E.TAX_ID_FORMAT),
    ("DE", "", E.TAX_ID_REQUIRED),
    ("GR", "GR094259216", E.TAX_ID_PREFIX),
    ("GB", "GB980780685", E.TAX_ID_CHECKSUM),
    ("CH", "CHE-100.155.213", E.TAX_ID_CHECKSUM),
    ("NO", "988077918", E.TAX_ID_CHECKSUM),
    ("AU", "51 824 753 557", E.TAX_ID_CHECKSUM),
    ("JP", "5835678256247", E.TAX_ID_CHECKSUM),
    ("JP", "583567825624", E.TAX_ID_LENGTH),
    ("US", "07-2103594", E.TAX_ID_FORMAT),  # 07 is no IRS campus prefix
    ("MX", "<script>", E.TAX_ID_FORMAT),
    ("DE", "9" * 5000, E.TAX_ID_LENGTH),
]


@pytest.mark.parametrize(("country", "raw", "code"), INVALID)
def test_a_wrong_number_is_refused_with_its_reason(country, raw, code):
    with pytest.raises(ValidationError) as refused:
        validate_tax_id(country, raw)
    assert refused.value.code == code and refused.value.field == "vat_number"


def test_the_prefix_refusal_names_both_prefixes():
    with pytest.raises(ValidationError) as refused:
        validate_tax_id("DE", "FR40303265045")
    assert refused.value.params["prefix"] == "DE" and refused.value.params["given"] == "FR"


@pytest.mark.parametrize("value", [None, 12, ["DE"]])
def test_non_text_is_refused_as_required(value):
    with pytest.raises(ValidationError) as refused:
        validate_tax_id("DE", value)
    assert refused.value.code == E.TAX_ID_REQUIRED


def test_eori_and_ioss_shapes():
    assert validate_eori("de 1234567890123") == "DE1234567890123"
    assert validate_eori("") == "" and validate_ioss(None) == ""
    assert validate_ioss("im2760000742") == "IM2760000742"
    for bad in ("1234567", "DE1234567890123456", "D-E1"):
        with pytest.raises(ValidationError) as refused:
            validate_eori(bad)
        assert refused.value.code == E.EORI_INVALID
    for bad in ("IM276000074", "IM27600007421", "XX2760000742", 42):
        with pytest.raises(ValidationError) as refused:
            validate_ioss(bad)
        assert refused.value.code == E.IOSS_INVALID

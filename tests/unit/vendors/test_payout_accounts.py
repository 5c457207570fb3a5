"""Payout bank accounts per country: IBANs checked by schwifty (BIC optional or derived), the US, Australian,
Japanese and Canadian account details by their shapes (and the ABA routing checksum); shown masked."""

from __future__ import annotations

import pytest

from marketplace.core.errors import ValidationError
from marketplace.vendors.error_codes import VendorErrorCode
from marketplace.vendors.payout_accounts import PayoutInvalid, masked, method_for, validate_payout


def test_which_details_each_country_uses():
    assert [method_for(c) for c in ("DE", "GB", "BR", "US", "AU", "JP", "CA", "NZ")] == [
        "iban", "iban", "iban", "us_ach", "au_bsb", "jp_zengin", "ca_eft", None]


def test_an_iban_is_compacted_and_its_bic_derived():
    account = validate_payout("DE", {"holder": " Muster  GmbH ", "iban": "DE89 3704 0044 0532 0130 00"})
    assert (account.method, account.holder, account.account, account.bic) == (
        "iban", "Muster GmbH", "DE89370400440532013000", "COBADEFFXXX")


def test_a_given_bic_is_checked():
    assert validate_payout("FR", {"holder": "A", "iban": "DE89370400440532013000", "bic": "cobadeff"}).bic == "COBADEFF"
    with pytest.raises(PayoutInvalid) as refused:
        validate_payout("FR", {"holder": "A", "iban": "DE89370400440532013000", "bic": "COBA"})
    assert set(refused.value.errors) == {"bic"}


@pytest.mark.parametrize(("iban", "words"), [
    ("DE89 3704 0044 0532 0130 01", "check digits"),
    ("DE89 3704 0044 0532 0130", "wrong length"),
    ("", "Enter your IBAN"),
])
def test_a_wrong_iban_says_why(iban, words):
    with pytest.raises(PayoutInvalid) as refused:
        validate_payout("DE", {"holder": "A", "iban": iban})
    assert words in refused.value.errors["iban"][0]


def test_local_account_details():
    us = validate_payout("US", {"holder": "A", "routing": "011000015", "account": "0001 2345 6789"})
    assert (us.routing, us.account) == ("011000015", "000123456789")
    assert validate_payout("AU", {"holder": "A", "bsb": "062-000", "account": "12345678"}).routing == "062000"
    assert validate_payout("JP", {"holder": "A", "bank": "0001", "branch": "001", "account": "1234567"}).routing == "0001-001"
    assert validate_payout("CA", {"holder": "A", "institution": "001", "transit": "00011",
                                  "account": "1234567"}).routing == "001-00011"


def test_wrong_local_details_name_each_field():
    with pytest.raises(PayoutInvalid) as refused:
        validate_payout("US", {"holder": "", "routing": "011000016", "account": "12"})
    assert set(refused.value.errors) == {"holder", "routing", "account"}
    assert "check digit" in refused.value.errors["routing"][0]
    with pytest.raises(PayoutInvalid) as refused:
        validate_payout("JP", {"holder": "A", "bank": "1", "branch": "abc", "account": "12345678"})
    assert set(refused.value.errors) == {"bank", "branch", "account"}


def test_a_country_without_bank_payouts_is_refused():
    with pytest.raises(ValidationError) as refused:
        validate_payout("NZ", {"holder": "A"})
    assert refused.value.code == VendorErrorCode.PAYOUT_UNSUPPORTED


def test_hostile_input_is_refused_not_crashed():
    with pytest.raises(PayoutInvalid):
        validate_payout("DE", ["not", "a", "mapping"])
    with pytest.raises(PayoutInvalid):
        validate_payout("DE", {"holder": "A" * 5000, "iban": 12})


def test_only_the_last_four_are_shown():
    assert masked("DE89370400440532013000") == "•••• 3000" and masked("") == ""

"""Card checks: Luhn, brands, expiry, CVC and Stripe's test-card behaviours."""

from __future__ import annotations

from datetime import date

import pytest

from marketplace.payments.cards import Behaviour, brand, check_card, luhn_valid
from marketplace.payments.gateway import CardDetails, PaymentDeclined

TODAY = date(2026, 6, 15)


def card(
    number: str = "4242 4242 4242 4242", month: int = 12, year: int = 2030, cvc: str = "123"
) -> CardDetails:
    return CardDetails(number=number, exp_month=month, exp_year=year, cvc=cvc)


@pytest.mark.parametrize(
    ("number", "expected"),
    [("4242424242424242", True), ("4242424242424241", False), ("79927398713", True), ("79927398710", False)],
)
def test_luhn(number, expected):
    assert luhn_valid(number) is expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("4242424242424242", "visa"),
        ("5555555555554444", "mastercard"),
        ("2223003122003222", "mastercard"),
        ("378282246310005", "amex"),
        ("6011111111111117", "discover"),
        ("3566002020360505", "jcb"),
        ("36227206271667", "diners"),
        ("6200000000000005", "unionpay"),
    ],
)
def test_brand_from_stripe_test_numbers(number, expected):
    assert brand(number) == expected


@pytest.mark.parametrize(
    ("number", "behaviour"),
    [
        ("4242 4242 4242 4242", Behaviour.SUCCEED),
        ("4000 0000 0000 0002", Behaviour.DECLINE),
        ("4000-0025-0000-3155", Behaviour.REQUIRE_AUTHENTICATION),
        ("5555 5555 5555 4444", Behaviour.SUCCEED),
    ],
)
def test_test_card_behaviours(number, behaviour):
    assert check_card(card(number), TODAY).behaviour is behaviour


def test_only_brand_and_last_four_come_out():
    checked = check_card(card("4000 0025 0000 3155"), TODAY)
    assert (checked.brand, checked.last4) == ("visa", "3155")
    assert "4000002500003155" not in repr(checked)


def test_card_details_repr_hides_the_number_and_cvc():
    text = repr(card(cvc="987"))
    assert "4242424242424242" not in text and "987" not in text and "4242" in text


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"number": "4242 4242 4242 4241"}, "incorrect_number"),
        ({"number": "4242 4242 4242"}, "incorrect_number"),
        ({"number": "4242abcd42424242"}, "incorrect_number"),
        ({"number": ""}, "incorrect_number"),
        ({"number": "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢"}, "incorrect_number"),  # Arabic-Indic digits are not card digits
        ({"month": 13}, "invalid_expiry_month"),
        ({"month": 0}, "invalid_expiry_month"),
        ({"month": 5, "year": 2026}, "expired_card"),
        ({"month": 12, "year": 2025}, "expired_card"),
        ({"month": 5, "year": 26}, "expired_card"),
        ({"cvc": "12"}, "incorrect_cvc"),
        ({"cvc": "1234"}, "incorrect_cvc"),
        ({"cvc": "12a"}, "incorrect_cvc"),
        ({"number": "378282246310005", "cvc": "123"}, "incorrect_cvc"),  # amex wants four digits
    ],
)
def test_bad_cards_are_declined_with_stripes_codes(kwargs, code):
    with pytest.raises(PaymentDeclined) as info:
        check_card(card(**kwargs), TODAY)
    assert info.value.code == code
    assert info.value.message and "4242" not in info.value.message


def test_a_card_is_valid_until_the_end_of_its_expiry_month():
    assert check_card(card(month=6, year=2026), TODAY).behaviour is Behaviour.SUCCEED
    assert check_card(card(month=6, year=26), TODAY).behaviour is Behaviour.SUCCEED


def test_amex_with_four_digit_cvc_is_fine():
    assert check_card(card("3782 822463 10005", cvc="1234"), TODAY).brand == "amex"

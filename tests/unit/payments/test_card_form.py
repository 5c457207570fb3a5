"""The checkout's card form is read into CardDetails, or field errors, in payments.cards (not in the page)."""

from marketplace.payments.cards import card_from_form
from marketplace.payments.gateway import CardDetails


def test_a_well_formed_form_gives_card_details():
    card, errors = card_from_form({"card_number": "4242 4242-4242 4242", "card_expiry": "12 / 34", "card_cvc": "123"})
    assert errors == {} and card == CardDetails("4242424242424242", 12, 2034, "123")


def test_each_bad_field_gets_its_message_id():
    card, errors = card_from_form({"card_number": "42", "card_expiry": "13/30", "card_cvc": "12a"})
    assert card is None
    assert errors == {"card_number": "Enter the card number.", "card_expiry": "Enter the expiry date as MM / YY.",
                      "card_cvc": "Enter the 3 or 4 digit security code."}


def test_a_missing_form_is_all_errors():
    assert set(card_from_form({})[1]) == {"card_number", "card_expiry", "card_cvc"}

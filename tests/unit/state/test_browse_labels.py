"""Listing labels: price ranges in the display currency, formatted by Babel for the shopper's language."""

from __future__ import annotations

from marketplace.state.browse import money_label, price_label


def test_whole_units_are_formatted_in_the_currency_and_locale():
    assert money_label(25, "EUR", "de_DE") == "25,00\xa0€"
    assert money_label(1500, "JPY", "en_US") == "¥1,500"
    assert money_label(10, "KWD", "en_US").endswith("10.000")


def test_price_ranges_read_as_open_or_closed_ranges():
    assert price_label(None, 20, "USD", "en") == "Under $20.00"
    assert price_label(100, None, "USD", "en") == "$100.00 and above"
    assert price_label(20, 50, "EUR", "de").startswith("20,00")
    assert "50,00" in price_label(20, 50, "EUR", "de")

"""Pure stock rules: what counts as low or sold out, the reasons a change may have, and the seller's words for
them (German included), without a database."""

from __future__ import annotations

import pytest

from marketplace.catalog.stock_history import StockReason, is_low
from marketplace.present import seller_stock as words
from marketplace.vendors.stock_portal import stock_state


@pytest.mark.parametrize("stock, threshold, low, state", [
    (0, 5, False, "out"), (1, 5, True, "low"), (5, 5, True, "low"), (6, 5, False, "ok"),
    (0, 0, False, "out"), (1, 0, False, "ok"), (-1, 5, False, "out"),
])
def test_low_means_some_left_at_or_below_the_threshold(stock, threshold, low, state):
    assert is_low(stock, threshold) is low
    assert stock_state(stock, threshold) == state


def test_every_reason_has_words_in_english_and_german():
    assert set(words.REASON_LABELS) == {reason.value for reason in StockReason}
    assert words.reason_label("en", "sale") == "Sale"
    assert words.reason_label("de", "manual") == "Manuelle Änderung"
    assert words.state_label("de", "out") == "Ausverkauft"
    assert words.reason_label("en", "unknown") == "unknown"


@pytest.mark.parametrize("value, lang, text", [(12, "en", "+12"), (-3, "en", "\u22123"), (0, "en", "0"),
                                               (-1234, "de", "\u22121.234"), (1234, "en", "+1,234")])
def test_a_change_is_shown_with_its_sign(value, lang, text):
    assert words.signed(value, lang) == text


def test_options_read_as_name_and_value_pairs():
    assert words.options_text([("Size", "M"), ("Colour", "Blue")]) == "Size: M · Colour: Blue"
    assert words.options_text([]) == ""

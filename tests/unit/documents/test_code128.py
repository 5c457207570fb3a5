"""Code 128 set B (documents/code128.py): the symbol table's defining properties, the check symbol, the layout."""

from __future__ import annotations

import pytest

from marketplace.documents import code128


def test_the_table_has_the_properties_every_code_128_symbol_has():
    assert len(code128.PATTERNS) == 107 and len(set(code128.PATTERNS)) == 107
    for value, pattern in enumerate(code128.PATTERNS[:106]):
        widths = [int(w) for w in pattern]
        assert len(widths) == 6 and all(1 <= w <= 4 for w in widths), value
        assert sum(widths) == 11, value  # 11 modules a symbol
        assert sum(widths[0::2]) % 2 == 0, value  # bars take an even number of modules, spaces an odd one
    assert code128.PATTERNS[code128.START_B] == "211214"
    assert code128.PATTERNS[code128.STOP] == "2331112"


def test_check_symbol_of_wikipedia_is_88():
    # by hand: 104 + 1x55 (W) + 2x73 (i) + 3x75 (k) + 4x73 + 5x80 (p) + 6x69 (e) + 7x68 (d) + 8x73 + 9x65 (a)
    #        = 3281 = 31 x 103 + 88
    assert code128.values("Wikipedia") == [55, 73, 75, 73, 80, 69, 68, 73, 65]
    assert code128.check_value(code128.values("Wikipedia")) == 88


def test_encode_lays_out_start_data_check_and_stop():
    widths = code128.encode("Wikipedia")
    assert len(widths) == 6 * 11 + 7  # start, 9 characters, check: 6 widths each; stop: 7
    assert sum(widths) == 11 * 11 + 13
    pattern = "".join(map(str, widths))
    assert pattern.startswith("211214" + code128.PATTERNS[55])  # start B, "W"
    assert pattern.endswith(code128.PATTERNS[88] + "2331112")  # check 88, stop


@pytest.mark.parametrize("text", ["", "naïve", "tab\there", "日本"])
def test_text_outside_code_set_b_is_refused(text):
    with pytest.raises(ValueError):
        code128.encode(text)

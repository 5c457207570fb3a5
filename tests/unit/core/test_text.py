"""Plain text from forms: control and invisible formatting characters removed, lines normalised, bounded."""

from __future__ import annotations

import pytest

from marketplace.core.errors import ValidationError
from marketplace.core.text import clean_text, positive_id


def test_multiline_text_keeps_paragraphs_and_drops_control_characters():
    raw = "  Hello\r\nworld\x00\x1b[31m\u202e!\r\n\r\n\r\n\r\nBye\t:)  "
    assert clean_text(raw, max_length=100, multiline=True) == "Hello\nworld[31m!\n\nBye\t:)"


def test_one_line_text_collapses_breaks_and_runs_of_spaces():
    assert clean_text(" a\n  b\tc ", max_length=10, multiline=False) == "a b c"


def test_joiners_used_by_emoji_and_scripts_survive():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_text(family, max_length=10, multiline=False) == family


@pytest.mark.parametrize("value, message", [
    ("   \x07  ", "Please fill in this field."),
    (None, "That text is not valid."),
    (12, "That text is not valid."),
    ("x" * 11, "Use at most %(max)s characters."),
])
def test_bad_text_names_the_problem(value, message):
    with pytest.raises(ValidationError) as bad:
        clean_text(value, max_length=10, multiline=True)
    assert bad.value.message == message


def test_optional_text_may_be_empty():
    assert clean_text(None, max_length=5, multiline=True, required=False) == ""
    assert clean_text(" ", max_length=5, multiline=True, required=False) == ""


@pytest.mark.parametrize("value, expected", [
    (5, 5), ("5", 5), ("007", 7), (0, None), (-1, None), (True, None), ("1e3", None), (" 5", None), (2**63, None),
    ("9" * 19, None), (None, None), (5.0, None),
])
def test_positive_id(value, expected):
    assert positive_id(value) == expected


def test_only_ascii_digits_are_digits():
    from marketplace.core.text import is_digits, positive_id

    assert is_digits("0123") and not is_digits("") and not is_digits("²") and not is_digits("٣")
    assert not is_digits(12) and not is_digits("1 2") and not is_digits("-1")
    assert positive_id("²") is None and positive_id("٣") is None and positive_id("42") == 42

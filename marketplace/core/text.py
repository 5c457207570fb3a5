"""Shopper-written plain text (reviews, messages, subjects): cleaned and bounded before it is stored.

Contract: ``clean_text`` accepts only ``str``; it removes control characters (keeping line breaks and tabs
in multi-line text; a single line loses them too), normalises line endings to ``\\n``, trims each end and
collapses runs of more than two blank lines. It raises :class:`ValidationError` with the caller's message
ids when the result is empty (if required; code ``required``) or longer than ``max_length`` characters
(code ``too_long``), naming the caller's ``field``. The text stays plain:
it is never interpreted as HTML (pages render it as text, so markup shows literally).
"""

from __future__ import annotations

import re
import unicodedata

from marketplace.core.errors import CommonErrorCode, ValidationError

_BLANK_RUNS = re.compile(r"\n{3,}")


def _allowed(ch: str, multiline: bool) -> bool:
    if ch in "\n\t":
        return multiline
    category = unicodedata.category(ch)
    # Cc: control characters; Cf: invisible format characters such as bidi overrides (U+202E) and BOMs
    return category not in ("Cc", "Cs", "Co") and not (category == "Cf" and ch not in "\u200c\u200d")


def clean_text(value: object, *, max_length: int, multiline: bool, required: bool = True,
               empty_message: str = "Please fill in this field.",
               long_message: str = "Use at most %(max)s characters.", field: str | None = None) -> str:
    """Plain text from a form field, or a :class:`ValidationError` naming what is wrong."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ValidationError("That text is not valid.", code=CommonErrorCode.INVALID, field=field)
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    text = "".join(ch for ch in text if _allowed(ch, multiline))
    text = _BLANK_RUNS.sub("\n\n", text).strip()
    if not multiline:
        text = re.sub(r"\s{2,}", " ", text)
    if required and not text:
        raise ValidationError(empty_message, code=CommonErrorCode.REQUIRED, field=field)
    if len(text) > max_length:
        raise ValidationError(long_message, code=CommonErrorCode.TOO_LONG, field=field, max=max_length)
    return text


def is_digits(value: object) -> bool:
    """``value`` is a non-empty string of ASCII digits 0-9 (``str.isdigit`` also accepts "²" and "٣", which
    ``int`` then refuses or reads differently)."""
    return isinstance(value, str) and value.isascii() and value.isdigit()


def positive_id(value: object) -> int | None:
    """A record id from an argument (``12`` or ``"12"``); None for anything else (bools, negatives, junk)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value < 2**63 else None
    if is_digits(value) and len(value) <= 18:
        return int(value) or None
    return None

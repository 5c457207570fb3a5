"""Pure product-moderation rules (no database, no staff checks): which staff keywords a product's text matches,
and whether a seller's edit touches what customs look at.

Contract:
- ``normalise_phrase(text)`` folds case and runs of whitespace; "" when nothing is left.
- ``matching_keywords(phrases, *texts)`` returns the phrases (as given, in the given order, each once) that occur
  in any of the texts as whole words: "replica" matches "Replica watch" and "a replica." but not "replicate";
  a multi-word phrase matches across any whitespace.
- ``customs_relevant_change(before, after)`` is True when the HS code, the origin country or the description
  differs (whitespace at the ends and case of HS/country ignored); price and stock are not looked at.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["CUSTOMS_FIELDS", "DEFAULT_KEYWORDS", "customs_relevant_change", "matching_keywords",
           "normalise_phrase"]

DEFAULT_KEYWORDS = ("replica", "counterfeit", "fake designer", "ivory", "tortoiseshell", "rhino horn",
                    "pangolin", "knock-off")
CUSTOMS_FIELDS = ("hs_code", "origin_country", "description")


def normalise_phrase(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in phrase.split(" ")]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def matching_keywords(phrases: Iterable[str], *texts: str | None) -> tuple[str, ...]:
    haystack = "\n".join(text for text in texts if text).casefold()
    found: list[str] = []
    for phrase in phrases:
        norm = normalise_phrase(phrase)
        if norm and phrase not in found and _pattern(norm).search(haystack):
            found.append(phrase)
    return tuple(found)


def _field(values: Mapping[str, object], name: str) -> str:
    value = values.get(name)
    text = "" if value is None else str(value).strip()
    return text if name == "description" else text.upper()


def customs_relevant_change(before: Mapping[str, object], after: Mapping[str, object]) -> bool:
    return any(_field(before, name) != _field(after, name) for name in CUSTOMS_FIELDS)

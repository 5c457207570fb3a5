"""UI strings: every string the code marks is in the template, German is complete, and the runtime
catalogue falls back to English."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from marketplace.core import i18n

ROOT = Path(__file__).resolve().parents[3]
KEYWORDS = ["t", "N_", "translate:2", "ValidationError", "NotFound", "PermissionDenied", "NotAuthenticated",
            "Throttled", "DomainError", "CheckoutError:2", "Change:2"]


def test_the_template_holds_every_string_the_code_marks(tmp_path):
    fresh = tmp_path / "fresh.pot"
    args = [str(Path(sys.executable).with_name("pybabel")), "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(fresh),
            "--no-location", "--sort-output"]
    for keyword in KEYWORDS:
        args += ["-k", keyword]
    subprocess.run([*args, str(ROOT / "marketplace")], check=True, capture_output=True, cwd=ROOT)
    with fresh.open("rb") as handle:
        extracted = {m.id for m in read_po(handle) if m.id}
    missing = extracted - set(i18n.msgids())
    assert not missing, f"run `make i18n-extract`; not in locales/messages.pot: {sorted(missing)[:10]}"


def test_german_translates_every_string_with_the_same_placeholders():
    with (ROOT / "locales/de/LC_MESSAGES/messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    untranslated = [m.id for m in catalogue if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []
    assert set(i18n.msgids()) <= {m.id for m in catalogue if m.id}
    import re

    for message in catalogue:
        if message.id:
            assert set(re.findall(r"%\(\w+\)s", message.id)) == set(re.findall(r"%\(\w+\)s", message.string))


def test_runtime_catalogues():
    assert i18n.catalog("de")["Add to cart"] == "In den Warenkorb"
    assert i18n.catalog("en")["Add to cart"] == "Add to cart"
    assert i18n.catalog("xx")["Add to cart"] == "Add to cart"
    with pytest.raises(TypeError):
        i18n.catalog("de")["Add to cart"] = "mutated"  # shared between sessions: read-only


def test_translate_formats_parameters_after_translating():
    assert i18n.translate("de", "Only %(stock)s left in stock.", stock=3) == "Nur noch 3 auf Lager."
    assert i18n.translate("en", "Only %(stock)s left in stock.", stock=3) == "Only 3 left in stock."
    assert i18n.translate("zz", "Add to cart") == "Add to cart"


@pytest.mark.parametrize("header, expected", [
    ("de-DE,de;q=0.9,en;q=0.8", "de"),
    ("en-GB,en;q=0.9", "en"),
    ("fr-FR,de;q=0.5", "de"),
    ("fr-FR,es;q=0.5", "en"),
    ("", "en"),
    (None, "en"),
    ("de;q=abc,,;;", "en"),
    ("x" * 5000, "en"),
])
def test_accept_language_negotiation(header, expected):
    assert i18n.negotiate(header) == expected

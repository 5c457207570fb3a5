"""The market cookies (mp_lang, mp_cur, mp_ship) are client input: only known codes are accepted, anything else
falls back to the default; <html lang> is set by JavaScript whose value is a JSON string literal (issue 9,
point 9)."""

from __future__ import annotations

import json

import pytest

from marketplace.catalog.market_prefs import clean_market, known_country, known_currency, known_language
from marketplace.state.locale import choose_market, html_lang_script

HOSTILE = [None, 0, 1.5, ["EUR"], {"x": 1}, "", "eur", "EURO", "XXX", "E\u2028R", "'; alert(1); '",
           "</script><script>alert(1)</script>", "A" * 5000]


@pytest.mark.parametrize("value", HOSTILE)
def test_unknown_values_are_refused(value):
    assert known_language(value) == known_currency(value) == known_country(value) == ""


def test_known_values_are_kept():
    assert (known_language("de"), known_currency("JPY"), known_country("JP")) == ("de", "JPY", "JP")
    assert clean_market("de", "JPY", "JP") == ("de", "JPY", "JP")


@pytest.mark.parametrize("value", HOSTILE)
def test_each_unknown_part_falls_back_to_the_default_market(value):
    assert clean_market(value, "GBP", "GB") == ("en", "GBP", "GB")
    assert clean_market("de", value, "GB") == ("de", "EUR", "GB")
    assert clean_market("de", "GBP", value) == ("de", "GBP", "DE")


@pytest.mark.parametrize("lang", ["en", "de", "'; alert(1); //", '"); alert(1); ("', "\\", "\u2028x</script>"])
def test_the_html_lang_script_assigns_exactly_one_string_literal(lang):
    prefix = "document.documentElement.lang = "
    script = html_lang_script(lang)
    assert script.startswith(prefix)
    assert json.loads(script[len(prefix):]) == lang  # the whole right-hand side is one JSON (= JS) string
    assert "\u2028" not in script and "\n" not in script


def test_a_tab_takes_each_part_of_its_market_from_a_known_cookie_first():
    assert choose_market(("de", "JPY", "JP"), ("en", "USD", "US"), "en-US") == ("de", "JPY", "JP")


def test_the_accounts_saved_market_fills_a_missing_or_unknown_cookie():
    assert choose_market(("", "XXX", None), ("de", "GBP", "GB"), "en-US") == ("de", "GBP", "GB")


@pytest.mark.parametrize("saved", [("xx", "XXX", "ZZ"), ("<b>", "eur", "de"), (None, 5, ["DE"])])
def test_an_unknown_saved_market_falls_back_to_the_default_not_to_the_stored_value(saved):
    # stored by the old registration route straight from forged cookies
    assert choose_market(("", "", ""), saved, "de-DE,de;q=0.9") == ("de", "EUR", "DE")
    assert choose_market(("en", "", ""), saved, None) == ("en", "USD", "US")

"""The shipping-choice cookie is parsed strictly; presented totals say who collects import charges."""

from __future__ import annotations

import pytest

from marketplace.core.money import Money
from marketplace.present.landed import collect_text, format_choices, parse_choices


def test_choices_round_trip():
    choices = {12: "express", 7: "tracked_standard"}
    assert parse_choices(format_choices(choices)) == choices


@pytest.mark.parametrize("text", [None, 12, "", "x" * 2000, "12", "a:express", "12:Express", "12:exp ress",
                                  "-1:express", "1234567890:express", "12:" + "e" * 40])
def test_malformed_choice_cookies_give_no_choice(text):
    assert parse_choices(text) == {}


def test_good_entries_survive_next_to_bad_ones():
    assert parse_choices("12:express,evil<script>,9:postal_economy") == {12: "express", 9: "postal_economy"}


def test_collect_text_names_who_collects():
    assert "on delivery" in collect_text("en", Money(1500, "USD"))
    assert "collected now" in collect_text("en", Money(0, "EUR"))


def test_the_confirmation_route_builder_quotes_the_number():
    from marketplace import routes

    assert routes.checkout_done("MRD-1A2B3C4D") == "/checkout/done/MRD-1A2B3C4D"
    assert routes.checkout_done("a b?") == "/checkout/done/a%20b%3F"

"""Restricted and prohibited goods: every bundled rule fires (block or warn) where it should, stays
silent where it should not, honours the transport mode and its effective dates.

The rules and their sources are in ``marketplace/crossborder/data/restrictions.json``; each case
below names the rule it exercises, and a last test checks that every rule of the file has one.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest

from marketplace.crossborder import restrictions
from marketplace.crossborder.hs import InvalidHsCode
from marketplace.crossborder.restrictions import Finding, Level, ScreenItem, load_rules, screen

TODAY = date(2026, 11, 25)
BLOCK, WARN = Level.BLOCK, Level.WARN


def fired(destination, hs_code, description="", mode="courier", on=TODAY, quantity=1):
    """(level, rule) of each finding for one item."""
    findings = screen(destination, [ScreenItem(hs_code, description, quantity)], mode, on)
    return [(f.level, f.rule) for f in findings]


# (rule, destination, hs, description, mode, on, quantity, expected findings)
CASES = [
    # lithium batteries shipped alone: forbidden in the post, dangerous goods by courier
    ("lithium_batteries_air", "DE", "850760", "power bank 10000 mAh", "postal", TODAY, 1,
     [(BLOCK, "lithium_batteries_air")]),
    ("lithium_batteries_air", "DE", "850760", "power bank 10000 mAh", "courier", TODAY, 1,
     [(WARN, "lithium_batteries_air")]),
    ("lithium_batteries_air", "US", "8506.50", "CR2032 lithium coin cells", "postal", TODAY, 1,
     [(BLOCK, "lithium_batteries_air")]),
    ("lithium_batteries_air", "DE", "850780", "nickel-metal hydride battery pack", "postal", TODAY, 1, []),
    ("lithium_batteries_air", "DE", "850760", "power bank", "courier", date(2022, 3, 31), 1, []),
    # batteries installed in phones, laptops, earbuds: a warning by post and by courier
    ("lithium_batteries_in_equipment", "FR", "851713", "smartphone", "postal", TODAY, 1,
     [(WARN, "lithium_batteries_in_equipment")]),
    ("lithium_batteries_in_equipment", "FR", "847130", "laptop", "courier", TODAY, 1,
     [(WARN, "lithium_batteries_in_equipment")]),
    ("lithium_batteries_in_equipment", "JP", "851830", "wireless earbuds", "postal", TODAY, 1,
     [(WARN, "lithium_batteries_in_equipment")]),
    ("lithium_batteries_in_equipment", "FR", "851713", "smartphone", "postal", date(2015, 12, 31), 1, []),
    ("lithium_batteries_in_equipment", "FR", "852872", "television", "postal", TODAY, 1, []),
    # alcohol: banned in Saudi Arabia, not mailable through USPS, an excise good everywhere
    ("alcohol_sa", "SA", "220421", "red wine", "courier", TODAY, 1, [(BLOCK, "alcohol_sa")]),
    ("alcohol_sa", "SA", "220300", "lager beer", "postal", TODAY, 1, [(BLOCK, "alcohol_sa")]),
    ("alcohol_sa", "SA", "220291", "non-alcoholic beer", "courier", TODAY, 1, []),
    ("alcohol_us_postal", "US", "220830", "single malt whisky", "postal", TODAY, 1, [(BLOCK, "alcohol_us_postal")]),
    ("alcohol_us_postal", "US", "220830", "single malt whisky", "courier", TODAY, 1, [(WARN, "alcohol_excise")]),
    ("alcohol_excise", "DE", "220421", "red wine", "postal", TODAY, 1, [(WARN, "alcohol_excise")]),
    ("alcohol_excise", "GB", "220410", "champagne", "courier", TODAY, 1, [(WARN, "alcohol_excise")]),
    ("alcohol_excise", "DE", "220421", "red wine", "postal", date(2021, 6, 30), 1, []),
    ("alcohol_excise", "DE", "220210", "lemonade", "postal", TODAY, 1, []),
    # tobacco: a prohibited import in Australia since 2019-07-01, an excise good elsewhere
    ("tobacco_au", "AU", "240220", "cigarettes", "courier", TODAY, 1, [(BLOCK, "tobacco_au")]),
    ("tobacco_au", "AU", "240319", "pipe tobacco", "postal", date(2019, 7, 1), 1, [(BLOCK, "tobacco_au")]),
    ("tobacco_au", "AU", "240220", "cigarettes", "courier", date(2019, 6, 30), 1, []),
    ("tobacco_au", "NZ", "240220", "cigarettes", "courier", TODAY, 1, [(WARN, "tobacco_excise")]),
    # vapes in Australia: licensed importers only from 2024-03-01
    ("vaping_au", "AU", "854340", "disposable vape", "courier", TODAY, 1, [(BLOCK, "vaping_au")]),
    ("vaping_au", "AU", "240412", "nicotine e-liquid", "postal", date(2024, 3, 1), 1, [(BLOCK, "vaping_au")]),
    ("vaping_au", "AU", "854340", "vape", "courier", date(2024, 2, 29), 1, [(WARN, "tobacco_excise")]),
    ("tobacco_excise", "FR", "240210", "cigars", "courier", TODAY, 1, [(WARN, "tobacco_excise")]),
    ("tobacco_excise", "US", "854340", "vape pen", "postal", TODAY, 1, [(WARN, "tobacco_excise")]),
    ("tobacco_excise", "FR", "240210", "cigars", "courier", date(2021, 6, 30), 1, []),
    # perfume, aftershave and nail polish: flammable liquids by air
    ("flammable_liquids_air", "DE", "330300", "eau de parfum 50 ml", "postal", TODAY, 1,
     [(BLOCK, "flammable_liquids_air")]),
    ("flammable_liquids_air", "DE", "330300", "eau de parfum 50 ml", "courier", TODAY, 1,
     [(WARN, "flammable_liquids_air")]),
    ("flammable_liquids_air", "CA", "330430", "nail polish", "postal", TODAY, 1, [(BLOCK, "flammable_liquids_air")]),
    ("flammable_liquids_air", "DE", "330499", "face cream", "postal", TODAY, 1, []),
    # aerosols, recognised from the description
    ("aerosols_air", "DE", "330720", "deodorant aerosol 150 ml", "postal", TODAY, 1, [(BLOCK, "aerosols_air")]),
    ("aerosols_air", "DE", "330720", "Deodorant AÉROSOL", "courier", TODAY, 1, [(WARN, "aerosols_air")]),
    ("aerosols_air", "DE", "330520", "hair spray", "postal", TODAY, 1, [(BLOCK, "aerosols_air")]),
    ("aerosols_air", "DE", "330720", "deodorant stick", "postal", TODAY, 1, []),
    ("aerosols_air", "DE", "392490", "plastic spray bottle", "postal", TODAY, 1, []),  # not a chemical
    ("aerosols_air", "DE", "330710", "aftershave spray", "postal", TODAY, 1, [(BLOCK, "flammable_liquids_air")]),
    # knives
    ("bladed_articles_uk", "GB", "821192", "chef's knife", "courier", TODAY, 1, [(WARN, "bladed_articles_uk")]),
    ("bladed_articles_uk", "GB", "821192", "chef's knife", "courier", date(2022, 4, 5), 1,
     [(WARN, "bladed_articles")]),
    ("bladed_articles", "JP", "821193", "folding pocket knife", "postal", TODAY, 1, [(WARN, "bladed_articles")]),
    ("bladed_articles", "JP", "821300", "scissors", "postal", TODAY, 1, []),
    # biosecurity in Australia and New Zealand
    ("biosecurity_au", "AU", "040900", "manuka honey", "courier", TODAY, 1, [(BLOCK, "biosecurity_au")]),
    ("biosecurity_au", "AU", "120991", "tomato seeds", "postal", TODAY, 1, [(BLOCK, "biosecurity_au")]),
    ("biosecurity_au", "AU", "160100", "salami", "courier", TODAY, 1, [(BLOCK, "biosecurity_au")]),
    ("biosecurity_au", "AU", "060290", "bonsai tree", "courier", TODAY, 1, [(BLOCK, "biosecurity_au")]),
    ("biosecurity_au", "AU", "040900", "honey", "courier", date(2016, 6, 15), 1, []),
    ("biosecurity_au", "DE", "040900", "honey", "courier", TODAY, 1, []),
    ("biosecurity_nz", "NZ", "040900", "honey", "postal", TODAY, 1, [(BLOCK, "biosecurity_nz")]),
    ("biosecurity_nz", "NZ", "040711", "fertilised eggs", "courier", TODAY, 1, [(BLOCK, "biosecurity_nz")]),
    ("biosecurity_nz", "GB", "040900", "honey", "postal", TODAY, 1, []),
    ("biosecurity_food_au_nz", "AU", "090210", "green tea", "postal", TODAY, 1, [(WARN, "biosecurity_food_au_nz")]),
    ("biosecurity_food_au_nz", "NZ", "180690", "milk chocolate", "courier", TODAY, 1,
     [(WARN, "biosecurity_food_au_nz")]),
    ("biosecurity_food_au_nz", "NZ", "040690", "cheddar cheese", "courier", TODAY, 1,
     [(WARN, "biosecurity_food_au_nz")]),
    ("biosecurity_food_au_nz", "US", "090210", "green tea", "postal", TODAY, 1, []),
    ("biosecurity_food_au_nz", "AU", "090210", "green tea", "postal", date(2016, 6, 15), 1, []),
    # cosmetics beyond Japan's personal-use allowance
    ("cosmetics_personal_quantity_jp", "JP", "330499", "face cream", "courier", TODAY, 25,
     [(WARN, "cosmetics_personal_quantity_jp")]),
    ("cosmetics_personal_quantity_jp", "JP", "330499", "face cream", "courier", TODAY, 24, []),
    ("cosmetics_personal_quantity_jp", "KR", "330499", "face cream", "courier", TODAY, 30, []),
    ("cosmetics_personal_quantity_jp", "JP", "330499", "face cream", "postal", date(2014, 11, 24), 30, []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "destination", "hs_code", "description", "mode", "on", "quantity", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{c[3]}-{c[4]}-{c[5]}-{c[6]}" for c in CASES],
)
def test_rule(rule, destination, hs_code, description, mode, on, quantity, expected):
    assert fired(destination, hs_code, description, mode, on, quantity) == expected


def test_every_rule_has_block_or_warn_and_silent_cases():
    fires = {c[0] for c in CASES if any(r == c[0] for _, r in c[7])}
    silent = {c[0] for c in CASES if not c[7] or all(r != c[0] for _, r in c[7])}
    ids = {r.id for r in restrictions.rules()}
    assert ids == fires, ids ^ fires
    assert ids == silent, ids ^ silent


def test_every_rule_has_dates_source_and_a_plain_sentence():
    raw = json.loads((resources.files("marketplace.crossborder") / "data" / "restrictions.json").read_text())
    for rule in raw["rules"]:
        assert rule["effective_from"] and "effective_to" in rule, rule["id"]
        assert len(rule["source"]) > 40, rule["id"]
        assert rule["reason"][0].isupper() and rule["reason"].endswith("."), rule["id"]
    assert [r.id for r in restrictions.rules()] == [r["id"] for r in raw["rules"]]


def test_transport_mode_changes_the_level():
    item = [ScreenItem("850760", "power bank")]
    assert [f.level for f in screen("GB", item, "postal", TODAY)] == [BLOCK]
    assert [f.level for f in screen("GB", item, "courier", TODAY)] == [WARN]
    assert [f.level for f in screen("GB", item, on=TODAY)] == [WARN]  # courier is the default


def test_a_finding_carries_ids_params_reason_and_source():
    (finding,) = screen("AU", [ScreenItem("0409.00", "Manuka honey 250 g", 3)], "courier", TODAY)
    assert finding == Finding(
        level=BLOCK,
        rule="biosecurity_au",
        item_index=0,
        reason_id="restriction.biosecurity_au",
        reason="Meat, eggs, honey, seeds for sowing and live plants are biosecurity risks: Australia does not "
        "let them in by post or courier without an import permit, and they are destroyed or sent back.",
        params={"country": "Australia", "destination": "AU", "hs_code": "040900", "transport_mode": "courier",
                "quantity": "3"},
        source=finding.source,
    )  # fmt: skip
    assert "Biosecurity Act 2015" in finding.source


def test_quantity_rules_report_their_limit():
    (finding,) = screen("JP", [ScreenItem("330410", "lipstick", 30)], "courier", TODAY)
    assert finding.params["min_quantity"] == "25"
    assert finding.params["quantity"] == "30"


def test_findings_are_ordered_by_item_then_severity():
    items = [
        ScreenItem("610910", "cotton t-shirt"),
        ScreenItem("090210", "green tea"),
        ScreenItem("850760", "power bank"),
        ScreenItem("040900", "honey"),
    ]
    findings = screen("AU", items, "postal", TODAY)
    assert [(f.item_index, f.level, f.rule) for f in findings] == [
        (1, WARN, "biosecurity_food_au_nz"),
        (2, BLOCK, "lithium_batteries_air"),
        (3, BLOCK, "biosecurity_au"),
    ]


def test_groups_keep_the_most_severe_finding_and_the_first_rule_on_a_tie():
    # no bundled code falls under two groups, so a small synthetic rule set shows the mechanics
    data = {"rules": [
        {"id": "a", "group": "g1", "match": [{"hs": ["61"]}], "destinations": ["*"],
         "levels": {"courier": "warn"}, "reason": "A.", "effective_from": "2020-01-01",
         "effective_to": None, "source": "test"},
        {"id": "b", "group": "g2", "match": [{"hs": ["6109"]}], "destinations": ["*"],
         "levels": {"courier": "block"}, "reason": "B.", "effective_from": "2020-01-01",
         "effective_to": None, "source": "test"},
        {"id": "c", "group": "g1", "match": [{"hs": ["610910"]}], "destinations": ["*"],
         "levels": {"courier": "warn"}, "reason": "C.", "effective_from": "2020-01-01",
         "effective_to": None, "source": "test"},
    ]}  # fmt: skip
    rules = load_rules(data)
    findings = screen("DE", [ScreenItem("610910", "t-shirt")], "courier", TODAY, rule_set=rules)
    assert [(f.level, f.rule) for f in findings] == [(BLOCK, "b"), (WARN, "a")]  # c loses the tie to a


def test_a_rule_past_its_end_date_does_not_fire():
    data = {"rules": [
        {"id": "old", "group": "g", "match": [{"hs": ["0902"]}], "destinations": ["DE"],
         "levels": {"postal": "block"}, "reason": "Tea to {country}.", "effective_from": "2020-01-01",
         "effective_to": "2026-07-01", "source": "test"},
    ]}  # fmt: skip
    rules = load_rules(data)
    item = [ScreenItem("090210", "green tea")]
    assert [f.reason for f in screen("DE", item, "postal", date(2026, 6, 30), rule_set=rules)] == [
        "Tea to Germany."
    ]
    assert screen("DE", item, "postal", date(2026, 7, 1), rule_set=rules) == []  # end date is exclusive
    assert screen("DE", item, "postal", date(2019, 12, 31), rule_set=rules) == []
    assert screen("DE", item, "courier", date(2026, 6, 30), rule_set=rules) == []  # no level for courier


@pytest.mark.parametrize(
    "broken",
    [
        {"id": "Bad Id"},
        {"match": []},
        {"match": [{"hs": ["6"]}]},
        {"match": [{"hsx": ["61"]}]},
        {"match": [{"keywords": ["Two words"]}]},
        {"destinations": ["germany"]},
        {"levels": {"rail": "warn"}},
        {"levels": {"postal": "forbid"}},
        {"reason": "Sent to {planet}."},
        {"effective_to": "2019-01-01"},
        {"source": ""},
        {"min_quantity": 0},
    ],
)
def test_malformed_rules_are_refused_at_load(broken):
    rule = {"id": "ok", "group": "g", "match": [{"hs": ["61"]}], "destinations": ["*"],
            "levels": {"postal": "warn"}, "reason": "R.", "effective_from": "2020-01-01",
            "effective_to": None, "source": "a source"} | broken  # fmt: skip
    with pytest.raises(ValueError):
        load_rules({"rules": [rule]})


def test_duplicate_rule_ids_are_refused():
    rule = {"id": "dup", "group": "g", "match": [{"hs": ["61"]}], "destinations": ["*"],
            "levels": {"postal": "warn"}, "reason": "R.", "effective_from": "2020-01-01", "source": "s"}  # fmt: skip
    with pytest.raises(ValueError):
        load_rules({"rules": [rule, rule]})


def test_arguments_are_checked():
    item = [ScreenItem("610910", "t-shirt")]
    for destination in ("de", "DEU", "", None):
        with pytest.raises(ValueError):
            screen(destination, item, "courier", TODAY)
    with pytest.raises(ValueError):
        screen("DE", item, "rail", TODAY)
    with pytest.raises(InvalidHsCode):
        screen("DE", [ScreenItem("61-09-10", "t-shirt")], "courier", TODAY)
    with pytest.raises(TypeError):
        screen("DE", [("610910", "t-shirt")], "courier", TODAY)


def test_nothing_fires_for_ordinary_goods():
    items = [ScreenItem(code, "item") for code in ("610910", "420221", "691200", "950300", "640411")]
    for destination in ("AU", "NZ", "SA", "US", "GB", "JP", "DE"):
        for mode in ("postal", "courier"):
            assert screen(destination, items, mode, TODAY) == []

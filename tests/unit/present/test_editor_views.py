"""The editor's preview shows the shown price in DE, US and JP exactly as the storefront's cards do, and waits
for a complete first variant; restricted destinations and HS titles read as text."""

from __future__ import annotations

from marketplace.catalog.display import UnitFacts
from marketplace.catalog.restriction_report import DestinationFinding
from marketplace.catalog.variant_rules import VariantFields
from marketplace.core.money import Money
from marketplace.present.cards import display_texts
from marketplace.present.editor import PREVIEW_NEEDS, destination_lines, hs_title, price_preview


def _fields(**overrides: str) -> VariantFields:
    return VariantFields(**({"sku": "MUG-S", "price": "18.00", "compare_at_price": "24.00", "weight_g": "320",
                             "hs_code": "6912.00", "origin_country": "PT"} | overrides))


def test_the_preview_is_the_storefronts_display_in_three_markets():
    rows, note = price_preview(_fields(), "EUR", "PT", "Stoneware mug", "en")
    assert note == "" and [r.currency for r in rows] == ["EUR", "USD", "JPY"]
    facts = UnitFacts(variant_id=0, price=Money(1800, "EUR"), hs_code="691200", origin_country="PT", weight_g=320,
                      vendor_country="PT", description="Stoneware mug")
    for row, (country, currency) in zip(rows, (("DE", "EUR"), ("US", "USD"), ("JP", "JPY")), strict=True):
        shop = display_texts(facts, Money(2400, "EUR"), currency, "en", country)
        assert (row.price, row.compare_at) == (shop.price, shop.compare_at)


def test_the_preview_waits_for_price_hs_code_and_origin():
    for missing in ({"price": ""}, {"hs_code": ""}, {"origin_country": ""}, {"weight_g": "x"}):
        rows, note = price_preview(_fields(**missing), "EUR", "PT", "Mug", "en")
        assert rows == [] and note == PREVIEW_NEEDS


def test_hs_titles_and_destination_lines_read_as_text():
    assert hs_title("6912.00", "en").startswith("Ceramic tableware")
    assert hs_title("", "en") == "" and hs_title("9999.99", "en").startswith("Not an HS 2022 code")
    line = destination_lines([DestinationFinding("AU", "block", ("Not allowed.",))], "de")[0]
    assert line.country.endswith("Australien") and line.level == "block" and line.reasons == "Not allowed."

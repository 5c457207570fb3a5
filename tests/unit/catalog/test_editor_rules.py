"""The catalogue editor's pure rules: the one variant validator, what publishing needs, the description renderer."""

from __future__ import annotations

import pytest

from marketplace.catalog.description import render_html
from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.catalog.publish_rules import PublishFacts, VariantFacts, publish_problems
from marketplace.catalog.variant_rules import VariantFields, clean_texts, clean_variant, parse_amount
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money


def _fields(**overrides: str) -> VariantFields:
    return VariantFields(**({"sku": "MUG-S", "price": "18.00", "weight_g": "320", "hs_code": "6912.00",
                             "origin_country": "pt", "option1_name": "Size", "option1_value": "S"} | overrides))


def test_a_complete_variant_is_cleaned_to_exact_values():
    clean = clean_variant(_fields(compare_at_price="21,50", length_mm="120"), "EUR")
    assert clean.price == Money(1800, "EUR") and clean.compare_at == Money(2150, "EUR")
    assert (clean.hs_code, clean.origin_country, clean.dims_mm) == ("691200", "PT", (120, 0, 0))
    assert clean.options == (("Size", "S"),)


def test_a_draft_may_leave_price_hs_code_and_origin_blank_but_not_the_weight():
    clean = clean_variant(_fields(price="", hs_code="", origin_country=""), "EUR")
    assert (clean.price, clean.hs_code, clean.origin_country) == (None, "", "")
    with pytest.raises(ValidationError) as refused:
        clean_variant(_fields(weight_g=""), "EUR")
    assert refused.value.field == "weight_g"


@pytest.mark.parametrize(("overrides", "currency", "field", "code"), [
    ({"price": "1800.5"}, "JPY", "price", CatalogErrorCode.PRICE_INVALID),  # yen have no decimals
    ({"price": "18.001"}, "EUR", "price", CatalogErrorCode.PRICE_INVALID),
    ({"price": "-1"}, "EUR", "price", CatalogErrorCode.PRICE_INVALID),
    ({"price": "0"}, "EUR", "price", CatalogErrorCode.PRICE_INVALID),
    ({"price": "1e3"}, "EUR", "price", CatalogErrorCode.PRICE_INVALID),
    ({"compare_at_price": "18.00"}, "EUR", "compare_at_price", CatalogErrorCode.COMPARE_AT_INVALID),
    ({"price": "", "compare_at_price": "20"}, "EUR", "compare_at_price", CatalogErrorCode.COMPARE_AT_INVALID),
    ({"sku": ""}, "EUR", "sku", CatalogErrorCode.SKU_INVALID),
    ({"sku": "A" * 65}, "EUR", "sku", CatalogErrorCode.SKU_INVALID),
    ({"sku": "<script>"}, "EUR", "sku", CatalogErrorCode.SKU_INVALID),
    ({"stock": "-3"}, "EUR", "stock", CatalogErrorCode.STOCK_INVALID),
    ({"stock": "٣"}, "EUR", "stock", CatalogErrorCode.STOCK_INVALID),  # not an ASCII digit
    ({"weight_g": "0"}, "EUR", "weight_g", CatalogErrorCode.WEIGHT_INVALID),
    ({"height_mm": "10001"}, "EUR", "height_mm", CatalogErrorCode.DIMENSION_INVALID),
    ({"hs_code": "61-09"}, "EUR", "hs_code", CatalogErrorCode.HS_INVALID),
    ({"hs_code": "990000"}, "EUR", "hs_code", CatalogErrorCode.HS_INVALID),
    ({"origin_country": "EU"}, "EUR", "origin_country", CatalogErrorCode.ORIGIN_INVALID),
    ({"option1_name": "", "option1_value": "S"}, "EUR", "option1_name", CatalogErrorCode.OPTION_INVALID),
    ({"option2_name": "Colour", "option2_value": "x" * 41}, "EUR", "option2_value", CatalogErrorCode.OPTION_INVALID),
])
def test_each_bad_field_is_named_with_its_code(overrides, currency, field, code):
    with pytest.raises(ValidationError) as refused:
        clean_variant(_fields(**overrides), currency)
    assert (refused.value.field, refused.value.code) == (field, code)


def test_amounts_follow_the_currency_exponent():
    assert parse_amount("1800", "JPY", "price") == Money(1800, "JPY")
    assert parse_amount("1.234", "KWD", "price") == Money(1234, "KWD")
    assert parse_amount("  ", "EUR", "price") is None


def test_texts_are_checked():
    assert clean_texts("  Mug ", " Hand-thrown.\n") == ("Mug", "Hand-thrown.")
    for name, description in (("", ""), ("x" * 201, ""), ("Mug", "x" * 10_001), (None, "")):
        with pytest.raises(ValidationError):
            clean_texts(name, description)


def test_publishing_needs_price_weight_hs_code_and_origin_per_variant():
    complete = VariantFacts("A", 1800, 320, "691200", "PT")
    assert publish_problems(PublishFacts((complete,))) == []
    assert [p.field for p in publish_problems(PublishFacts(()))] == ["variants"]
    missing = VariantFacts("B", 0, 0, "", "")
    problems = publish_problems(PublishFacts((complete, missing)))
    assert [(p.field, p.params["sku"]) for p in problems] == [
        ("price", "B"), ("weight_g", "B"), ("hs_code", "B"), ("origin_country", "B")]
    assert {p.code for p in problems} == {CatalogErrorCode.NOT_PUBLISHABLE}


def test_a_description_renders_markdown_with_line_breaks_and_nothing_executable():
    html = render_html("Hand-thrown.\nDishwasher safe.\n\n- **bold**\n\n[site](https://example.com)")
    assert "Hand-thrown.<br>" in html and "<strong>bold</strong>" in html
    assert 'href="https://example.com"' in html and 'rel="noopener noreferrer nofollow"' in html
    hostile = render_html('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) '
                          '![i](https://e.com/i.png)\n# Big')
    assert "<script" not in hostile and "<img" not in hostile and "javascript:" not in hostile.split("[x]")[0]
    assert 'href="javascript' not in hostile and "<h1>" not in hostile and "<h3>Big</h3>" in hostile
    assert render_html("") == "" and render_html("   ") == ""

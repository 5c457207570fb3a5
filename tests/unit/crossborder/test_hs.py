"""HS 2022 codes: normalisation, validation against the bundled nomenclature, and suggestions.

Expected titles come from the project's own ``marketplace/crossborder/data/hs2022.csv`` (the WCO
HS 2022 nomenclature as published by UN Comtrade). Expected suggestions are the subheadings a
customs broker would pick for each retail description.

Timing (not a test, measured on the development machine): the first call builds the index in
about 0.25 s; afterwards the descriptions below take 0.16 ms at the median and about 3 ms at
worst ("ceramic vase").
"""

from __future__ import annotations

import pytest

from marketplace.crossborder import hs
from marketplace.crossborder.hs import HsInfo, HsSuggestion, InvalidHsCode, normalise, suggest, validate

# -- normalise ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("610910", "610910"),
        ("6109.10", "610910"),
        ("6109 10", "610910"),
        ("  6109.10  ", "610910"),
        ("6109.10.00", "61091000"),
        ("6109.10.0010", "6109100010"),
        ("6109 10 00 10", "6109100010"),
        ("61.09.10", "610910"),
        ("0902.10", "090210"),  # a leading zero is kept
        ("6109100", "6109100"),  # 7 digits: a national extension, still 6-10 digits
    ],
)
def test_normalise_accepts_the_usual_ways_of_writing_a_code(written, digits):
    assert normalise(written) == digits


@pytest.mark.parametrize(
    "written",
    [
        "",
        "   ",
        "61091",  # 5 digits
        "61091000101",  # 11 digits
        "6109.10.00101",  # 11 digits with dots
        "6109",  # a heading, not a subheading
        "6109.1a",
        "ABCDEF",
        "HS610910",
        "6109-10",
        "6109/10",
        "6109_10",
        "6109..10",
        "6109  10",  # two spaces
        "6109. 10",  # mixed separators side by side
        ".610910",
        "610910.",
        "6109.1.0",  # one-digit groups
        "6109\t10",
        "\uff16\uff11\uff10\uff19\uff11\uff10",  # full-width digits
        "\u0666\u0661\u0660\u0669\u0661\u0660",  # Arabic-Indic digits
        "-610910",
    ],
)
def test_normalise_refuses_malformed_text_with_hs_format(written):
    with pytest.raises(InvalidHsCode) as caught:
        normalise(written)
    assert caught.value.code == "hs_format"
    assert caught.value.message  # human-readable


@pytest.mark.parametrize("value", [610910, 6109.10, None, b"610910", ["610910"]])
def test_normalise_refuses_non_strings_with_hs_format(value):
    with pytest.raises(InvalidHsCode) as caught:
        normalise(value)
    assert caught.value.code == "hs_format"


def test_invalid_hs_code_is_a_value_error_with_code_and_message():
    with pytest.raises(ValueError) as caught:
        normalise("12")
    err = caught.value
    assert isinstance(err, InvalidHsCode)
    assert err.code == "hs_format"
    assert str(err) == err.message
    assert "6 to 10 digits" in err.message


# -- validate -----------------------------------------------------------------------------------


def test_validate_returns_the_official_titles():
    info = validate("6109.10")
    assert info == HsInfo(
        code="610910",
        chapter="61",
        chapter_title="Apparel and clothing accessories; knitted or crocheted",
        heading="6109",
        heading_title="T-shirts, singlets and other vests; knitted or crocheted",
        subheading="610910",
        subheading_title="T-shirts, singlets and other vests; of cotton, knitted or crocheted",
    )


def test_validate_keeps_national_digits_but_checks_only_six():
    info = validate("8471.30.0100")
    assert info.code == "8471300100"
    assert info.subheading == "847130"
    assert info.subheading_title.startswith("Automatic data processing machines; portable")
    # digits 7-10 are national and not checked: any extension of a real subheading passes
    assert validate("8471309999").subheading == "847130"


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("770000", "hs_unknown_chapter"),  # chapter 77 is reserved in the HS
        ("000000", "hs_unknown_chapter"),
        ("999999", "hs_unknown_chapter"),  # Comtrade's "not specified according to kind", not HS
        ("980100", "hs_unknown_chapter"),  # chapter 98 is national (e.g. US special provisions)
        ("610000", "hs_unknown_heading"),
        ("6120.00", "hs_unknown_heading"),
        ("0199.00", "hs_unknown_heading"),
        ("610999", "hs_unknown_subheading"),
        ("6109.00", "hs_unknown_subheading"),
        ("8471.99.0000", "hs_unknown_subheading"),
        ("61a910", "hs_format"),
    ],
)
def test_validate_refuses_codes_not_in_hs_2022(code, error):
    with pytest.raises(InvalidHsCode) as caught:
        validate(code)
    assert caught.value.code == error


def test_validate_messages_name_the_missing_level():
    with pytest.raises(InvalidHsCode) as caught:
        validate("6109.99")
    assert caught.value.message == "6109.99 is not a subheading of HS 2022 heading 61.09"
    assert caught.value.params == {"subheading": "610999"}


def test_every_subheading_of_the_data_file_validates():
    subs = hs.subheadings()
    assert len(subs) > 5000
    assert all(validate(code).subheading_title == title for code, title in subs.items())


# -- suggest ------------------------------------------------------------------------------------

# description -> acceptable first suggestions (a set when the HS itself leaves the choice to a
# detail the description does not give, e.g. porcelain or stoneware).
TOP_SUGGESTION = {
    "cotton t-shirt": {"610910"},
    "leather handbag": {"420221"},
    "wireless earbuds": {"851830"},
    "ceramic mug": {"691200", "691110"},
    "green tea": {"090210"},
    "power bank": {"850760"},
    "yoga mat": {"950691"},
    "running shoes": {"640411"},
    "sneakers": {"640411"},
    "smartphone": {"851713"},
    "laptop": {"847130"},
    "men's jeans": {"620342"},
    "women's jeans": {"620462"},
    "silver necklace": {"711311"},
    "perfume": {"330300"},
    "lipstick": {"330410"},
    "leather wallet": {"420231"},
    "backpack": {"420292"},
    "scented candle": {"340600"},
    "wooden chopping board": {"441911"},
    "stainless steel water bottle": {"732393"},
    "honey": {"040900"},
    "roasted coffee beans": {"090121"},
    "extra virgin olive oil": {"150920"},
    "red wine": {"220421"},
    "teddy bear": {"950300"},
    "jigsaw puzzle": {"950300"},
    "board game": {"950490"},
    "silk scarf": {"621410"},
    "baseball cap": {"650500"},
    "sunglasses": {"900410"},
    "smart watch": {"851762"},
    "bluetooth speaker": {"851822"},
    "hair dryer": {"851631"},
    "electric kettle": {"851679"},
    "bath towel": {"630260"},
    "ballpoint pen": {"960810"},
    "paperback book": {"490199"},
    "dog food": {"230910"},
    "vape": {"854340"},
    "face cream": {"330499"},
    "shampoo": {"330510"},
    "phone case": {"420232"},
    "usb cable": {"854442"},
    "charger": {"850440"},
    "bicycle": {"871200"},
    "headphones": {"851830"},
    "wine glass": {"701328"},
    "baby stroller": {"871500"},
    "sleeping bag": {"940430"},
    "cotton hoodie": {"611020"},
    "LED light bulb": {"853952"},
}


@pytest.mark.parametrize(("description", "expected"), sorted(TOP_SUGGESTION.items()))
def test_suggest_puts_the_right_subheading_first(description, expected):
    first = suggest(description)[0]
    assert first.code in expected, [(s.code, s.score) for s in suggest(description)]


@pytest.mark.parametrize(
    ("description", "heading"),
    [("hoodie", "6110"), ("socks", "6115"), ("knife", "8211"), ("drone", "8806"), ("dark chocolate", "1806")],
)
def test_suggest_finds_the_heading_when_the_subheading_needs_more_detail(description, heading):
    assert suggest(description)[0].heading == heading


def test_suggestions_carry_official_titles_and_heading():
    first = suggest("leather handbag")[0]
    assert first == HsSuggestion(
        code="420221",
        title=validate("420221").subheading_title,
        heading="4202",
        heading_title=validate("4202.21").heading_title,
        score=first.score,
    )
    assert 0 < first.score <= 1


def test_material_decides_between_subheadings_of_one_heading():
    assert suggest("cotton t-shirt")[0].code == "610910"
    assert suggest("cotton t-shirt")[1].code == "610990"  # "of textile materials (other than cotton)"
    assert suggest("silk scarf")[0].code == "621410"
    assert suggest("cotton hoodie")[0].code == "611020"


def test_negated_clauses_of_the_official_texts_do_not_match():
    # 610990 reads "of textile materials (other than cotton)": the word cotton must not count for it
    scores = {s.code: s.score for s in suggest("cotton t-shirt", limit=10)}
    assert scores["610910"] > scores["610990"]


def test_suggest_is_deterministic_and_ordered():
    first = suggest("wireless earbuds", limit=10)
    assert first == suggest("wireless earbuds", limit=10)
    keys = [(-s.score, s.code) for s in first]
    assert keys == sorted(keys)
    assert all(0 < s.score <= 1 for s in first)
    assert len({s.code for s in first}) == len(first)


def test_suggest_respects_the_limit():
    assert len(suggest("cotton", limit=1)) == 1
    assert len(suggest("cotton", limit=7)) == 7
    assert len(suggest("cotton")) == 5


def test_suggest_folds_case_and_accents():
    plain = [s.code for s in suggest("ceramic mug")]
    assert [s.code for s in suggest("CÉRAMIC MUG")] == plain
    assert [s.code for s in suggest("  Ceramic   Mug ")] == plain
    assert hs.tokens("Crème Brûlée") == hs.tokens("creme brulee")


def test_plurals_and_singulars_meet():
    assert hs.tokens("knives") == hs.tokens("knife")
    assert hs.tokens("batteries") == hs.tokens("battery")
    assert hs.tokens("boxes") == hs.tokens("box")
    assert hs.tokens("shoes") == hs.tokens("shoe")
    assert hs.tokens("T-shirts") == hs.tokens("t-shirt") == ["tshirt"]


def test_catch_all_subheadings_are_damped():
    # "Plastics; other articles n.e.c. in chapter 39" is the catch-all for plastic goods
    index = hs._index()
    factor = dict(zip(index.codes, index.doc_factor, strict=True))
    assert factor["392690"] < factor["392410"]
    assert factor["610910"] == 1.0
    assert suggest("plastic tableware")[0].code == "392410"


def test_a_code_typed_as_description_is_returned_as_is():
    assert suggest("6109.10") == [
        HsSuggestion(
            code="610910",
            title="T-shirts, singlets and other vests; of cotton, knitted or crocheted",
            heading="6109",
            heading_title="T-shirts, singlets and other vests; knitted or crocheted",
            score=1.0,
        )
    ]


@pytest.mark.parametrize("description", ["", "   ", "the and of", "???", "zzzzqqq"])
def test_suggest_gives_nothing_for_empty_or_meaningless_text(description):
    assert suggest(description) == []


def test_suggest_checks_its_arguments():
    with pytest.raises(TypeError):
        suggest(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        suggest(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        suggest("mug", limit=True)
    with pytest.raises(ValueError):
        suggest("mug", limit=0)
    with pytest.raises(ValueError):
        suggest("mug", limit=51)


def test_every_synonym_expands_to_words_the_nomenclature_uses():
    """A synonym whose expansion matches nothing would silently do nothing."""
    index = hs._index()
    for phrase, expansion in hs.SYNONYMS.items():
        for word in expansion.split():
            if word.startswith("@"):
                prefix = word[1:]
                assert any(code.startswith(prefix) for code in hs.subheadings()), (phrase, word)
            else:
                assert all(stem in index.postings for stem in hs.tokens(word)), (phrase, word)

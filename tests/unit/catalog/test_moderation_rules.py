from marketplace.catalog.moderation_rules import (
    DEFAULT_KEYWORDS,
    customs_relevant_change,
    matching_keywords,
    normalise_phrase,
)


def test_normalise_phrase_folds_case_and_space():
    assert normalise_phrase("  Fake   DESIGNER ") == "fake designer"
    assert normalise_phrase("   ") == ""


def test_whole_words_only():
    assert matching_keywords(["replica"], "Replica watch") == ("replica",)
    assert matching_keywords(["replica"], "a fine replica.") == ("replica",)
    assert matching_keywords(["replica"], "we replicate nothing") == ()


def test_multi_word_phrase_across_whitespace_and_several_texts():
    assert matching_keywords(["fake designer"], "Bag", "a FAKE\n designer bag") == ("fake designer",)
    assert matching_keywords(["ivory", "counterfeit"], "Ivory comb", None, "not counterfeit") == ("ivory", "counterfeit")


def test_no_keywords_or_text():
    assert matching_keywords([], "anything") == ()
    assert matching_keywords(DEFAULT_KEYWORDS, None, "") == ()
    assert matching_keywords([" "], "x") == ()


def test_customs_relevance():
    before = {"hs_code": "6912.00", "origin_country": "JP", "description": "Bowl", "price": 100, "stock": 3}
    assert not customs_relevant_change(before, {**before, "price": 200, "stock": 9})
    assert not customs_relevant_change(before, {**before, "origin_country": "jp ", "description": "Bowl "})
    assert customs_relevant_change(before, {**before, "hs_code": "6911.10"})
    assert customs_relevant_change(before, {**before, "origin_country": "CN"})
    assert customs_relevant_change(before, {**before, "description": "Bowl, lead glaze"})

"""Search parameters from a URL are lenient, the service's own check is strict, and typo correction picks
the nearest frequent indexed word."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.catalog.search import (
    SearchParams,
    Vocabulary,
    _validate,
    edit_distance,
    parse_params,
    price_edges,
    to_query,
    words,
)
from marketplace.core.errors import ValidationError


def test_a_full_query_string_round_trips():
    # given every filter in a URL
    raw = {"q": "  leather   bag ", "category": "bags", "seller": "milano,kyoto", "from": "it,JP", "price": "20-50",
           "rating": "4", "stock": "1", "ships": "1", "sort": "price_asc", "page": "3"}
    # when it is parsed and written back
    params = parse_params(raw)
    # then nothing is lost and the order is stable
    assert params == SearchParams(query="leather bag", category="bags", sellers=("milano", "kyoto"),
                                  countries=("IT", "JP"), price_min=20, price_max=50, min_rating=4, in_stock=True,
                                  ships_to=True, sort="price_asc", page=3)
    assert parse_params(dict(pair.split("=") for pair in to_query(params).replace("%2C", ",")
                             .replace("+", " ").split("&"))) == params


@pytest.mark.parametrize(("raw", "expected"), [
    ({"sort": "cheapest"}, SearchParams()),
    ({"page": "-3"}, SearchParams()),
    ({"page": "999999999"}, SearchParams(page=10_000)),  # clamped; the search clamps to the last page
    ({"page": "9999999999"}, SearchParams()),
    ({"page": "2.5"}, SearchParams()),
    ({"price": "abc"}, SearchParams()),
    ({"price": "50-20"}, SearchParams()),
    ({"price": "-20"}, SearchParams(price_max=20)),
    ({"price": "100-"}, SearchParams(price_min=100)),
    ({"rating": "5"}, SearchParams()),
    ({"stock": "yes"}, SearchParams()),
    ({"seller": "../etc,OK-shop,,a b"}, SearchParams(sellers=("ok-shop",))),
    ({"from": "jp,USA,1"}, SearchParams(countries=("JP",))),
    ({"category": "<script>"}, SearchParams()),
    ({"q": "x" * 500}, SearchParams(query="x" * 200)),
    ({"q": ["a", "b"]}, SearchParams(query="a")),
    ({"q": 5}, SearchParams()),
])
def test_unusable_url_values_fall_back_to_defaults(raw, expected):
    assert parse_params(raw) == expected


def test_defaults_make_an_empty_query_string():
    assert to_query(SearchParams()) == ""
    assert to_query(SearchParams(category="bags", page=2), include_category=False) == "page=2"


@pytest.mark.parametrize("params", [
    None, {"q": "bag"}, SearchParams(query=5), SearchParams(query="x" * 201), SearchParams(sort="cheapest"),
    SearchParams(page=0), SearchParams(page=True), SearchParams(page="2"), SearchParams(price_min=-1),
    SearchParams(price_min=50, price_max=20), SearchParams(price_min=1.5), SearchParams(min_rating=5),
    SearchParams(in_stock="1"), SearchParams(sellers=["a"]), SearchParams(sellers=("Bad Slug",)),
    SearchParams(countries=("usa",)), SearchParams(category="../x"),
])
def test_the_service_refuses_params_a_raw_client_made_up(params):
    with pytest.raises(ValidationError):
        _validate(params)


def test_words_are_letters_and_digits_only():
    assert words('"Leather" bag* NEAR( -- OR') == ["leather", "bag", "near", "or"]
    assert words("Größe 42, café") == ["grösse", "42", "café"]  # casefolded, as the index folds
    assert words('" * -- ()') == []
    assert len(words("a " * 20)) == 8


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("snekers", "sneakers", 1), ("sneaekrs", "sneakers", 1), ("mgu", "mug", 1), ("leathr", "leather", 1),
    ("stonewear", "stoneware", 2), ("bag", "bag", 0), ("", "abc", 3),
])
def test_edit_distance_counts_transpositions_as_one(a, b, distance):
    assert edit_distance(a, b) == distance


def test_corrections_prefer_the_nearest_then_the_most_frequent_word():
    vocab = Vocabulary.build(["Canvas Low-Top Sneakers", "sneakers sneakers", "speakers", "Stoneware mug",
                              "Lederbecher aus Keramik", "Becher"])
    assert vocab.correct("snekers") == "sneakers"
    assert vocab.correct("stonewear") == "stoneware"
    assert vocab.correct("bechr") == "becher"
    assert vocab.correct("keramic") == "keramik"
    assert vocab.correct("mug") == "mug"  # known words stay
    assert vocab.correct("xq") == "xq"  # too short to guess
    assert vocab.correct("zzzzzzz") == "zzzzzzz"  # nothing near


def test_price_edges_are_round_numbers_near_the_quartiles():
    prices = [Decimal(p) for p in (3, 8, 12, 14, 19, 23, 31, 48, 75, 120, 240, 610)]
    assert price_edges(prices) == [10, 25, 100]  # quartiles 14, 31, 120
    assert price_edges([Decimal(5)] * 3) == []
    assert price_edges([Decimal(31), Decimal(59), Decimal(62)]) == [50]  # a short list splits near the median
    assert price_edges([Decimal(7)]) == []
    assert price_edges([Decimal(5)] * 10) == []  # every price equal: one bucket is no choice

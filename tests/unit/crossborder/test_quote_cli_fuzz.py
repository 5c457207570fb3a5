"""Hostile input to ``python -m marketplace.crossborder quote``: whatever JSON (or not-JSON) arrives on stdin,
the CLI answers one line of JSON, either a quote (exit 0) or ``{"error": {code, message, field}}`` (exit 2,
or 3 for an import that is not permitted), and never a traceback.

Two generators: requests that start valid and have one or more fields replaced by hostile values (wrong
types, huge or negative numbers, NaN/Infinity, long or odd strings, nesting), which reach deep into the
engine; and arbitrary JSON documents and raw text, which test the outer parsing."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.crossborder.__main__ import main
from tests.unit.crossborder.test_quote_cli import GOOD

HOSTILE_SCALARS = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", " ", "0", "-0", "-1", "0.000000000001", "1e9999", "NaN", "Infinity", "-Infinity",
                     "9" * 400, "1" * 16, "12.3456789012345", "0x10", "1_000", "١٢٣", "12,50", " 12.5 ",
                     "EUR", "eur", "XXX", "BTC", "", "DE", "de", "ZZ", "EU", "AQ", "GB", "US", "JP",
                     "DDP", "DAP", "CIF", "2026-02-30", "0001-01-01", "9999-12-31", "2026-11-25T00:00:00",
                     "6109.10", "6109", "61", "9999.99", "0000.00", "<script>alert(1)</script>",
                     "'; DROP TABLE orders; --", "\u0000", "\ud7ff\ue000", "\u202e", "a" * 10_000]),
    st.text(max_size=40),
)
JSON_VALUES = st.recursive(HOSTILE_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)

ITEM_KEYS = ["sku", "description", "hs_code", "origin_country", "quantity", "unit_price", "unit_weight_kg"]
TOP_KEYS = ["date", "origin_country", "destination_country", "incoterm", "shipping", "items", "currency",
            "insurance", "fx_rates", "ship_method", "rules"]


@st.composite
def mutated_requests(draw) -> dict:
    data = copy.deepcopy(GOOD)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        where = draw(st.sampled_from(["top", "item", "money", "items"]))
        value = draw(JSON_VALUES)
        if where == "top":
            key = draw(st.sampled_from(TOP_KEYS))
            if draw(st.booleans()):
                data[key] = value
            else:
                data.pop(key, None)
        elif where == "item" and isinstance(data.get("items"), list) and data["items"] \
                and isinstance(data["items"][0], dict):
            key = draw(st.sampled_from(ITEM_KEYS))
            data["items"][0][key] = value
        elif where == "money":
            target = draw(st.sampled_from(["shipping", "unit_price"]))
            node = data.get("shipping") if target == "shipping" else (
                data["items"][0] if isinstance(data.get("items"), list) and data["items"]
                and isinstance(data["items"][0], dict) else {}).get("unit_price")
            if isinstance(node, dict):
                node[draw(st.sampled_from(["amount", "currency", "extra"]))] = value
        elif where == "items" and isinstance(data.get("items"), list):
            data["items"] = data["items"] * draw(st.integers(min_value=0, max_value=60))
    return data


def run_quote(stdin: str) -> tuple[int, str]:
    out = io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out):
            code = main(["quote"])
    finally:
        sys.stdin = saved
    return code, out.getvalue()


def check_answer(code: int, text: str) -> None:
    assert text.endswith("\n") and text.count("\n") == 1, f"one line of JSON expected, got {text[:300]!r}"
    answer = json.loads(text)
    assert isinstance(answer, dict)
    if code == 0:
        total = answer["total_landed_cost"]
        assert set(total) == {"amount", "currency"} and isinstance(total["amount"], str)
        assert "error" not in answer
    else:
        assert code in (2, 3), f"exit code {code}"
        error = answer["error"]
        assert isinstance(error["code"], str) and error["code"]
        assert isinstance(error["message"], str) and error["message"]
        assert error["field"] is None or isinstance(error["field"], str)
        if code == 3:
            assert error["code"] in {"over_regime_limit", "prohibited_goods"}


FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated_requests())
def test_a_mutated_request_gets_a_quote_or_a_json_error(request_data):
    check_answer(*run_quote(json.dumps(request_data)))  # json.dumps writes NaN/Infinity, which loads accepts


@FUZZ
@given(st.one_of(JSON_VALUES.map(json.dumps), st.text(max_size=200),
                 st.binary(max_size=100).map(lambda b: b.decode("latin-1"))))
def test_any_document_gets_a_json_answer(stdin):
    check_answer(*run_quote(stdin))


def test_deep_nesting_is_an_error_not_a_crash():
    check_answer(*run_quote("[" * 100_000 + "]" * 100_000))
    check_answer(*run_quote('{"items": ' + "[" * 50_000 + "]" * 50_000 + "}"))

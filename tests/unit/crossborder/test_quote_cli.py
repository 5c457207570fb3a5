"""The CLI contract: `python -m marketplace.crossborder quote|convert|hs-suggest`, exit codes and error shapes."""

from __future__ import annotations

import io
import json
import sys

import pytest

from marketplace.crossborder.__main__ import main

GOOD = {"date": "2026-11-25", "origin_country": "CN", "destination_country": "DE", "incoterm": "DDP",
        "shipping": {"amount": "5.00", "currency": "EUR"},
        "items": [{"sku": "A-1", "description": "Cotton T-shirt", "hs_code": "6109.10", "origin_country": "CN",
                   "quantity": 2, "unit_price": {"amount": "20.00", "currency": "EUR"}, "unit_weight_kg": "0.2"}]}


def run(monkeypatch, capsys, argv: list[str], stdin: str = "") -> tuple[int, dict]:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


def test_quote_follows_the_contract(monkeypatch, capsys):
    code, out = run(monkeypatch, capsys, ["quote"], json.dumps(GOOD))
    assert code == 0
    for key in ("currency", "regime", "regime_name", "de_minimis_applied", "goods_value", "shipping", "insurance",
                "customs_value", "duty", "taxes", "fees", "total_landed_cost", "payable_at_checkout",
                "payable_on_delivery", "lines", "fx", "explanations", "rules_version"):
        assert key in out
    assert out["total_landed_cost"] == {"amount": "57.12", "currency": "EUR"}
    assert out["lines"][0]["hs_code"] == "610910" and out["lines"][0]["tax_rate"] == "0.19"
    assert out["fx"] is None
    assert all({"id", "text", "params"} <= set(e) for e in out["explanations"])


def _bad(**changes) -> str:
    data = json.loads(json.dumps(GOOD))
    for path, value in changes.items():
        target, *keys = path.split("__")
        node = data
        if keys:
            node = data["items"][0]
            target = keys[0]
        if value is ...:
            node.pop(target)
        else:
            node[target] = value
    return json.dumps(data)


@pytest.mark.parametrize("stdin, code, field", [
    ("{not json", "invalid_json", None),
    ("[]", "invalid_request", None),
    (_bad(destination_country="XX"), "unknown_country", "destination_country"),
    (_bad(destination_country="AQ"), "unsupported_destination", "destination_country"),
    (_bad(destination_country=...), "missing_field", "destination_country"),
    (_bad(items=[]), "missing_field", "items"),
    (_bad(items__hs_code="61X9"), "invalid_hs_code", "items[0].hs_code"),
    (_bad(items__hs_code="999999"), "invalid_hs_code", "items[0].hs_code"),
    (_bad(items__quantity=-1), "invalid_quantity", "items[0].quantity"),
    (_bad(items__quantity=1.5), "invalid_quantity", "items[0].quantity"),
    (_bad(items__unit_price={"amount": "20.00", "currency": "USD"}), "currency_mismatch", "items"),
    (_bad(items__unit_price={"amount": 20.0, "currency": "EUR"}), "invalid_amount", "items[0].unit_price.amount"),
    (_bad(items__unit_price={"amount": "20.001", "currency": "EUR"}), "invalid_amount", "items[0].unit_price.amount"),
    (_bad(items__unit_price={"amount": "-1.00", "currency": "EUR"}), "invalid_amount", "items[0].unit_price.amount"),
    (_bad(shipping={"amount": "5.00", "currency": "EUX"}), "unknown_currency", "shipping.currency"),
    (_bad(date="25/11/2026"), "invalid_date", "date"),
    (_bad(incoterm="EXW"), "invalid_field", "incoterm"),
    (_bad(items__unit_weight_kg="0"), "invalid_weight", "items[0].unit_weight_kg"),
    (_bad(fx_rates={"base": "EUR", "as_of": "2026-10-06", "rates": {"USD": "-1"}}), "invalid_fx_rates",
     "fx_rates.rates.USD"),
])
def test_bad_requests_exit_2_with_the_exact_error(monkeypatch, capsys, stdin, code, field):
    exit_code, out = run(monkeypatch, capsys, ["quote"], stdin)
    assert exit_code == 2
    assert out["error"]["code"] == code and out["error"]["field"] == field and out["error"]["message"]


def test_imports_that_are_not_permitted_exit_3(monkeypatch, capsys):
    over = _bad(destination_country="BR", currency="USD",
                items__unit_price={"amount": "3000.01", "currency": "EUR"})
    exit_code, out = run(monkeypatch, capsys, ["quote"], over)
    assert exit_code == 3 and out["error"]["code"] == "over_regime_limit"


def test_convert(monkeypatch, capsys):
    code, out = run(monkeypatch, capsys, ["convert", "--amount", "12.34", "--from", "USD", "--to", "JPY"])
    assert code == 0 and out["converted"]["currency"] == "JPY" and "." not in out["converted"]["amount"]
    assert out["source"].startswith("ECB") and out["as_of"] == "2026-10-06"
    code, out = run(monkeypatch, capsys, ["convert", "--amount", "12.345", "--from", "USD", "--to", "JPY"])
    assert code == 2 and out["error"]["code"] == "invalid_amount"


def test_hs_suggest(monkeypatch, capsys):
    code, out = run(monkeypatch, capsys, ["hs-suggest", "cotton t-shirt"])
    assert code == 0 and out["suggestions"][0]["code"] == "610910"

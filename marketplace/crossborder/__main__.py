"""Command line of the cross-border engine (the contract other code and tools rely on).

  python -m marketplace.crossborder quote            < request.json   -> quote JSON on stdout
  python -m marketplace.crossborder convert --amount 12.34 --from USD --to JPY [--date D]
  python -m marketplace.crossborder hs-suggest "cotton t-shirt" [--limit 5]

All amounts are decimal strings; money is {"amount": "12.34", "currency": "EUR"}. Exit codes: 0 success;
2 invalid request, with {"error": {"code", "message", "field"}} on stdout; 3 an import that is not
permitted (over a regime's limit, prohibited goods), same shape.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal

from marketplace.core.money import Money, Rounding, UnknownCurrency
from marketplace.crossborder import fx, hs
from marketplace.crossborder.landed_cost import Quote, quote
from marketplace.crossborder.quote_request import QuoteError, parse_request


def _m(money: Money) -> dict[str, str]:
    return {"amount": money.amount_str(), "currency": money.currency}


def _d(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def quote_to_json(q: Quote) -> dict:
    return {
        "currency": q.currency, "regime": q.regime, "regime_name": q.regime_name,
        "de_minimis_applied": q.de_minimis_applied, "date": q.date.isoformat(), "incoterm": q.incoterm,
        "goods_value": _m(q.goods_value), "shipping": _m(q.shipping), "insurance": _m(q.insurance),
        "customs_value": _m(q.customs_value), "duty": _m(q.duty), "taxes": _m(q.taxes), "fees": _m(q.fees),
        "fee_lines": [{"id": fee_id, "name": name, "amount": _m(amount)} for fee_id, name, amount in q.fee_lines],
        "total_landed_cost": _m(q.total_landed_cost), "payable_at_checkout": _m(q.payable_at_checkout),
        "payable_on_delivery": _m(q.payable_on_delivery),
        "lines": [{"sku": line.sku, "hs_code": line.hs_code, "quantity": line.quantity, "value": _m(line.value),
                   "customs_value": _m(line.customs_value), "duty_rate": _d(line.duty_rate),
                   "duty_basis": line.duty_basis, "duty": _m(line.duty), "preferential": line.preferential,
                   "agreement": line.agreement, "tax_rate": _d(line.tax_rate), "tax_name": line.tax_name,
                   "tax": _m(line.tax)} for line in q.lines],
        "fx": None if q.fx is None else {"source": q.fx.source, "as_of": q.fx.as_of.isoformat(), "base": q.fx.base,
                                         "rates_used": {k: _d(v) for k, v in q.fx.rates_used.items()}},
        "explanations": list(q.explanations),
        "rules_version": q.rules_version,
    }


def _emit(payload: dict, code: int = 0) -> int:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    return code


def _quote(stdin: str) -> int:
    try:
        data = json.loads(stdin)
    except json.JSONDecodeError as exc:
        return _emit(QuoteError("invalid_json", f"The request is not valid JSON: {exc.msg}.").as_json(), 2)
    except RecursionError:  # e.g. 100 000 nested brackets: the decoder gives up before any field is read
        return _emit(QuoteError("invalid_json", "The request is nested too deeply.").as_json(), 2)
    try:
        return _emit(quote_to_json(quote(parse_request(data))))
    except QuoteError as exc:
        return _emit(exc.as_json(), exc.exit_code)


def _convert(args: argparse.Namespace) -> int:
    try:
        on = date.fromisoformat(args.date) if args.date else None
        amount = Decimal(args.amount)
        money = Money.of(amount, args.from_currency.upper(), Rounding.HALF_UP)
        if money.to_decimal() != amount:
            raise QuoteError("invalid_amount", f"{args.from_currency} has fewer decimals than {args.amount}.",
                             "amount")
        result = fx.convert(money, args.to_currency.upper(), on=on)
    except QuoteError as exc:
        return _emit(exc.as_json(), 2)
    except (ArithmeticError, ValueError, UnknownCurrency, fx.RatesNotAvailable) as exc:
        return _emit(QuoteError("invalid_request", str(exc) or "Bad conversion request.").as_json(), 2)
    return _emit({"original": _m(result.original), "converted": _m(result.converted), "rate": _d(result.rate),
                  "source": result.source, "as_of": result.as_of.isoformat(), "rounding": str(result.rounding)})


def _suggest(args: argparse.Namespace) -> int:
    if not args.description.strip():
        return _emit(QuoteError("invalid_request", "Describe the product.", "description").as_json(), 2)
    return _emit({"query": args.description, "suggestions": [
        {"code": s.code, "title": s.title, "heading": s.heading, "heading_title": s.heading_title,
         "score": round(s.score, 4)} for s in hs.suggest(args.description, limit=args.limit)]})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marketplace.crossborder")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("quote", help="landed-cost quote: JSON request on stdin, JSON response on stdout")
    conv = sub.add_parser("convert", help="convert an amount between currencies")
    conv.add_argument("--amount", required=True)
    conv.add_argument("--from", dest="from_currency", required=True)
    conv.add_argument("--to", dest="to_currency", required=True)
    conv.add_argument("--date")
    sug = sub.add_parser("hs-suggest", help="suggest HS subheadings for a product description")
    sug.add_argument("description")
    sug.add_argument("--limit", type=int, default=5)
    args = parser.parse_args(argv)
    if args.command == "quote":
        return _quote(sys.stdin.read())
    if args.command == "convert":
        return _convert(args)
    return _suggest(args)


if __name__ == "__main__":
    sys.exit(main())

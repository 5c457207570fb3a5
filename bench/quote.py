"""Landed-cost quotes per second on one core: random carts of 1-10 items (demo catalogue HS codes and
origins) to every supported destination, computed in-process with the embedded rates.

Prints human-readable lines; the last line is one JSON object:
{"bench": "quote", "cores": N, "quotes": n, "quotes_per_s": x, "p50_ms": x, "p99_ms": x}
Targets (issue #3): at least 5,000 quotes/s and p99 at most 1 ms.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marketplace.core.money import exponent  # noqa: E402
from marketplace.crossborder.landed_cost import quote  # noqa: E402
from marketplace.crossborder.quote_request import NotPermitted, parse_request  # noqa: E402
from marketplace.crossborder.regimes import supported_destinations  # noqa: E402
from marketplace.demo.catalogue import build_catalogue  # noqa: E402

QUOTES = 20_000
WARMUP = 2_000


def _requests(rng: random.Random, count: int) -> list:
    products = build_catalogue().products
    destinations = supported_destinations()
    requests = []
    while len(requests) < count:
        cart = rng.sample(products, rng.randint(1, 10))
        currency = cart[0].variants[0].currency
        items = [{"sku": p.variants[0].sku, "description": p.name, "hs_code": p.hs_code,
                  "origin_country": p.origin_country, "quantity": rng.randint(1, 3),
                  "unit_price": {"amount": _amount(p.variants[0].price_minor, currency), "currency": currency},
                  "unit_weight_kg": str(p.variants[0].weight_g / 1000)}
                 for p in cart if p.variants[0].currency == currency]
        data = {"date": "2026-11-25", "destination_country": rng.choice(destinations),
                "origin_country": cart[0].origin_country, "transport_mode": rng.choice(["courier", "postal"]),
                "incoterm": rng.choice(["DDP", "DAP"]), "items": items,
                "shipping": {"amount": _amount(rng.randint(5, 40) * 10 ** _exp(currency), currency),
                             "currency": currency}}
        try:
            request = parse_request(data)
            quote(request)
        except NotPermitted:
            continue
        requests.append(request)
    return requests


def _exp(currency: str) -> int:
    return exponent(currency)


def _amount(minor: int, currency: str) -> str:
    exp = _exp(currency)
    return str(minor) if exp == 0 else f"{minor // 10 ** exp}.{minor % 10 ** exp:0{exp}d}"


def main() -> None:
    rng = random.Random(20261125)
    print(f"building {QUOTES + WARMUP} random carts over {len(supported_destinations())} destinations...")
    requests = _requests(rng, QUOTES + WARMUP)
    for request in requests[:WARMUP]:
        quote(request)
    samples = []
    started = time.perf_counter()
    for request in requests[WARMUP:]:
        t0 = time.perf_counter()
        quote(request)
        samples.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - started
    samples.sort()
    result = {"bench": "quote", "cores": os.cpu_count(), "quotes": len(samples),
              "quotes_per_s": round(len(samples) / elapsed), "p50_ms": round(statistics.median(samples), 4),
              "p99_ms": round(samples[int(len(samples) * 0.99) - 1], 4)}
    print(f"{result['quotes']} quotes in {elapsed:.2f} s: {result['quotes_per_s']} quotes/s, "
          f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms (one core)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

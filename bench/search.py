"""Search latency on the demo catalogue: realistic shopper queries (plain words, German words, a prefix, typos
that need correction, injection-looking text) with and without filters and sorts, on SQLite and (when it
answers) PostgreSQL. Each query is one ``catalog.search.search`` call in a fresh unit of work, as the page
makes it: text match, facets over the matches, one page of cards.

The typo vocabulary and the ships-to cache are warmed by one pass first (a running shop has them warm; a
product edit rebuilds the vocabulary once); then every query runs ROUNDS times, interleaved.

Prints human-readable lines; the last line is one JSON object:
{"bench": "search", "sqlite": {"p50_ms", "p95_ms", "queries"}, "postgres": {...}, "cores": N}
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session  # noqa: E402

from bench.lib.demo_catalogue import on_both_databases, percentiles  # noqa: E402
from marketplace.catalog.search import SearchParams, search  # noqa: E402

ROUNDS = 15

# (label, params, lang, currency, ship-to)
QUERIES = [
    ("sneakers", SearchParams(query="sneakers"), "en", "USD", "US"),
    ("leather bag", SearchParams(query="leather bag"), "en", "EUR", "DE"),
    ("de: tasche leder", SearchParams(query="tasche leder"), "de", "EUR", "DE"),
    ("de: keramik becher", SearchParams(query="keramik becher"), "de", "EUR", "AT"),
    ("prefix: cott", SearchParams(query="cott"), "en", "GBP", "GB"),
    ("typo: snekers", SearchParams(query="snekers"), "en", "USD", "US"),
    ("typo: stonewear mug", SearchParams(query="stonewear mug"), "en", "JPY", "JP"),
    ("typo: lether wallet", SearchParams(query="lether wallet"), "en", "EUR", "FR"),
    ("injection", SearchParams(query='" OR 1=1 -- NEAR(*'), "en", "EUR", "DE"),
    ("cotton, price 10-50 EUR", SearchParams(query="cotton", price_min=10, price_max=50), "en", "EUR", "DE"),
    ("tea, ships to AU, price asc", SearchParams(query="tea", ships_to=True, sort="price_asc"), "en", "AUD", "AU"),
    ("gift, 4 stars, in stock, p2", SearchParams(query="gift", min_rating=4, in_stock=True, page=2), "en", "USD",
     "CA"),
    ("browse all, newest, p3", SearchParams(sort="newest", page=3), "en", "EUR", "DE"),
    ("category apparel, from IN", SearchParams(category="apparel", countries=("IN",)), "de", "EUR", "DE"),
    ("category home, price desc", SearchParams(category="home", sort="price_desc"), "en", "USD", "US"),
]


def _measure(engine) -> dict[str, float]:  # noqa: ANN001
    def once(params, lang, currency, ship_to) -> float:  # noqa: ANN001 - one search, as the page runs it
        start = time.perf_counter()
        with Session(engine) as session:
            search(session, params, lang, currency, ship_to)
        return (time.perf_counter() - start) * 1000

    totals = {}
    for label, params, lang, currency, ship_to in QUERIES:  # warm up, and note what each query finds
        with Session(engine) as session:
            found = search(session, params, lang, currency, ship_to)
        totals[label] = f"{found.total} found" + (f", as '{found.corrected_query}'" if found.corrected_query else "")
    per_query: dict[str, list[float]] = {label: [] for label, *_ in QUERIES}
    for _ in range(ROUNDS):
        for label, params, lang, currency, ship_to in QUERIES:
            per_query[label].append(once(params, lang, currency, ship_to))
    for label, samples in per_query.items():
        print(f"  {label:<30} median {statistics.median(samples):7.2f} ms   max {max(samples):7.2f} ms   "
              f"({totals[label]})")
    every = [s for samples in per_query.values() for s in samples]
    figures = {**percentiles(every), "queries": len(every)}
    print(f"  all queries: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms over {len(every)} searches")
    return figures


def main() -> None:
    result: dict[str, object] = {"bench": "search", **on_both_databases(_measure)}
    result.setdefault("postgres", None)
    result["cores"] = os.cpu_count()
    print(json.dumps(result))


if __name__ == "__main__":
    main()

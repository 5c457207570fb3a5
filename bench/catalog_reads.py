"""Catalogue read latency on the demo catalogue: home (categories + featured), a category page, a product
page and a full-text search (bench/search.py measures search in depth), on SQLite and (when it answers) PostgreSQL.

Prints human-readable lines; the last line is one JSON object:
{"bench": "catalog_reads", "cores": N, "sqlite": {"<read>": {"p50_ms", "p95_ms"}}, "postgres": {...}}
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session  # noqa: E402

from bench.lib.demo_catalogue import on_both_databases, percentiles  # noqa: E402
from marketplace.catalog import queries, search  # noqa: E402

ROUNDS = 60


def _measure(engine) -> dict[str, dict[str, float]]:  # noqa: ANN001
    reads = {
        "home": lambda s: (queries.categories(s, "de"), queries.featured(s, "de", 15)),
        "category_page": lambda s: search.search(s, search.SearchParams(category="apparel", page=2), "de", "EUR",
                                                 "DE"),
        "product_page": lambda s: queries.product_detail(s, "indigo-glaze-stoneware-mug", "de"),
        "search": lambda s: search.search(s, search.SearchParams(query="leather bag"), "de", "EUR", "DE"),
    }
    figures = {}
    with Session(engine) as session:
        for name, read in reads.items():
            read(session)  # warm up
            samples = []
            for _ in range(ROUNDS):
                start = time.perf_counter()
                read(session)
                samples.append((time.perf_counter() - start) * 1000)
            figures[name] = percentiles(samples)
            print(f"  {name:<14} p50 {figures[name]['p50_ms']:7.2f} ms   p95 {figures[name]['p95_ms']:7.2f} ms")
    return figures


def main() -> None:
    result: dict[str, object] = {"bench": "catalog_reads", "cores": os.cpu_count(), "rounds": ROUNDS}
    result.update(on_both_databases(_measure))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""Catalogue read latency on the demo catalogue: home (categories + featured), a category page, a product
page and a full-text search (bench/search.py measures search in depth), on SQLite and (when it answers) PostgreSQL.

Prints human-readable lines; the last line is one JSON object:
{"bench": "catalog_reads", "cores": N, "sqlite": {"<read>": {"p50_ms", "p95_ms"}}, "postgres": {...}}
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session  # noqa: E402

from marketplace.catalog import queries, search  # noqa: E402
from marketplace.core.db import engine_for  # noqa: E402
from marketplace.demo.seed import seed  # noqa: E402
from tests.conftest import PG_UP, migrate, throwaway_pg_database  # noqa: E402

ROUNDS = 60


def _measure(engine) -> dict[str, dict[str, float]]:  # noqa: ANN001
    reads = {
        "home": lambda s: (queries.categories(s, "de"), queries.featured(s, "de", 15)),
        "category_page": lambda s: queries.category_page(s, "apparel", "de", 2),
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
            samples.sort()
            figures[name] = {"p50_ms": round(statistics.median(samples), 2),
                             "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 2)}
            print(f"  {name:<14} p50 {figures[name]['p50_ms']:7.2f} ms   p95 {figures[name]['p95_ms']:7.2f} ms")
    return figures


def _seeded(url: str, images: Path):  # noqa: ANN202
    migrate(url)
    engine = engine_for(url)
    with Session(engine) as session:
        seed(session, images, draw_images=False)
        session.commit()
    return engine


def main() -> None:
    result: dict[str, object] = {"bench": "catalog_reads", "cores": os.cpu_count(), "rounds": ROUNDS}
    with tempfile.TemporaryDirectory() as tmp:
        print("SQLite (demo catalogue):")
        result["sqlite"] = _measure(_seeded(f"sqlite:///{tmp}/bench.db", Path(tmp)))
        if PG_UP:
            with throwaway_pg_database("mp_bench") as url:
                print("PostgreSQL (demo catalogue):")
                engine = _seeded(url, Path(tmp))
                result["postgres"] = _measure(engine)
                engine.dispose()
        else:
            print("PostgreSQL not reachable on 127.0.0.1:5432: skipped")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

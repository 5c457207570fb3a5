"""Shared by the benchmarks that read the demo catalogue (bench/catalog_reads.py, bench/search.py): a freshly
migrated and seeded database on SQLite and, when it answers, a throwaway PostgreSQL database, and the
latency percentiles they report. Lives in a sub-folder so ``make bench`` (``bench/*.py``) does not run it."""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from marketplace.core.db import engine_for
from marketplace.demo.seed import seed
from tests.conftest import PG_UP, migrate, throwaway_pg_database


def percentiles(samples: list[float]) -> dict[str, float]:
    """``p50_ms`` (median) and ``p95_ms`` (the sample 95 % of the way up) of millisecond samples."""
    ordered = sorted(samples)
    return {"p50_ms": round(statistics.median(ordered), 2), "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2)}


def _seeded(url: str, images: Path) -> Engine:
    migrate(url)
    engine = engine_for(url)
    with Session(engine) as session:
        seed(session, images, draw_images=False)
        session.commit()
    return engine


def on_both_databases(measure: Callable[[Engine], Any]) -> dict[str, Any]:
    """``measure(engine)`` on the seeded demo catalogue in SQLite and PostgreSQL: {"sqlite": …, "postgres": …}
    (no "postgres" when it does not answer, said on stdout)."""
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        print("SQLite (demo catalogue):")
        result["sqlite"] = measure(_seeded(f"sqlite:///{tmp}/bench.db", Path(tmp)))
        if PG_UP:
            with throwaway_pg_database("mp_bench") as url:
                print("PostgreSQL (demo catalogue):")
                engine = _seeded(url, Path(tmp))
                result["postgres"] = measure(engine)
                engine.dispose()
        else:
            print("PostgreSQL not reachable on 127.0.0.1:5432: skipped")
    return result

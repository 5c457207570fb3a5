"""Completed checkouts per second with concurrent buyers, on SQLite and PostgreSQL, and the number of
oversold units (must be 0). Each buyer fills a guest cart with one unit from one of two vendors' products,
prices the checkout (landed cost per parcel) and pays with the embedded gateway's 4242 card.

Two shapes are compared in one run (the machine is shared and noisy):
- ``threads``: one process, 8 threads. Checkout is mostly Python (pricing, landed cost, ORM), so the GIL
  caps this at one core.
- ``processes``: 2 processes x 4 threads, the way production runs the backend (several workers,
  ``GRANIAN_WORKERS``), so both cores work. All buyers start together at a shared instant.

Prints human-readable lines; the last line is one JSON object:
{"bench": "checkout", "cores": N, "buyers": n,
 "sqlite": {"threads": {"checkouts_per_s", "completed", "refused", "oversold_units", ...}, "processes": {...}},
 "postgres": {...}}
Target (issue #4): at least 50 checkouts/s on PostgreSQL on the 2-core machine.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, func, select  # noqa: E402

from marketplace.checkout import service as checkout  # noqa: E402
from marketplace.checkout.place import place  # noqa: E402
from marketplace.checkout.pricing import Market  # noqa: E402
from marketplace.core.db import engine_for, immediate_scope  # noqa: E402
from marketplace.core.errors import ValidationError  # noqa: E402
from marketplace.models import OrderLine, Variant  # noqa: E402
from marketplace.orders import cart as carts  # noqa: E402
from marketplace.payments.embedded import EmbeddedGateway  # noqa: E402
from marketplace.payments.gateway import CardDetails  # noqa: E402
from tests import factories  # noqa: E402
from tests.conftest import PG_UP, migrate, throwaway_pg_database  # noqa: E402

BUYERS = 240
THREADS = 8
PROCESSES = 2
STOCK = 100  # per variant, two variants: 200 units for 240 buyers, so 40 must be refused
CARD = CardDetails("4242424242424242", 12, 2030, "123")


def _setup(url: str) -> tuple[object, list[int]]:
    migrate(url)
    engine = engine_for(url)
    with Session(engine) as session:
        cat = factories.category(session)
        ids = []
        for country, currency in (("JP", "JPY"), ("IT", "EUR")):
            vendor = factories.vendor(session, country=country, currency=currency)
            product = factories.product(session, vendor, cat, stock=STOCK)
            ids.append(session.exec(select(Variant.id).where(Variant.product_id == product.id)).first())
        session.commit()
    return engine, ids


def _buy(engine, variant_id: int, gateway: EmbeddedGateway) -> str:  # noqa: ANN001
    try:
        with immediate_scope(engine) as session:  # a write: take SQLite's lock up front
            owner, _ = carts.add(session, carts.CartOwner(), variant_id, 1)
            row, _ = checkout.start(session, owner, Market("DE", "EUR"), email="bench@example.com")
        place(engine, row.id, owner, CARD, gateway=gateway)
        return "ok"
    except ValidationError:
        return "refused"


def _buyers(url: str, variants: list[int], buyers: range, threads: int, start_at: float) -> tuple[list[str], float]:
    """One process's share of the buyers, all starting at ``start_at`` (wall clock); returns when it finished."""
    engine = engine_for(url)
    gateway = EmbeddedGateway()
    while time.time() < start_at:
        time.sleep(0.001)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(lambda i: _buy(engine, variants[i % 2], gateway), buyers))
    engine.dispose()
    return results, time.time()


def _run(url: str, processes: int) -> dict[str, float | int]:
    engine, variants = _setup(url)
    engine.dispose()
    threads = THREADS // processes
    start_at = time.time() + (2.0 if processes > 1 else 0.0)  # worker processes need a moment to import
    shares = [range(p, BUYERS, processes) for p in range(processes)]
    if processes == 1:
        outcomes = [_buyers(url, variants, shares[0], threads, start_at)]
    else:
        with ProcessPoolExecutor(max_workers=processes) as pool:
            outcomes = list(pool.map(_buyers, [url] * processes, [variants] * processes, shares,
                                     [threads] * processes, [start_at] * processes))
    elapsed = max(finished for _, finished in outcomes) - start_at
    results = [r for share, _ in outcomes for r in share]
    engine = engine_for(url)
    with Session(engine) as session:
        sold = session.exec(select(func.coalesce(func.sum(OrderLine.quantity), 0))).one()
        stock = session.exec(select(func.sum(Variant.stock))).one()
    engine.dispose()
    completed = results.count("ok")
    figures = {"checkouts_per_s": round(completed / elapsed, 1), "completed": completed,
               "refused": results.count("refused"), "oversold_units": max(0, int(sold) - 2 * STOCK),
               "stock_left": int(stock), "seconds": round(elapsed, 2), "processes": processes,
               "threads_per_process": threads}
    print(f"  {processes} process(es) x {threads} threads: {completed} checkouts in {elapsed:.2f} s = "
          f"{figures['checkouts_per_s']}/s; refused {figures['refused']}; sold {sold} of {2 * STOCK}; "
          f"stock left {stock}; oversold {figures['oversold_units']}")
    return figures


def _both(make_url) -> dict[str, dict]:  # noqa: ANN001 - a context manager factory giving a fresh database URL
    shapes = {}
    for shape, processes in (("threads", 1), ("processes", PROCESSES)):
        with make_url(shape) as url:
            shapes[shape] = _run(url, processes)
    return shapes


def main() -> None:
    result: dict[str, object] = {"bench": "checkout", "cores": os.cpu_count(), "buyers": BUYERS}

    @contextmanager
    def sqlite_url(shape: str):  # noqa: ANN202
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{tmp}/bench-{shape}.db"

    print(f"SQLite, {BUYERS} buyers:")
    result["sqlite"] = _both(sqlite_url)
    if PG_UP:
        print(f"PostgreSQL, {BUYERS} buyers:")
        result["postgres"] = _both(lambda shape: throwaway_pg_database(f"mp_bench_{shape}"))
    else:
        print("PostgreSQL not reachable on 127.0.0.1:5432: skipped")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

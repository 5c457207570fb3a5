"""Completed checkouts per second with N concurrent buyers (threads), on SQLite and PostgreSQL, and the
number of oversold units (must be 0). Each buyer fills a guest cart with one unit from one of two vendors'
products, prices the checkout (landed cost per parcel) and pays with the embedded gateway's 4242 card.

Prints human-readable lines; the last line is one JSON object:
{"bench": "checkout", "cores": N, "buyers": n, "threads": t,
 "sqlite": {"checkouts_per_s", "completed", "sold_out_refusals", "oversold_units"}, "postgres": {...}}
Target (issue #4): at least 50 checkouts/s on PostgreSQL on the 2-core machine.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
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


def _run(url: str) -> dict[str, float | int]:
    engine, variants = _setup(url)
    gateway = EmbeddedGateway()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda i: _buy(engine, variants[i % 2], gateway), range(BUYERS)))
    elapsed = time.perf_counter() - started
    with Session(engine) as session:
        sold = session.exec(select(func.coalesce(func.sum(OrderLine.quantity), 0))).one()
        stock = session.exec(select(func.sum(Variant.stock))).one()
    engine.dispose()
    completed = results.count("ok")
    figures = {"checkouts_per_s": round(completed / elapsed, 1), "completed": completed,
               "refused": results.count("refused"), "oversold_units": max(0, int(sold) - 2 * STOCK),
               "stock_left": int(stock), "seconds": round(elapsed, 2)}
    print(f"  {completed} checkouts in {elapsed:.2f} s = {figures['checkouts_per_s']}/s; refused "
          f"{figures['refused']}; sold {sold} of {2 * STOCK}; stock left {stock}; oversold {figures['oversold_units']}")
    return figures


def main() -> None:
    result: dict[str, object] = {"bench": "checkout", "cores": os.cpu_count(), "buyers": BUYERS, "threads": THREADS}
    with tempfile.TemporaryDirectory() as tmp:
        print(f"SQLite, {BUYERS} buyers on {THREADS} threads:")
        result["sqlite"] = _run(f"sqlite:///{tmp}/bench.db")
    if PG_UP:
        with throwaway_pg_database("mp_bench") as url:
            print(f"PostgreSQL, {BUYERS} buyers on {THREADS} threads:")
            result["postgres"] = _run(url)
    else:
        print("PostgreSQL not reachable on 127.0.0.1:5432: skipped")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

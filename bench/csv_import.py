"""CSV catalogue import: rows per second for a file of 1,000 variant rows (500 products), dry run (checking
only) and the real import (one transaction), on the seeded demo catalogue in SQLite and (when it answers)
PostgreSQL. Medians of a few rounds; each real round imports fresh SKUs.

Prints human-readable lines; the last line is one JSON object:
{"bench": "csv_import", "cores": N, "rows": 1000, "sqlite": {"dry_run_rows_per_s", "import_rows_per_s",
"import_s"}, "postgres": {...}}
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, select  # noqa: E402

from bench.lib.demo_catalogue import on_both_databases  # noqa: E402
from marketplace.accounts.service import Caller  # noqa: E402
from marketplace.models import Role, User, Vendor, VendorMember, VendorStatus  # noqa: E402
from marketplace.vendors import catalogue  # noqa: E402
from tests.integration.vendors.csv_files import good_file  # noqa: E402

ROWS = 1000
ROUNDS = 3


def _seller(session: Session) -> tuple[Caller, str]:
    vendor, user = session.exec(select(Vendor, User).join(VendorMember, VendorMember.vendor_id == Vendor.id)
                                .join(User, User.id == VendorMember.user_id)
                                .where(Vendor.status == VendorStatus.APPROVED).order_by(Vendor.id)).first()
    return Caller(user_id=user.id, role=Role.SELLER, display_name=user.display_name, email=user.email,
                  vendor_id=vendor.id), vendor.currency


def _measure(engine) -> dict[str, float]:  # noqa: ANN001
    dry, real = [], []
    for round_ in range(ROUNDS):
        with Session(engine) as session:
            caller, currency = _seller(session)
            data = good_file(ROWS, prefix=f"BENCH{round_}", currency=currency)
            start = time.perf_counter()
            result = catalogue.import_csv(session, caller, data, dry_run=True)
            dry.append(time.perf_counter() - start)
            assert not result.errors, result.errors[:3]
            start = time.perf_counter()
            catalogue.import_csv(session, caller, data, dry_run=False)
            session.commit()
            real.append(time.perf_counter() - start)
    figures = {"dry_run_rows_per_s": round(ROWS / statistics.median(dry)),
               "import_rows_per_s": round(ROWS / statistics.median(real)),
               "import_s": round(statistics.median(real), 3)}
    print(f"  dry run {figures['dry_run_rows_per_s']:>7} rows/s   import {figures['import_rows_per_s']:>7} rows/s "
          f"({figures['import_s']} s for {ROWS} rows)")
    return figures


def main() -> None:
    print(f"CSV import of {ROWS} rows, {os.cpu_count()} cores")
    result: dict[str, object] = {"bench": "csv_import", "cores": os.cpu_count(), "rows": ROWS}
    result.update(on_both_databases(_measure))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

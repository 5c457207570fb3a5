"""CSV files for the import tests and the benchmark: ``good_file(n)`` makes n rows (two variants per product)."""

from __future__ import annotations

import csv
import io

from marketplace.catalog.csv_io import COLUMNS
from marketplace.core.currencies import MINOR_UNITS


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def good_rows(n: int, prefix: str = "BULK", category: str = "tableware", currency: str = "EUR") -> list[dict[str, str]]:
    rows = []
    for i in range(n):
        product = i // 2
        row = {"handle": f"{prefix.lower()}-mug-{product}", "sku": f"{prefix}-{i}", "option1_name": "Size",
               "option1_value": "Small" if i % 2 == 0 else "Large", "price": f"{18 + i % 7}.50" if MINOR_UNITS[currency] else f"{1800 + i % 7 * 100}",
               "currency": currency, "stock": str(i % 40), "weight_g": str(300 + i % 50), "hs_code": "6912.00",
               "origin_country": "PT", "length_mm": "120", "width_mm": "120", "height_mm": "100"}
        if i % 2 == 0:
            row |= {"name": f"Stoneware mug {product}", "description": "Hand-thrown.\nDishwasher safe.",
                    "category": category, "name_de": f"Steinzeugbecher {product}"}
        rows.append(row)
    return rows


def good_file(n: int, **kwargs: str) -> bytes:
    return csv_bytes(good_rows(n, **kwargs))

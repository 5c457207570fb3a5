"""Import VAT / GST rates by destination, region, product category and date.

Contract:
    * :func:`import_tax_rate` answers the rate charged on importation (or, under a point-of-sale
      scheme, on the sale) of goods into a destination as a :class:`TaxRate` whose ``rate`` is a
      ``Decimal`` fraction (``0.19`` = 19 %), read from ``data/vat_rates.csv`` for the row in force
      on the date (``effective_from <= on < effective_to``).
    * Lookup order: the region's row for the category, the country's row for the category, the
      region's standard row, the country's standard row. A region row (a Canadian province's HST)
      thus wins over the country's GST, and a category without a row falls back to the standard
      rate. ``category`` defaults to :func:`tax_category` of the HS code.
    * Categories: ``standard``, ``books``, ``food``, ``childrens_clothing``. The last is never
      derived from an HS code (a T-shirt's code does not say who it fits): callers pass it as a hint.
    * The United States has no federal VAT: its row is 0 % named "none". State/provincial sales
      taxes that are not collected at the border (US sales tax, Canadian PST/QST) are not here.
    * Unknown destination: :class:`~marketplace.crossborder.tariffs.NoTariffData`; malformed HS
      code: :class:`~marketplace.crossborder.tariffs.InvalidHsCode`; unknown category: ``ValueError``.

Rounding of the tax amount is not this module's business (the landed-cost engine rounds per line
with the rule it names). The table shares :data:`marketplace.crossborder.tariffs.DATA_DIR` and its
:func:`~marketplace.crossborder.tariffs.clear_caches`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from marketplace.crossborder import tariffs as _tariffs
from marketplace.crossborder.markets import DESTINATIONS
from marketplace.crossborder.tariffs import NoTariffData

VAT_FILE = "vat_rates.csv"
VAT_COLUMNS = ("country", "region", "category", "rate", "name", "effective_from", "effective_to", "source")
STANDARD = "standard"
CATEGORIES = (STANDARD, "books", "food", "childrens_clothing")

_REGION_RE = re.compile(r"[A-Z0-9]{1,3}")
_BOOK_HEADINGS = ("4901", "4902", "4903", "4905")
_NON_FOOD_CHAPTERS = ("05", "06", "13", "14")
_NON_FOOD_HEADINGS = ("1520", "1521", "1522")


@dataclass(frozen=True)
class TaxRate:
    """One VAT/GST rate and where it comes from."""

    country: str
    region: str | None
    category: str
    rate: Decimal
    """Fraction: 0.19 for 19 %."""
    name: str
    source: str
    effective_from: date
    effective_to: date | None


def tax_category(hs_code: str) -> str:
    """The VAT category an HS code falls in by default: ``books``, ``food`` or ``standard``.

    * ``books``: headings 4901 (books, brochures), 4902 (newspapers, periodicals), 4903 (children's
      picture and colouring books) and 4905 (maps and atlases, which the EU's Annex III and the UK's
      zero rate treat like books).
    * ``food``: chapters 02 to 21, except chapters 05 (animal products not for eating), 06 (plants
      and cut flowers), 13 (lacs, gums) and 14 (plaiting materials) and headings 1520-1522
      (glycerol, waxes). Food preparations of 2106 (including supplements) count as food; beverages
      (chapter 22) and tobacco (chapter 24) do not.
    * ``standard``: everything else.

    >>> tax_category("490199"), tax_category("090121"), tax_category("610910"), tax_category("220300")
    ('books', 'food', 'standard', 'standard')

    Raises:
        InvalidHsCode: when the code is not 6-10 digits starting with an HS 2022 subheading.
    """
    code = _tariffs.normalise_hs(hs_code)
    if code[:4] in _BOOK_HEADINGS:
        return "books"
    chapter = code[:2]
    if "02" <= chapter <= "21" and chapter not in _NON_FOOD_CHAPTERS and code[:4] not in _NON_FOOD_HEADINGS:
        return "food"
    return STANDARD


@_tariffs._cached
def _vat_table(data_dir: Path) -> dict[tuple[str, str | None, str], tuple[TaxRate, ...]]:
    path = data_dir / VAT_FILE
    table: dict[tuple[str, str | None, str], list[TaxRate]] = {}
    periods: dict[tuple[str, ...], list[tuple[int, date, date | None]]] = {}
    for line, row in _tariffs.read_rows(path, VAT_COLUMNS):
        country, region, category = row["country"], row["region"] or None, row["category"]
        if country not in DESTINATIONS:
            raise _tariffs.RateDataError(f"{path.name} line {line}: {country!r} is not a destination")
        if region is not None and not _REGION_RE.fullmatch(region):
            raise _tariffs.RateDataError(f"{path.name} line {line}: region {region!r} must be an ISO 3166-2 suffix")
        if category not in CATEGORIES:
            raise _tariffs.RateDataError(f"{path.name} line {line}: category {category!r} must be one of "
                                         f"{', '.join(CATEGORIES)}")
        rate = _tariffs.parse_rate(path, line, row["rate"])
        if rate >= 1:
            raise _tariffs.RateDataError(f"{path.name} line {line}: rate {rate} must be a fraction below 1 "
                                         "(write 19 % as 0.19)")
        if not row["name"] or not row["source"]:
            raise _tariffs.RateDataError(f"{path.name} line {line}: name and source are required")
        start, end = _tariffs.parse_period(path, line, row)
        key = (country, region, category)
        table.setdefault(key, []).append(TaxRate(country, region, category, rate, row["name"], row["source"], start, end))
        periods.setdefault((country, region or "", category), []).append((line, start, end))
    _tariffs.check_no_overlap(path, periods)
    return {key: tuple(rows) for key, rows in table.items()}


def import_tax_rate(destination: str, hs_code: str, on: date, region: str | None = None,
                    category: str | None = None) -> TaxRate:
    """The import VAT/GST rate for goods with ``hs_code`` entering ``destination`` on ``on``.

    Args:
        destination: ISO alpha-2 ship-to country (one of ``markets.DESTINATIONS``).
        hs_code: 6 to 10 digits.
        on: the date of importation (or of the sale under a point-of-sale scheme).
        region: ISO 3166-2 suffix of the ship-to subdivision (``"ON"`` for Ontario), when it matters.
        category: overrides :func:`tax_category` (e.g. ``"childrens_clothing"`` from a product hint).

    Raises:
        NoTariffData: unknown destination, or no row in force on that date.
        InvalidHsCode: malformed HS code.
        ValueError: unknown category.
    """
    if not isinstance(destination, str) or destination not in DESTINATIONS:
        raise NoTariffData(f"no import tax data for destination {destination!r}")
    wanted = tax_category(hs_code) if category is None else category
    if wanted not in CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(CATEGORIES)}, got {category!r}")
    if region is not None and not isinstance(region, str):
        raise ValueError(f"region must be a string such as 'ON', got {region!r}")
    on = _tariffs.check_date(on)
    region = region or None
    table = _vat_table(_tariffs.DATA_DIR)
    keys = [(destination, region, wanted), (destination, None, wanted),
            (destination, region, STANDARD), (destination, None, STANDARD)]
    for key in dict.fromkeys(k for k in keys if k[1] is None or region is not None):
        for rate in table.get(key, ()):
            if _tariffs.in_force(rate.effective_from, rate.effective_to, on):
                return rate
    raise NoTariffData(f"no import VAT/GST row for {destination} on {on.isoformat()}")

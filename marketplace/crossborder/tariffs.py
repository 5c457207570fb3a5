"""Import duty rates: which tariff schedule applies, and what it charges for an HS code on a date.

Contract:
    * :func:`tariff_for` maps a destination (ISO 3166-1 alpha-2, one of ``markets.DESTINATIONS``)
      to its tariff schedule: ``"EU"`` (the common customs tariff) for the 27 member states, the
      country code itself otherwise. Anything else raises :class:`NoTariffData`.
    * :func:`duty_rate` answers the duty for one tariff line as a :class:`DutyRate`: the MFN row of
      ``data/duty_rates.csv`` that matches the longest prefix of the HS code (6, then 4, then 2
      digits) among the rows in force on the date (``effective_from <= on < effective_to``).
      ``rate`` is a ``Decimal`` fraction for ``basis == "ad_valorem"`` (``0.12`` = 12 %) and an
      amount per kilogram in ``currency`` for ``basis == "per_kg"``. It never returns floats.
    * Preferences (``data/preferences.csv``): when ``claim_preference`` is true, the origin is
      listed for the schedule and the agreement is in force, the answer is the preferential rate
      (0) with ``preferential=True`` and the agreement's name, provided it is lower than the MFN
      rate. Qualifying under the agreement's rules of origin is the caller's promise: origin here
      means the preferential origin of the goods, not the ship-from country.
    * No import duty applies to a domestic movement (origin == destination) or to goods moving
      between two EU member states (origin ``"EU"`` counts as an EU member): rate 0, source
      ``"domestic / intra-EU movement"``.
    * Not included, by design: the US Section 301/232/122 and IEEPA surcharges, anti-dumping and
      countervailing duties, quotas, minimum/maximum and per-item components of compound duties,
      the EU's flat EUR 3 low-value duty (``regimes``) and de minimis reliefs (``regimes``).
    * :func:`rules_version` is a short hash over every ``*.csv`` and ``*.json`` in the data
      directory: store it with a quote so the figures can be traced to the data that made them.

The data directory is the module-level :data:`DATA_DIR`; every table is read once per directory
(``functools.cache``) and validated on load: a bad row raises :class:`RateDataError` (a
``ValueError``) naming the file and line. Tests point ``DATA_DIR`` elsewhere and call
:func:`clear_caches`. Sources of every row: ``data/SOURCES.md``.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from marketplace.crossborder import hs
from marketplace.crossborder.hs import InvalidHsCode
from marketplace.crossborder.markets import DESTINATIONS, EU_MEMBERS

__all__ = ["BASES", "DATA_DIR", "EU_TARIFF", "TARIFFS", "DutyRate", "InvalidHsCode", "NoTariffData", "RateDataError",
           "clear_caches", "duty_rate", "normalise_hs", "rules_version", "tariff_for"]

DATA_DIR: Path = Path(__file__).parent / "data"
"""Where the rate tables live. Tests monkeypatch it (then call :func:`clear_caches`)."""

EU_TARIFF = "EU"
TARIFFS: tuple[str, ...] = (EU_TARIFF, "GB", "US", "CA", "AU", "NZ", "JP", "KR", "CN", "CH", "NO", "SG", "MX",
                            "BR", "IN", "TR", "AE", "SA", "ZA")
"""Every tariff schedule the duty table covers: the EU's common customs tariff plus one per non-EU destination."""

BASES = ("ad_valorem", "per_kg")
CONFIDENCES = ("high", "medium", "low")
DOMESTIC_SOURCE = "domestic / intra-EU movement"

DUTY_FILE = "duty_rates.csv"
PREFERENCE_FILE = "preferences.csv"
HS_FILE = "hs2022.csv"
DUTY_COLUMNS = ("tariff", "code", "rate", "basis", "effective_from", "effective_to", "source", "confidence", "note")
PREFERENCE_COLUMNS = ("agreement", "tariff", "origins", "rate", "effective_from", "effective_to", "source")

_LEVEL_NAMES = {2: "chapter", 4: "heading", 6: "subheading"}
_INTRA_EU_SINCE = date(1993, 1, 1)  # the single market; accession dates of later members are not modelled
_MAX_AD_VALOREM = Decimal(10)  # 1000 %: anything above is a typo (a percentage written as a fraction)
_RATE_RE = re.compile(r"\d+(\.\d+)?")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COUNTRY_RE = re.compile(r"[A-Z]{2}")
_CURRENCY_RE = re.compile(r"(?:^|[;\s])currency=([A-Z]{3})\b")


class NoTariffData(LookupError):
    """No schedule for this destination, or no row for this HS code on that date."""


class RateDataError(ValueError):
    """A data file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class DutyRate:
    """The duty one tariff line pays, with the row it came from."""

    tariff: str
    code: str
    """The row that matched: a chapter ("61"), heading ("6109") or subheading ("610910")."""
    rate: Decimal
    """Ad valorem fraction (0.12 = 12 %), or the amount per kg in ``currency`` when basis != "ad_valorem"."""
    basis: str
    currency: str | None
    preferential: bool
    agreement: str | None
    source: str
    confidence: str
    effective_from: date
    effective_to: date | None
    note: str = ""


@dataclass(frozen=True)
class _DutyRow:
    tariff: str
    code: str
    rate: Decimal
    basis: str
    currency: str | None
    effective_from: date
    effective_to: date | None
    source: str
    confidence: str
    note: str


@dataclass(frozen=True)
class _PreferenceRow:
    agreement: str
    tariff: str
    origins: frozenset[str]
    rate: Decimal
    effective_from: date
    effective_to: date | None
    source: str


# --- shared loading helpers (also used by ``taxes``) --------------------------------------------------

_CACHED: list[Callable[..., object]] = []


def _cached(fn):
    """``functools.cache`` that :func:`clear_caches` knows about."""
    wrapped = functools.cache(fn)
    _CACHED.append(wrapped)
    return wrapped


def clear_caches() -> None:
    """Forget every table read so far (after ``DATA_DIR`` changed or a file was rewritten)."""
    for fn in _CACHED:
        fn.cache_clear()  # type: ignore[attr-defined]


def _fail(path: Path, line: int, message: str) -> RateDataError:
    return RateDataError(f"{path.name} line {line}: {message}")


def read_rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line number, row)`` for each data row of a CSV whose header must equal ``columns``."""
    if not path.is_file():
        raise RateDataError(f"{path.name}: file not found in {path.parent}")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None or tuple(header) != tuple(columns):
            raise _fail(path, 1, f"header must be {','.join(columns)}, got {','.join(header or [])}")
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(columns):
                raise _fail(path, reader.line_num, f"expected {len(columns)} fields, got {len(values)}")
            yield reader.line_num, dict(zip(columns, (v.strip() for v in values), strict=True))


def parse_date(path: Path, line: int, field: str, text: str, *, required: bool) -> date | None:
    if not text:
        if required:
            raise _fail(path, line, f"{field} is required")
        return None
    if not _DATE_RE.fullmatch(text):
        raise _fail(path, line, f"{field} {text!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _fail(path, line, f"{field} {text!r} is not a valid date") from None


def parse_rate(path: Path, line: int, text: str) -> Decimal:
    if not _RATE_RE.fullmatch(text):
        raise _fail(path, line, f"rate {text!r} must be a non-negative decimal such as 0.12")
    return Decimal(text)


def parse_period(path: Path, line: int, row: dict[str, str]) -> tuple[date, date | None]:
    start = parse_date(path, line, "effective_from", row["effective_from"], required=True)
    end = parse_date(path, line, "effective_to", row["effective_to"], required=False)
    assert start is not None
    if end is not None and end <= start:
        raise _fail(path, line, f"effective_to {end} must be after effective_from {start}")
    return start, end


def check_no_overlap(path: Path, periods: dict[tuple[str, ...], list[tuple[int, date, date | None]]]) -> None:
    """Raise when two rows of the same key are in force on the same day."""
    for key, spans in periods.items():
        spans.sort(key=lambda s: s[1])
        for (line_a, _, end_a), (line_b, start_b, _) in zip(spans, spans[1:], strict=False):
            if end_a is None or start_b < end_a:
                raise _fail(path, line_b, f"date range overlaps line {line_a} for {'/'.join(key)}")


def in_force(start: date, end: date | None, on: date) -> bool:
    return start <= on and (end is None or on < end)


def check_date(on: object) -> date:
    if isinstance(on, datetime) or not isinstance(on, date):
        raise TypeError(f"on must be a datetime.date, got {type(on).__name__}")
    return on


# --- HS 2022 nomenclature ------------------------------------------------------------------------------


@_cached
def _hs_levels(data_dir: Path) -> dict[str, int]:
    path = data_dir / HS_FILE
    levels: dict[str, int] = {}
    for _line, row in read_rows(path, ("section", "hscode", "description", "parent", "level")):
        if row["level"] in ("2", "4", "6"):
            levels[row["hscode"]] = int(row["level"])
    return levels


def normalise_hs(hs_code: object) -> str:
    """Check an HS code (digits only, 6 to 10 long, first six an HS 2022 subheading) and return it.

    Raises:
        InvalidHsCode: (``hs.InvalidHsCode``, re-exported here) ``hs_format`` for anything but 6-10
            digits, including dotted or spaced codes (the caller normalises with ``hs.normalise``);
            ``hs_unknown_*`` when the chapter, heading or subheading is not in HS 2022.
    """
    if not isinstance(hs_code, str) or not hs_code.isascii() or not hs_code.isdigit() or not 6 <= len(hs_code) <= 10:
        raise InvalidHsCode("hs_format", f"HS code must be 6 to 10 digits without separators, got {hs_code!r}",
                            value=repr(hs_code))
    hs.validate(hs_code)
    return hs_code


# --- duty and preference tables ------------------------------------------------------------------------


@_cached
def _duty_table(data_dir: Path) -> dict[tuple[str, str], tuple[_DutyRow, ...]]:
    path = data_dir / DUTY_FILE
    levels = _hs_levels(data_dir)
    table: dict[tuple[str, str], list[_DutyRow]] = {}
    periods: dict[tuple[str, ...], list[tuple[int, date, date | None]]] = {}
    for line, row in read_rows(path, DUTY_COLUMNS):
        tariff, code = row["tariff"], row["code"]
        if tariff not in TARIFFS:
            raise _fail(path, line, f"unknown tariff {tariff!r}")
        if not code.isdigit() or len(code) not in (2, 4, 6):
            raise _fail(path, line, f"code {code!r} must be a 2-, 4- or 6-digit HS code")
        if levels.get(code) != len(code):
            raise _fail(path, line, f"code {code} is not an HS 2022 {_LEVEL_NAMES[len(code)]}")
        rate = parse_rate(path, line, row["rate"])
        basis = row["basis"]
        if basis not in BASES:
            raise _fail(path, line, f"basis {basis!r} must be one of {', '.join(BASES)}")
        currency = None
        match = _CURRENCY_RE.search(row["note"])
        if basis == "ad_valorem":
            if rate > _MAX_AD_VALOREM:
                raise _fail(path, line, f"ad valorem rate {rate} is above 10 (1000 %): write 12 % as 0.12")
        else:
            if match is None:
                raise _fail(path, line, f"a {basis} row needs currency=XXX in its note")
            currency = match.group(1)
        start, end = parse_period(path, line, row)
        if not row["source"]:
            raise _fail(path, line, "source is required")
        if row["confidence"] not in CONFIDENCES:
            raise _fail(path, line, f"confidence {row['confidence']!r} must be one of {', '.join(CONFIDENCES)}")
        table.setdefault((tariff, code), []).append(
            _DutyRow(tariff, code, rate, basis, currency, start, end, row["source"], row["confidence"], row["note"]))
        periods.setdefault((tariff, code), []).append((line, start, end))
    check_no_overlap(path, periods)
    return {key: tuple(rows) for key, rows in table.items()}


@_cached
def _preference_table(data_dir: Path) -> dict[str, tuple[_PreferenceRow, ...]]:
    path = data_dir / PREFERENCE_FILE
    table: dict[str, list[_PreferenceRow]] = {}
    periods: dict[tuple[str, ...], list[tuple[int, date, date | None]]] = {}
    for line, row in read_rows(path, PREFERENCE_COLUMNS):
        if not row["agreement"]:
            raise _fail(path, line, "agreement is required")
        if row["tariff"] not in TARIFFS:
            raise _fail(path, line, f"unknown tariff {row['tariff']!r}")
        origins = row["origins"].split()
        if not origins or not all(_COUNTRY_RE.fullmatch(o) for o in origins):
            raise _fail(path, line, f"origins {row['origins']!r} must be ISO country codes or EU, space-separated")
        start, end = parse_period(path, line, row)
        if not row["source"]:
            raise _fail(path, line, "source is required")
        pref = _PreferenceRow(row["agreement"], row["tariff"], frozenset(origins), parse_rate(path, line, row["rate"]),
                              start, end, row["source"])
        table.setdefault(pref.tariff, []).append(pref)
        periods.setdefault((pref.agreement, pref.tariff), []).append((line, start, end))
    check_no_overlap(path, periods)
    return {key: tuple(rows) for key, rows in table.items()}


# --- public lookups --------------------------------------------------------------------------------------


def tariff_for(destination: str) -> str:
    """The tariff schedule applied in ``destination``: ``"EU"`` for member states, else the country code.

    >>> tariff_for("DE"), tariff_for("GB")
    ('EU', 'GB')

    Raises:
        NoTariffData: for a destination the engine does not cover.
    """
    if not isinstance(destination, str) or destination not in DESTINATIONS:
        raise NoTariffData(f"no tariff schedule for destination {destination!r}")
    return EU_TARIFF if destination in EU_MEMBERS else destination


def _check_origin(origin: object) -> str:
    if not isinstance(origin, str) or not _COUNTRY_RE.fullmatch(origin):
        raise ValueError(f"origin must be an ISO 3166-1 alpha-2 code such as 'CN', got {origin!r}")
    return origin


def _is_eu(country: str) -> bool:
    return country == EU_TARIFF or country in EU_MEMBERS


def _origin_listed(origin: str, origins: frozenset[str]) -> bool:
    return origin in origins or (EU_TARIFF in origins and _is_eu(origin))


def duty_rate(destination: str, hs_code: str, origin: str, on: date, claim_preference: bool = True) -> DutyRate:
    """The import duty on goods of ``origin`` with ``hs_code`` entering ``destination`` on ``on``.

    Args:
        destination: ISO alpha-2 ship-to country (one of ``markets.DESTINATIONS``).
        hs_code: 6 to 10 digits, no dots or spaces.
        origin: ISO alpha-2 country of origin of the goods (``"EU"`` accepted for EU origin).
        on: the date the goods are declared.
        claim_preference: apply a trade agreement's preferential rate when the origin qualifies.

    Raises:
        NoTariffData: unknown destination, or no row covers the code on that date.
        InvalidHsCode: malformed or unknown HS code.
        ValueError: malformed origin.
    """
    tariff = tariff_for(destination)
    code = normalise_hs(hs_code)
    origin = _check_origin(origin)
    on = check_date(on)

    if origin == destination or (tariff == EU_TARIFF and _is_eu(origin)):
        return DutyRate(tariff=tariff, code=code[:6], rate=Decimal(0), basis="ad_valorem", currency=None,
                        preferential=False, agreement=None, source=DOMESTIC_SOURCE, confidence="high",
                        effective_from=date.min if origin == destination else _INTRA_EU_SINCE, effective_to=None)

    table = _duty_table(DATA_DIR)
    row = next((r for prefix in (code[:6], code[:4], code[:2]) for r in table.get((tariff, prefix), ())
                if in_force(r.effective_from, r.effective_to, on)), None)
    if row is None:
        raise NoTariffData(f"no {tariff} duty row covers HS {code} on {on.isoformat()}")

    if claim_preference and row.rate > 0:
        for pref in _preference_table(DATA_DIR).get(tariff, ()):
            # An ad valorem preference replaces a specific MFN duty; against an ad valorem MFN it must be lower.
            lower = row.basis != "ad_valorem" or pref.rate < row.rate
            if lower and _origin_listed(origin, pref.origins) and in_force(pref.effective_from, pref.effective_to, on):
                return DutyRate(tariff=tariff, code=row.code, rate=pref.rate, basis="ad_valorem", currency=None,
                                preferential=True, agreement=pref.agreement, source=pref.source,
                                confidence="high", effective_from=pref.effective_from,
                                effective_to=pref.effective_to,
                                note=f"MFN {row.basis} {row.rate} replaced by the {pref.agreement} rate")
    return DutyRate(tariff=row.tariff, code=row.code, rate=row.rate, basis=row.basis, currency=row.currency,
                    preferential=False, agreement=None, source=row.source, confidence=row.confidence,
                    effective_from=row.effective_from, effective_to=row.effective_to, note=row.note)


@_cached
def _rules_version(data_dir: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in data_dir.iterdir() if p.is_file() and p.suffix in (".csv", ".json"))
    for path in files:
        content = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + str(len(content)).encode() + b"\0" + content)
    return digest.hexdigest()[:12]


def rules_version() -> str:
    """First 12 hex digits of a SHA-256 over every ``*.csv`` and ``*.json`` file in :data:`DATA_DIR`."""
    return _rules_version(DATA_DIR)

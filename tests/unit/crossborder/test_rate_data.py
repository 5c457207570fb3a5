"""Integrity of the duty, preference and VAT tables in marketplace/crossborder/data.

The files are read twice: once with the csv module here (so the checks do not trust the loader)
and once through the engine's loaders, whose validation is exercised with corrupted copies.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from marketplace.crossborder import tariffs, taxes
from marketplace.crossborder.markets import DESTINATIONS, EU_MEMBERS
from marketplace.demo.catalogue import build_catalogue

FACTS_DAY = date(2026, 11, 25)  # the day the project's cross-border facts were gathered
ORIGIN = "VN"  # not a destination and in no preference: always the MFN rate

# Copied from the project's cross-border facts (regime_facts_checked.EU_VAT_standard_rates_Nov2026,
# checked 2026-11-25 against ibericode/vat-rates and the Tax Foundation's 2026 table).
EU_STANDARD_VAT_NOV_2026 = {
    "AT": "20", "BE": "21", "BG": "20", "HR": "25", "CY": "19", "CZ": "21", "DK": "25", "EE": "24", "FI": "25.5",
    "FR": "20", "DE": "19", "GR": "24", "HU": "27", "IE": "23", "IT": "22", "LV": "21", "LT": "21", "LU": "17",
    "MT": "18", "NL": "21", "PL": "23", "PT": "23", "RO": "21", "SK": "23", "SI": "22", "ES": "21", "SE": "25",
}
# Copied from the same facts (rules_table.standard_vat_gst_rates_pct.other and CA_CUSMA_and_HST).
OTHER_STANDARD_VAT_NOV_2026 = {
    ("GB", None): "20", ("NO", None): "25", ("CH", None): "8.1", ("AU", None): "10", ("NZ", None): "15",
    ("JP", None): "10", ("SG", None): "9", ("CA", None): "5", ("CA", "ON"): "13", ("CA", "NS"): "14",
    ("CA", "NB"): "15", ("CA", "NL"): "15", ("CA", "PE"): "15", ("CN", None): "13", ("KR", None): "10",
    ("MX", None): "16", ("TR", None): "20", ("ZA", None): "15", ("AE", None): "5", ("SA", None): "15",
    ("US", None): "0",
}

FILES = {
    "duty_rates.csv": ("tariff", "code"),
    "preferences.csv": ("agreement", "tariff"),
    "vat_rates.csv": ("country", "region", "category"),
}


def _rows(name: str) -> list[dict[str, str]]:
    with (tariffs.DATA_DIR / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _demo_hs_codes() -> list[str]:
    return sorted({p.hs_code for p in build_catalogue().products})


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A private copy of the data directory that the engine reads instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(tariffs.DATA_DIR, copy)
    monkeypatch.setattr(tariffs, "DATA_DIR", copy)
    tariffs.clear_caches()
    yield copy
    tariffs.clear_caches()


# -- every row ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_row_has_a_source_and_iso_dates(name):
    rows = _rows(name)
    assert rows, f"{name} is empty"
    for line, row in enumerate(rows, start=2):
        assert row["source"].strip(), f"{name} line {line} has no source"
        start = date.fromisoformat(row["effective_from"])
        if row["effective_to"]:
            assert date.fromisoformat(row["effective_to"]) > start, f"{name} line {line}"


@pytest.mark.parametrize("name", sorted(FILES))
def test_no_two_rows_of_the_same_key_are_in_force_on_the_same_day(name):
    spans: dict[tuple[str, ...], list[tuple[date, date]]] = {}
    for row in _rows(name):
        key = tuple(row[k] for k in FILES[name])
        end = date.fromisoformat(row["effective_to"]) if row["effective_to"] else date.max
        spans.setdefault(key, []).append((date.fromisoformat(row["effective_from"]), end))
    for key, periods in spans.items():
        periods.sort()
        for (_, end_a), (start_b, _) in zip(periods, periods[1:], strict=False):
            assert start_b >= end_a, f"{name}: overlapping rows for {key}"


def test_rates_are_plain_decimal_fractions_and_duty_rows_name_their_confidence():
    for row in _rows("duty_rates.csv"):
        rate = Decimal(row["rate"])
        assert rate >= 0 and str(rate) == row["rate"]
        assert row["confidence"] in ("high", "medium", "low")
        assert row["basis"] in ("ad_valorem", "per_kg")
        if row["basis"] == "per_kg":
            assert "currency=" in row["note"], row
    for row in _rows("vat_rates.csv"):
        assert Decimal("0") <= Decimal(row["rate"]) < 1, row


def test_us_rows_say_that_surcharges_are_not_modelled():
    us_rows = [r for r in _rows("duty_rates.csv") if r["tariff"] == "US"]
    assert us_rows
    assert all("Section 301" in r["note"] and "IEEPA" in r["note"] for r in us_rows)


def test_the_engine_loads_every_table_without_complaint():
    tariffs.clear_caches()
    assert tariffs.duty_rate("DE", "610910", ORIGIN, FACTS_DAY).rate == Decimal("0.12")
    assert taxes.import_tax_rate("DE", "610910", FACTS_DAY).rate == Decimal("0.19")


# -- coverage ------------------------------------------------------------------------------------


def test_the_demo_catalogue_has_about_145_codes():
    assert 130 <= len(_demo_hs_codes()) <= 160


@pytest.mark.parametrize("on", [date(2024, 6, 1), date(2025, 9, 1), FACTS_DAY])
@pytest.mark.parametrize("tariff", tariffs.TARIFFS)
def test_every_demo_code_has_a_duty_row_in_every_tariff(tariff, on):
    destination = "DE" if tariff == tariffs.EU_TARIFF else tariff
    missing = []
    for code in _demo_hs_codes():
        try:
            rate = tariffs.duty_rate(destination, code, ORIGIN, on, claim_preference=False)
        except tariffs.NoTariffData:
            missing.append(code)
            continue
        assert rate.source != tariffs.DOMESTIC_SOURCE
        assert isinstance(rate.rate, Decimal)
    assert not missing, f"{tariff} on {on}: no row for {missing}"


@pytest.mark.parametrize("destination", DESTINATIONS)
def test_every_destination_quotes_duty_and_import_tax_for_every_demo_code(destination):
    for code in _demo_hs_codes():
        duty = tariffs.duty_rate(destination, code, ORIGIN, FACTS_DAY)
        tax = taxes.import_tax_rate(destination, code, FACTS_DAY)
        assert duty.tariff == tariffs.tariff_for(destination)
        assert tax.country == destination and 0 <= tax.rate < 1


def test_switzerland_and_singapore_charge_no_duty_on_the_industrial_demo_goods():
    for code in _demo_hs_codes():
        if code[:2] >= "25":
            assert tariffs.duty_rate("CH", code, ORIGIN, FACTS_DAY).rate == 0, code
        assert tariffs.duty_rate("SG", code, ORIGIN, FACTS_DAY).rate == 0, code


# -- VAT against the facts -----------------------------------------------------------------------


@pytest.mark.parametrize("country", EU_MEMBERS)
def test_eu_standard_vat_rates_equal_the_checked_facts(country):
    rate = taxes.import_tax_rate(country, "610910", FACTS_DAY)
    assert rate.category == "standard"
    assert rate.rate * 100 == Decimal(EU_STANDARD_VAT_NOV_2026[country])


@pytest.mark.parametrize(("country", "region"), sorted(OTHER_STANDARD_VAT_NOV_2026, key=str))
def test_other_standard_rates_equal_the_facts(country, region):
    rate = taxes.import_tax_rate(country, "610910", FACTS_DAY, region=region)
    assert rate.rate * 100 == Decimal(OTHER_STANDARD_VAT_NOV_2026[(country, region)])


@pytest.mark.parametrize(("country", "before", "after", "changed_on"), [
    ("EE", "22", "24", date(2025, 7, 1)),
    ("SK", "20", "23", date(2025, 1, 1)),
    ("FI", "24", "25.5", date(2024, 9, 1)),
    ("RO", "19", "21", date(2025, 8, 1)),
])
def test_recent_eu_standard_rate_changes_from_the_facts(country, before, after, changed_on):
    day_before = date.fromordinal(changed_on.toordinal() - 1)
    assert taxes.import_tax_rate(country, "610910", day_before).rate * 100 == Decimal(before)
    assert taxes.import_tax_rate(country, "610910", changed_on).rate * 100 == Decimal(after)


# -- the loaders refuse bad files ----------------------------------------------------------------

GOOD_DUTY = "EU,610910,0.12,ad_valorem,2022-01-01,,EU TARIC 6109 10 00 third-country duty,high,"


def _replace_first_data_row(path: Path, new_row: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = new_row
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("row", "complaint"), [
    (GOOD_DUTY.replace("2022-01-01", "2022-13-01"), "effective_from"),
    (GOOD_DUTY.replace("2022-01-01", "01/01/2022"), "ISO date"),
    (GOOD_DUTY.replace("0.12", "-0.12"), "rate"),
    (GOOD_DUTY.replace("0.12", "12"), "1000 %"),
    (GOOD_DUTY.replace("0.12", "0,12"), "fields"),
    (GOOD_DUTY.replace("ad_valorem", "per_item"), "basis"),
    (GOOD_DUTY.replace("ad_valorem", "per_kg"), "currency="),
    (GOOD_DUTY.replace("610910", "610999"), "not an HS 2022 subheading"),
    (GOOD_DUTY.replace("610910", "61091"), "2-, 4- or 6-digit"),
    (GOOD_DUTY.replace("EU,", "XX,", 1), "unknown tariff"),
    (GOOD_DUTY.replace("EU TARIC 6109 10 00 third-country duty", ""), "source"),
    (GOOD_DUTY.replace("high", "certain"), "confidence"),
    (GOOD_DUTY.replace(",,EU TARIC", ",2021-01-01,EU TARIC"), "after effective_from"),
])
def test_a_bad_duty_row_is_refused_naming_file_and_line(data_copy, row, complaint):
    _replace_first_data_row(data_copy / "duty_rates.csv", row)
    with pytest.raises(tariffs.RateDataError, match=complaint) as excinfo:
        tariffs.duty_rate("DE", "610910", ORIGIN, FACTS_DAY)
    assert str(excinfo.value).startswith("duty_rates.csv line 2:")
    assert isinstance(excinfo.value, ValueError)


def test_overlapping_duty_rows_are_refused(data_copy):
    path = data_copy / "duty_rates.csv"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("EU,610910,0.1,ad_valorem,2025-01-01,,a second opinion,low,\n")
    with pytest.raises(tariffs.RateDataError, match="overlaps"):
        tariffs.duty_rate("DE", "610910", ORIGIN, FACTS_DAY)


def test_a_wrong_header_is_refused(data_copy):
    path = data_copy / "duty_rates.csv"
    text = path.read_text(encoding="utf-8").replace("confidence,note", "note,confidence", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(tariffs.RateDataError, match="duty_rates.csv line 1: header"):
        tariffs.duty_rate("DE", "610910", ORIGIN, FACTS_DAY)


@pytest.mark.parametrize(("row", "complaint"), [
    ("DE,,standard,19,VAT,2021-01-01,,x", "below 1"),
    ("DE,,luxury,0.19,VAT,2021-01-01,,x", "category"),
    ("XX,,standard,0.19,VAT,2021-01-01,,x", "not a destination"),
    ("DE,,standard,0.19,VAT,2021-01-01,,", "name and source"),
    ("DE,,standard,0.19,VAT,2021-02-30,,x", "valid date"),
])
def test_a_bad_vat_row_is_refused_naming_file_and_line(data_copy, row, complaint):
    _replace_first_data_row(data_copy / "vat_rates.csv", row)
    with pytest.raises(tariffs.RateDataError, match=complaint) as excinfo:
        taxes.import_tax_rate("DE", "610910", FACTS_DAY)
    assert str(excinfo.value).startswith("vat_rates.csv line 2:")


def test_a_bad_preference_row_is_refused(data_copy):
    _replace_first_data_row(data_copy / "preferences.csv", "EU-UK TCA,EU,GB UK-ish,0,2021-01-01,,x")
    with pytest.raises(tariffs.RateDataError, match="preferences.csv line 2: origins"):
        tariffs.duty_rate("DE", "610910", "GB", FACTS_DAY)

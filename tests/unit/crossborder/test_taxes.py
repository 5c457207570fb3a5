"""Import VAT/GST lookups: categories, regions, fallbacks and dates."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from decimal import Decimal

import pytest

from marketplace.crossborder import tariffs, taxes

ON = date(2026, 11, 25)  # the day the project's cross-border facts were gathered
VAT_HEADER = "country,region,category,rate,name,effective_from,effective_to,source\n"


def _pct(destination: str, hs_code: str, on: date = ON, **kwargs) -> Decimal:
    return taxes.import_tax_rate(destination, hs_code, on, **kwargs).rate * 100


# -- categories ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("hs_code", "category"), [
    ("490199", "books"), ("490300", "books"), ("490290", "books"), ("490520", "books"),
    ("490900", "standard"),  # postcards and greeting cards
    ("482010", "standard"),  # notebooks
    ("090121", "food"), ("040900", "food"), ("150920", "food"), ("180632", "food"), ("210690", "food"),
    ("020110", "food"),
    ("010121", "standard"),  # live horses
    ("050100", "standard"),  # human hair
    ("060311", "standard"),  # cut roses
    ("152190", "standard"),  # beeswax
    ("220300", "standard"), ("220421", "standard"), ("240220", "standard"),  # beer, wine, cigarettes
    ("610910", "standard"), ("950300", "standard"), ("851713", "standard"),
    ("4901990000", "books"),
])
def test_tax_category_from_the_hs_code(hs_code, category):
    assert taxes.tax_category(hs_code) == category


def test_tax_category_refuses_a_malformed_code():
    with pytest.raises(tariffs.InvalidHsCode):
        taxes.tax_category("4901.99")


# -- rates by category ----------------------------------------------------------------------------


@pytest.mark.parametrize(("destination", "hs_code", "expected"), [
    ("DE", "610910", "19"), ("DE", "490199", "7"), ("DE", "090121", "7"),
    ("FR", "490199", "5.5"), ("FR", "180632", "5.5"), ("IT", "490199", "4"), ("IT", "150920", "10"),
    ("IE", "490199", "0"), ("GB", "490199", "0"), ("GB", "090210", "0"), ("GB", "610910", "20"),
    ("NO", "090121", "15"), ("NO", "490199", "0"), ("CH", "490199", "2.6"), ("CH", "610910", "8.1"),
    ("JP", "090210", "8"), ("JP", "490199", "10"), ("KR", "490199", "0"), ("CN", "490199", "9"),
    ("MX", "490199", "0"), ("IN", "490199", "0"), ("IN", "610910", "18"), ("AU", "090121", "0"),
    ("DK", "490199", "25"),  # Denmark has no reduced rate: falls back to standard
    ("HU", "090121", "27"),  # mixed food rates: no food row, standard applies
    ("CZ", "490199", "0"), ("LV", "490199", "5"), ("SK", "490199", "5"), ("RO", "090121", "11"),
    ("FI", "490199", "13.5"), ("FI", "090121", "13.5"), ("SE", "090121", "6"),
])
def test_import_vat_by_destination_and_category(destination, hs_code, expected):
    assert _pct(destination, hs_code) == Decimal(expected)


def test_the_rate_carries_its_name_source_and_dates():
    rate = taxes.import_tax_rate("DE", "610910", ON)
    assert (rate.country, rate.region, rate.category, rate.name) == ("DE", None, "standard", "VAT")
    assert isinstance(rate.rate, Decimal) and rate.rate == Decimal("0.19")
    assert "TEDB" in rate.source and rate.effective_from == date(2021, 1, 1) and rate.effective_to is None


def test_the_us_has_no_federal_vat():
    rate = taxes.import_tax_rate("US", "610910", ON)
    assert rate.rate == 0 and rate.name == "none"


def test_childrens_clothing_is_a_hint_that_only_some_countries_reward():
    assert _pct("GB", "610910", category="childrens_clothing") == 0
    assert _pct("IE", "610910", category="childrens_clothing") == 0
    assert _pct("DE", "610910", category="childrens_clothing") == 19  # no row: standard


def test_an_explicit_category_overrides_the_hs_code():
    assert _pct("DE", "490199", category="standard") == 19


def test_an_unknown_category_is_refused():
    with pytest.raises(ValueError, match="category"):
        taxes.import_tax_rate("DE", "610910", ON, category="luxury")


# -- Canadian provinces -------------------------------------------------------------------------------


@pytest.mark.parametrize(("region", "expected", "name"), [
    ("ON", "13", "HST"), ("NS", "14", "HST"), ("NB", "15", "HST"), ("NL", "15", "HST"), ("PE", "15", "HST"),
    ("QC", "5", "GST"), ("BC", "5", "GST"), (None, "5", "GST"),
])
def test_a_province_with_hst_wins_over_the_federal_gst(region, expected, name):
    rate = taxes.import_tax_rate("CA", "610910", ON, region=region)
    assert rate.rate * 100 == Decimal(expected) and rate.name == name


def test_nova_scotia_hst_fell_from_15_to_14_on_2025_04_01():
    assert _pct("CA", "610910", date(2025, 3, 31), region="NS") == 15
    assert _pct("CA", "610910", date(2025, 4, 1), region="NS") == 14


def test_zero_rated_groceries_stay_zero_in_an_hst_province():
    assert _pct("CA", "090121", region="ON") == 0


# -- dates ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("destination", "hs_code", "before", "day_before", "after", "day"), [
    ("SG", "610910", "8", date(2023, 12, 31), "9", date(2024, 1, 1)),
    ("EE", "610910", "22", date(2025, 6, 30), "24", date(2025, 7, 1)),
    ("SE", "090121", "12", date(2026, 3, 31), "6", date(2026, 4, 1)),
    ("SE", "090121", "6", date(2027, 12, 31), "12", date(2028, 1, 1)),
    ("FI", "490199", "14", date(2025, 12, 31), "13.5", date(2026, 1, 1)),
    ("TR", "610910", "18", date(2023, 7, 9), "20", date(2023, 7, 10)),
    ("CH", "610910", "7.7", date(2023, 12, 31), "8.1", date(2024, 1, 1)),
])
def test_rates_change_on_their_effective_date(destination, hs_code, before, day_before, after, day):
    assert _pct(destination, hs_code, day_before) == Decimal(before)
    assert _pct(destination, hs_code, day) == Decimal(after)


def test_india_food_follows_the_standard_rate_until_gst_2_0():
    assert _pct("IN", "180632", date(2025, 9, 21)) == 18
    assert _pct("IN", "180632", date(2025, 9, 22)) == 5


def test_no_row_before_the_first_rate_is_no_tariff_data():
    with pytest.raises(tariffs.NoTariffData):
        taxes.import_tax_rate("GB", "610910", date(2011, 1, 3))


# -- bad input ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("destination", ["XX", "de", "", None, "HK"])
def test_an_unknown_destination_is_no_tariff_data(destination):
    with pytest.raises(tariffs.NoTariffData):
        taxes.import_tax_rate(destination, "610910", ON)


def test_a_malformed_hs_code_is_refused():
    with pytest.raises(tariffs.InvalidHsCode):
        taxes.import_tax_rate("DE", "6109", ON)


def test_a_datetime_is_not_a_date():
    with pytest.raises(TypeError):
        taxes.import_tax_rate("DE", "610910", datetime(2026, 11, 25, 9, 30))


def test_a_non_string_region_is_refused():
    with pytest.raises(ValueError, match="region"):
        taxes.import_tax_rate("CA", "610910", ON, region=35)


# -- the table follows tariffs.DATA_DIR -----------------------------------------------------------------


def test_the_vat_table_is_read_from_the_shared_data_directory(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(tariffs.DATA_DIR, copy)
    (copy / "vat_rates.csv").write_text(
        VAT_HEADER + "DE,,standard,0.2,VAT,2000-01-01,,test row\n", encoding="utf-8")
    monkeypatch.setattr(tariffs, "DATA_DIR", copy)
    tariffs.clear_caches()
    try:
        assert _pct("DE", "490199") == 20  # no books row in the test table: standard
        with pytest.raises(tariffs.NoTariffData):
            taxes.import_tax_rate("FR", "610910", ON)
    finally:
        tariffs.clear_caches()

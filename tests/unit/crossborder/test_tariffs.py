"""Duty lookups: schedules, worked examples from the facts, preferences, dates, rules_version."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from marketplace.crossborder import hs, tariffs

ON = date(2026, 11, 25)  # the day the project's cross-border facts were gathered
DUTY_HEADER = "tariff,code,rate,basis,effective_from,effective_to,source,confidence,note\n"
PREF_HEADER = "agreement,tariff,origins,rate,effective_from,effective_to,source\n"


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A private copy of the data directory that the engine reads instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(tariffs.DATA_DIR, copy)
    monkeypatch.setattr(tariffs, "DATA_DIR", copy)
    tariffs.clear_caches()
    yield copy
    tariffs.clear_caches()


def _write(path: Path, header: str, *rows: str) -> None:
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")


# -- which schedule ------------------------------------------------------------------------------


@pytest.mark.parametrize(("destination", "tariff"), [("DE", "EU"), ("FR", "EU"), ("HR", "EU"), ("GB", "GB"),
                                                      ("US", "US"), ("CH", "CH"), ("NO", "NO"), ("TR", "TR")])
def test_tariff_for_maps_member_states_to_the_eu_schedule(destination, tariff):
    assert tariffs.tariff_for(destination) == tariff


@pytest.mark.parametrize("destination", ["XX", "de", "EU", "", None, "HK"])
def test_tariff_for_refuses_destinations_the_engine_does_not_cover(destination):
    with pytest.raises(tariffs.NoTariffData):
        tariffs.tariff_for(destination)


# -- worked examples from the facts (hs_table, corrected by hs_rates_verified) ----------------------


@pytest.mark.parametrize(("destination", "hs_code", "expected"), [
    # cotton T-shirt 6109.10
    ("DE", "610910", "0.12"), ("GB", "610910", "0.12"), ("US", "610910", "0.165"), ("CA", "610910", "0.18"),
    ("JP", "610910", "0.074"),
    # smartphones 8517.13 (ITA)
    ("DE", "851713", "0"), ("US", "851713", "0"), ("GB", "851713", "0"), ("JP", "851713", "0"),
    # headphones 8518.30: the facts corrected 4.9 % (US), 2 % (EU, UK) and 5 % (AU) to Free
    ("US", "851830", "0"), ("FR", "851830", "0"), ("GB", "851830", "0"), ("AU", "851830", "0"),
    # lithium-ion batteries 8507.60: the UK's 2 %, not the EU's 2.7 %
    ("GB", "850760", "0.02"), ("IT", "850760", "0.027"), ("US", "850760", "0.034"), ("AU", "850760", "0.05"),
    # leather handbags 4202.21: US 9 % above USD 20 (corrected)
    ("US", "420221", "0.09"), ("ES", "420221", "0.03"), ("GB", "420221", "0.02"), ("JP", "420221", "0.08"),
    # battery wrist-watches 9102.11: AU and JP Free (corrected), EU 4.5 %
    ("AU", "910211", "0"), ("JP", "910211", "0"), ("NL", "910211", "0.045"),
    # running shoes 6404.11
    ("DE", "640411", "0.169"), ("GB", "640411", "0.16"), ("CA", "640411", "0.18"), ("JP", "640411", "0.08"),
    # cotton trousers 6203.42
    ("US", "620342", "0.166"), ("CA", "620342", "0.17"), ("JP", "620342", "0.091"),
    # roasted coffee 0901.21 and green tea 0902.10
    ("DE", "090121", "0.075"), ("GB", "090121", "0.06"), ("JP", "090121", "0.12"), ("US", "090121", "0"),
    ("JP", "090210", "0.17"), ("DE", "090210", "0.032"),
    # bicycles, plastic articles, jewellery
    ("DE", "871200", "0.14"), ("AU", "871200", "0.05"), ("JP", "871200", "0"),
    ("DE", "392690", "0.065"), ("JP", "392690", "0.039"), ("JP", "711311", "0.052"), ("JP", "711319", "0.054"),
])
def test_mfn_rates_match_the_facts(destination, hs_code, expected):
    rate = tariffs.duty_rate(destination, hs_code, "VN", ON)
    assert rate.rate == Decimal(expected)
    assert rate.basis == "ad_valorem" and rate.currency is None
    assert not rate.preferential and rate.agreement is None


def test_a_rate_carries_its_row_source_confidence_and_dates():
    rate = tariffs.duty_rate("DE", "610910", "CN", ON)
    assert rate.tariff == "EU" and rate.code == "610910"
    assert "TARIC" in rate.source and rate.confidence == "high"
    assert rate.effective_from <= ON and rate.effective_to is None
    assert isinstance(rate.rate, Decimal)


def test_us_rates_are_the_general_rate_without_surcharges():
    # given a Chinese-origin T-shirt (Section 301 List 4A would add 7.5 %)
    rate = tariffs.duty_rate("US", "610910", "CN", ON)
    # then only the column 1 general rate is returned, and the note says why
    assert rate.rate == Decimal("0.165")
    assert "Section 301" in rate.note and "not modelled" in rate.note


# -- longest prefix ------------------------------------------------------------------------------


def test_national_digits_are_matched_by_their_six_digit_subheading():
    assert tariffs.duty_rate("GB", "6109100010", "CN", ON).code == "610910"


def test_a_code_without_its_own_row_falls_back_to_the_heading_then_the_chapter():
    jp = tariffs.duty_rate("JP", "610990", "CN", ON)
    assert (jp.code, jp.rate) == ("6109", Decimal("0.074"))
    eu = tariffs.duty_rate("DE", "610130", "CN", ON)
    assert (eu.code, eu.rate) == ("61", Decimal("0.12"))


def test_an_uncovered_code_raises_no_tariff_data():
    with pytest.raises(tariffs.NoTariffData, match="010121"):
        tariffs.duty_rate("DE", "010121", "CN", ON)


def test_specific_duties_come_with_their_basis_and_currency():
    swiss_chocolate = tariffs.duty_rate("CH", "180632", "DE", ON)
    assert swiss_chocolate.basis == "per_kg" and swiss_chocolate.currency == "CHF"
    assert swiss_chocolate.rate > 0
    eu_olive_oil = tariffs.duty_rate("FR", "150920", "TR", ON)
    assert (eu_olive_oil.basis, eu_olive_oil.currency, eu_olive_oil.rate) == ("per_kg", "EUR", Decimal("1.245"))


def test_switzerland_abolished_industrial_tariffs_on_2024_01_01():
    assert tariffs.duty_rate("CH", "610910", "CN", date(2024, 1, 1)).rate == 0
    with pytest.raises(tariffs.NoTariffData):  # earlier Swiss industrial duties are not held
        tariffs.duty_rate("CH", "610910", "CN", date(2023, 12, 31))


# -- preferences and domestic movements --------------------------------------------------------------


def test_gb_origin_t_shirt_into_germany_is_duty_free_under_the_tca():
    rate = tariffs.duty_rate("DE", "610910", "GB", ON)
    assert rate.rate == 0 and rate.preferential
    assert rate.agreement == "EU-UK TCA"
    assert "Trade and Cooperation Agreement" in rate.source


def test_cn_origin_t_shirt_into_germany_pays_the_mfn_rate():
    rate = tariffs.duty_rate("DE", "610910", "CN", ON)
    assert rate.rate == Decimal("0.12") and not rate.preferential


def test_not_claiming_the_preference_pays_the_mfn_rate():
    rate = tariffs.duty_rate("DE", "610910", "GB", ON, claim_preference=False)
    assert rate.rate == Decimal("0.12") and not rate.preferential and rate.agreement is None


@pytest.mark.parametrize("origin", ["IT", "PL", "EU"])
def test_eu_origin_goods_into_the_uk_are_duty_free_under_the_tca(origin):
    rate = tariffs.duty_rate("GB", "640411", origin, ON)
    assert (rate.rate, rate.agreement) == (0, "EU-UK TCA")


@pytest.mark.parametrize(("destination", "origin", "agreement"), [
    ("US", "MX", "USMCA"), ("US", "CA", "USMCA"), ("CA", "US", "CUSMA"), ("CA", "MX", "CUSMA"),
    ("MX", "US", "USMCA"), ("MX", "CA", "USMCA"),
])
def test_usmca_origin_t_shirts_are_duty_free(destination, origin, agreement):
    rate = tariffs.duty_rate(destination, "610910", origin, ON)
    assert rate.rate == 0 and rate.preferential and rate.agreement == agreement


def test_usmca_does_not_cover_other_origins():
    assert tariffs.duty_rate("US", "610910", "GB", ON).rate == Decimal("0.165")


def test_a_preference_is_not_claimed_when_the_goods_are_already_free():
    rate = tariffs.duty_rate("DE", "851713", "GB", ON)
    assert rate.rate == 0 and not rate.preferential and rate.agreement is None


def test_intra_eu_movement_pays_no_duty():
    rate = tariffs.duty_rate("FR", "610910", "IT", ON)
    assert rate.rate == 0 and rate.basis == "ad_valorem"
    assert rate.source == "domestic / intra-EU movement"
    assert not rate.preferential and rate.tariff == "EU"


@pytest.mark.parametrize("country", ["US", "GB", "JP", "DE"])
def test_goods_of_the_destination_country_pay_no_duty(country):
    rate = tariffs.duty_rate(country, "610910", country, ON)
    assert rate.rate == 0 and rate.source == "domestic / intra-EU movement"


# -- dates ---------------------------------------------------------------------------------------


def test_a_row_with_effective_to_applies_the_day_before_and_not_on_that_day():
    # India cut the duty on smartphones from 20 % to 15 % from 2024-07-24
    assert tariffs.duty_rate("IN", "851713", "CN", date(2024, 7, 23)).rate == Decimal("0.20")
    assert tariffs.duty_rate("IN", "851713", "CN", date(2024, 7, 24)).rate == Decimal("0.15")


def test_date_boundaries_on_a_synthetic_table(data_copy):
    _write(data_copy / "duty_rates.csv", DUTY_HEADER,
           "EU,610910,0.10,ad_valorem,2024-01-01,2025-01-01,test schedule 2024,high,",
           "EU,610910,0.12,ad_valorem,2025-01-01,,test schedule 2025,high,")
    assert tariffs.duty_rate("DE", "610910", "CN", date(2024, 1, 1)).rate == Decimal("0.10")
    assert tariffs.duty_rate("DE", "610910", "CN", date(2024, 12, 31)).rate == Decimal("0.10")
    assert tariffs.duty_rate("DE", "610910", "CN", date(2025, 1, 1)).rate == Decimal("0.12")
    with pytest.raises(tariffs.NoTariffData):
        tariffs.duty_rate("DE", "610910", "CN", date(2023, 12, 31))


def test_a_preference_applies_only_while_in_force(data_copy):
    _write(data_copy / "duty_rates.csv", DUTY_HEADER, "EU,61,0.12,ad_valorem,2000-01-01,,test schedule,high,")
    _write(data_copy / "preferences.csv", PREF_HEADER, "TEST FTA,EU,GB,0,2021-01-01,2022-01-01,test agreement")
    assert tariffs.duty_rate("DE", "610910", "GB", date(2020, 12, 31)).rate == Decimal("0.12")
    assert tariffs.duty_rate("DE", "610910", "GB", date(2021, 1, 1)).agreement == "TEST FTA"
    assert tariffs.duty_rate("DE", "610910", "GB", date(2021, 12, 31)).rate == 0
    assert tariffs.duty_rate("DE", "610910", "GB", date(2022, 1, 1)).rate == Decimal("0.12")


def test_a_preference_replaces_a_specific_duty(data_copy):
    _write(data_copy / "duty_rates.csv", DUTY_HEADER,
           "EU,150920,1.245,per_kg,2000-01-01,,test schedule,high,currency=EUR")
    _write(data_copy / "preferences.csv", PREF_HEADER, "TEST FTA,EU,TN,0,2000-01-01,,test agreement")
    rate = tariffs.duty_rate("ES", "150920", "TN", ON)
    assert (rate.rate, rate.basis, rate.currency, rate.preferential) == (0, "ad_valorem", None, True)


# -- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["6109.10", "6109 10", "61091", "61091000100", "", "abcdef", 610910, None])
def test_malformed_hs_codes_are_refused(code):
    with pytest.raises(tariffs.InvalidHsCode) as excinfo:
        tariffs.duty_rate("DE", code, "CN", ON)
    assert excinfo.value.code == "hs_format"


@pytest.mark.parametrize("code", ["999999", "010101", "610999"])
def test_codes_outside_hs_2022_are_refused(code):
    with pytest.raises(tariffs.InvalidHsCode) as excinfo:
        tariffs.duty_rate("DE", code, "CN", ON)
    assert excinfo.value.code.startswith("hs_unknown")


def test_invalid_hs_code_is_the_hs_helpers_error():
    assert tariffs.InvalidHsCode is hs.InvalidHsCode
    assert issubclass(tariffs.InvalidHsCode, ValueError)


@pytest.mark.parametrize("origin", ["cn", "CHN", "", None, 86])
def test_malformed_origins_are_refused(origin):
    with pytest.raises(ValueError, match="origin"):
        tariffs.duty_rate("DE", "610910", origin, ON)


def test_a_datetime_is_not_a_date():
    with pytest.raises(TypeError):
        tariffs.duty_rate("DE", "610910", "CN", datetime(2026, 11, 25, 12, 0))


def test_an_unknown_destination_raises_no_tariff_data():
    with pytest.raises(tariffs.NoTariffData):
        tariffs.duty_rate("HK", "610910", "CN", ON)


# -- rules_version -------------------------------------------------------------------------------------


def test_rules_version_is_a_short_stable_hash():
    first = tariffs.rules_version()
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    tariffs.clear_caches()
    assert tariffs.rules_version() == first


def test_rules_version_changes_when_a_data_file_changes(tmp_path, monkeypatch):
    # given a copy of the data directory, which hashes like the original
    original = tariffs.rules_version()
    copy = tmp_path / "data"
    shutil.copytree(tariffs.DATA_DIR, copy)
    monkeypatch.setattr(tariffs, "DATA_DIR", copy)
    tariffs.clear_caches()
    assert tariffs.rules_version() == original
    # when one byte of one table changes
    with (copy / "vat_rates.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    tariffs.clear_caches()
    # then the version changes
    assert tariffs.rules_version() != original
    tariffs.clear_caches()


def test_rules_version_covers_json_files_but_not_documentation(data_copy):
    before = tariffs.rules_version()
    (data_copy / "SOURCES.md").write_text("edited", encoding="utf-8")
    tariffs.clear_caches()
    assert tariffs.rules_version() == before
    (data_copy / "extra.json").write_text("{}", encoding="utf-8")
    tariffs.clear_caches()
    assert tariffs.rules_version() != before


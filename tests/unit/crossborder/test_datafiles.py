"""crossborder.datafiles: every data file with its topic, version or date and newest rule, for the staff page."""

from __future__ import annotations

from marketplace.crossborder import datafiles, tariffs


def test_every_data_file_is_described_with_its_version_or_newest_rule():
    files = {f.name: f for f in datafiles.data_files()}
    assert {"duty_rates.csv", "vat_rates.csv", "regimes.json", "ecb_rates_2026-10-06.json", "hs2022.csv",
            "shipping_rates.json", "sdr_rates.json", "restrictions.json", "preferences.csv"} <= set(files)
    assert files["ecb_rates_2026-10-06.json"].version == "2026-10-06"
    assert files["regimes.json"].version == "2026-11-25.1"
    assert files["vat_rates.csv"].newest_rule >= "2026-01-01" and files["vat_rates.csv"].rows > 100
    assert all(f.topic and f.rows > 0 for f in files.values())


def test_the_rules_version_is_the_one_quotes_carry():
    assert datafiles.rules_version() == tariffs.rules_version()

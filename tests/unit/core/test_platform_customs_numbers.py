"""PLATFORM_IOSS_NUMBER and PLATFORM_UK_VAT_NUMBER (read by orders/customs_data.py): a demo number of the right
shape outside production, nothing in production unless set, and the environment's value when set."""

from __future__ import annotations

from marketplace.core.settings import DEMO_IOSS_NUMBER, DEMO_UK_VAT_NUMBER, Settings
from marketplace.crossborder.customs import validate_ioss

_KEY = {"SECRET_KEY": "a-long-random-secret"}


def test_development_declares_demo_numbers_of_the_right_shape():
    settings = Settings.from_env(_KEY)
    assert (settings.platform_ioss_number, settings.platform_uk_vat_number) == (DEMO_IOSS_NUMBER, DEMO_UK_VAT_NUMBER)
    assert validate_ioss(settings.platform_ioss_number) == DEMO_IOSS_NUMBER


def test_production_declares_only_numbers_it_was_given():
    production = {**_KEY, "PUBLIC_URL": "https://shop.example"}
    assert (Settings.from_env(production).platform_ioss_number,
            Settings.from_env(production).platform_uk_vat_number) == ("", "")
    given = Settings.from_env({**production, "PLATFORM_IOSS_NUMBER": " IM5280000001 ",
                               "PLATFORM_UK_VAT_NUMBER": "GB123456789"})
    assert (given.platform_ioss_number, given.platform_uk_vat_number) == ("IM5280000001", "GB123456789")

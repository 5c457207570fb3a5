"""Choosing the carrier (integrations/carriers/__init__.py) from SHIPPING and CARRIER_CLOCK (core/settings.py)."""

from __future__ import annotations

import pytest

from marketplace.core.settings import Settings
from marketplace.integrations.carriers import carrier_for
from marketplace.integrations.carriers.embedded import EmbeddedCarrier

ENV = {"SECRET_KEY": "test-secret"}


def test_the_default_is_the_embedded_carrier_at_a_carrier_day_per_minute():
    settings = Settings.from_env(ENV)
    assert (settings.shipping, settings.carrier_clock) == ("embedded", 1440)
    chosen = carrier_for(settings)
    assert isinstance(chosen, EmbeddedCarrier) and chosen.speed == 1440 and chosen.name == "embedded"


def test_carrier_clock_sets_the_embedded_speed():
    assert carrier_for(Settings.from_env({**ENV, "CARRIER_CLOCK": " 1 "})).speed == 1
    assert carrier_for(Settings.from_env({**ENV, "SHIPPING": "Embedded", "CARRIER_CLOCK": "60"})).speed == 60


@pytest.mark.parametrize("value", ["0", "-1", "1.5", "fast", "٣"])
def test_a_carrier_clock_that_is_not_a_whole_number_from_one_stops_start_up(value):
    with pytest.raises(ValueError, match="CARRIER_CLOCK"):
        Settings.from_env({**ENV, "CARRIER_CLOCK": value})


def test_easypost_is_refused_until_its_adapter_exists():
    with pytest.raises(ValueError, match="SHIPPING"):
        Settings.from_env({**ENV, "SHIPPING": "easypost"})
    with pytest.raises(ValueError, match="SHIPPING"):
        carrier_for(Settings(**{**Settings.from_env(ENV).__dict__, "shipping": "easypost"}))

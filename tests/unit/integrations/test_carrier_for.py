"""Choosing the carrier (integrations/carriers/__init__.py) from SHIPPING and CARRIER_CLOCK (core/settings.py)."""

from __future__ import annotations

import pytest

from marketplace.core.settings import Settings, production_problems, refuse_unsafe_production
from marketplace.integrations.carriers import carrier_for
from marketplace.integrations.carriers.easypost import EasyPostCarrier
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


def test_shipping_easypost_chooses_the_easypost_carrier_with_its_key_and_address():
    settings = Settings.from_env({**ENV, "SHIPPING": "EasyPost", "EASYPOST_API_KEY": " EZTK123 ",
                                  "EASYPOST_API_BASE": "http://127.0.0.1:9/v2/"})
    chosen = carrier_for(settings)
    assert isinstance(chosen, EasyPostCarrier) and chosen.name == "easypost" and chosen.pushes_tracking
    assert (chosen.client.api_key, chosen.client.api_base) == ("EZTK123", "http://127.0.0.1:9/v2")
    assert Settings.from_env(ENV).easypost_api_base == "https://api.easypost.com/v2"


def test_easypost_without_a_key_is_refused_and_production_will_not_start():
    settings = Settings.from_env({**ENV, "SHIPPING": "easypost"})
    with pytest.raises(ValueError, match="EASYPOST_API_KEY"):
        carrier_for(settings)
    production = {**ENV, "SHIPPING": "easypost", "PUBLIC_URL": "https://shop.example", "PAYMENTS": "stripe"}
    assert any("EASYPOST_API_KEY" in problem for problem in production_problems(Settings.from_env(production)))
    with pytest.raises(SystemExit, match="EASYPOST_API_KEY"):
        refuse_unsafe_production(Settings.from_env(production))
    keyed = Settings.from_env({**production, "EASYPOST_API_KEY": "EZAK1"})
    assert not any("EASYPOST" in problem for problem in production_problems(keyed))


def test_an_unknown_carrier_is_refused():
    with pytest.raises(ValueError, match="SHIPPING"):
        Settings.from_env({**ENV, "SHIPPING": "dhl"})
    with pytest.raises(ValueError, match="SHIPPING"):
        carrier_for(Settings(**{**Settings.from_env(ENV).__dict__, "shipping": "dhl"}))

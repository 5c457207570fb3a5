"""crossborder.fx.register_overrides: staff overrides from the domain reach every conversion that is given no
provider, while they are in force (``marketplace.core.clock``), and ``rates_version`` changes with them so caches
of converted amounts never outlive one. No database: the source here is a plain function."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from marketplace.core import clock
from marketplace.core.money import Money
from marketplace.crossborder import fx

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def overrides():
    current: list[fx.RateOverride] = []
    fx.register_overrides(lambda: current)
    yield current
    fx.register_overrides(None)


def _override(rate: str = "200", minutes: int = 60) -> fx.RateOverride:
    return fx.RateOverride(base="EUR", quote="JPY", rate=Decimal(rate), expires_at=NOW + timedelta(minutes=minutes),
                           set_by="finance@meridian.test", reason="test")


def test_without_a_source_the_default_provider_is_the_settings_one():
    fx.register_overrides(None)
    assert fx.default_provider() is fx.provider_for("embedded")
    assert fx.rates_version() == 0


def test_an_override_in_force_converts_and_names_itself(overrides):
    overrides.append(_override())
    with clock.frozen(NOW):
        conversion = fx.convert(Money(1000, "EUR"), "JPY")
        assert conversion.converted == Money(2000, "JPY")
        assert conversion.source == "staff override by finance@meridian.test"
        assert fx.convert(Money(2000, "JPY"), "EUR").converted == Money(1000, "EUR")  # the inverse
        assert fx.convert(Money(1000, "EUR"), "USD").source == fx.ECB_SOURCE  # other pairs untouched


def test_an_override_stops_at_its_expiry_and_the_version_changes(overrides):
    overrides.append(_override(minutes=30))
    with clock.frozen(NOW):
        during = fx.rates_version()
    with clock.frozen(NOW + timedelta(minutes=30)):
        assert fx.convert(Money(1000, "EUR"), "JPY").converted == Money(1782, "JPY")  # 178.15, the snapshot
        after = fx.rates_version()
    assert during != after and after == 0


def test_the_last_override_set_wins(overrides):
    overrides.extend([_override("190"), _override("210")])
    with clock.frozen(NOW):
        assert fx.default_provider().rate("EUR", "JPY").rate == Decimal("210")


def test_a_source_must_be_callable():
    with pytest.raises(TypeError):
        fx.register_overrides("not callable")  # type: ignore[arg-type]

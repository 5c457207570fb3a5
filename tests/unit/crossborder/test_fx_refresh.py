"""ForexPythonProvider.refresh ("refresh now"): fetches at once whatever the cache's age, at ``source_url`` when
given (``FOREX_API_BASE``); a good answer becomes the live rates, a failure raises and leaves the last good rates
answering. forex-python's service is pytest-httpserver on loopback, or a closed loopback port."""

from __future__ import annotations

import socket
from datetime import date
from decimal import Decimal

import pytest

from marketplace.crossborder import fx

ANSWER = '{"base": "EUR", "date": "2026-12-01", "rates": {"JPY": 160.5, "USD": 1.05, "XYZ": 2}}'


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_refresh_fetches_now_and_the_rates_answer_live(httpserver):
    httpserver.expect_request("/api/latest", query_string={"base": "EUR", "rtype": "fpy"}).respond_with_data(
        ANSWER, content_type="application/json")
    provider = fx.ForexPythonProvider(source_url=httpserver.url_for("/api/"), timeout_s=2)
    rates, as_of = provider.refresh("EUR")
    assert dict(rates) == {"JPY": Decimal("160.5"), "USD": Decimal("1.05")}  # XYZ is no ISO 4217 code
    assert as_of == date(2026, 12, 1)
    quote = provider.rate("EUR", "JPY")
    assert (quote.rate, quote.source) == (Decimal("160.5"), fx.FOREX_LIVE_SOURCE)
    assert len(httpserver.log) == 1  # the rate came from the refreshed cache


def test_a_failed_refresh_raises_and_keeps_the_last_good_rates(httpserver):
    httpserver.expect_ordered_request("/api/latest").respond_with_data(ANSWER, content_type="application/json")
    httpserver.expect_ordered_request("/api/latest").respond_with_data("down", status=503)
    provider = fx.ForexPythonProvider(source_url=httpserver.url_for("/api/"), timeout_s=2)
    provider.refresh("EUR")
    with pytest.raises(fx.RatesNotAvailable, match="forex-python could not answer"):
        provider.refresh("EUR")
    assert provider.rate("EUR", "JPY").rate == Decimal("160.5")


def test_an_unreachable_service_is_reported_as_such():
    provider = fx.ForexPythonProvider(source_url=f"http://127.0.0.1:{_closed_port()}/api/", timeout_s=2)
    with pytest.raises(fx.RatesNotAvailable, match="ConnectionError"):
        provider.refresh("EUR")
    assert provider.rate("EUR", "JPY").source.endswith(f"{fx.FOREX_UNAVAILABLE})")  # the snapshot answers


def test_the_live_provider_falls_back_on_the_last_good_stored_rates():
    """fx.register_last_good: with the service unreachable, the stored rates answer before the snapshot."""
    provider = fx.ForexPythonProvider(source_url=f"http://127.0.0.1:{_closed_port()}/api/", timeout_s=2,
                                      fallback=fx._LastGoodThenEmbedded())
    fx.register_last_good(lambda: {"JPY": (Decimal("170.25"), date(2026, 11, 30)),
                                   "USD": (Decimal("1.05"), date(2026, 11, 29))})
    try:
        jpy = provider.rate("EUR", "JPY")
        assert (jpy.rate, jpy.as_of) == (Decimal("170.25"), date(2026, 11, 30))
        assert jpy.source == "forex-python (stored 2026-11-30, forex-python unavailable)"
        cross = provider.rate("USD", "JPY")  # through the euro, as of the older day
        assert (cross.rate, cross.as_of) == (Decimal("170.25") / Decimal("1.05"), date(2026, 11, 29))
        assert provider.rate("EUR", "GBP").source.startswith("ECB reference rates")  # not stored: the snapshot
    finally:
        fx.register_last_good(None)
    assert provider.rate("EUR", "JPY").source.startswith("ECB reference rates")

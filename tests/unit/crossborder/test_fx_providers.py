"""FX providers: forex-python behind a timeout, cache and fallback; staff overrides; provider_for;
charm-price suggestions.

forex-python is intercepted at its HTTP boundary: its base URL (``Common._source_url``) is pointed
at pytest-httpserver on loopback, or ``requests.get`` is replaced. Nothing leaves the machine
(pytest-socket allows loopback only). Expected fallback figures are the embedded ECB rates of
2026-10-06 (1 EUR = 1.1269 USD, 178.15 JPY).
"""

from __future__ import annotations

import socket
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import requests
from forex_python import converter
from hypothesis import given
from hypothesis import strategies as st
from werkzeug import Response

from marketplace.core import clock
from marketplace.core.money import Money, UnknownCurrency
from marketplace.crossborder.fx import (
    FX_SOURCES,
    EmbeddedEcbProvider,
    ForexPythonProvider,
    OverrideProvider,
    RateOverride,
    RateQuote,
    RatesNotAvailable,
    convert,
    default_provider,
    display_price,
    provider_for,
    supported_currencies,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
LIVE = "forex-python (live)"
FALLBACK = "ECB reference rates 2026-10-06 (embedded, forex-python unavailable)"
ECB_USD_JPY = Decimal("178.15") / Decimal("1.1269")  # 28 significant digits, as the embedded provider divides
USD_ANSWER = '{"base": "USD", "date": "2026-11-24", "rates": {"EUR": 0.8651, "JPY": 156.42, "GBP": 0.7512}}'


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(NOW):
        yield


@pytest.fixture
def rates_url(httpserver, monkeypatch) -> str:
    """forex-python's base URL pointed at the loopback server."""
    url = httpserver.url_for("/api/")
    monkeypatch.setattr(converter.Common, "_source_url", lambda self: url)
    return url


@pytest.fixture
def ticks() -> FakeClock:
    return FakeClock()


def answer_latest(httpserver, body: str = USD_ANSWER, status: int = 200, base: str = "USD") -> None:
    httpserver.expect_request("/api/latest", query_string={"base": base, "rtype": "fpy"}).respond_with_data(
        body, status=status, content_type="application/json"
    )


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- forex-python: success and caching ----------------------------------------------------------


def test_live_rate_from_forex_python(httpserver, rates_url):
    # given the rates service answers for USD
    answer_latest(httpserver)
    provider = ForexPythonProvider(timeout_s=0.5)
    # when we ask for USD -> JPY
    quote = provider.rate("USD", "JPY")
    # then the live figure comes back exactly (Decimal, never float), dated as published
    assert quote == RateQuote("USD", "JPY", Decimal("156.42"), LIVE, date(2026, 11, 24))
    assert isinstance(quote.rate, Decimal)
    # and convert uses it: 100.00 USD x 156.42 = 15642 JPY
    assert convert(Money(10000, "USD"), "JPY", provider).converted == Money(15642, "JPY")


def test_second_call_within_the_ttl_makes_no_request(httpserver, rates_url, ticks):
    answer_latest(httpserver)
    provider = ForexPythonProvider(timeout_s=0.5, cache_ttl_s=3600, monotonic=ticks)
    provider.rate("USD", "JPY")
    ticks.now += 3599
    again = provider.rate("USD", "GBP")  # same base: same cached answer
    assert again.rate == Decimal("0.7512") and again.source == LIVE
    assert len(httpserver.log) == 1


def test_after_the_ttl_it_fetches_again(httpserver, rates_url, ticks):
    answer_latest(httpserver)
    provider = ForexPythonProvider(timeout_s=0.5, cache_ttl_s=60, monotonic=ticks)
    provider.rate("USD", "JPY")
    ticks.now += 61
    assert provider.rate("USD", "JPY").source == LIVE
    assert len(httpserver.log) == 2


def test_cache_is_per_base(httpserver, rates_url):
    answer_latest(httpserver)
    answer_latest(httpserver, '{"base": "EUR", "date": "2026-11-24", "rates": {"USD": 1.1560}}', base="EUR")
    provider = ForexPythonProvider(timeout_s=0.5)
    assert provider.rate("USD", "JPY").rate == Decimal("156.42")
    assert provider.rate("EUR", "USD").rate == Decimal("1.1560")
    assert len(httpserver.log) == 2


def test_the_http_call_carries_the_timeout(monkeypatch):
    # given requests.get replaced: forex-python's own call has no timeout, ours must pass one
    seen = {}

    class Answer:
        status_code = 200
        text = USD_ANSWER

    def fake_get(url, params=None, **kwargs):
        seen.update(url=url, params=params, **kwargs)
        return Answer()

    monkeypatch.setattr(requests, "get", fake_get)
    quote = ForexPythonProvider(timeout_s=0.2).rate("USD", "EUR")
    assert quote.rate == Decimal("0.8651") and quote.source == LIVE
    assert seen == {
        "url": "https://theratesapi.com/api/latest",
        "params": {"base": "USD", "rtype": "fpy"},
        "timeout": 0.2,
    }


def test_same_currency_needs_no_request(monkeypatch):
    monkeypatch.setattr(requests, "get", lambda *a, **k: pytest.fail("no request expected"))
    quote = ForexPythonProvider().rate("USD", "USD")
    assert quote.rate == Decimal(1) and quote.source == LIVE and quote.as_of == NOW.date()


def test_codes_that_are_not_currencies_never_reach_the_network(monkeypatch):
    monkeypatch.setattr(requests, "get", lambda *a, **k: pytest.fail("no request expected"))
    for base, quote in [("usd", "JPY"), ("USD", "XYZ"), ("USD", None), ("USD&symbols=JPY", "JPY")]:
        with pytest.raises(RatesNotAvailable):
            ForexPythonProvider().rate(base, quote)


# -- forex-python: failures end in the documented fallback --------------------------------------


def assert_embedded_fallback(quote: RateQuote) -> None:
    assert quote.source == FALLBACK
    assert quote.rate == ECB_USD_JPY
    assert quote.as_of == date(2026, 10, 6)


def test_timeout_falls_back_to_the_embedded_snapshot(httpserver, rates_url):
    # given a service slower than the timeout
    def slow(request):
        time.sleep(0.6)
        return Response(USD_ANSWER, content_type="application/json")

    httpserver.expect_request("/api/latest").respond_with_handler(slow)
    provider = ForexPythonProvider(timeout_s=0.2)
    # when we ask, the call gives up after the timeout
    started = time.monotonic()
    quote = provider.rate("USD", "JPY")
    assert time.monotonic() - started < 0.55
    # then the embedded ECB rate answers, saying so
    assert_embedded_fallback(quote)


def test_connection_refused_falls_back(monkeypatch):
    url = f"http://127.0.0.1:{closed_port()}/api/"
    monkeypatch.setattr(converter.Common, "_source_url", lambda self: url)
    assert_embedded_fallback(ForexPythonProvider(timeout_s=0.5).rate("USD", "JPY"))


def test_connection_error_from_requests_falls_back(monkeypatch):
    # forex-python lets requests' ConnectionError through unwrapped (not RatesNotAvailableError)
    def refuse(*args, **kwargs):
        raise requests.exceptions.ConnectionError("Name or service not known")

    monkeypatch.setattr(requests, "get", refuse)
    assert_embedded_fallback(ForexPythonProvider().rate("USD", "JPY"))


@pytest.mark.parametrize("status", [404, 500, 503, 504])
def test_non_200_falls_back(httpserver, rates_url, status):
    answer_latest(httpserver, "Service Unavailable", status=status)
    assert_embedded_fallback(ForexPythonProvider(timeout_s=0.5).rate("USD", "JPY"))


@pytest.mark.parametrize(
    "body",
    [
        "<html>Bad gateway</html>",
        "",
        "[1, 2]",
        '{"rates": "none"}',
        '{"base": "USD", "rates": {"JPY": NaN}}',
        '{"base": "USD", "rates": {"JPY": -1}}',
        '{"base": "USD", "rates": {"JPY": true}}',
        '{"base": "EUR", "rates": {"JPY": 178.15}}',
        '{"base": "USD", "date": "yesterday", "rates": {"JPY": 156.42}}',
    ],
)
def test_bad_json_or_bad_shape_falls_back(httpserver, rates_url, body):
    answer_latest(httpserver, body)
    assert_embedded_fallback(ForexPythonProvider(timeout_s=0.5).rate("USD", "JPY"))


def test_missing_symbol_falls_back(httpserver, rates_url):
    answer_latest(httpserver, '{"base": "USD", "date": "2026-11-24", "rates": {"EUR": 0.8651}}')
    provider = ForexPythonProvider(timeout_s=0.5)
    assert_embedded_fallback(provider.rate("USD", "JPY"))
    assert provider.rate("USD", "EUR").source == LIVE  # the rest of the answer is still used


def test_a_currency_nobody_quotes_raises(httpserver, rates_url):
    answer_latest(httpserver, "nope", status=404, base="KWD")
    with pytest.raises(RatesNotAvailable):
        ForexPythonProvider(timeout_s=0.5).rate("KWD", "EUR")


def test_expired_rates_are_served_when_the_service_fails(httpserver, rates_url, ticks):
    # given a good answer, then the TTL passes and the service breaks
    answer_latest(httpserver)
    provider = ForexPythonProvider(timeout_s=0.5, cache_ttl_s=60, monotonic=ticks)
    provider.rate("USD", "JPY")
    httpserver.clear()
    answer_latest(httpserver, "down", status=503)
    ticks.now += 120
    # then the last good rates answer, dated by the day they were fetched
    quote = provider.rate("USD", "JPY")
    assert quote == RateQuote(
        "USD", "JPY", Decimal("156.42"), "forex-python (cached 2026-11-25)", date(2026, 11, 24)
    )
    assert len(httpserver.log) == 1  # the failed request (log was cleared with the server)


def test_a_failure_is_not_retried_at_once(httpserver, rates_url, ticks):
    answer_latest(httpserver, "down", status=503)
    provider = ForexPythonProvider(timeout_s=0.5, retry_after_s=30, monotonic=ticks)
    assert provider.rate("USD", "JPY").source == FALLBACK
    ticks.now += 29
    assert provider.rate("USD", "JPY").source == FALLBACK
    assert len(httpserver.log) == 1
    ticks.now += 2
    httpserver.clear()
    answer_latest(httpserver)
    assert provider.rate("USD", "JPY").source == LIVE


def test_a_custom_fallback_is_used_and_named(httpserver, rates_url):
    class Fixed:
        def rate(self, base, quote, on=None):
            return RateQuote(base, quote, Decimal("150"), "house rate", date(2026, 11, 1))

    answer_latest(httpserver, "down", status=503)
    quote = ForexPythonProvider(timeout_s=0.5, fallback=Fixed()).rate("USD", "JPY")
    assert quote.source == "house rate (forex-python unavailable)" and quote.rate == Decimal("150")


def test_historical_day_is_requested_and_a_later_answer_refused(httpserver, rates_url):
    # forex-python does not check the answer's date; we do
    httpserver.expect_request("/api/2026-10-06").respond_with_data(
        '{"base": "USD", "date": "2026-11-24", "rates": {"JPY": 156.42}}', content_type="application/json"
    )
    quote = ForexPythonProvider(timeout_s=0.5).rate("USD", "JPY", date(2026, 10, 6))
    assert_embedded_fallback(quote)


def test_historical_day_answered(httpserver, rates_url):
    httpserver.expect_request("/api/2026-10-10").respond_with_data(
        '{"base": "USD", "date": "2026-10-09", "rates": {"JPY": 158.10}}', content_type="application/json"
    )
    quote = ForexPythonProvider(timeout_s=0.5).rate("USD", "JPY", date(2026, 10, 10))
    assert quote == RateQuote("USD", "JPY", Decimal("158.10"), LIVE, date(2026, 10, 9))


def test_today_asks_for_latest(httpserver, rates_url):
    answer_latest(httpserver)
    assert ForexPythonProvider(timeout_s=0.5).rate("USD", "JPY", NOW.date()).source == LIVE


def test_currencies_are_the_fallbacks():
    assert supported_currencies(ForexPythonProvider()) == supported_currencies()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"timeout_s": 0},
        {"timeout_s": -1},
        {"timeout_s": True},
        {"cache_ttl_s": -1},
        {"cache_ttl_s": 1.5},
        {"retry_after_s": -1},
    ],
)
def test_bad_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        ForexPythonProvider(**kwargs)


# -- staff overrides ----------------------------------------------------------------------------


def override(base="EUR", quote="USD", rate="1.10", hours=24, set_by="ana@meridian", reason="ECB holiday"):
    return RateOverride(base, quote, Decimal(rate), NOW + timedelta(hours=hours), set_by, reason)


def test_an_override_wins_while_in_force():
    provider = OverrideProvider(EmbeddedEcbProvider(), [override()])
    quote = provider.rate("EUR", "USD")
    assert quote == RateQuote("EUR", "USD", Decimal("1.10"), "staff override by ana@meridian", NOW.date())
    assert convert(Money(10000, "EUR"), "USD", provider).converted == Money(11000, "USD")


def test_the_inverse_pair_is_derived():
    quote = OverrideProvider(EmbeddedEcbProvider(), [override()]).rate("USD", "EUR")
    assert quote.rate == Decimal("0.9090909090909090909090909091")  # 1 / 1.10 at 28 digits
    assert quote.source == "staff override by ana@meridian"
    assert convert(
        Money(11000, "USD"), "EUR", OverrideProvider(EmbeddedEcbProvider(), [override()])
    ).converted == Money(10000, "EUR")


def test_an_expired_override_is_ignored():
    provider = OverrideProvider(EmbeddedEcbProvider(), [override(hours=1)])
    with clock.frozen(NOW + timedelta(hours=1)):  # expires_at itself: no longer in force
        quote = provider.rate("EUR", "USD")
    assert quote.rate == Decimal("1.1269") and quote.source == "ECB reference rates 2026-10-06 (embedded)"


def test_other_pairs_and_past_days_go_to_the_base_provider():
    provider = OverrideProvider(EmbeddedEcbProvider(), [override()])
    assert provider.rate("EUR", "JPY").rate == Decimal("178.15")
    assert provider.rate("EUR", "USD", date(2026, 10, 6)).rate == Decimal("1.1269")
    assert provider.rate("EUR", "USD", NOW).rate == Decimal("1.10")  # a datetime today


def test_a_later_day_uses_an_override_only_if_still_in_force_then():
    provider = OverrideProvider(EmbeddedEcbProvider(), [override(hours=24)])  # until 2026-11-26 12:00
    assert provider.rate("EUR", "USD", date(2026, 11, 26)).rate == Decimal("1.10")
    assert provider.rate("EUR", "USD", date(2026, 11, 27)).rate == Decimal("1.1269")


def test_the_last_override_passed_in_wins_and_direct_beats_inverse():
    provider = OverrideProvider(
        EmbeddedEcbProvider(),
        [
            override(rate="1.10", set_by="ana"),
            override(rate="1.12", set_by="bo"),
            override(base="USD", quote="EUR", rate="0.5", set_by="cy"),
        ],
    )
    assert provider.rate("EUR", "USD").source == "staff override by bo"
    assert provider.rate("USD", "EUR").rate == Decimal("0.5")


def test_an_override_can_add_a_currency_the_base_does_not_quote():
    provider = OverrideProvider(EmbeddedEcbProvider(), [override(quote="KWD", rate="0.352")])
    assert convert(Money(10000, "EUR"), "KWD", provider).converted == Money(35200, "KWD")
    assert "KWD" in supported_currencies(provider)
    with clock.frozen(NOW + timedelta(days=2)):
        assert "KWD" not in supported_currencies(provider)


def test_overrides_over_forex_python(monkeypatch):
    monkeypatch.setattr(requests, "get", lambda *a, **k: pytest.fail("no request expected"))
    provider = OverrideProvider(ForexPythonProvider(), [override()])
    assert provider.rate("EUR", "USD").source == "staff override by ana@meridian"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"rate": 1.1}, TypeError),
        ({"rate": Decimal("0")}, ValueError),
        ({"rate": Decimal("NaN")}, ValueError),
        ({"quote": "EUR"}, ValueError),
        ({"quote": "usd"}, UnknownCurrency),
        ({"expires_at": datetime(2026, 11, 26)}, TypeError),  # naive
        ({"expires_at": date(2026, 11, 26)}, TypeError),
        ({"set_by": " "}, ValueError),
    ],
)
def test_bad_overrides_are_refused(kwargs, error):
    fields = {
        "base": "EUR",
        "quote": "USD",
        "rate": Decimal("1.1"),
        "expires_at": NOW + timedelta(days=1),
        "set_by": "ana",
        "reason": "test",
    } | kwargs
    with pytest.raises(error):
        RateOverride(**fields)


# -- provider_for -------------------------------------------------------------------------------


def test_provider_for_the_settings_values():
    assert FX_SOURCES == ("embedded", "forex-python")
    assert provider_for("embedded") is default_provider()
    assert isinstance(default_provider(), EmbeddedEcbProvider)
    live = provider_for("forex-python")
    assert isinstance(live, ForexPythonProvider) and provider_for("forex-python") is live  # one shared cache
    # its fallback: the last good stored rates (none registered here), then the embedded snapshot
    assert live.fallback.rate("EUR", "USD") == EmbeddedEcbProvider().rate("EUR", "USD")
    for bad in ("", "ecb", "Forex-Python", None):
        with pytest.raises(ValueError):
            provider_for(bad)


def test_provider_for_accepts_what_settings_accept(monkeypatch):
    from marketplace.core import settings

    for value in FX_SOURCES:
        monkeypatch.setenv("FX_SOURCE", value)
        assert provider_for(settings._choice("FX_SOURCE", "embedded", FX_SOURCES)) is not None


# -- display_price (charm-price suggestions for price books, never charged) ---------------------


@pytest.mark.parametrize(
    ("minor", "currency", "expected"),
    [
        (1742, "EUR", "17.99"),
        (1999, "EUR", "19.99"),  # already a charm point
        (2000, "EUR", "20.99"),
        (1, "EUR", "0.99"),
        (12340, "EUR", "129.00"),
        (99999, "EUR", "1049.00"),
        (123400, "EUR", "1249.00"),
        (1234567, "EUR", "12499.00"),
        (4510, "USD", "45.99"),
        (9999, "USD", "99.99"),
        (10000, "USD", "109.00"),
        (2415, "CHF", "24.90"),
        (2490, "CHF", "24.90"),
        (2495, "CHF", "25.90"),
        (12300, "CHF", "129.90"),
        (2905, "JPY", "2990"),
        (2843, "JPY", "2890"),
        (850, "JPY", "890"),
        (11200, "JPY", "11900"),
        (123456, "JPY", "129900"),
        (27340, "KRW", "27900"),
        (9100, "KRW", "9900"),
        (123000, "KRW", "129000"),
        (45610, "INR", "459.00"),
        (123450, "INR", "1299.00"),
        (1234500, "INR", "12999.00"),
        (4215, "KWD", "4.900"),
        (19950, "KWD", "20.900"),
        (123456, "KWD", "129.000"),
        (12345600, "IDR", "129000.00"),
        (0, "EUR", "0.00"),
    ],
)
def test_display_price_examples(minor, currency, expected):
    suggestion = display_price(Money(minor, currency))
    assert suggestion.currency == currency
    assert suggestion.amount_str() == expected


CURRENCIES = [
    "EUR",
    "USD",
    "GBP",
    "CHF",
    "JPY",
    "KRW",
    "INR",
    "IDR",
    "KWD",
    "HUF",
    "BHD",
    "CLF",
    "ISK",
    "SEK",
]
# from this many major units up, a suggestion is less than 10 % over the input
TEN_PERCENT_FROM = {"JPY": 1000, "HUF": 1000, "ISK": 1000, "KRW": 10000, "IDR": 10000}


@given(st.sampled_from(CURRENCIES), st.integers(min_value=0, max_value=10**15))
def test_display_price_never_returns_less_and_is_stable(currency, minor):
    money = Money(minor, currency)
    suggestion = display_price(money)
    assert suggestion >= money
    assert display_price(suggestion) == suggestion
    if money.to_decimal() >= TEN_PERCENT_FROM.get(currency, 100):
        assert suggestion.to_decimal() - money.to_decimal() < money.to_decimal() / 10


@given(
    st.sampled_from(CURRENCIES),
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=10**9),
)
def test_display_price_is_monotonic(currency, minor, extra):
    assert display_price(Money(minor, currency)) <= display_price(Money(minor + extra, currency))


def test_display_price_refuses_negative_and_non_money():
    with pytest.raises(ValueError):
        display_price(Money(-100, "EUR"))
    with pytest.raises(TypeError):
        display_price(Decimal("19.99"))  # type: ignore[arg-type]

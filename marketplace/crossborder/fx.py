"""Currency conversion with exchange rates that carry their source and as-of date.

Contract:
    * A :class:`RateProvider` answers ``rate(base, quote, on)`` with a :class:`RateQuote`
      meaning "1 ``base`` = ``rate`` ``quote``" (a positive ``Decimal``), its ``source`` text
      and the ``as_of`` date of the published figures, or raises :class:`RatesNotAvailable`.
      Providers never return floats and never mutate their data.
    * :func:`convert` turns Money into another currency: ``converted = original × rate``, computed
      exactly and rounded ONCE to the target currency's ISO exponent with ``Rounding.HALF_UP``.
      The returned :class:`Conversion` holds the exact rate used, its source and as-of date,
      so the same figures can be stored with an order and the amount reproduced from them:
      ``Money.of(original.to_decimal() * rate, target, HALF_UP) == converted`` (the product
      taken exactly). Store the rate as its full decimal string: it may carry up to 28
      significant digits.
    * Cross rates: a rate between two non-euro currencies is ``rate_quote / rate_base`` of
      their per-EUR figures, one division at 28 significant digits (``RATE_PRECISION``).

Providers, all behind the same :class:`RateProvider` interface:
    * :class:`EmbeddedEcbProvider` reads the bundled ECB reference-rate snapshot
      ``data/ecb_rates_2026-10-06.json`` (see ``data/SOURCES.md``) and needs no network.
    * :class:`ForexPythonProvider`: live rates through forex-python 1.9.2, with an HTTP timeout,
      a per-base cache and a fallback (last good rates, then the embedded snapshot); its
      ``source`` says which answered.
    * :class:`OverrideProvider`: staff :class:`RateOverride` s (stored by the domain, passed in)
      win over another provider while they have not expired.
    * With ``FX_SOURCE=forex-python`` the live provider falls back, before the embedded snapshot, on the last good
      refreshed rates the domain stored (:func:`register_last_good`; source ``"forex-python (stored <day>)"``),
      so an outage or a restart keeps the last good rates in every process.
    * :func:`provider_for` maps the ``FX_SOURCE`` setting (``embedded`` | ``forex-python``) to one.
      :func:`default_provider` is the one the setting selects (``core.settings``): every conversion that is
      given no provider (prices on pages, the engine's quotes, shipping rates, checkout) uses it, so
      ``FX_SOURCE=forex-python`` changes where every rate comes from. :func:`reset_providers` forgets the
      process's providers and their caches (tests).
    * Staff overrides reach every such conversion through :func:`register_overrides`: the domain (which
      stores them; this module never touches a database) registers a callable returning the current
      :class:`RateOverride` s, and while one of them is in force :func:`default_provider` wraps the
      setting's provider in an :class:`OverrideProvider`. :func:`rates_version` changes when the set of
      overrides in force changes (one set, removed, or expired by the clock), so caches of converted amounts
      never outlive an override.

:func:`display_price` suggests a charm price (19.99, CHF 24.90, JPY 2,990) for a price book.
It is a suggestion only and never feeds a charge: a converted price is charged exactly as
:func:`convert` computed it (docs/ARCHITECTURE.md, "Money").
"""

from __future__ import annotations

import decimal
import functools
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from types import MappingProxyType
from typing import Protocol, runtime_checkable

import requests
from forex_python.converter import CurrencyRates, RatesNotAvailableError

from marketplace.core import clock
from marketplace.core.currencies import MINOR_UNITS
from marketplace.core.money import Money, Rounding, exponent
from marketplace.core.settings import get_settings

log = logging.getLogger(__name__)

RATE_PRECISION = 28
"""Significant digits of a computed cross rate (Decimal's default precision; never float)."""

_RATE_CONTEXT = decimal.Context(
    prec=RATE_PRECISION,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

SNAPSHOT_FILE = "ecb_rates_2026-10-06.json"
ECB_SOURCE = "ECB reference rates 2026-10-06 (embedded)"


class RatesNotAvailable(LookupError):
    """The provider has no rate for this currency pair (or for that date)."""


@dataclass(frozen=True)
class RateQuote:
    """1 ``base`` = ``rate`` ``quote``, as published by ``source`` for ``as_of``."""

    base: str
    quote: str
    rate: Decimal
    source: str
    as_of: date

    def __post_init__(self) -> None:
        if not isinstance(self.rate, Decimal):
            raise TypeError(f"rate must be a Decimal, not {type(self.rate).__name__}")
        if not self.rate.is_finite() or self.rate <= 0:
            raise ValueError(f"rate must be a positive finite Decimal, got {self.rate!r}")


@dataclass(frozen=True)
class Conversion:
    """The outcome of one conversion, with everything needed to store and reproduce it."""

    original: Money
    converted: Money
    rate: Decimal
    source: str
    as_of: date
    rounding: Rounding


class RateProvider(Protocol):
    """Anything that can quote an exchange rate."""

    def rate(self, base: str, quote: str, on: date | None = None) -> RateQuote:
        """1 ``base`` in ``quote`` on ``on`` (``None``: the latest the provider has).

        Raises:
            RatesNotAvailable: for a currency or date the provider has no rate for.
        """
        ...


@runtime_checkable
class ListsCurrencies(Protocol):
    """A provider that can also say which currencies it quotes."""

    def currencies(self) -> tuple[str, ...]: ...


# -- the embedded ECB snapshot ------------------------------------------------------------------


@dataclass(frozen=True)
class _Snapshot:
    as_of: date
    per_eur: Mapping[str, Decimal]
    """Units per 1 EUR for every currency quoted, EUR (1) and the USD-pegged ones included."""


def _parse_rate(code: str, text: object) -> Decimal:
    if not isinstance(text, str):
        raise ValueError(f"rate for {code} must be a decimal string, got {text!r}")
    value = Decimal(text)
    if not value.is_finite() or value <= 0:
        raise ValueError(f"rate for {code} must be positive, got {text!r}")
    exponent(code)  # an ISO 4217 code we can hold money in
    return value


@functools.cache
def _load_snapshot(filename: str = SNAPSHOT_FILE) -> _Snapshot:
    """Read and check the bundled snapshot once; the result is read-only."""
    raw = json.loads(
        (resources.files("marketplace.crossborder") / "data" / filename).read_text(encoding="utf-8")
    )
    per_eur: dict[str, Decimal] = {"EUR": Decimal(1)}
    for code, text in raw["rates_per_EUR"].items():
        per_eur[code] = _parse_rate(code, text)
    usd = per_eur["USD"]
    exact = decimal.Context(prec=100, traps=[decimal.Inexact, decimal.InvalidOperation])
    for code, text in raw.get("pegged_per_USD", {}).items():
        if code in per_eur:
            raise ValueError(f"{code} is both an ECB rate and a USD peg in {filename}")
        per_eur[code] = exact.multiply(_parse_rate(code, text), usd)  # exact: peg x USD per EUR
    return _Snapshot(as_of=date.fromisoformat(raw["date"]), per_eur=MappingProxyType(per_eur))


class EmbeddedEcbProvider:
    """ECB euro reference rates of 2026-10-06, bundled with the code; no network.

    The ECB quotes "1 EUR = x CUR" for 29 currencies; a cross rate goes through the euro
    (``rate_quote / rate_base``). AED, SAR, QAR, BHD, OMR and JOD, absent from the ECB list,
    are quoted through their official USD pegs. Same currency: rate 1.

    The snapshot is one day's figures. ``on`` before that day raises ``RatesNotAvailable``;
    ``on`` on or after it gets the snapshot as the latest published rate (as the ECB has no
    weekend rows, the latest previous publication applies), and ``as_of`` says how old it is.
    """

    source = ECB_SOURCE

    def __init__(self) -> None:
        self._snapshot = _load_snapshot()

    @property
    def as_of(self) -> date:
        return self._snapshot.as_of

    def currencies(self) -> tuple[str, ...]:
        """Every currency this provider can quote, sorted."""
        return tuple(sorted(self._snapshot.per_eur))

    def rate(self, base: str, quote: str, on: date | None = None) -> RateQuote:
        """1 ``base`` in ``quote`` from the snapshot; see the class docstring for ``on``."""
        if on is not None:
            day = on.date() if isinstance(on, datetime) else on
            if day < self._snapshot.as_of:
                raise RatesNotAvailable(
                    f"the embedded ECB snapshot starts on {self._snapshot.as_of.isoformat()}; "
                    f"no rate for {day.isoformat()}"
                )
        per_eur = self._snapshot.per_eur
        missing = [code for code in (base, quote) if code not in per_eur]
        if missing:
            raise RatesNotAvailable(f"no {self.source} rate for {', '.join(map(repr, missing))}")
        value = Decimal(1) if base == quote else _RATE_CONTEXT.divide(per_eur[quote], per_eur[base])
        return RateQuote(base=base, quote=quote, rate=value, source=self.source, as_of=self._snapshot.as_of)


@functools.cache
def _embedded() -> EmbeddedEcbProvider:
    return EmbeddedEcbProvider()


OverrideSource = Callable[[], Sequence["RateOverride"]]
"""Returns the staff overrides to apply (any order of setting; expired ones are ignored). Called on every
conversion without a provider, so it must be cheap (the domain's loader caches for a few seconds)."""

_override_source: OverrideSource | None = None


def register_overrides(source: OverrideSource | None) -> None:
    """Make :func:`default_provider` apply the overrides ``source()`` returns (None: no overrides).

    The app and the worker register the domain's loader at start; nothing is registered in a bare engine
    (CLI, unit tests), where :func:`default_provider` is the setting's provider itself.
    """
    global _override_source
    if source is not None and not callable(source):
        raise TypeError("the override source must be callable")
    _override_source = source


def overrides_in_force() -> tuple[RateOverride, ...]:
    """The registered overrides in force now (``clock.now()``), in the order the source gave them."""
    source = _override_source
    if source is None:
        return ()
    now = clock.now()
    return tuple(item for item in source() if item.in_force(now))


def _current() -> tuple[RateProvider, tuple[RateOverride, ...]]:
    return provider_for(get_settings().fx_source), overrides_in_force()


def default_provider() -> RateProvider:
    """The provider used when none is passed: the one the ``FX_SOURCE`` setting selects (:func:`provider_for`),
    the embedded ECB snapshot by default, one per process so a live provider's cache is shared; wrapped in an
    :class:`OverrideProvider` while a registered staff override is in force (:func:`register_overrides`)."""
    base, overrides = _current()
    return OverrideProvider(base, overrides) if overrides else base


def _exact_product(a: Decimal, b: Decimal) -> Decimal:
    digits = len(a.as_tuple().digits) + len(b.as_tuple().digits)
    return decimal.Context(prec=max(RATE_PRECISION, digits + 2), traps=[decimal.Inexact]).multiply(a, b)


def convert(
    money: Money, to_currency: str, provider: RateProvider | None = None, on: date | None = None
) -> Conversion:
    """Convert ``money`` into ``to_currency``, rounding once, half up, to its minor unit.

    >>> c = convert(Money(10000, "USD"), "EUR")
    >>> str(c.converted), c.source, c.as_of.isoformat()
    ('88.74 EUR', 'ECB reference rates 2026-10-06 (embedded)', '2026-10-06')

    Raises:
        RatesNotAvailable: when the provider has no rate for the pair (or date).
        UnknownCurrency: when ``to_currency`` is not an ISO 4217 code Money can hold.
    """
    if not isinstance(money, Money):
        raise TypeError(f"convert needs a Money, not {type(money).__name__}")
    provider = provider if provider is not None else default_provider()
    quote = provider.rate(money.currency, to_currency, on)
    if (quote.base, quote.quote) != (money.currency, to_currency):
        raise ValueError(
            f"provider answered {quote.base}->{quote.quote} when asked {money.currency}->{to_currency}"
        )
    rounding = Rounding.HALF_UP
    converted = Money.of(_exact_product(money.to_decimal(), quote.rate), to_currency, rounding)
    return Conversion(
        original=money,
        converted=converted,
        rate=quote.rate,
        source=quote.source,
        as_of=quote.as_of,
        rounding=rounding,
    )


def apply_rate(money: Money, quote: RateQuote) -> Money:
    """``money`` converted at an already fetched ``quote`` (same product and rounding as :func:`convert`)."""
    if money.currency != quote.base:
        raise ValueError(f"a {quote.base}->{quote.quote} rate cannot convert {money.currency}")
    return Money.of(_exact_product(money.to_decimal(), quote.rate), quote.quote, Rounding.HALF_UP)


def supported_currencies(provider: RateProvider | None = None) -> tuple[str, ...]:
    """The currencies ``provider`` (default: :func:`default_provider`) can convert between.

    >>> {"EUR", "USD", "JPY", "AED"} <= set(supported_currencies()), "KWD" in supported_currencies()
    (True, False)

    Raises:
        TypeError: if the provider cannot list its currencies (it has no ``currencies()``).
    """
    provider = provider if provider is not None else default_provider()
    if not isinstance(provider, ListsCurrencies):
        raise TypeError(f"{type(provider).__name__} cannot list its currencies")
    return tuple(provider.currencies())


# -- forex-python: live rates with a timeout, a cache and a fallback -----------------------------

FOREX_LIVE_SOURCE = "forex-python (live)"
"""Source of a rate fetched from forex-python's service within the last ``cache_ttl_s``."""
FOREX_CACHED_SOURCE = "forex-python (cached {fetched_on})"
"""Source of a rate served from an expired cache after a failed fetch; ``fetched_on``: UTC day."""
FOREX_UNAVAILABLE = "forex-python unavailable"
"""Added to the fallback provider's source when neither a live nor a cached rate was available."""

_MAX_CACHED_KEYS = 64
"""(base, day) entries kept by one ForexPythonProvider; the oldest fetch is dropped first."""

FOREX_FAILURES: tuple[type[BaseException], ...] = (
    RatesNotAvailableError,
    requests.exceptions.RequestException,
    ValueError,
)
"""What a forex-python fetch may raise: its own error (non-200, missing rate), the connection errors
it lets through unwrapped (refused, DNS, timeout: ``requests.exceptions.RequestException``) and
``ValueError`` for an answer that is not JSON or not the expected shape (JSONDecodeError is one)."""


def _is_currency_code(code: object) -> bool:
    return isinstance(code, str) and code in MINOR_UNITS


def _refuse_constant(name: str) -> object:
    raise ValueError(f"non-finite number {name} in the rates answer")


def _live_rate(code: object, value: object) -> Decimal:
    if not isinstance(code, str):
        raise ValueError(f"currency code {code!r} is not a string")
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise ValueError(f"rate for {code} is not a decimal number: {value!r}")
    try:
        rate = Decimal(value)
    except decimal.InvalidOperation:
        raise ValueError(f"rate for {code} is not a decimal number: {value!r}") from None
    if not rate.is_finite() or rate <= 0:
        raise ValueError(f"rate for {code} must be positive, got {value!r}")
    return rate


def _decode_live_rates(text: str, base: str) -> tuple[dict[str, Decimal], date | None]:
    """Parse ``{"base": .., "date": "YYYY-MM-DD", "rates": {code: number}}``; numbers as Decimal.

    Raises:
        ValueError: for anything else (bad JSON, NaN, another base, a non-positive rate).
    """
    data = json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
    if not isinstance(data, dict) or not isinstance(data.get("rates"), dict):
        raise ValueError("the rates answer is not an object with a 'rates' object")
    if data.get("base", base) != base:
        raise ValueError(f"asked for rates against {base}, got them against {data.get('base')!r}")
    rates = {code: _live_rate(code, value) for code, value in data["rates"].items()}
    published = data.get("date")
    if published is None:
        return rates, None
    if not isinstance(published, str):
        raise ValueError(f"the rates answer has a bad date {published!r}")
    return rates, date.fromisoformat(published)


class _TimedCurrencyRates(CurrencyRates):
    """forex-python's ``CurrencyRates(force_decimal=True)`` whose HTTP call has a timeout.

    forex-python 1.9.2 calls ``requests.get(url, params=...)`` with no timeout, so a blackholed
    network hangs the caller indefinitely. This subclass keeps the library's endpoint
    (``_source_url()`` + ``latest`` or ``YYYY-MM-DD``), its query (``base``, ``rtype=fpy``), its
    non-200 rule and error type, and replaces only the call, with
    ``requests.get(..., timeout=timeout_s)``, and the decoding (the library drops the answer's
    ``date`` and never checks it, a known bug; we keep it as the rates' as-of date).

    Why a socket timeout rather than a worker thread with a deadline: Python cannot stop a
    thread, so every call that timed out would leave a thread blocked on its socket, and during
    an outage they pile up; the socket timeout ends the call and frees the connection. Its
    limits: requests applies the timeout to the connect and to each read, not to the total (a
    server trickling bytes can take longer), and DNS resolution is outside it (the system
    resolver's timeout applies). The inherited ``get_rate``/``convert`` still have no timeout:
    only :meth:`fetch` (and ``get_rates``) are used.
    """

    def __init__(self, timeout_s: float, source_url: str = "") -> None:
        super().__init__(force_decimal=True)
        self.timeout_s = timeout_s
        self.source_url = source_url

    def _source_url(self) -> str:
        """The library's address, or ``source_url`` (``FOREX_API_BASE``: a mirror, or a loopback in tests)."""
        if self.source_url:
            return self.source_url.rstrip("/") + "/"
        return super()._source_url()

    def fetch(self, base_cur: str, date_obj: date | None = None) -> tuple[dict[str, Decimal], date | None]:
        """All rates against ``base_cur`` (and the day they were published, if the answer says).

        Raises:
            RatesNotAvailableError: on a non-200 answer (as forex-python does).
            requests.exceptions.RequestException: connection refused, DNS failure, timeout.
            ValueError: an answer that is not JSON or not the expected shape.
        """
        url = self._source_url() + self._get_date_string(date_obj)
        response = requests.get(url, params={"base": base_cur, "rtype": "fpy"}, timeout=self.timeout_s)
        if response.status_code != 200:
            raise RatesNotAvailableError("Currency Rates Source Not Ready")
        return _decode_live_rates(response.text, base_cur)

    def get_rates(self, base_cur: str, date_obj: date | None = None) -> dict[str, Decimal]:
        """forex-python's ``get_rates`` contract (Decimal rates by code), with the timeout."""
        return self.fetch(base_cur, date_obj)[0]


@dataclass(frozen=True)
class _LiveRates:
    rates: Mapping[str, Decimal]
    as_of: date
    fetched_on: date
    fetched_at: float


def _fallback_source(source: str) -> str:
    """Say in a fallback's source that forex-python could not answer.

    >>> _fallback_source("ECB reference rates 2026-10-06 (embedded)")
    'ECB reference rates 2026-10-06 (embedded, forex-python unavailable)'
    """
    if source.endswith(")"):
        return f"{source[:-1]}, {FOREX_UNAVAILABLE})"
    return f"{source} ({FOREX_UNAVAILABLE})"


class ForexPythonProvider:
    """Live rates through forex-python 1.9.2, never hanging and never failing when a fallback can answer.

    For ``rate(base, quote, on)`` it looks, in order, for:

    1. fresh rates against ``base``: fetched less than ``cache_ttl_s`` seconds ago, else fetched
       now (one HTTP request per base and day, ``timeout_s`` on the socket; see
       :class:`_TimedCurrencyRates`) -> source ``"forex-python (live)"``;
    2. when that fetch fails: the last good (now expired) rates for that base and day, however
       old -> ``"forex-python (cached <UTC day they were fetched>)"``;
    3. ``fallback`` (default: the embedded ECB snapshot) -> its own source with
       ``forex-python unavailable`` added, e.g.
       ``"ECB reference rates 2026-10-06 (embedded, forex-python unavailable)"``.

    A failed fetch is not retried for ``retry_after_s`` seconds (callers get step 2 or 3 at
    once), so an outage costs one timeout per base and day per ``retry_after_s``, not one per
    price. A rate missing from a fresh answer (a currency the service does not quote) goes
    straight to ``fallback``. ``as_of`` is the publication day the service reports (today, UTC,
    if it reports none). ``on`` of today or later asks for ``latest``; an earlier day asks for
    that day, and an answer dated after it is refused (forex-python does not check). Same
    currency: rate 1 without a request. Codes that are not ISO 4217 raise
    :class:`RatesNotAvailable` without a request.

    Thread-safe: one lock guards the cache and is held during a fetch (so concurrent callers
    wait for one request, at most ``timeout_s``, instead of each making their own).

    Args:
        timeout_s: seconds for the connect and for each read of the HTTP call.
        fallback: the provider used when forex-python has no rate (default: embedded ECB).
        cache_ttl_s: seconds a fetched answer counts as live (0: fetch every time).
        retry_after_s: seconds to wait after a failed fetch before trying again.
        monotonic: the clock for the two durations above (tests pass a fake one).
        source_url: the service's base address ("": forex-python's own; the ``FOREX_API_BASE`` setting).
    """

    def __init__(
        self,
        timeout_s: float = 3.0,
        fallback: RateProvider | None = None,
        cache_ttl_s: int = 3600,
        *,
        retry_after_s: float = 30.0,
        monotonic: Callable[[], float] = time.monotonic,
        source_url: str = "",
    ) -> None:
        if isinstance(timeout_s, bool) or not isinstance(timeout_s, int | float) or not timeout_s > 0:
            raise ValueError(f"timeout_s must be a positive number of seconds, got {timeout_s!r}")
        if isinstance(cache_ttl_s, bool) or not isinstance(cache_ttl_s, int) or cache_ttl_s < 0:
            raise ValueError(f"cache_ttl_s must be an int >= 0, got {cache_ttl_s!r}")
        if isinstance(retry_after_s, bool) or not isinstance(retry_after_s, int | float) or retry_after_s < 0:
            raise ValueError(f"retry_after_s must be a number >= 0, got {retry_after_s!r}")
        self.timeout_s = float(timeout_s)
        self.cache_ttl_s = cache_ttl_s
        self.retry_after_s = float(retry_after_s)
        self.fallback: RateProvider = fallback if fallback is not None else _embedded()
        self._client = _TimedCurrencyRates(self.timeout_s, source_url)
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], _LiveRates] = {}
        self._retry_at: dict[tuple[str, str], float] = {}
        self._changes = 0  # fetches and failed fetches so far: each may change the rates it answers

    @property
    def version(self) -> tuple[int, int]:
        """Changes whenever the rates it answers may have changed: after each fetch (good or failed) and at
        each ``cache_ttl_s`` period, when a cached answer may have expired. Caches of converted amounts key on
        it (:func:`rates_version`), so a page never shows a rate older than the one checkout charges."""
        return self._changes, int(self._monotonic() // max(self.cache_ttl_s, 1))

    def currencies(self) -> tuple[str, ...]:
        """The currencies it can always answer: the fallback's (the live service may quote fewer)."""
        if isinstance(self.fallback, ListsCurrencies):
            return tuple(self.fallback.currencies())
        return ()

    def rate(self, base: str, quote: str, on: date | None = None) -> RateQuote:
        """1 ``base`` in ``quote``: live, else cached, else the fallback's (see the class docstring).

        Raises:
            RatesNotAvailable: for a code that is not ISO 4217, or when the fallback has no rate.
        """
        for code in (base, quote):
            if not _is_currency_code(code):
                raise RatesNotAvailable(f"{code!r} is not an ISO 4217 currency code")
        today = clock.now().date()
        day = on.date() if isinstance(on, datetime) else on
        if base == quote:
            as_of = day if day is not None and day < today else today
            return RateQuote(base=base, quote=quote, rate=Decimal(1), source=FOREX_LIVE_SOURCE, as_of=as_of)
        wanted = day if day is not None and day < today else None
        live, stale = self._rates(base, wanted)
        if live is not None and quote in live.rates:
            return RateQuote(
                base=base, quote=quote, rate=live.rates[quote], source=FOREX_LIVE_SOURCE, as_of=live.as_of
            )
        if stale is not None and quote in stale.rates:
            source = FOREX_CACHED_SOURCE.format(fetched_on=stale.fetched_on.isoformat())
            return RateQuote(
                base=base, quote=quote, rate=stale.rates[quote], source=source, as_of=stale.as_of
            )
        answer = self.fallback.rate(base, quote, on)
        return RateQuote(
            base=base,
            quote=quote,
            rate=answer.rate,
            source=_fallback_source(answer.source),
            as_of=answer.as_of,
        )

    def refresh(self, base: str = "EUR") -> tuple[Mapping[str, Decimal], date]:
        """Fetch the latest rates against ``base`` now, whatever the cache's age or a pause after a failure.

        On success they become the cached live rates (every later :meth:`rate` uses them) and are returned with
        their as-of date: ``({code: units of code per 1 base}, as_of)``, ISO 4217 codes only. On failure the
        cache is left as it was (its last good rates keep answering) and the error is raised.

        Raises:
            RatesNotAvailable: the service could not be reached or gave no usable answer (the message says why).
        """
        if not _is_currency_code(base):
            raise RatesNotAvailable(f"{base!r} is not an ISO 4217 currency code")
        key = (base, "latest")
        with self._lock:
            try:
                rates, published = self._client.fetch(base, None)
            except FOREX_FAILURES as exc:
                self._retry_at[key] = self._monotonic() + self.retry_after_s
                self._changes += 1
                raise RatesNotAvailable(f"forex-python could not answer: {type(exc).__name__}: {exc}") from exc
            rates = {code: value for code, value in rates.items() if _is_currency_code(code) and code != base}
            if not rates:
                raise RatesNotAvailable("forex-python answered no rates")
            fetched_on = clock.now().date()
            fresh = _LiveRates(rates=MappingProxyType(rates), as_of=published or fetched_on, fetched_on=fetched_on,
                               fetched_at=self._monotonic())
            self._cache[key] = fresh
            self._retry_at.pop(key, None)
            self._changes += 1
            return fresh.rates, fresh.as_of

    def _rates(self, base: str, wanted: date | None) -> tuple[_LiveRates | None, _LiveRates | None]:
        """(fresh rates, None) or (None, last good rates or None) for ``base`` on ``wanted``."""
        key = (base, wanted.isoformat() if wanted is not None else "latest")
        with self._lock:
            started = self._monotonic()
            entry = self._cache.get(key)
            if entry is not None and started - entry.fetched_at < self.cache_ttl_s:
                return entry, None
            if started < self._retry_at.get(key, float("-inf")):
                return None, entry
            try:
                rates, published = self._client.fetch(base, wanted)
                if wanted is not None and published is not None and published > wanted:
                    raise ValueError(f"asked for the rates of {wanted}, got those of {published}")
            except FOREX_FAILURES as exc:
                log.warning(
                    "forex-python rates for %s (%s) unavailable: %s: %s",
                    base,
                    key[1],
                    type(exc).__name__,
                    exc,
                )
                self._retry_at[key] = self._monotonic() + self.retry_after_s
                self._changes += 1
                return None, entry
            fetched_on = clock.now().date()
            fresh = _LiveRates(
                rates=MappingProxyType(rates),
                as_of=published if published is not None else fetched_on,
                fetched_on=fetched_on,
                fetched_at=self._monotonic(),
            )
            self._cache[key] = fresh
            self._changes += 1
            self._retry_at.pop(key, None)
            while len(self._cache) > _MAX_CACHED_KEYS:
                del self._cache[min(self._cache, key=lambda k: self._cache[k].fetched_at)]
            return fresh, None


# -- staff overrides ----------------------------------------------------------------------------

OVERRIDE_SOURCE = "staff override by {set_by}"


@dataclass(frozen=True)
class RateOverride:
    """A rate a staff member fixed by hand: 1 ``base`` = ``rate`` ``quote`` until ``expires_at``.

    The domain stores these (with who and why) and passes the current ones to
    :class:`OverrideProvider`; this module only models them. ``expires_at`` must be
    timezone-aware; the override is in force while ``clock.now() < expires_at``.

    Raises:
        UnknownCurrency: for a code that is not ISO 4217.
        TypeError: for a rate that is not a Decimal (floats refused) or a naive/non-datetime expiry.
        ValueError: for the same currency twice, a non-positive rate or an empty ``set_by``.
    """

    base: str
    quote: str
    rate: Decimal
    expires_at: datetime
    set_by: str
    reason: str

    def __post_init__(self) -> None:
        exponent(self.base)
        exponent(self.quote)
        if self.base == self.quote:
            raise ValueError(f"an override needs two different currencies, got {self.base} twice")
        if not isinstance(self.rate, Decimal):
            raise TypeError(f"rate must be a Decimal, not {type(self.rate).__name__}")
        if not self.rate.is_finite() or self.rate <= 0:
            raise ValueError(f"rate must be a positive finite Decimal, got {self.rate!r}")
        if not isinstance(self.expires_at, datetime) or self.expires_at.utcoffset() is None:
            raise TypeError("expires_at must be a timezone-aware datetime")
        if not isinstance(self.set_by, str) or not self.set_by.strip():
            raise ValueError("set_by must name the staff member who set the override")
        if not isinstance(self.reason, str):
            raise TypeError("reason must be a string")

    def in_force(self, at: datetime) -> bool:
        """Whether the override applies at the aware datetime ``at``."""
        return at < self.expires_at


class OverrideProvider:
    """Staff overrides first, then ``base`` (another provider) for everything else.

    * An override for ``base -> quote`` in force answers with its rate, source
      ``"staff override by <set_by>"`` and ``as_of`` today (UTC).
    * Else one for ``quote -> base`` answers with its inverse, ``1 / rate`` at
      ``RATE_PRECISION`` significant digits (half even), same source.
    * Several in force for the same pair: the last one in ``overrides`` wins (pass them in the
      order they were set). Expired ones are ignored.
    * ``on``: overrides answer for today and later days only (for a later day, if still in force
      at its start, UTC); a past day is answered by ``base``, since an override does not say when
      it started and a past conversion is reproduced from its stored rate anyway.
    """

    def __init__(self, base: RateProvider, overrides: Sequence[RateOverride]) -> None:
        overrides = tuple(overrides)
        for item in overrides:
            if not isinstance(item, RateOverride):
                raise TypeError(f"overrides must be RateOverride, got {type(item).__name__}")
        self.base = base
        self.overrides = overrides

    def _in_force(self, base: str, quote: str, at: datetime) -> RateOverride | None:
        for item in reversed(self.overrides):
            if item.base == base and item.quote == quote and item.in_force(at):
                return item
        return None

    def rate(self, base: str, quote: str, on: date | None = None) -> RateQuote:
        """1 ``base`` in ``quote``: a staff override in force, else ``base``'s answer."""
        now = clock.now()
        today = now.date()
        day = on.date() if isinstance(on, datetime) else on
        if base != quote and (day is None or day >= today):
            at = (
                now if day is None or day == today else datetime.combine(day, datetime.min.time(), now.tzinfo)
            )
            direct = self._in_force(base, quote, at)
            if direct is not None:
                return RateQuote(
                    base=base,
                    quote=quote,
                    rate=direct.rate,
                    source=OVERRIDE_SOURCE.format(set_by=direct.set_by),
                    as_of=today,
                )
            inverse = self._in_force(quote, base, at)
            if inverse is not None:
                return RateQuote(
                    base=base,
                    quote=quote,
                    rate=_RATE_CONTEXT.divide(Decimal(1), inverse.rate),
                    source=OVERRIDE_SOURCE.format(set_by=inverse.set_by),
                    as_of=today,
                )
        return self.base.rate(base, quote, on)

    def currencies(self) -> tuple[str, ...]:
        """The base provider's currencies plus those of the overrides in force now, sorted."""
        listed = set(self.base.currencies()) if isinstance(self.base, ListsCurrencies) else set()
        now = clock.now()
        for item in self.overrides:
            if item.in_force(now):
                listed.update((item.base, item.quote))
        return tuple(sorted(listed))


# -- choosing a provider from settings ----------------------------------------------------------

FX_SOURCES = ("embedded", "forex-python")
"""The values of the ``FX_SOURCE`` setting."""


# -- the last good refreshed rates, kept by the domain ---------------------------------------------------

LastGoodSource = Callable[[], Mapping[str, tuple[Decimal, date]]]
"""Returns the last good refreshed rates: ``{code: (units per 1 EUR, as-of date)}`` (cheap: the domain caches)."""
STORED_SOURCE = "forex-python (stored {as_of})"
"""Source of a rate from the last good refresh the domain stored, used when the live service cannot answer."""

_last_good_source: LastGoodSource | None = None


def register_last_good(source: LastGoodSource | None) -> None:
    """Let the live provider fall back on the last good refreshed rates the domain stored (None: only the
    embedded snapshot), so every process keeps them through an outage, a restart included."""
    global _last_good_source
    if source is not None and not callable(source):
        raise TypeError("the last-good source must be callable")
    _last_good_source = source


class _LastGoodThenEmbedded:
    """The process-wide live provider's fallback: the registered last good rates (today and later only; cross rates
    through the euro, as-of the older of the two), then the embedded ECB snapshot."""

    def currencies(self) -> tuple[str, ...]:
        return _embedded().currencies()

    def rate(self, base: str, quote: str, on: date | None = None) -> RateQuote:
        source = _last_good_source
        day = on.date() if isinstance(on, datetime) else on
        if source is not None and base != quote and (day is None or day >= clock.now().date()):
            stored = dict(source())
            if stored:
                stored.setdefault("EUR", (Decimal(1), max(as_of for _, as_of in stored.values())))
                if base in stored and quote in stored:
                    (per_base, base_day), (per_quote, quote_day) = stored[base], stored[quote]
                    as_of = min(base_day, quote_day) if base != "EUR" and quote != "EUR" else (
                        quote_day if base == "EUR" else base_day)
                    return RateQuote(base=base, quote=quote, rate=_RATE_CONTEXT.divide(per_quote, per_base),
                                     source=STORED_SOURCE.format(as_of=as_of.isoformat()), as_of=as_of)
        return _embedded().rate(base, quote, on)


@functools.cache
def _forex_python() -> ForexPythonProvider:
    return ForexPythonProvider(source_url=get_settings().forex_api_base, fallback=_LastGoodThenEmbedded())


def provider_for(source: str) -> RateProvider:
    """The provider for an ``FX_SOURCE`` setting value (one per process, so its cache is shared).

    >>> provider_for("embedded") is default_provider(), type(provider_for("forex-python")).__name__
    (True, 'ForexPythonProvider')

    Raises:
        ValueError: for any other value.
    """
    if source == "embedded":
        return _embedded()
    if source == "forex-python":
        return _forex_python()
    raise ValueError(f"FX source must be one of {', '.join(FX_SOURCES)}; got {source!r}")


def rates_version() -> object:
    """A token that changes whenever the default provider's rates may have changed (constant for the embedded
    snapshot with no override in force). Caches of amounts converted with the default provider put it in their
    key; it names every override in force, so setting, removing or the expiry of one changes it."""
    provider = default_provider()
    if not isinstance(provider, OverrideProvider):
        return getattr(provider, "version", 0)
    return getattr(provider.base, "version", 0), tuple(
        (o.base, o.quote, str(o.rate), o.expires_at.isoformat(), o.set_by) for o in provider.overrides)


def reset_providers() -> None:
    """Forget the process's live provider and its cached rates (tests that change ``FX_SOURCE`` or intercept
    forex-python; call ``get_settings.cache_clear()`` too). The embedded snapshot has nothing to forget."""
    _forex_python.cache_clear()


# -- charm prices for price books (suggestions, never charges) ---------------------------------


@dataclass(frozen=True)
class _CharmBand:
    upper: Decimal
    """The band holds amounts below this (and at or above the previous band's ``upper``)."""
    step: Decimal
    offset: Decimal
    """Charm points of the band: ``k x step - offset`` for whole ``k``."""


def _bands(*rows: tuple[str, str, str]) -> tuple[_CharmBand, ...]:
    return tuple(_CharmBand(Decimal(upper), Decimal(step), Decimal(offset)) for upper, step, offset in rows)


_NINETY_NINE = _bands(("100", "1", "0.01"), ("1000", "10", "1"), ("10000", "50", "1"))
"""EUR, USD, GBP and other 2-decimal currencies: 19.99 below 100; 129 up to 1,000; 1,249 up to 10,000."""
_SWISS = _bands(("100", "1", "0.10"), ("1000", "10", "0.10"), ("10000", "50", "1"))
"""CHF: 24.90 below 100; 129.90 up to 1,000; whole 1,249 up to 10,000."""
_THREE_DECIMALS = _bands(("100", "1", "0.100"), ("1000", "10", "1"), ("10000", "50", "1"))
"""KWD, BHD, OMR, JOD...: 19.900 below 100; 129.000 up to 1,000; 1,249.000 up to 10,000."""
_WHOLE_NINETY = _bands(("10000", "100", "10"), ("100000", "1000", "100"))
"""JPY, HUF, ISK and other 0-decimal currencies: 990, 2,990 below 10,000; 12,900 up to 100,000."""
_WON = _bands(("100000", "1000", "100"), ("1000000", "10000", "1000"))
"""KRW, IDR, VND: 9,900 and 29,900 below 100,000; 129,000 up to 1,000,000."""
_RUPEE = _bands(("1000", "10", "1"), ("10000", "100", "1"), ("100000", "1000", "1"))
"""INR, LKR, PKR, NPR: 499 below 1,000; 1,299 up to 10,000; 12,999 up to 100,000."""

_CHARM_BY_CURRENCY: Mapping[str, tuple[_CharmBand, ...]] = MappingProxyType({
    "CHF": _SWISS,
    "JPY": _WHOLE_NINETY, "HUF": _WHOLE_NINETY, "ISK": _WHOLE_NINETY,
    "KRW": _WON, "IDR": _WON, "VND": _WON,
    "INR": _RUPEE, "LKR": _RUPEE, "PKR": _RUPEE, "NPR": _RUPEE,
})  # fmt: skip
_CHARM_BY_EXPONENT: Mapping[int, tuple[_CharmBand, ...]] = MappingProxyType(
    {0: _WHOLE_NINETY, 2: _NINETY_NINE, 3: _THREE_DECIMALS}
)
_CHARM_CONTEXT = decimal.Context(prec=80, traps=[decimal.InvalidOperation, decimal.Inexact, decimal.Overflow])


def _charm_bands(bands: tuple[_CharmBand, ...]) -> Iterator[_CharmBand]:
    """The bands, then the last one again per decade above it: ``upper`` and ``step`` x 10 each time."""
    yield from bands
    band = bands[-1]
    while True:
        band = _CharmBand(band.upper * 10, band.step * 10, band.offset)
        yield band


def _charm_point(amount: Decimal, bands: tuple[_CharmBand, ...]) -> Decimal:
    """The smallest charm point >= ``amount`` (> 0)."""
    ctx = _CHARM_CONTEXT
    for band in _charm_bands(bands):
        if amount >= band.upper:
            continue
        shifted = ctx.add(amount, band.offset)
        steps = ctx.divide_int(shifted, band.step)
        if ctx.remainder(shifted, band.step):
            steps += 1
        point = ctx.subtract(ctx.multiply(steps, band.step), band.offset)
        if point < band.upper:
            return point
        amount = band.upper  # no charm point left in this band: the next band's first one
    raise AssertionError("unreachable: the bands never end")  # pragma: no cover


def display_price(money: Money) -> Money:
    """A charm price to SUGGEST for a price book: the smallest charm point at or above ``money``.

    This NEVER feeds a charge. A converted price is charged exactly as :func:`convert` computed
    it; a charm price is only offered to a seller or staff member setting a fixed market price on
    purpose (docs/ARCHITECTURE.md, "Money": the price shown is the price charged).

    The rule, deterministic: round UP to the currency's next charm point, so the suggestion is
    never below the input, and above it by less than one step of the band the amount falls in.
    The steps are about a tenth of the band's lower bound or less, so from 100 major units up
    (JPY from 1,000; KRW/IDR from 10,000) a suggestion is less than 10 % over the input; below
    that it is less than one step over (under 1.00 EUR, 100 JPY, 1,000 KRW). An amount that is
    already a charm point is returned unchanged; zero stays zero.

    ==========================  ====================================================================
    currency                    charm points
    ==========================  ====================================================================
    2 decimals (EUR, USD, GBP)  x.99 below 100; whole ...9 (129.00) to 1,000; 1,049, 1,099 to 10,000
    CHF                         x.90 below 100; x9.90 (129.90) to 1,000; whole 1,049 to 10,000
    3 decimals (KWD, BHD)       x.900 below 100; whole ...9.000 to 1,000; 1,049.000 to 10,000
    0 decimals (JPY, HUF, ISK)  ...90 (990, 2,990) below 10,000; x,900 (12,900) to 100,000
    KRW, IDR, VND               x,900 (29,900) below 100,000; x9,000 (129,000) to 1,000,000
    INR, LKR, PKR, NPR          whole ...9 (499) below 1,000; ...99 (1,299) to 10,000; 12,999 above
    ==========================  ====================================================================

    Above the last band of a row its step grows ten-fold per decade (EUR 10,499; JPY 109,900).

    >>> [str(display_price(m)) for m in (Money(1742, "EUR"), Money(2415, "CHF"), Money(2905, "JPY"))]
    ['17.99 EUR', '24.90 CHF', '2990 JPY']

    Raises:
        TypeError: if ``money`` is not Money.
        ValueError: for a negative amount.
    """
    if not isinstance(money, Money):
        raise TypeError(f"display_price needs a Money, not {type(money).__name__}")
    if money.minor < 0:
        raise ValueError(f"no charm price for a negative amount ({money})")
    if money.minor == 0:
        return money
    bands = _CHARM_BY_CURRENCY.get(money.currency) or _CHARM_BY_EXPONENT.get(money.exponent, _NINETY_NINE)
    return Money.of(_charm_point(money.to_decimal(), bands), money.currency, Rounding.UP)


__all__ = [
    "Conversion",
    "ECB_SOURCE",
    "EmbeddedEcbProvider",
    "FOREX_CACHED_SOURCE",
    "FOREX_FAILURES",
    "FOREX_LIVE_SOURCE",
    "FOREX_UNAVAILABLE",
    "FX_SOURCES",
    "ForexPythonProvider",
    "ListsCurrencies",
    "OVERRIDE_SOURCE",
    "OverrideProvider",
    "RateOverride",
    "RateProvider",
    "RateQuote",
    "RatesNotAvailable",
    "convert",
    "default_provider",
    "display_price",
    "overrides_in_force",
    "provider_for",
    "register_last_good",
    "register_overrides",
    "reset_providers",
    "supported_currencies",
]

"""Staff FX (issue 13, point 6): stored last good rates, "refresh now" and the daily refresh through forex-python
(intercepted on loopback by pytest-httpserver, or a closed loopback port: nothing leaves the machine), and staff
overrides per currency pair wired into every conversion until they expire (``marketplace.core.clock``)."""

from __future__ import annotations

import json
import re
import socket
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from marketplace.accounts.staff_roles import StaffRole
from marketplace.catalog import display, landed, pricing, recommendations
from marketplace.checkout import pricing as pricing_checkout
from marketplace.core import clock
from marketplace.core.db import session_scope
from marketplace.core.errors import NotFound, PermissionDenied, ValidationError
from marketplace.core.money import Money
from marketplace.core.settings import get_settings
from marketplace.crossborder import fx
from marketplace.models import AuditLog, FxOverride, FxRate, FxRefresh, Role
from marketplace.orders import fx_rates
from tests import factories
from tests.factories_account import caller
from tests.integration.catalog.test_fx_source import _product_page, _variant_price

EUR_JPY_EMBEDDED = Decimal("178.15")  # the embedded ECB snapshot of 2026-10-06
LIVE = {"base": "EUR", "date": "2026-12-01", "rates": {"USD": 1.05, "JPY": 160.5, "GBP": 0.83}}


def _forget() -> None:
    get_settings.cache_clear()
    fx.reset_providers()
    for module in (display, landed, recommendations):
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == module.__name__:
                value.cache_clear()


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fx_env(db_url, db_engine, monkeypatch):
    """The app's database, the override loader installed on it, fresh providers and caches (again afterwards)."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("FOREX_API_BASE", f"http://127.0.0.1:{_closed_port()}/api/")
    _forget()
    loader = fx_rates.install(db_engine)
    yield monkeypatch
    fx_rates.uninstall()
    _forget()
    assert loader is not None


@pytest.fixture
def live_service(fx_env, httpserver):
    """forex-python's service on loopback, answering ``LIVE`` for the latest EUR rates."""
    fx_env.setenv("FOREX_API_BASE", httpserver.url_for("/api/"))
    _forget()
    httpserver.expect_request("/api/latest", query_string={"base": "EUR", "rtype": "fpy"}).respond_with_data(
        json.dumps(LIVE), content_type="application/json")
    return httpserver


def _people(engine):
    with Session(engine) as session:
        made = {
            "finance": factories.user(session, Role.STAFF, staff_role=StaffRole.FINANCE),
            "admin": factories.user(session, Role.ADMIN),
            "moderator": factories.user(session, Role.STAFF),
            "support": factories.user(session, Role.STAFF, staff_role=StaffRole.SUPPORT),
            "shopper": factories.user(session),
        }
        people = {name: caller(session, u) for name, u in made.items()}
        session.commit()
        return people


def test_refresh_now_stores_the_live_rates_with_their_source_and_date(live_service, db_engine):
    finance = _people(db_engine)["finance"]
    with session_scope(db_engine) as session:
        result = fx_rates.refresh_now(session, finance)
    assert result.ok and result.rates == 3 and result.as_of.isoformat() == "2026-12-01"
    with Session(db_engine) as session:
        jpy = session.get(FxRate, "JPY")
        assert (jpy.per_eur, jpy.source, jpy.as_of.isoformat()) == (Decimal("160.5"), fx.FOREX_LIVE_SOURCE,
                                                                     "2026-12-01")
        assert session.exec(select(AuditLog).where(AuditLog.action == "fx.refreshed")).one().actor_user_id \
            == finance.user_id


def test_refresh_with_the_source_unreachable_keeps_the_last_good_rates_and_says_so(fx_env, db_engine):
    finance = _people(db_engine)["finance"]
    with session_scope(db_engine) as session:  # the last good refresh, days ago
        session.add(FxRate(currency="JPY", per_eur=Decimal("170.25"), source=fx.FOREX_LIVE_SOURCE,
                           as_of=clock.now().date() - timedelta(days=3)))
    with session_scope(db_engine) as session:
        result = fx_rates.refresh_now(session, finance)
    assert not result.ok and result.outcome == fx_rates.RefreshOutcome.UNREACHABLE
    assert "forex-python could not answer" in result.detail
    with session_scope(db_engine) as session:
        assert session.get(FxRate, "JPY").per_eur == Decimal("170.25")
        view = fx_rates.fx_overview(session, finance)
    assert view.last_refresh is not None and not view.last_refresh.ok
    assert view.last_good_refresh is None
    row = next(r for r in view.rates if r.currency == "JPY")
    assert row.stored_per_eur == Decimal("170.25")
    assert row.in_use == EUR_JPY_EMBEDDED  # FX_SOURCE=embedded: prices keep the snapshot


def test_the_daily_job_runs_once_a_day_with_forex_python(fx_env, live_service, db_engine):
    fx_env.setenv("FX_SOURCE", "forex-python")
    _forget()
    first = fx_rates.refresh_daily(db_engine)
    second = fx_rates.refresh_daily(db_engine)  # a second worker, or the next housekeeping round
    assert first.startswith("fx: stored 3 rate(s)")
    assert second.startswith("fx: rates already refreshed for")
    with Session(db_engine) as session:
        runs = session.exec(select(FxRefresh)).all()
    assert [(r.trigger, r.ok) for r in runs] == [("daily", True)]


def test_the_daily_job_makes_no_call_with_the_embedded_source(fx_env, db_engine):
    assert "no daily refresh" in fx_rates.refresh_daily(db_engine)
    with Session(db_engine) as session:
        assert session.exec(select(FxRefresh)).all() == []


def test_an_override_changes_every_price_until_it_expires(fx_env, db_engine):
    finance = _people(db_engine)["finance"]
    ten_euros = Money(1000, "EUR")
    assert pricing.localise(ten_euros, "JPY") == Money(1782, "JPY")  # 10 x 178.15, half up
    now = clock.now()
    with clock.frozen(now), session_scope(db_engine) as session:
        fx_rates.set_override(session, finance, "EUR", "JPY", "200", (now + timedelta(hours=2)).isoformat(),
                              "Yen auction week: fixed rate agreed with the bank")
    fx_rates.forget_overrides()
    with clock.frozen(now + timedelta(minutes=1)):
        assert pricing.localise(ten_euros, "JPY") == Money(2000, "JPY")
        conversion = fx.convert(ten_euros, "JPY")
        assert conversion.source == f"staff override by {finance.email}"
        assert pricing.localise(Money(2000, "JPY"), "EUR") == Money(1000, "EUR")  # the inverse pair too
    with clock.frozen(now + timedelta(hours=2)):  # at expiry the override stops
        assert pricing.localise(ten_euros, "JPY") == Money(1782, "JPY")
    with Session(db_engine) as session:
        entry = session.exec(select(AuditLog).where(AuditLog.action == "fx.override_set")).one()
    assert entry.detail["reason"].startswith("Yen auction week")
    assert entry.detail["after"]["rate"] == "200"


def test_removing_an_override_stops_it_at_once(fx_env, db_engine):
    finance = _people(db_engine)["finance"]
    with session_scope(db_engine) as session:
        view = fx_rates.set_override(session, finance, "EUR", "JPY", "190.5",
                                     (clock.now() + timedelta(days=1)).isoformat(), "test")
    assert pricing.localise(Money(1000, "EUR"), "JPY") == Money(1905, "JPY")
    with session_scope(db_engine) as session:
        fx_rates.remove_override(session, finance, view.id, "rates back to normal")
    assert pricing.localise(Money(1000, "EUR"), "JPY") == Money(1782, "JPY")
    with session_scope(db_engine) as session, pytest.raises(NotFound):
        fx_rates.remove_override(session, finance, view.id, "twice")


@pytest.mark.parametrize(("base", "quote", "rate", "hours", "reason"), [
    ("EUR", "XXX", "200", 2, "r"), ("EUR", "EUR", "1", 2, "r"), (1, "JPY", "200", 2, "r"),
    ("EUR", "JPY", "-5", 2, "r"), ("EUR", "JPY", "abc", 2, "r"), ("EUR", "JPY", "nan", 2, "r"),
    ("EUR", "JPY", "1.78", 2, "r"),  # a hundred times off: the pair's direction mistaken
    ("EUR", "JPY", 200.0, 2, "r"), ("EUR", "JPY", "200", -1, "r"), ("EUR", "JPY", "200", 24 * 91, "r"),
    ("EUR", "JPY", "200", 2, "  "), ("EUR", "JPY", "200", 2, "x" * 301),
])
def test_bad_overrides_are_refused_and_nothing_is_stored(fx_env, db_engine, base, quote, rate, hours, reason):
    finance = _people(db_engine)["finance"]
    with session_scope(db_engine) as session, pytest.raises(ValidationError):
        fx_rates.set_override(session, finance, base, quote, rate,
                              (clock.now() + timedelta(hours=hours)).isoformat(), reason)
    with Session(db_engine) as session:
        assert session.exec(select(FxOverride)).all() == []


def test_only_finance_and_admin_reach_fx(fx_env, db_engine):
    people = _people(db_engine)
    expires = (clock.now() + timedelta(hours=1)).isoformat()
    for name in ("moderator", "support", "shopper"):
        with session_scope(db_engine) as session:
            for call in (lambda s, c: fx_rates.fx_overview(s, c), lambda s, c: fx_rates.refresh_now(s, c),
                         lambda s, c: fx_rates.set_override(s, c, "EUR", "JPY", "200", expires, "r"),
                         lambda s, c: fx_rates.remove_override(s, c, 1, "r")):
                with pytest.raises(PermissionDenied):
                    call(session, people[name])
    with session_scope(db_engine) as session:
        assert fx_rates.fx_overview(session, people["admin"]).fx_source == "embedded"
        fx_rates.set_override(session, people["admin"], "EUR", "USD", "1.2", expires, "admin may")
    with Session(db_engine) as session:
        assert session.exec(select(FxRefresh)).all() == []
        assert len(session.exec(select(FxOverride)).all()) == 1


def test_the_page_lists_the_data_files_and_the_rules_version(fx_env, db_engine):
    finance = _people(db_engine)["finance"]
    with session_scope(db_engine) as session:
        view = fx_rates.fx_overview(session, finance)
    names = {f.name: f for f in view.data_files}
    assert {"vat_rates.csv", "duty_rates.csv", "regimes.json", "ecb_rates_2026-10-06.json"} <= set(names)
    assert names["ecb_rates_2026-10-06.json"].version == "2026-10-06"
    assert names["regimes.json"].newest_rule and len(view.rules_version) == 12


def test_another_worker_sees_an_override_within_its_cache_period(fx_env, db_engine):
    """Two backend workers share the database, not memory: a second loader (another process's) keeps what it
    read for OVERRIDE_TTL_S, then reads the new override."""
    finance = _people(db_engine)["finance"]
    ticks = [100.0]
    other = fx_rates.OverrideLoader(db_engine, monotonic=lambda: ticks[0])
    assert other() == ()
    with session_scope(db_engine) as session:
        fx_rates.set_override(session, finance, "EUR", "JPY", "200", (clock.now() + timedelta(hours=1)).isoformat(),
                              "test")
    assert other() == ()  # still within its cache period
    ticks[0] += fx_rates.OVERRIDE_TTL_S
    assert [(o.base, o.quote, o.rate) for o in other()] == [("EUR", "JPY", Decimal("200"))]


def test_checkout_prices_with_the_override_and_records_its_source(fx_env, db_engine):
    """The cart and checkout's price (checkout.pricing) converts at the override in force, and the line carries
    the override as its FX source, as the order will store it."""
    finance = _people(db_engine)["finance"]
    item = pricing_checkout.CartItem(
        line_id=1, variant_id=1, sku="SKU-1", product_name="Tea bowl", quantity=2, stock=5,
        vendor_price=Money(1000, "EUR"), hs_code="691200", origin_country="DE", weight_g=400, dims_mm=(100, 100, 80),
        vendor_id=1, vendor_name="Shop", vendor_country="DE", listed=True)
    market = pricing_checkout.Market(country="JP", currency="JPY")
    with session_scope(db_engine) as session:
        fx_rates.set_override(session, finance, "EUR", "JPY", "200", (clock.now() + timedelta(hours=1)).isoformat(),
                              "checkout test")
    priced = pricing_checkout.price_checkout([item], market)
    line = priced.parcels[0].lines[0]
    assert (line.unit_price, line.total, line.fx_rate) == (Money(2000, "JPY"), Money(4000, "JPY"), Decimal("200"))
    assert line.fx_source == f"staff override by {finance.email}"


def test_a_japanese_shoppers_product_page_shows_the_override_until_it_ends(fx_env, db_engine):
    """The product page's state (its on_load, as a page load runs it) prices a euro item at the override."""
    finance = _people(db_engine)["finance"]
    with Session(db_engine) as session:  # a hundred-euro item from a German seller
        shop = factories.vendor(session, country="DE", currency="EUR")
        slug = factories.product(session, shop, factories.category(session), price_minor=10000).slug
        session.commit()
    before = _variant_price(_product_page(slug, currency="JPY", ship_to="JP").variants[0])
    now = clock.now()
    with session_scope(db_engine) as session:
        fx_rates.set_override(session, finance, "EUR", "JPY", "300", (now + timedelta(hours=1)).isoformat(), "test")
    during = _variant_price(_product_page(slug, currency="JPY", ship_to="JP").variants[0])
    with clock.frozen(now + timedelta(hours=1, seconds=1)):
        after = _variant_price(_product_page(slug, currency="JPY", ship_to="JP").variants[0])
    assert during != before and after == before
    assert int(re.sub(r"\D", "", during)) > int(re.sub(r"\D", "", before)) * 3 // 2  # 300 against 178.15


def test_with_forex_python_down_prices_keep_the_last_good_stored_rates(fx_env, db_engine):
    """FX_SOURCE=forex-python and the service unreachable: every process falls back on the stored last good rates
    (before the embedded snapshot), so a restart during an outage keeps them."""
    fx_env.setenv("FX_SOURCE", "forex-python")
    _forget()
    with session_scope(db_engine) as session:
        session.add(FxRate(currency="JPY", per_eur=Decimal("170.25"), source=fx.FOREX_LIVE_SOURCE,
                           as_of=clock.now().date() - timedelta(days=1)))
    fx_rates.install(db_engine)  # a worker starting during the outage
    conversion = fx.convert(Money(1000, "EUR"), "JPY")
    assert conversion.converted == Money(1703, "JPY")  # 10 x 170.25, half up
    assert conversion.source.startswith("forex-python (stored ") and fx.FOREX_UNAVAILABLE in conversion.source

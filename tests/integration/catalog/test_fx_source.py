"""FX_SOURCE selects where exchange rates come from (issue 10, "honest settings").

With ``FX_SOURCE=forex-python`` the product page's prices use the rate forex-python's service answers: its HTTP
call is intercepted at its base URL (``Common._source_url`` pointed at pytest-httpserver on loopback) and answers
a rate no snapshot has, and the product page's state (``ProductState.load``, driven through Reflex's in-memory
state manager, as a page load does) shows the price at that rate. With the service unreachable (a closed port:
connection refused), the page falls back to the embedded ECB snapshot and the engine's quote says so in its
``fx.source``. The process-wide provider, the settings and the display caches are forgotten before and after each
test, so no live rate leaks into another test.
"""

from __future__ import annotations

import socket
import uuid

import pytest
from forex_python import converter
from reflex import constants
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.token import BaseStateToken
from reflex_base.registry import RegistrationContext
from sqlmodel import Session

from marketplace.catalog import display, landed, recommendations
from marketplace.core import clock
from marketplace.core.money import Money
from marketplace.core.settings import get_settings
from marketplace.crossborder import fx
from marketplace.crossborder.landed_cost import quote
from marketplace.crossborder.quote_request import parse_request
from marketplace.pages.storefront.product_state import ProductState
from marketplace.state.locale import LocaleState
from tests import factories
from tests.conftest import run_async

LIVE_EUR_USD = "2.5"  # no published EUR rate was ever this: a price at it comes from the intercepted answer
FALLBACK = f"{fx.ECB_SOURCE[:-1]}, {fx.FOREX_UNAVAILABLE})"  # "ECB reference rates … (embedded, forex-python …)"


def _forget_fx() -> None:
    """Drop what a test with another FX source leaves behind: settings, providers, cached displays."""
    get_settings.cache_clear()
    fx.reset_providers()
    for module in (display, landed, recommendations):
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == module.__name__:
                value.cache_clear()


@pytest.fixture
def forex_python(db_url, db_engine, monkeypatch):
    """FX_SOURCE=forex-python, the app's database, and a fresh provider and caches (again afterwards)."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("FX_SOURCE", "forex-python")
    _forget_fx()
    yield monkeypatch
    _forget_fx()


@pytest.fixture
def product_slug(db_engine) -> str:
    with Session(db_engine) as session:  # a ten-euro item from a German seller
        seller, category = factories.vendor(session, country="DE", currency="EUR"), factories.category(session)
        item = factories.product(session, seller, category, price_minor=1000)
        session.commit()
        return item.slug


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _variant_price(variant) -> str:  # noqa: ANN001 - a view row (dict today; a small dataclass after #10's views)
    return variant["price"] if isinstance(variant, dict) else variant.price


def _product_page(slug: str, currency: str = "USD", ship_to: str = "US") -> ProductState:
    """The product page's state after its on_load, for a shopper paying in ``currency``."""
    registry = RegistrationContext.get()  # the registered states: a context variable, and run_async has a thread

    async def load() -> ProductState:
        RegistrationContext.set(registry)
        manager = StateManagerMemory()
        tab = BaseStateToken(ident=str(uuid.uuid4()), cls=ProductState)
        async with manager.modify_state(tab) as root:
            root.router_data = root._update_router_vars(
                {constants.RouteVar.PATH: f"/p/{slug}", constants.RouteVar.ORIGIN: f"/p/{slug}",
                 constants.RouteVar.HEADERS: {"origin": "http://localhost:3000"}}, root.router_data or {})
            locale = await root.get_state(LocaleState)
            locale.lang, locale.currency, locale.ship_to = "en", currency, ship_to
            page = await root.get_state(ProductState)
            await page.load()
            return page

    return run_async(load())


def _euro_priced_quote():
    """The engine's quote in USD for goods priced in EUR: it converts, and says from which rates."""
    return quote(parse_request({
        "date": clock.now().date().isoformat(), "destination_country": "US", "origin_country": "DE",
        "ship_from_country": "DE", "transport_mode": "courier", "incoterm": "DAP", "currency": "USD",
        "shipping": {"amount": "0.00", "currency": "EUR"},
        "items": [{"sku": "fx-1", "description": "Stoneware cup", "hs_code": "691200", "origin_country": "DE",
                   "quantity": 1, "unit_price": {"amount": "10.00", "currency": "EUR"}, "unit_weight_kg": "0.25"}],
    }))


def test_forex_python_rates_reach_the_product_page(forex_python, product_slug, httpserver):
    # given forex-python's service answers 1 EUR = 2.5 USD
    forex_python.setattr(converter.Common, "_source_url", lambda self: httpserver.url_for("/api/"))
    today = clock.now().date().isoformat()
    httpserver.expect_request("/api/latest", query_string={"base": "EUR", "rtype": "fpy"}).respond_with_data(
        f'{{"base": "EUR", "date": "{today}", "rates": {{"USD": {LIVE_EUR_USD}, "GBP": 0.5}}}}',
        content_type="application/json")
    # when a shopper paying in dollars opens the ten-euro item's page
    page = _product_page(product_slug)
    # then its price is ten euros at the live rate, and the rate was fetched from the service
    assert page.error == ""
    assert _variant_price(page.variants[0]) == "$25.00"
    assert any(entry[0].path == "/api/latest" for entry in httpserver.log)
    # and the engine's quotes convert at it and say where the rate came from
    result = _euro_priced_quote()
    assert result.fx is not None and result.fx.source == fx.FOREX_LIVE_SOURCE
    assert result.goods_value == Money(2500, "USD")


def test_without_the_network_the_embedded_snapshot_answers_and_the_quote_says_so(forex_python, product_slug):
    # given forex-python's service cannot be reached (connection refused)
    port = _closed_port()
    forex_python.setattr(converter.Common, "_source_url", lambda self: f"http://127.0.0.1:{port}/api/")
    # when a shopper paying in dollars opens the ten-euro item's page
    page = _product_page(product_slug)
    # then the page still has a price: ten euros at the embedded ECB snapshot's rate
    snapshot = fx.convert(Money(1000, "EUR"), "USD", fx.EmbeddedEcbProvider()).converted
    assert page.error == ""
    assert _variant_price(page.variants[0]) == f"${snapshot.amount_str()}"
    # and the engine's quote says the rate is the snapshot's because forex-python was unavailable
    result = _euro_priced_quote()
    assert result.fx is not None and result.fx.source == FALLBACK
    assert result.goods_value == snapshot


def test_the_default_source_is_the_embedded_snapshot(db_url, db_engine, monkeypatch):
    monkeypatch.delenv("FX_SOURCE", raising=False)
    _forget_fx()
    try:
        assert fx.default_provider() is fx.provider_for("embedded")
        assert _euro_priced_quote().fx.source == fx.ECB_SOURCE
    finally:
        _forget_fx()

"""Issue 9, defect 4: the security-headers middleware over the app's real HTTP routes (API, webhooks, share,
media) and a built-pages mount like single-port mode's, through Starlette's TestClient."""

from __future__ import annotations

import os

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from marketplace.api.auth_routes import _FRESH_TAB_HTML
from marketplace.api.auth_routes import ROUTES as API_ROUTES
from marketplace.api.media import media_mount
from marketplace.api.security import SecurityHeaders
from marketplace.api.share import ROUTES as SHARE_ROUTES
from marketplace.api.webhooks import ROUTES as WEBHOOK_ROUTES
from marketplace.core.security_headers import inline_script_hashes, script_hash
from marketplace.core.settings import get_settings
from tests.conftest import migrate

HEADERS = ("content-security-policy", "x-frame-options", "referrer-policy", "x-content-type-options",
           "permissions-policy")
PAGE = '<html><head><script src="/assets/app.js"></script><script>window.ctx = {"a": 1};</script></head></html>'


async def _echo(websocket) -> None:  # noqa: ANN001
    await websocket.accept()
    await websocket.send_text(await websocket.receive_text())
    await websocket.close()


@pytest.fixture
def make_client(sqlite_url, monkeypatch, tmp_path):
    """The headers do not depend on the database: one migrated SQLite file answers the routes."""
    migrate(sqlite_url)
    built = tmp_path / "client"
    (built / "p").mkdir(parents=True)
    (built / "index.html").write_text(PAGE)
    (built / "p" / "tea-cup.html").write_text(PAGE)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    (tmp_path / "uploads").mkdir()
    monkeypatch.setenv("REFLEX_UPLOADED_FILES_DIR", str(tmp_path / "uploads"))
    for name in ("PAYMENTS", "STRIPE_JS_URL", "STRIPE_API_BASE", "MERIDIAN_ENV"):
        monkeypatch.delenv(name, raising=False)
    clients = []

    def make(public_url: str = "http://127.0.0.1:3000", **env: str) -> TestClient:
        monkeypatch.setenv("PUBLIC_URL", public_url)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        routes = [*API_ROUTES, *WEBHOOK_ROUTES, *SHARE_ROUTES, media_mount(), WebSocketRoute("/_event", _echo),
                  Mount("/", StaticFiles(directory=built, html=True))]
        app = SecurityHeaders(Starlette(routes=routes), static_dir=lambda: built, extra_html=[_FRESH_TAB_HTML])
        client = TestClient(app, base_url=public_url)
        clients.append(client)
        return client

    make.built = built
    yield make
    for client in clients:
        client.close()
    get_settings.cache_clear()


@pytest.mark.parametrize("method, path", [("GET", "/api/health"), ("GET", "/"), ("GET", "/p/tea-cup"),
                                          ("GET", "/media/missing.webp"), ("GET", "/share/p/no-such-product"),
                                          ("POST", "/api/auth/login"), ("POST", "/api/webhooks/stripe")])
def test_every_route_answers_with_the_security_headers(make_client, method, path):
    response = make_client().request(method, path, follow_redirects=False)
    for name in HEADERS:
        assert name in response.headers, f"{method} {path} ({response.status_code}) lacks {name}"
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "strict-transport-security" not in response.headers  # plain http


def test_a_header_the_route_set_itself_is_not_doubled(make_client):
    response = make_client().get("/media/missing.webp")
    assert response.headers.get_list("x-content-type-options") == ["nosniff"]


def test_the_policy_allows_the_built_pages_inline_scripts_by_hash_and_nothing_inline_else(make_client):
    policy = make_client().get("/").headers["content-security-policy"]
    script_src = policy.split("script-src ", 1)[1].split(";", 1)[0].split()
    assert script_hash('window.ctx = {"a": 1};') in script_src
    assert inline_script_hashes(_FRESH_TAB_HTML) <= set(script_src)  # the log-out page's own script
    assert "'unsafe-inline'" not in script_src
    assert "connect-src 'self' ws://127.0.0.1:3000" in policy


def test_a_rebuild_is_picked_up(make_client):
    client = make_client()
    client.get("/")
    index = make_client.built / "index.html"
    index.write_text("<script>window.rebuilt = 2</script>")
    os.utime(index, ns=(index.stat().st_atime_ns, index.stat().st_mtime_ns + 10**9))
    assert script_hash("window.rebuilt = 2") in client.get("/api/health").headers["content-security-policy"]


def test_hsts_over_https(make_client):
    client = make_client("https://shop.example")
    for path in ("/", "/api/health"):
        assert client.get(path).headers["strict-transport-security"].startswith("max-age=31536000")
    assert "connect-src 'self' wss://shop.example" in client.get("/").headers["content-security-policy"]


def test_stripe_js_origin_comes_from_the_setting(make_client):
    client = make_client(PAYMENTS="stripe", STRIPE_JS_URL="http://127.0.0.1:8420/js.stripe.com/v3/",
                         STRIPE_API_BASE="http://127.0.0.1:8420")
    policy = client.get("/").headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert "http://127.0.0.1:8420" in directives["script-src"].split()
    assert directives["frame-src"] == "http://127.0.0.1:8420"
    assert "http://127.0.0.1:8420" in directives["connect-src"].split()


def test_without_stripe_no_third_party_script_or_frame_is_allowed(make_client):
    directives = dict(d.strip().split(" ", 1) for d in make_client().get("/").headers["content-security-policy"]
                      .split(";"))
    assert "stripe" not in directives["script-src"] and directives["frame-src"] == "'none'"


def test_the_event_websocket_is_not_touched(make_client):
    with make_client().websocket_connect("/_event") as websocket:
        websocket.send_text("ping")
        assert websocket.receive_text() == "ping"

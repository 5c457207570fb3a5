"""The guest-cart cookie is issued by the server, HttpOnly, on pages and the websocket handshake, and the
request that gets it already carries it (issue #9, defect 6: on main it was a script-readable rx.Cookie)."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient

from marketplace.api.cart_cookie import CartCookieMiddleware
from marketplace.core.settings import get_settings

GOOD = "Gg" * 16  # a valid guest token shape


async def page(request):  # noqa: ANN001, ANN201
    return HTMLResponse(f"<p>{request.cookies.get('mp_guest_cart', '')}</p>")


async def api(request):  # noqa: ANN001, ANN201
    return JSONResponse({"token": request.cookies.get("mp_guest_cart", "")})


async def login(_request):  # noqa: ANN001, ANN201
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie("mp_guest_cart", path="/")
    response.headers["content-type"] = "text/html"
    return response


async def socket(websocket):  # noqa: ANN001, ANN201
    await websocket.accept()
    await websocket.send_text(websocket.cookies.get("mp_guest_cart", ""))
    await websocket.close()


@pytest.fixture
def client(monkeypatch):
    def make(public_url: str = "http://shop.test") -> TestClient:
        monkeypatch.setenv("PUBLIC_URL", public_url)
        get_settings.cache_clear()
        app = Starlette(routes=[Route("/", page), Route("/api/x", api), Route("/login", login, methods=["POST"]),
                                WebSocketRoute("/_event", socket)])
        return TestClient(CartCookieMiddleware(app), base_url="http://shop.test", follow_redirects=False)
    yield make
    get_settings.cache_clear()


def _cart_cookie(response) -> str:  # noqa: ANN001
    found = [c for c in response.headers.get_list("set-cookie") if c.startswith("mp_guest_cart=")]
    assert len(found) == 1, response.headers.get_list("set-cookie")
    return found[0]


def test_a_page_without_the_cookie_issues_an_httponly_token_that_the_request_already_carries(client):
    response = client().get("/")
    cookie = _cart_cookie(response)
    token = cookie.split(";")[0].split("=", 1)[1]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie and "Secure" not in cookie
    assert len(token) >= 32 and response.text == f"<p>{token}</p>"


def test_the_cookie_is_secure_over_https(client):
    assert "Secure" in _cart_cookie(client("https://shop.example").get("/"))


def test_a_valid_cookie_is_kept_and_nothing_is_set(client):
    test_client = client()
    test_client.cookies.set("mp_guest_cart", GOOD)
    response = test_client.get("/")
    assert response.text == f"<p>{GOOD}</p>" and "set-cookie" not in response.headers


@pytest.mark.parametrize("junk", ["short", "x" * 200, "a;b", "<script>alert(1)</script>"])
def test_a_junk_cookie_is_replaced(client, junk):
    test_client = client()
    test_client.cookies.set("mp_guest_cart", junk)
    response = test_client.get("/")
    assert junk not in _cart_cookie(response)


def test_api_answers_set_no_cookie_so_they_stay_cacheable(client):
    assert "set-cookie" not in client().get("/api/x").headers


def test_a_response_that_sets_the_cookie_itself_wins(client):
    response = client().post("/login")
    assert _cart_cookie(response).startswith('mp_guest_cart=""') or "Max-Age=0" in _cart_cookie(response)


def test_the_old_script_readable_cookie_moves_into_the_httponly_one(client):
    test_client = client()
    test_client.cookies.set("mp_cart", GOOD)
    response = test_client.get("/")
    assert _cart_cookie(response).startswith(f"mp_guest_cart={GOOD};") and response.text == f"<p>{GOOD}</p>"
    assert any(c.startswith("mp_cart=;") and "Max-Age=0" in c for c in response.headers.get_list("set-cookie"))


def test_the_websocket_handshake_gets_the_token_too(client):
    with client().websocket_connect("/_event") as ws:
        token = ws.receive_text()
    assert len(token) >= 32

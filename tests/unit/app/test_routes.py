"""Route builders and the post-login redirect filter."""

from __future__ import annotations

import pytest

from marketplace import routes


@pytest.mark.parametrize("value, expected", [
    ("/seller", "/seller"),
    ("/p/indigo-mug?x=1", "/p/indigo-mug?x=1"),
    ("https://evil.example/", "/"),
    ("//evil.example/", "/"),
    ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
    ("", "/"),
    (None, "/"),
    ("/a\nSet-Cookie: x", "/"),
    ("/" + "a" * 400, "/"),
])
def test_safe_next_only_allows_local_paths(value, expected):
    assert routes.safe_next(value) == expected


def test_builders():
    assert routes.product("indigo mug") == "/p/indigo%20mug"
    assert routes.category("home", 1) == "/c/home"
    assert routes.category("home", 3) == "/c/home?page=3"
    assert routes.search("red shoes") == "/search?q=red+shoes"
    assert routes.login("/seller") == "/login?next=%2Fseller"

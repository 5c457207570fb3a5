"""The public tracking link's token: one per parcel, unforgeable without the secret, refused when touched."""

from __future__ import annotations

import pytest

from marketplace.orders import tracking_links

SECRET = "unit-test-secret"


def test_a_signed_token_names_its_parcel_and_only_that_one():
    token = tracking_links.sign(42, secret=SECRET)
    assert tracking_links.verify(token, secret=SECRET) == 42
    assert tracking_links.sign(42, secret=SECRET) == token  # an e-mail sent twice links to the same page
    assert token.startswith("42.") and len(token.split(".")[1]) == 22  # 128-bit MAC, base64url


def test_another_parcels_id_with_this_mac_is_refused():
    mac = tracking_links.sign(42, secret=SECRET).split(".")[1]
    assert tracking_links.verify(f"43.{mac}", secret=SECRET) is None
    assert tracking_links.verify(f"042.{mac}", secret=SECRET) is None


def test_a_token_of_another_install_is_refused():
    assert tracking_links.verify(tracking_links.sign(42, secret="another-secret"), secret=SECRET) is None


@pytest.mark.parametrize("mangle", [
    lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # one character of the MAC changed
    lambda t: t[:-1],  # truncated
    lambda t: t + "A",  # too long
    lambda t: t.replace(".", ""),  # no separator
    lambda t: t.replace(".", ".."),
    lambda t: " " + t,
    lambda t: t.upper(),
    lambda t: "0." + t.split(".")[1],
    lambda t: "-1." + t.split(".")[1],
    lambda t: "",
])
def test_a_tampered_token_is_refused(mangle):
    token = tracking_links.sign(42, secret=SECRET)
    assert tracking_links.verify(mangle(token), secret=SECRET) is None


@pytest.mark.parametrize("value", [None, 42, b"42.abc", ["42"], {"id": 42}, "x" * 5000])
def test_anything_but_a_token_string_is_refused(value):
    assert tracking_links.verify(value, secret=SECRET) is None


@pytest.mark.parametrize("value", [0, -1, True, "1", 1.0])
def test_only_a_positive_int_is_signed(value):
    with pytest.raises(ValueError):
        tracking_links.sign(value, secret=SECRET)


def test_the_link_is_absolute_under_the_public_url(monkeypatch):
    from marketplace.core.settings import get_settings

    monkeypatch.setenv("PUBLIC_URL", "https://shop.example")
    monkeypatch.setenv("SECRET_KEY", SECRET)
    get_settings.cache_clear()
    try:
        assert tracking_links.tracking_url(7) == f"https://shop.example/track/{tracking_links.sign(7, secret=SECRET)}"
    finally:
        get_settings.cache_clear()

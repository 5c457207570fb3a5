"""Which address a request comes from: X-Forwarded-For counts only when the peer is a trusted proxy."""

from __future__ import annotations

import pytest

from marketplace.accounts.client_address import client_address, parse_address, parse_proxies

PROXIES = parse_proxies("10.0.0.0/8, 192.0.2.7, fd00::/8")


def test_without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says():
    assert client_address("203.0.113.5", "1.1.1.1", ()) == "203.0.113.5"


def test_a_spoofed_header_from_an_untrusted_peer_is_ignored():
    assert client_address("203.0.113.5", "10.0.0.1, 198.51.100.9", PROXIES) == "203.0.113.5"


def test_behind_a_trusted_proxy_the_client_is_the_header_entry():
    assert client_address("10.1.2.3", "198.51.100.9", PROXIES) == "198.51.100.9"


def test_the_right_most_untrusted_entry_wins_over_what_the_client_wrote_on_the_left():
    # the client sent "X-Forwarded-For: 6.6.6.6" itself; the proxy appended the real address
    assert client_address("10.1.2.3", "6.6.6.6, 198.51.100.9", PROXIES) == "198.51.100.9"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right():
    assert client_address("192.0.2.7", "6.6.6.6, 198.51.100.9, 10.9.9.9, 10.0.0.2", PROXIES) == "198.51.100.9"


def test_several_headers_count_as_one_list_in_order():
    assert client_address("10.1.2.3", ["6.6.6.6", "198.51.100.9, 10.0.0.2"], PROXIES) == "198.51.100.9"


def test_when_every_entry_is_a_proxy_the_left_most_is_the_client():
    assert client_address("10.1.2.3", "10.0.0.9, 10.0.0.2", PROXIES) == "10.0.0.9"


def test_a_missing_or_empty_header_leaves_the_peer():
    assert client_address("10.1.2.3", None, PROXIES) == "10.1.2.3"
    assert client_address("10.1.2.3", " , ", PROXIES) == "10.1.2.3"


@pytest.mark.parametrize("header", ["unknown", "<script>", "1.2.3.4.5", "x" * 500, "_hidden", "999.1.1.1"])
def test_garbage_in_the_header_never_becomes_the_address(header):
    assert client_address("10.1.2.3", header, PROXIES) == "10.1.2.3"
    assert client_address("10.1.2.3", f"198.51.100.9, {header}", PROXIES) == "10.1.2.3"


def test_ipv6_clients_and_proxies():
    assert client_address("fd00::1", "2001:DB8:0:0::7", PROXIES) == "2001:db8::7"
    assert client_address("2001:db8::99", "198.51.100.9", PROXIES) == "2001:db8::99"
    assert client_address("fd00::1", "[2001:db8::7]:4711, fd12::3", PROXIES) == "2001:db8::7"


def test_ipv4_mapped_ipv6_and_ports_are_normalised_so_one_client_is_one_address():
    assert client_address("::ffff:10.1.2.3", "198.51.100.9:5555", PROXIES) == "198.51.100.9"
    assert client_address("::ffff:203.0.113.5", None, PROXIES) == "203.0.113.5"


@pytest.mark.parametrize("peer", [None, "", "testclient", 42, "not an address"])
def test_a_peer_that_is_not_an_address_is_unknown(peer):
    assert client_address(peer, "198.51.100.9", PROXIES) == "unknown"


def test_parse_address_refuses_non_addresses():
    assert parse_address("1.2.3.4:80") is not None
    assert parse_address(["1.2.3.4"]) is None
    assert parse_address("fe80::1%eth0") is not None


@pytest.mark.parametrize("spec", ["10.0.0.0/8,banana", "10.0.0.0/33", "300.1.1.1"])
def test_a_typo_in_trusted_proxies_fails_loudly(spec):
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        parse_proxies(spec)


def test_an_empty_setting_trusts_nobody():
    assert parse_proxies("") == () and parse_proxies(None) == () and parse_proxies(" , ") == ()


def test_the_app_refuses_to_start_with_a_typo_in_trusted_proxies(monkeypatch):
    from marketplace.core.settings import get_settings

    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8, 10.0.0.300")
    get_settings.cache_clear()
    try:
        with pytest.raises(ValueError, match="TRUSTED_PROXIES: '10.0.0.300'"):
            get_settings()
        monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8, 2001:db8::/32")
        get_settings.cache_clear()
        assert get_settings().trusted_proxies == "10.0.0.0/8, 2001:db8::/32"
    finally:
        monkeypatch.delenv("TRUSTED_PROXIES")
        get_settings.cache_clear()

"""Which address a request really comes from, given the proxies this deployment trusts. Pure: no I/O.

Contract:
- ``parse_proxies("10.0.0.0/8, 192.0.2.7, ::1")`` turns the ``TRUSTED_PROXIES`` setting (a comma list of IPs
  and CIDR networks, IPv4 or IPv6) into networks; an entry that is neither raises ``ValueError`` naming it,
  so a typo fails at start-up instead of silently trusting nobody (or everybody).
  ``trusted_proxies(spec)`` is the same, cached per value.
- ``client_address(peer, forwarded_for, trusted)`` returns the client's address as a normalised string:
  * the direct peer when it is not a trusted proxy: an ``X-Forwarded-For`` header from anyone else is
    ignored, because any client can send one;
  * otherwise the right-most ``X-Forwarded-For`` entry that is not itself a trusted proxy (entries to its
    left were written by the client and cannot be believed); several headers count as one list, in order;
  * when every entry is a trusted proxy, the left-most one; when the header is missing or empty, the peer;
  * an entry that is not an address (garbage, ``unknown``, an obfuscated token) stops the walk: the address
    of the trusted hop that passed it on is returned, never the garbage.
  Addresses are normalised (IPv6 compressed and lower case, IPv4-mapped IPv6 shown as IPv4, ports and
  brackets dropped), so one client cannot look like many. A peer that is not an address is returned as
  ``"unknown"``. The result is at most 64 characters.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable, Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
UNKNOWN = "unknown"


def parse_proxies(spec: str | None) -> tuple[Network, ...]:
    networks = []
    for entry in (spec or "").split(","):
        entry = entry.strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"TRUSTED_PROXIES: {entry!r} is not an IP address or CIDR network") from None
    return tuple(networks)


@functools.cache
def trusted_proxies(spec: str) -> tuple[Network, ...]:
    """``parse_proxies`` remembered per setting value (it is read on every request)."""
    return parse_proxies(spec)


def parse_address(value: object) -> Address | None:
    """An address from a header entry or a peer: ``1.2.3.4``, ``1.2.3.4:5678``, ``[2001:db8::1]:443``,
    ``2001:db8::1``, ``::ffff:1.2.3.4`` (shown as IPv4); None for anything else."""
    if not isinstance(value, str):
        return None
    text = value.strip().strip('"')
    if not text or len(text) > 64:
        return None
    if text.startswith("["):  # [v6] or [v6]:port
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # v4:port
        text = text.partition(":")[0]
    text = text.partition("%")[0]  # a zone id names an interface of the proxy, not a client
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, trusted: Sequence[Network]) -> bool:
    return any(address.version == network.version and address in network for network in trusted)


def _entries(forwarded_for: str | Iterable[str] | None) -> list[str]:
    headers = [forwarded_for] if isinstance(forwarded_for, str) else list(forwarded_for or [])
    return [entry.strip() for header in headers if isinstance(header, str) for entry in header.split(",")
            if entry.strip()]


def client_address(peer: object, forwarded_for: str | Iterable[str] | None,
                   trusted: Sequence[Network]) -> str:
    hop = parse_address(peer)
    if hop is None:
        return UNKNOWN
    if not _trusted(hop, trusted):
        return str(hop)
    for entry in reversed(_entries(forwarded_for)):
        address = parse_address(entry)
        if address is None:
            return str(hop)  # garbage: the last hop we trust is the best we know
        hop = address
        if not _trusted(address, trusted):
            return str(address)
    return str(hop)[:64]

"""The client address a request comes from, for the per-address login limit.

Behind a reverse proxy the TCP peer is the proxy; the client's address is in
``X-Forwarded-For``, where each proxy *appends* the address it received the request from.
Only what trusted proxies appended can be believed: the left part of the header is whatever
the client chose to send. So the address is the **rightmost untrusted** one: walk the chain
from the peer leftwards while the hop is a trusted proxy; the first hop that is not one is
the client. A client that sends ``X-Forwarded-For: <random>`` through the proxy only adds
entries to the left of its real address, which the walk never reaches.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_trusted_proxies(entries: Iterable[str]) -> tuple[Network, ...]:
    """Networks from addresses or CIDR blocks (``10.0.0.5``, ``10.0.0.0/8``, ``::1``).

    Raises:
        ValueError: an entry is not an address or a network (French message); ``*`` is
            refused too, since trusting every peer lets anyone choose their address.
    """
    networks: list[Network] = []
    for raw in entries:
        entry = raw.strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as exc:
            raise ValueError(
                f"TNE_API_TRUSTED_PROXIES : « {entry} » n’est ni une adresse IP ni un réseau "
                "(par exemple 10.0.0.5 ou 10.0.0.0/24)."
            ) from exc
    return tuple(networks)


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:5123"
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, trusted: Sequence[Network]) -> bool:
    return any(ip.version == net.version and ip in net for net in trusted)


def client_address(
    peer: str | None, forwarded_for: Sequence[str], trusted: Sequence[Network]
) -> str:
    """The rightmost untrusted address of the chain ``forwarded_for`` + ``peer``.

    Args:
        peer: The TCP peer's address (``request.client.host``).
        forwarded_for: The ``X-Forwarded-For`` header values, in the order received.
        trusted: The trusted proxies; with none, the header is ignored.
    """
    current = (peer or "").strip() or "unknown"
    if not trusted:
        return current
    hops = [h for value in forwarded_for for h in value.split(",")]
    ip = _ip(current)
    for hop in reversed(hops):
        if ip is None or not _trusted(ip, trusted):
            break  # ``current`` did not come through a trusted proxy: it is the client
        nxt = _ip(hop)
        if nxt is None:
            break  # a trusted proxy wrote something unreadable: keep the proxy itself
        current, ip = str(nxt), nxt
    return current

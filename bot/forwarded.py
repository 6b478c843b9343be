"""The client's address when the bot runs behind a reverse proxy (deploy/nginx).

nginx connects from loopback and names the client in X-Forwarded-For (and X-Real-IP). Only a proxy on
loopback is believed: anyone else could write those headers themselves. Of X-Forwarded-For only the last
address counts, the one our proxy appended (what comes before it is whatever the client claimed), and only
if it is an IP address.
"""

from __future__ import annotations

import ipaddress

from aiohttp.web import BaseRequest


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def client_address(request: BaseRequest) -> str | None:
    """The client's address: the forwarded one when the peer is a proxy on loopback, else the peer's."""
    peer = request.remote
    headers = request.headers
    if "X-Forwarded-For" not in headers and "X-Real-IP" not in headers:
        return peer  # said without parsing an address: this runs for every access line
    peer_ip = _ip(peer or "")
    if peer_ip is None or not peer_ip.is_loopback:
        return peer
    hops = [hop.strip() for value in headers.getall("X-Forwarded-For", []) for hop in value.split(",")]
    forwarded = hops[-1] if hops else headers.get("X-Real-IP", "").strip()
    client = _ip(forwarded)
    return str(client) if client is not None else peer

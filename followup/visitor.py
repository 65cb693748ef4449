"""Who is "the local user": the rule, on its own (no Streamlit import; the page passes in what the
connection says).

A visitor is local, and gets the single local log with no link and no sign-in, only when all of this
holds; every other visitor gets a private workspace:

- the connection's raw peer address is loopback (127.0.0.0/8, ::1, or ::ffff:127.x.x.x);
- the browser addressed the app by a loopback name: the ``Host`` header and the ``Origin`` header both
  name ``localhost``, an address in 127.0.0.0/8 or ``[::1]`` (any port). A browser always sends
  ``Origin`` with a WebSocket; one without it is another program, and behind a reverse proxy that
  rewrites ``Host`` to its loopback upstream and adds no forwarding header (nginx's defaults for
  ``proxy_pass http://127.0.0.1:8501``) the missing ``Origin`` would be the only sign of a stranger;
- no proxy forwarding header is present (``Forwarded``, ``X-Forwarded-For``, ``X-Forwarded-Host``,
  ``X-Forwarded-Proto``, ``X-Real-IP``, ``Via``): behind a reverse proxy on the same machine the peer is
  loopback, but the visitors are not.

Shared mode (``FOLLOWUP_SHARED=1``) makes every visitor private, loopback ones too; that is decided
in :mod:`followup.workspace`, not here. Anything missing or unreadable counts against being local.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

FORWARDING_HEADERS = ("forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
                      "x-real-ip", "via")


def loopback_ip(value: object) -> bool:
    """Whether ``value`` is a loopback IP address (IPv4-mapped IPv6 included)."""
    if not isinstance(value, str) or not value.strip():
        return False
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return bool((mapped or address).is_loopback)


def loopback_name(host: object) -> bool:
    """Whether a ``Host`` value (``name[:port]``, ``[v6][:port]``) names this machine by a loopback
    name: ``localhost``, 127.0.0.0/8 or ``[::1]``. Other names for the same machine do not count."""
    if not isinstance(host, str) or not host.strip():
        return False
    try:
        parts = urlsplit("//" + host.strip())
        name = parts.hostname
        _ = parts.port  # a malformed port is not a loopback name
    except ValueError:
        return False
    if not name or parts.username is not None or parts.password is not None or parts.path or parts.query:
        return False
    name = name.rstrip(".").lower()
    if name == "localhost":
        return True
    if host.strip().startswith("["):  # an IPv6 literal: only [::1] (or a mapped 127.x) is loopback
        return loopback_ip(name)
    try:
        return ipaddress.IPv4Address(name).is_loopback  # dotted-quad only: no "127.1", no names
    except ValueError:
        return False


def loopback_origin(origin: object) -> bool:
    """Whether an ``Origin`` header (``scheme://host[:port]``) names a loopback host."""
    if not isinstance(origin, str):
        return False
    try:
        parts = urlsplit(origin.strip())
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.path not in ("", "/") or parts.query:
        return False
    return loopback_name(parts.netloc)


def _headers(headers: Mapping[str, str] | Iterable[tuple[str, str]] | None) -> dict[str, list[str]]:
    """Header names lower-cased, every value kept (a repeated Host must not hide a second one)."""
    items = headers.items() if isinstance(headers, Mapping) else (headers or ())
    out: dict[str, list[str]] = {}
    for name, value in items:
        out.setdefault(str(name).lower(), []).append(str(value))
    return out


@dataclass(frozen=True)
class Verdict:
    local: bool
    reason: str  # for tests and the host's own checks; never shown with the headers' values


def decide(peer: object, headers: Mapping[str, str] | Iterable[tuple[str, str]] | None) -> Verdict:
    """The rule above, for the raw connection ``peer`` (an IP address, or None when unknown) and the
    request's headers (a mapping or (name, value) pairs, as Streamlit's client context keeps them)."""
    if not loopback_ip(peer):
        return Verdict(False, "the connection does not come from this machine")
    h = _headers(headers)
    if any(name in h for name in FORWARDING_HEADERS):
        return Verdict(False, "a proxy forwarded the request")
    hosts = h.get("host", [])
    if len(hosts) != 1 or not loopback_name(hosts[0]):
        return Verdict(False, "the browser did not address the app by a loopback name")
    origins = h.get("origin", [])
    if len(origins) != 1 or not loopback_origin(origins[0]):
        return Verdict(False, "the page was not opened from a loopback address")
    return Verdict(True, "same machine, loopback name, no proxy")


def is_local(peer: object, headers: Mapping[str, str] | Iterable[tuple[str, str]] | None) -> bool:
    return decide(peer, headers).local

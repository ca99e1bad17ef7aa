"""Webhook target URLs: syntax checks and SSRF protection (refuse hosts resolving to non-public addresses)."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from claimtrack.errors import ClaimtrackError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
SHARED_ADDRESS_SPACE = ipaddress.IPv4Network("100.64.0.0/10")  # carrier-grade NAT, not reachable from outside
_URL_SAFE = "/?#[]@!$&'()*+,;=-._~:%"  # RFC 3986 reserved and unreserved characters, and '%' of escapes


class TargetRefused(ClaimtrackError):
    """A webhook URL is malformed or points at an address the service must not call."""

    status = 422
    title = "Webhook target refused"
    type_slug = "webhook-target-refused"


@dataclass(frozen=True)
class Target:
    """A checked webhook target: where to connect (the vetted addresses) and what to ask for."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def parse(url: str) -> tuple[str, str, int, str]:
    """Scheme, host, port and path+query of an http(s) URL without credentials, or TargetRefused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise TargetRefused(f"the URL is malformed: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise TargetRefused("the URL must start with http:// or https://")
    if parts.username is not None or parts.password is not None:
        raise TargetRefused("the URL must not contain credentials; authenticate requests by their signature")
    if not parts.hostname:
        raise TargetRefused("the URL has no host")
    if parts.fragment:
        raise TargetRefused("the URL must not contain a #fragment")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    # what an HTTP request line cannot carry as it is ('/hooks/café', a space) is sent percent-encoded;
    # escapes already there stay as they are
    path = quote(path, safe=_URL_SAFE)
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def refusal(address: IPAddress) -> str | None:
    """Why the service must not connect to this address (None when it is a public unicast address)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or (
            ipaddress.IPv4Address(int(address) & 0xFFFFFFFF) if address in NAT64 else None
        )
        if embedded is not None:
            return refusal(embedded)
    for kind in ("unspecified", "loopback", "link_local", "multicast", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    if isinstance(address, ipaddress.IPv4Address) and address in SHARED_ADDRESS_SPACE:
        return "shared (carrier-grade NAT)"
    if not address.is_global:
        return "non-global"
    return None


def resolve(url: str, allow_private: bool = False) -> Target:
    """Check a URL and resolve its host; refuse it if any address is not public (unless allow_private)."""
    scheme, host, port, path = parse(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise TargetRefused(f"the host {host!r} could not be resolved") from exc
    addresses = tuple(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in infos))
    if not allow_private:
        for text in addresses:
            reason = refusal(ipaddress.ip_address(text))
            if reason:
                raise TargetRefused(
                    f"the host {host!r} resolves to {text}, a {reason} address; webhooks may only target "
                    "public addresses (an operator can allow private ones with CLAIMTRACK_WEBHOOK_ALLOW_PRIVATE=1)"
                )
    return Target(scheme, host, port, path, addresses)

"""Which addresses the client talks to: the hub over https (plain http only on this machine's
loopback, for tests and a hub on the same computer), and upload URLs only on the hub's own
origin, so no other host ever receives the Bearer token or a file."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from station.errors import ErrorCode, StationError

_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback  # 127.0.0.0/8 and ::1
    except ValueError:
        return False


def require_secure_hub_url(url: str) -> None:
    """Raises when the hub URL would send the secret and files in clear text (or is no URL)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    secure = parts.scheme == "https" or (parts.scheme == "http" and is_loopback(host))
    if not host or not secure:
        raise insecure_url(url)


def insecure_url(url: str) -> StationError:
    return StationError(ErrorCode.SYNC_INSECURE_URL, url=url[:200])


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port), the port filled in when the URL leaves it out."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: no origin matches it
        return scheme, "", None
    return scheme, (parts.hostname or "").lower(), port or _DEFAULT_PORTS.get(scheme)


def same_origin(url: str, base: str) -> bool:
    return origin(url)[1] != "" and origin(url) == origin(base)


def foreign_url(url: str, hub: str) -> StationError:
    return StationError(ErrorCode.SYNC_FOREIGN_UPLOAD_URL, url=url[:200], hub=hub[:200])

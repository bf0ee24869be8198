"""Dashboard logins: the account's token in an HttpOnly, SameSite=Strict cookie (Secure over
https), ended after IDLE_TIMEOUT without a request, and a CSRF token for every form.

The cookie holds a token the password grant would also give (accounts.log_in: the same scrypt
check), so disabling an account or changing its password ends its dashboard logins at once, as
it ends its API tokens.

Who may log in: every account of the hub (hub/principal.py, ACCOUNT_ROLES) has a dashboard, a
supervisor's figures or an administrator's access log. Clerks, and a station's own supervisors,
are accounts of their station (station/accounts, in its database) that the hub never holds:
their name and password are refused here as any unknown ones are, and a station's client
secret opens the API, not this login.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from enum import StrEnum

from fastapi import Request, Response

from hub import accounts
from hub.context import Hub
from hub.principal import Principal
from hub.web import session_store

IDLE_TIMEOUT = 30 * 60  # seconds without a request before the login ends
_TOUCH_AFTER = 60  # seconds; the last-active time is written at most this often
SESSION_COOKIE = "sohoa_session"


@dataclass(frozen=True)
class WebSession:
    principal: Principal
    token: str

    @property
    def csrf(self) -> str:
        return csrf_token(self.token)


class LoginRefusal(StrEnum):
    WRONG = "wrong"  # unknown name (a station's clerk too), wrong password, disabled account
    INSECURE = "insecure"  # plain http from another machine
    SLOW_DOWN = "slow_down"


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def transport_allowed(request: Request) -> bool:
    """https, or plain http from this machine (tests, an ssh tunnel): passwords never cross a
    network in clear."""
    if is_https(request):
        return True
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cookie_name(request: Request, base: str) -> str:
    # "__Host-": the browser keeps it only if Secure, for this host alone, with path "/".
    return f"__Host-{base}" if is_https(request) else base


def set_cookie(response: Response, request: Request, base: str, value: str) -> None:
    response.set_cookie(
        cookie_name(request, base),
        value,
        path="/",
        httponly=True,
        secure=is_https(request),
        samesite="strict",
    )


def clear_cookie(response: Response, request: Request, base: str) -> None:
    response.delete_cookie(
        cookie_name(request, base),
        path="/",
        httponly=True,
        secure=is_https(request),
        samesite="strict",
    )


def csrf_token(secret: str) -> str:
    """Bound to the login (or, before one, to the login-form cookie): unguessable without it."""
    return hmac.new(secret.encode(), b"sohoa-dashboard-csrf", hashlib.sha256).hexdigest()


def log_in(hub: Hub, username: str, password: str) -> str | LoginRefusal:
    """The new login's token, or why there is none."""
    config = hub.config
    issued = accounts.log_in(hub.db, username, password, config.login_ttl, config.max_tokens)
    if issued is None:
        return LoginRefusal.WRONG
    token = issued[0]
    session_store.start(hub.db, token, username, config.login_ttl)
    return token


def current(request: Request, hub: Hub) -> WebSession | None:
    """The request's live login: a known token, an enabled account, not idle too long."""
    token = request.cookies.get(cookie_name(request, SESSION_COOKIE))
    if not token:
        return None
    account = accounts.account_for_token(hub.db, token)
    if account is None:
        return None
    idle = session_store.idle_seconds(hub.db, token)
    if idle is None:
        return None  # a bearer token from the API, not a dashboard login
    if idle > IDLE_TIMEOUT:
        log_out(hub, token)
        return None
    if idle > _TOUCH_AFTER:
        session_store.touch(hub.db, token)
    return WebSession(Principal(account.username, account.role, account.unit_code), token)


def had_cookie(request: Request) -> bool:
    """A login cookie came, live or not: the page says the session ended."""
    return cookie_name(request, SESSION_COOKIE) in request.cookies


def log_out(hub: Hub, token: str) -> None:
    accounts.revoke_token(hub.db, token)
    session_store.forget(hub.db, token)


def same_origin(request: Request) -> bool:
    """What the browser says of where a POST comes from; an older browser may say nothing."""
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin == f"{request.url.scheme}://{request.headers.get('host', '')}"

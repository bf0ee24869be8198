"""Limits before work: an ASGI layer in front of every route.

Before the application sees a request, its declared body size is checked against the
route's cap and, on routes that need one, its bearer token; only then is the body read,
counted as it streams (a chunked body has no length to check first) and timed: the gap between
two pieces, and the whole body. A tus upload's body may take longer the more it carries, but
must keep a minimum average rate, so that a client trickling a byte now and then cannot hold
its upload's lock for good. A station's heartbeats and metrics, and anyone's reads of personal
data (each one a row of the access log), are paced per station or account.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hub.auth import bearer_token, principal_for_token
from hub.config import KIB, HubConfig
from hub.context import Hub
from hub.errors import BEARER_CHALLENGE
from hub.principal import Principal
from hub.throttle import Throttle

_DIGITS = re.compile(r"^[0-9]{1,19}$")


@dataclass(frozen=True)
class RouteRule:
    max_body: int
    needs_token: bool = True
    streamed: bool = False  # a tus PATCH: long bodies, timed by their average rate
    # the Hub throttle pacing this route per principal: "heartbeats", "metrics" (stations
    # only), "personal_reads" (reads written to the access log); "" for none
    paced: str = ""


def _reads_personal_data(path: str, query: bytes) -> bool:
    """The API reads hub/access_log.py records: a dossier, a hand-over look-up, figures per
    clerk. Counted whatever their answer (a 404 or a 422 too), so that guessing codes is paced
    as reading them is."""
    if path.startswith(("/api/v1/dossiers/", "/api/v1/handover/")):
        return True
    if path == "/api/v1/stats":
        return "clerk" in parse_qs(query.decode("latin-1")).get("by", [])
    return False


def rule_for(method: str, path: str, config: HubConfig, query: bytes = b"") -> RouteRule:
    if path in ("/oauth/token", "/oauth/revoke"):
        return RouteRule(8 * KIB, needs_token=False)
    if path.startswith("/files/") and method == "PATCH":
        return RouteRule(config.max_upload_size, streamed=True)
    if path in ("/api/v1/manifests", "/api/v1/results"):
        return RouteRule(config.max_manifest_body)
    if path == "/api/v1/metrics":
        return RouteRule(config.max_metrics_body, paced="metrics" if method == "POST" else "")
    if path == "/api/v1/heartbeat":
        return RouteRule(16 * KIB, paced="heartbeats" if method == "POST" else "")
    if method == "GET" and _reads_personal_data(path, query):
        return RouteRule(16 * KIB, paced="personal_reads")
    if path.startswith(("/api/", "/files")):
        return RouteRule(16 * KIB)
    return RouteRule(16 * KIB, needs_token=False)  # no route there: 404 without reading


def reader_key(principal: Principal) -> str:
    """Whose pace a read of personal data counts against: the API's and the dashboard's alike."""
    return f"{principal.role.value}:{principal.name}"


class BodyTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(413)


class BodyTimeout(HTTPException):
    def __init__(self) -> None:
        super().__init__(408, headers={"Connection": "close"})


class Guard:
    def __init__(self, app: ASGIApp, hub: Hub) -> None:
        self.app = app
        self.hub = hub

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        config = self.hub.config
        rule = rule_for(scope["method"], scope["path"], config, scope.get("query_string", b""))
        headers = Headers(scope=scope)
        refusal = _refused_length(headers.get("content-length"), rule)
        if refusal is None and rule.needs_token:
            refusal = await self._authenticate(scope, headers)
        if refusal is None and rule.paced:
            refusal = self._pace(scope, rule.paced)
        if refusal is not None:
            if _has_body(headers):
                # Its body stays unread: the connection cannot carry another request.
                refusal.headers["Connection"] = "close"
            await refusal(scope, receive, send)
            return
        await self.app(scope, _counted(receive, rule, config), send)

    async def _authenticate(self, scope: Scope, headers: Headers) -> JSONResponse | None:
        token = bearer_token(headers.get("authorization"))
        principal = None
        if token is not None:
            principal = await run_in_threadpool(principal_for_token, self.hub, token)
        if principal is None:
            return _error(401, "invalid_token", BEARER_CHALLENGE)
        scope.setdefault("state", {})["principal"] = principal
        return None

    def _pace(self, scope: Scope, paced: str) -> JSONResponse | None:
        """429 for a station sending heartbeats or metrics faster than any station does, or for
        anyone reading personal data faster than a desk or a supervisor does, before its body
        is read or the database touched, so the others keep their pace and the access log
        grows at a bounded rate."""
        principal = scope["state"]["principal"]
        if paced == "personal_reads":
            key = reader_key(principal)
        elif principal.is_station:
            key = principal.name
        else:
            return None  # a station route: it answers 403
        throttle: Throttle = getattr(self.hub, paced)
        wait = throttle.take(key)
        if not wait:
            return None
        return _error(429, "slow_down", {"Retry-After": str(int(wait))})


def _error(status: int, code: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": code}, status, headers=headers)


def _has_body(headers: Headers) -> bool:
    return headers.get("content-length", "0") != "0" or "transfer-encoding" in headers


def _refused_length(declared: str | None, rule: RouteRule) -> JSONResponse | None:
    if declared is None:
        return None
    if not _DIGITS.fullmatch(declared):
        return _error(400, "bad_request")
    if int(declared) > rule.max_body:
        return _error(413, "too_large")
    return None


def _counted(receive: Receive, rule: RouteRule, config: HubConfig) -> Receive:
    received = 0
    finished = False
    started: float | None = None  # when the route first asked for the body

    def allowed() -> float:
        """Seconds the body may take so far. An upload's grow by one per `upload_min_rate`
        bytes received: one slower than that on average is cut soon after the first
        `body_total_timeout`, a faster one never."""
        if rule.streamed:
            return config.body_total_timeout + received / config.upload_min_rate
        return config.body_total_timeout

    async def guarded() -> Message:
        nonlocal received, finished, started
        if finished:  # after the body, receive only ever says the client left
            return await receive()
        if started is None:
            started = time.monotonic()
        wait = min(config.body_idle_timeout, started + allowed() - time.monotonic())
        try:
            message = await asyncio.wait_for(receive(), timeout=max(wait, 0.001))
        except TimeoutError:
            raise BodyTimeout() from None
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > rule.max_body:
                raise BodyTooLarge()
            finished = not message.get("more_body", False)
        return message

    return guarded

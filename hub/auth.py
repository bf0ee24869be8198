"""The token endpoint (OAuth2 client credentials for stations, password grant for people),
token revocation (RFC 7009), and who is behind the bearer token of every other request."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated
from urllib.parse import parse_qs, unquote

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from hub import accounts, stations
from hub.context import Hub, HubDep
from hub.errors import ApiError, invalid_token
from hub.principal import Principal, Role

router = APIRouter()

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
_INVALID_CLIENT = {"WWW-Authenticate": "Basic", **NO_STORE}


def _basic_credentials(header: str | None) -> tuple[str, str] | None:
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    # RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
    return (unquote(client_id), unquote(secret)) if sep else None


async def _form(request: Request) -> dict[str, str]:
    # The body is already capped by the size guard; a form has a handful of fields.
    text = (await request.body()).decode("utf-8", "replace")
    return {key: values[0] for key, values in parse_qs(text, max_num_fields=20).items()}


def _client_credentials(request: Request, form: dict[str, str]) -> tuple[str, str] | None:
    """Basic (RFC 6749 §2.3.1) or, as stations have always sent them, form fields."""
    basic = _basic_credentials(request.headers.get("authorization"))
    if basic is not None:
        return basic
    if "client_id" in form or "client_secret" in form:
        return form.get("client_id", ""), form.get("client_secret", "")
    return None


def client_address(request: Request) -> str:
    return request.client.host if request.client else "-"


def _throttle(hub: Hub, request: Request, who: str) -> None:
    """Per address, and per client id or username: from an address that got `who` a token
    lately, counted apart from everyone else asking for `who` (hub/throttle.py KnownAddresses),
    so that others guessing its secret do not keep a station out."""
    address = client_address(request)
    by_client = hub.token_by_client.take(hub.token_addresses.key(who, address))
    wait = max(hub.token_by_address.take(address), by_client)
    if wait:
        headers = {"Retry-After": str(int(wait)), **NO_STORE}
        raise ApiError(429, "slow_down", headers)


def _succeeded(hub: Hub, request: Request, who: str) -> None:
    address = client_address(request)
    if hub.token_addresses.remember(who, address):
        # The address's own count starts with the request that made it known.
        hub.token_by_client.take(hub.token_addresses.key(who, address))


def _token_answer(token: str, lifetime: int) -> JSONResponse:
    body = {"access_token": token, "token_type": "Bearer", "expires_in": lifetime}
    return JSONResponse(body, headers=NO_STORE)


@router.post("/oauth/token")
async def token(request: Request, hub: HubDep) -> JSONResponse:
    form = await _form(request)
    grant = form.get("grant_type")
    if grant == "client_credentials":
        return await _station_token(request, hub, form)
    if grant == "password":
        return await _account_token(request, hub, form)
    raise ApiError(400, "unsupported_grant_type", NO_STORE)


async def _station_token(request: Request, hub: Hub, form: dict[str, str]) -> JSONResponse:
    client_id, secret = _client_credentials(request, form) or ("", "")
    if not client_id or not secret:
        raise ApiError(401, "invalid_client", _INVALID_CLIENT)
    _throttle(hub, request, f"station:{client_id[:100]}")
    config = hub.config
    issued = await run_in_threadpool(
        stations.issue_token, hub.db, client_id, secret, config.token_ttl, config.max_tokens
    )
    if issued is None:
        raise ApiError(401, "invalid_client", _INVALID_CLIENT)
    _succeeded(hub, request, f"station:{client_id[:100]}")
    return _token_answer(issued.access_token, issued.expires_in)


async def _account_token(request: Request, hub: Hub, form: dict[str, str]) -> JSONResponse:
    username, password = form.get("username", ""), form.get("password", "")
    if not username or not password:
        raise ApiError(400, "invalid_request", NO_STORE)
    _throttle(hub, request, f"account:{username[:100]}")
    config = hub.config
    issued = await run_in_threadpool(
        accounts.log_in, hub.db, username, password, config.login_ttl, config.max_tokens
    )
    if issued is None:
        raise ApiError(400, "invalid_grant", NO_STORE)
    _succeeded(hub, request, f"account:{username[:100]}")
    return _token_answer(*issued)


@router.post("/oauth/revoke")
async def revoke(request: Request, hub: HubDep) -> Response:
    """RFC 7009: 200 whether or not the token was live. With client credentials, only that
    client's token goes; without, holding the token is enough to end it."""
    form = await _form(request)
    credentials = _client_credentials(request, form)
    client_id = None
    if credentials is not None:
        client_id, secret = credentials
        _throttle(hub, request, f"station:{client_id[:100]}")
        ok = await run_in_threadpool(stations.check_secret, hub.db, client_id, secret)
        if not ok:
            raise ApiError(401, "invalid_client", _INVALID_CLIENT)
    token_text = form.get("token", "")
    if token_text:
        await run_in_threadpool(stations.revoke_token, hub.db, token_text, client_id)
        if client_id is None:
            await run_in_threadpool(accounts.revoke_token, hub.db, token_text)
    return Response(status_code=200, headers=NO_STORE)


def principal_for_token(hub: Hub, token_text: str) -> Principal | None:
    station = stations.station_for_token(hub.db, token_text)
    if station is not None:
        return Principal(station, Role.STATION)
    account = accounts.account_for_token(hub.db, token_text)
    if account is None:
        return None
    return Principal(account.username, account.role, account.unit_code)


def bearer_token(authorization: str | None) -> str | None:
    scheme, _, value = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


async def current_principal(request: Request, hub: HubDep) -> Principal:
    """FastAPI dependency. The size guard has usually resolved it already, before the body."""
    known = getattr(request.state, "principal", None)
    if known is not None:
        return known
    token_text = bearer_token(request.headers.get("authorization"))
    found = None
    if token_text is not None:
        found = await run_in_threadpool(principal_for_token, hub, token_text)
    if found is None:
        raise invalid_token()
    return found


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def current_station(principal: PrincipalDep) -> str:
    """Routes only a station uses: uploads, commits, heartbeats, metrics."""
    if not principal.is_station:
        raise ApiError(403, "forbidden")
    return principal.name


StationDep = Annotated[str, Depends(current_station)]

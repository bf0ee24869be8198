"""OAuth2 client-credentials token endpoint and the Bearer check for every other route."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated
from urllib.parse import parse_qs, unquote

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool

from hub import stations
from hub.context import HubDep
from hub.errors import ApiError, invalid_token

router = APIRouter()


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


@router.post("/oauth/token")
async def token(request: Request, hub: HubDep) -> dict[str, object]:
    form = {
        key: values[0]
        for key, values in parse_qs((await request.body()).decode("utf-8", "replace")).items()
    }
    if form.get("grant_type") != "client_credentials":
        raise ApiError(400, "unsupported_grant_type")
    credentials = _basic_credentials(request.headers.get("authorization"))
    if credentials is None:
        credentials = (form.get("client_id", ""), form.get("client_secret", ""))
    client_id, secret = credentials
    if not client_id or not secret:
        raise ApiError(401, "invalid_client", {"WWW-Authenticate": "Basic"})
    issued = await run_in_threadpool(
        stations.issue_token, hub.db, client_id, secret, hub.config.token_ttl
    )
    if issued is None:
        raise ApiError(401, "invalid_client", {"WWW-Authenticate": "Basic"})
    return {
        "access_token": issued.access_token,
        "token_type": "Bearer",
        "expires_in": issued.expires_in,
    }


def current_station(request: Request, hub: HubDep) -> str:
    """FastAPI dependency: the client id behind the request's Bearer token."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise invalid_token()
    station = stations.station_for_token(hub.db, token.strip())
    if station is None:
        raise invalid_token()
    return station


StationDep = Annotated[str, Depends(current_station)]

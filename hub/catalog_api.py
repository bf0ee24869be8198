"""/api/v1/catalog: the province's catalog version for stations, signed by the hub's key."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool

from hub import catalog_key, catalog_store
from hub.auth import PrincipalDep
from hub.context import HubDep
from hub.errors import ApiError
from station.catalog_bundle import ALGORITHM, key_id
from station.catalog_keys import public_key_text

router = APIRouter(prefix="/api/v1")


@router.get("/catalog")
async def current_catalog(
    _principal: PrincipalDep, hub: HubDep, version: str | None = None
) -> Response:
    """The newest version (or the one named), exactly as stored: the station checks the
    signature, so the hub does not re-serialise what it signed."""
    text = await run_in_threadpool(catalog_store.document_text, hub.db, version)
    if text is None:
        raise ApiError(404, "not_found")
    return Response(text.encode("utf-8"), media_type="application/json")


@router.get("/catalog/key")
def catalog_signing_key(_principal: PrincipalDep, hub: HubDep) -> dict[str, str]:
    """The public key stations pin; 404 until the first version is imported."""
    found = catalog_key.public_key(hub.config.data_dir)
    if found is None:
        raise ApiError(404, "not_found")
    return {"alg": ALGORITHM, "key": public_key_text(found), "key_id": key_id(found)}

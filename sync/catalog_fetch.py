"""Fetch the province's catalog from the hub with the station's credentials and apply it.

The hub's signing key is pinned in the sync settings at `sohoa sync login`, or else at the
first update (trust on first use: the key arrives over the verified TLS connection that the
station's secret already trusts). From then on a document signed by any other key, or changed
after signing (on the hub's disk, on the way), is refused and the station keeps its version.
A new login pins the hub's key of the day; the versions kept stay checked against the key they
were accepted under (station/catalog_versions.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from station.catalog_bundle import CatalogBundle, key_id
from station.catalog_keys import public_key_from_text, public_key_text
from station.catalog_versions import CatalogVersions
from station.errors import ErrorCode, StationError
from sync.answers import json_object, unexpected_answer
from sync.failures import raise_for_answer
from sync.settings import SettingsOwner, load_settings, save_settings
from sync.transport import HubHttp

CATALOG_PATH = "/api/v1/catalog"
CATALOGS_FOLDER = "catalogs"  # in the data directory: the versions received (catalog_versions)
KEY_PATH = "/api/v1/catalog/key"


@dataclass(frozen=True)
class CatalogUpdate:
    bundle: CatalogBundle | None  # None: the hub publishes no catalog yet
    previous: str  # the version current before ("" = built-in)
    pinned_key: str  # the key's id when this update pinned it, else ""
    # The version `current` named that no kept key verifies any more (or whose file is gone):
    # the update went on as from the built-in catalog. "" when current was readable.
    unreadable: str = ""


def catalog_directory(home: Path) -> Path:
    return Path(home) / CATALOGS_FOLDER


def fetch_hub_key(http: HubHttp) -> Ed25519PublicKey | None:
    """The hub's catalog key; None from a hub that has published no catalog (or predates
    catalogs)."""
    response = http.request("GET", KEY_PATH)
    if response.status_code == 404:
        return None
    raise_for_answer(response, "catalog key")
    text = json_object(response, "catalog key").get("key")
    if not isinstance(text, str):
        raise unexpected_answer(response, "catalog key")
    return public_key_from_text(text)


def fetch_catalog(http: HubHttp) -> Any | None:
    """The newest signed document as the hub serves it, not yet verified."""
    response = http.request("GET", CATALOG_PATH)
    if response.status_code == 404:
        return None
    raise_for_answer(response, "catalog")
    return json_object(response, "catalog")


def pin_hub_key(store: SettingsOwner, http: HubHttp, directory: Path) -> str:
    """Store the hub's current key; its id, or "" when the hub has none yet. The versions
    kept under the key pinned before keep that key (`directory`: where they are)."""
    found = fetch_hub_key(http)
    if found is None:
        return ""
    before = load_settings(store).catalog_key
    if before and before != public_key_text(found):
        old = public_key_from_text(before)
        CatalogVersions(directory, old).remember_kept(old)
    save_settings(store, catalog_key=public_key_text(found))
    return key_id(found)


def update_catalog(store: SettingsOwner, directory: Path, http: HubHttp) -> CatalogUpdate:
    """Fetch, verify against the pinned key and make current; a refused document raises
    StationError (CATALOG_SIGNATURE_INVALID or CATALOG_INVALID) and changes nothing."""
    pinned = ""
    if not load_settings(store).catalog_key:
        pinned = pin_hub_key(store, http, directory)
    key = load_settings(store).catalog_key
    if not key:
        return CatalogUpdate(None, "", "")
    versions = CatalogVersions(directory, public_key_from_text(key))
    previous, unreadable = _current(versions)
    document = fetch_catalog(http)
    if document is None:
        if unreadable:
            versions.use_built_in()
        return CatalogUpdate(None, previous, pinned, unreadable)
    return CatalogUpdate(versions.apply(document), previous, pinned, unreadable)


def _current(versions: CatalogVersions) -> tuple[str, str]:
    """(the version current now, "" = built-in; the one current names but cannot be read)."""
    try:
        before = versions.current()
    except StationError as exc:
        if exc.code not in (ErrorCode.CATALOG_INVALID, ErrorCode.CATALOG_SIGNATURE_INVALID):
            raise
        try:
            return "", versions.current_name() or "?"
        except StationError:
            return "", "?"
    return (before.version if before else ""), ""

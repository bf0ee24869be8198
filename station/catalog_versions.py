"""The province's catalog versions a station received, kept in its data directory.

`catalogs/<version>.json` holds each signed version as the hub served it and `catalogs/current`
names the one new dossiers use. A version is written in full before `current` moves to it, so
a station killed mid-update keeps its previous catalog; old versions stay for the dossiers
opened under them. Every read checks the signature again with the pinned hub key.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from station.catalog_bundle import CatalogBundle, verify_bundle
from station.errors import ErrorCode, StationError
from station.store.files import ensure_dir, write_atomic

CURRENT = "current"
_WRITER = "catalog"  # the temporary-file tag write_atomic uses


class CatalogVersions:
    def __init__(self, directory: Path, hub_key: Ed25519PublicKey) -> None:
        self.directory = directory
        self._key = hub_key

    def apply(self, document: Any) -> CatalogBundle:
        """Verify and keep a version, then make it current; a version name the station already
        holds with other content is refused (a hub never rewrites a published version)."""
        bundle = verify_bundle(document, self._key)
        path = self._path(bundle.version)
        if path.exists():
            kept = self.get(bundle.version)
            if kept.digest != bundle.digest:
                raise StationError(
                    ErrorCode.CATALOG_INVALID,
                    path=str(path),
                    detail="this version was already received with other content",
                )
        else:
            ensure_dir(self.directory)
            data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
            write_atomic(path, data, _WRITER)
        write_atomic(self.directory / CURRENT, bundle.version.encode("ascii"), _WRITER)
        return bundle

    def current(self) -> CatalogBundle | None:
        """The version new dossiers use; None while the station has only its built-in one."""
        try:
            version = (self.directory / CURRENT).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise StationError(
                ErrorCode.CATALOG_INVALID, path=str(self.directory / CURRENT), detail=str(exc)
            ) from exc
        return self.get(version)

    def get(self, version: str) -> CatalogBundle:
        path = self._path(version)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StationError(ErrorCode.CATALOG_INVALID, path=str(path), detail=str(exc)) from exc
        return verify_bundle(document, self._key)

    def versions(self) -> list[str]:
        if not self.directory.is_dir():
            return []
        return sorted(p.stem for p in self.directory.glob("*.json"))

    def _path(self, version: str) -> Path:
        if "/" in version or "\\" in version or version.startswith("."):
            raise StationError(ErrorCode.CATALOG_INVALID, path=version, detail="bad version name")
        return self.directory / f"{version}.json"

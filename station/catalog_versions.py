"""The province's catalog versions a station received, kept in its data directory.

`catalogs/<version>.json` holds each signed version as the hub served it and `catalogs/current`
names the one new dossiers use. A version is written in full before `current` moves to it, so
a station killed mid-update keeps its previous catalog; old versions stay for the dossiers
opened under them. Every read checks the signature again, with the key the version was
accepted under: `catalogs/keys` (owner-only, like every station file) lists the hub keys the
station accepted, by key id, and which one each version was signed with. So a hub that changed
its key (rebuilt, key lost) and a new `sohoa sync login` leave the versions already kept readable.
A version issued before the one in use is refused: a hub restored from an old backup, or one
that replays an old signed version, cannot take the station back to rules since replaced.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from station.catalog_bundle import CatalogBundle, key_id, verify_bundle
from station.catalog_keys import public_key_from_text, public_key_text
from station.errors import ErrorCode, StationError
from station.store.files import ensure_dir, write_atomic

CURRENT = "current"
KEYRING = "keys"  # {"keys": {key_id: key text}, "accepted": {version: key_id}}
_WRITER = "catalog"  # the temporary-file tag write_atomic uses


class CatalogVersions:
    def __init__(self, directory: Path, hub_key: Ed25519PublicKey) -> None:
        self.directory = directory
        self._key = hub_key

    def apply(self, document: Any) -> CatalogBundle:
        """Verify and keep a version, then make it current; a version name the station already
        holds with other content is refused (a hub never rewrites a published version), and so
        is one issued before the version in use (CATALOG_OLDER); a refusal changes nothing."""
        bundle = verify_bundle(document, self._key)
        self._refuse_rollback(bundle)
        path = self._path(bundle.version)
        kept = self._readable(bundle.version) if path.exists() else None
        if kept is not None:
            if kept.digest != bundle.digest:
                raise StationError(
                    ErrorCode.CATALOG_INVALID,
                    path=str(path),
                    detail="this version was already received with other content",
                )
            if bundle.version not in self._keyring()["accepted"]:  # kept before the keyring
                self._accept(bundle.version, self._key)
        else:  # new, or a kept copy no key of this station verifies any more: this one
            ensure_dir(self.directory)
            data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
            write_atomic(path, data, _WRITER)
            self._accept(bundle.version, self._key)
        write_atomic(self.directory / CURRENT, bundle.version.encode("ascii"), _WRITER)
        return bundle

    def _refuse_rollback(self, bundle: CatalogBundle) -> None:
        try:
            current = self.current()
        except StationError:  # an unreadable current version: nothing to compare with
            return
        if current is None or current.version == bundle.version:
            return
        issued, in_use = _issued_time(bundle.issued_at), _issued_time(current.issued_at)
        if issued is not None and in_use is not None and issued < in_use:
            raise StationError(
                ErrorCode.CATALOG_OLDER,
                version=bundle.version,
                issued_at=bundle.issued_at,
                current=current.version,
                current_issued_at=current.issued_at,
            )

    def current_name(self) -> str:
        """The name `current` holds, "" when none (the built-in catalog); not verified."""
        try:
            return (self.directory / CURRENT).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return ""
        except (OSError, UnicodeDecodeError) as exc:
            raise StationError(
                ErrorCode.CATALOG_INVALID, path=str(self.directory / CURRENT), detail=str(exc)
            ) from exc

    def use_built_in(self) -> None:
        """New dossiers go back to the built-in catalog (the kept versions stay)."""
        (self.directory / CURRENT).unlink(missing_ok=True)

    def remember_kept(self, key: Ed25519PublicKey) -> list[str]:
        """Record `key` for each kept version it signed that has no key recorded (versions
        kept before the keyring existed), before another key is pinned; the versions named."""
        accepted = self._keyring()["accepted"]
        named = []
        for version in self.versions():
            if version in accepted:
                continue
            try:
                verify_bundle(self._document(version), key)
            except StationError:
                continue
            self._accept(version, key)
            named.append(version)
        return named

    def current(self) -> CatalogBundle | None:
        """The version new dossiers use; None while the station has only its built-in one."""
        version = self.current_name()
        return self.get(version) if version else None

    def get(self, version: str) -> CatalogBundle:
        """A kept version, verified with the key it was accepted under (the pinned key for a
        version kept before the keyring)."""
        return verify_bundle(self._document(version), self._key_of(version))

    def _readable(self, version: str) -> CatalogBundle | None:
        try:
            return self.get(version)
        except StationError:
            return None

    def _document(self, version: str) -> Any:
        path = self._path(version)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StationError(ErrorCode.CATALOG_INVALID, path=str(path), detail=str(exc)) from exc

    def _key_of(self, version: str) -> Ed25519PublicKey:
        ring = self._keyring()
        text = ring["keys"].get(ring["accepted"].get(version, ""))
        return public_key_from_text(text) if isinstance(text, str) else self._key

    def _keyring(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads((self.directory / KEYRING).read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError) as exc:
            raise StationError(
                ErrorCode.CATALOG_INVALID, path=str(self.directory / KEYRING), detail=str(exc)
            ) from exc
        if not isinstance(data, dict):
            data = {"keys": None}
        keys, accepted = data.get("keys", {}), data.get("accepted", {})
        if not isinstance(keys, dict) or not isinstance(accepted, dict):
            path = str(self.directory / KEYRING)
            raise StationError(ErrorCode.CATALOG_INVALID, path=path, detail="not a keyring")
        return {"keys": keys, "accepted": accepted}

    def _accept(self, version: str, key: Ed25519PublicKey) -> None:
        ring = self._keyring()
        ring["keys"][key_id(key)] = public_key_text(key)
        ring["accepted"][version] = key_id(key)
        ensure_dir(self.directory)
        data = json.dumps(ring, indent=1, sort_keys=True).encode("utf-8")
        write_atomic(self.directory / KEYRING, data, _WRITER)

    def versions(self) -> list[str]:
        if not self.directory.is_dir():
            return []
        return sorted(p.stem for p in self.directory.glob("*.json"))

    def _path(self, version: str) -> Path:
        if "/" in version or "\\" in version or version.startswith("."):
            raise StationError(ErrorCode.CATALOG_INVALID, path=version, detail="bad version name")
        return self.directory / f"{version}.json"


def _issued_time(text: str) -> datetime | None:
    """A version's `issued_at` (ISO 8601, a date alone being its midnight, no zone being UTC),
    or None when it cannot be read: such a version is not compared."""
    try:
        issued = datetime.fromisoformat(text)
    except ValueError:
        return None
    return issued if issued.tzinfo is not None else issued.replace(tzinfo=UTC)

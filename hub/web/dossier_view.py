"""One dossier as the lookup page shows it: its manifest, and per file what the hub holds."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hub import access, access_log, dossiers
from hub.codes import normalised_code
from hub.context import Hub
from hub.errors import ApiError
from hub.file_store import FileStore, LocalDiskFiles, MissingFile
from hub.principal import Principal
from hub.signatures import has_signature_dictionary

MAX_CODE = 200


class SignatureState(StrEnum):
    SIGNED = "signed"  # a broken or altered signature is refused on commit: one that is here held
    UNSIGNED = "unsigned"  # taken because the hub does not require signatures
    MISSING = "missing"


@dataclass(frozen=True)
class FileRow:
    component_code: str
    component_name: str
    file_name: str
    size: int
    pages: int
    digitized: bool
    signature: SignatureState
    annotated_pairs: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class DossierView:
    station_id: str
    manifest: dict[str, Any]
    files: tuple[FileRow, ...]

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files)


@dataclass(frozen=True)
class Holders:
    """A code held at more than one of the reader's stations: the reader picks one."""

    code: str
    stations: tuple[dict[str, Any], ...]  # station_id, name, unit_code, committed_at


def look_up(
    hub: Hub, principal: Principal, code: str, address: str, station: str = ""
) -> DossierView | Holders | None:
    """The dossier `code` among the reader's stations (at `station` when one is named), its
    read written to the access log; the stations to pick from when several hold the code;
    None when there is none (or none the reader may see). Raises ApiError for a non-reader."""
    asked = _asked(hub, principal, code, station)
    if asked is None:
        return None
    wanted, scope = asked
    try:
        found = dossiers.get_dossier(hub.db, wanted, scope)
    except dossiers.SeveralHolders as several:
        return Holders(wanted, tuple(several.holders))
    if found is None:
        return None
    owner, manifest = found
    access_log.record(hub.db, principal, access_log.READ_DOSSIER, owner, wanted, address)
    folder = dossiers.dossier_folder(owner, wanted)
    held = frozenset(hub.files.names(folder))
    files = tuple(
        _file_row(component, signature_state(hub.files, folder, component["file_name"], held))
        for component in manifest["components"]
    )
    return DossierView(owner, manifest, files)


def holders(hub: Hub, principal: Principal, code: str) -> Holders | None:
    """The reader's stations that hold `code` (no dossier read: the lookup page's choice, as
    its export writes it); None when none does. Raises ApiError for a non-reader."""
    asked = _asked(hub, principal, code, "")
    if asked is None:
        return None
    wanted, scope = asked
    found = dossiers.holders_of(hub.db, wanted, scope)
    return Holders(wanted, tuple(found)) if found else None


def _asked(
    hub: Hub, principal: Principal, code: str, station: str
) -> tuple[str, access.Scope] | None:
    """The code as stored and the stations to look at; None for no code, or for a station
    outside the reader's (which reads as absent, not as forbidden). Raises ApiError for a
    non-reader."""
    access.require_reader(principal)
    code = code.strip()[:MAX_CODE]
    if not code:
        return None
    try:
        scope = access.narrowed(access.station_scope(hub.db, principal), station.strip())
    except ApiError:
        return None
    return normalised_code(code), scope


def signature_state(
    files: FileStore, folder: str, name: str, held: frozenset[str]
) -> SignatureState:
    """What the store holds of one file (`held`: the folder's names, listed once)."""
    if name not in held:
        return SignatureState.MISSING
    try:
        signed = _carries_signature(files, folder, name)
    except MissingFile:  # the folder published again between the listing and the read
        return SignatureState.MISSING
    return SignatureState.SIGNED if signed else SignatureState.UNSIGNED


def _carries_signature(files: FileStore, folder: str, name: str) -> bool:
    """The commit's cheap look (hub/signatures.py): a PDF carrying a /ByteRange. A file on disk
    is mapped, not read into memory; another store's is read whole. Raises MissingFile."""
    if isinstance(files, LocalDiskFiles):
        try:
            return has_signature_dictionary(files.path_of(f"{folder}/{name}"))
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise MissingFile(name) from None
    data = files.read(folder, name)
    return data.startswith(b"%PDF-") and b"/ByteRange" in data


def _file_row(component: dict[str, Any], state: SignatureState) -> FileRow:
    return FileRow(
        component_code=component["component_code"],
        component_name=component["component_name"],
        file_name=component["file_name"],
        size=component["size"],
        pages=component["pages"],
        digitized=bool(component.get("kpi", {}).get("digitized")),
        signature=state,
        annotated_pairs=tuple(tuple(pair) for pair in component.get("annotated_pairs", [])),
    )

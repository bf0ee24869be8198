"""One dossier as the lookup page shows it: its manifest, and per file what the hub holds."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hub import access, access_log, dossiers
from hub.codes import normalised_code
from hub.context import Hub
from hub.errors import ApiError
from hub.principal import Principal
from hub.signatures import has_signature_dictionary
from hub.storage import dossier_dir_name

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
    access.require_reader(principal)
    code = code.strip()[:MAX_CODE]
    if not code:
        return None
    wanted = normalised_code(code)
    try:
        scope = access.narrowed(access.station_scope(hub.db, principal), station.strip())
    except ApiError:
        return None  # a station outside the reader's reads as absent, not as forbidden
    try:
        found = dossiers.get_dossier(hub.db, wanted, scope)
    except dossiers.SeveralHolders as several:
        return Holders(wanted, tuple(several.holders))
    if found is None:
        return None
    owner, manifest = found
    access_log.record(hub.db, principal, access_log.READ_DOSSIER, owner, wanted, address)
    folder = hub.config.dossiers_dir / owner / dossier_dir_name(wanted)
    files = tuple(_file_row(component, folder / component["file_name"]) for component in
                  manifest["components"])  # fmt: skip
    return DossierView(owner, manifest, files)


def _file_row(component: dict[str, Any], path: Any) -> FileRow:
    if not path.is_file():
        state = SignatureState.MISSING
    elif has_signature_dictionary(path):
        state = SignatureState.SIGNED
    else:
        state = SignatureState.UNSIGNED
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

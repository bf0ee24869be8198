"""One dossier as the lookup page shows it: its manifest, and per file what the hub holds."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hub import access, access_log, dossiers
from hub.codes import normalised_code
from hub.context import Hub
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


def look_up(hub: Hub, principal: Principal, code: str, address: str) -> DossierView | None:
    """The dossier `code` among the reader's stations, its read written to the access log;
    None when there is none (or none the reader may see). Raises ApiError for a non-reader."""
    access.require_reader(principal)
    code = code.strip()[:MAX_CODE]
    if not code:
        return None
    wanted = normalised_code(code)
    found = dossiers.get_dossier(hub.db, wanted, access.station_scope(hub.db, principal))
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

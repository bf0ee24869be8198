"""The station's own catalog folder ($SOHOA_HOME/catalog): procedures the province's list lacks.

A hand-copied file may only add a procedure. One naming a procedure the station's catalog
already holds (built in, or the province's signed version) is ignored and reported, so the
province's list is what every counter follows. A dossier opened under a local procedure records
`<version>+local:<sha8>`, and the procedure as it was then is kept under
`catalogs/local/<sha8>.json`: editing the file later changes nothing for that dossier.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from station.catalog import (
    Catalog,
    LocalFile,
    catalog_files,
    procedure_from_dict,
    procedure_to_dict,
    read_procedure,
)
from station.errors import ErrorCode, StationError
from station.model import Procedure
from station.store.files import ensure_dir, write_atomic

_WRITER = "catalog"  # the temporary-file tag write_atomic uses


def _canonical(procedure: Procedure) -> bytes:
    text = json.dumps(
        procedure_to_dict(procedure), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return text.encode("utf-8")


def sha8(procedure: Procedure) -> str:
    """The first 8 hex digits of the sha256 of the procedure's canonical JSON: the same rules
    give the same name, however the file is laid out."""
    return hashlib.sha256(_canonical(procedure)).hexdigest()[:8]


def read_local(directory: Path) -> list[tuple[LocalFile, Procedure]]:
    """Every procedure file of the folder, in name order; a later file of the same code wins."""
    found: dict[str, tuple[LocalFile, Procedure]] = {}
    for path in catalog_files(directory):
        procedure = read_procedure(path)
        found[procedure.code] = (LocalFile(procedure.code, str(path), sha8(procedure)), procedure)
    return list(found.values())


def with_local(base: Catalog, directory: Path) -> Catalog:
    """`base` plus the folder's procedures it lacks; the others are listed as ignored."""
    procedures = dict(base.procedures)
    added: list[LocalFile] = []
    ignored: list[LocalFile] = []
    for own, procedure in read_local(directory):
        if own.code in base.procedures:
            ignored.append(own)
            continue
        procedures[own.code] = procedure
        added.append(own)
    return Catalog(procedures, base.version, base.others, tuple(added), tuple(ignored))


def keep_local(kept: Path, catalog: Catalog) -> None:
    """Keep each local procedure as read now, named by its sha8 (written once)."""
    for own in catalog.local:
        path = kept / f"{own.sha8}.json"
        if path.exists():
            continue
        ensure_dir(kept)
        write_atomic(path, _canonical(catalog.procedures[own.code]), _WRITER)


def kept_local(kept: Path, digest: str) -> Procedure | None:
    """The local procedure a dossier was opened under; None when this station never kept it
    (a dossier received at another station)."""
    if not digest or not all(c in "0123456789abcdef" for c in digest):
        return None
    path = kept / f"{digest}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StationError(ErrorCode.CATALOG_INVALID, path=str(path), detail=str(exc)) from exc
    try:
        procedure = procedure_from_dict(data)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StationError(ErrorCode.CATALOG_INVALID, path=str(path), detail=str(exc)) from exc
    if sha8(procedure) != digest:
        raise StationError(ErrorCode.CATALOG_INVALID, path=str(path), detail="content changed")
    return procedure

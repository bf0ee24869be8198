"""The built-in catalog (resources/catalog) named by what it holds: `builtin-<sha8>`, the first
8 hex digits of the sha256 of its procedures' canonical JSON. A dossier records that name, so
its manifest says which list applied, and the station keeps a copy of each built-in list it
used under `catalogs/builtin/<name>.json`: after an upgrade changes the bundled files, the
dossiers opened before keep the rules they were opened under. Dossiers recorded "" before the
built-in catalog had a name; they follow the built-in catalog installed now.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from station.catalog import (
    Catalog,
    bundled_catalog_dir,
    load_catalog,
    procedure_from_dict,
    procedure_to_dict,
)
from station.catalog_bundle import BUILT_IN_PREFIX
from station.errors import ErrorCode, StationError
from station.store.files import ensure_dir, write_atomic

PREFIX = BUILT_IN_PREFIX
LEGACY = ""  # what dossiers opened under the built-in catalog recorded before it had a name
_WRITER = "catalog"  # the temporary-file tag write_atomic uses


def is_built_in(version: str) -> bool:
    """Whether a catalog version (without its `+local:` mark) names a built-in catalog."""
    return version == LEGACY or version.startswith(PREFIX)


def _canonical(catalog: Catalog) -> bytes:
    procedures = [procedure_to_dict(p) for p in catalog]
    text = json.dumps(procedures, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def named(catalog: Catalog) -> Catalog:
    """`catalog`, named `builtin-<sha8>` of its procedures."""
    digest = hashlib.sha256(_canonical(catalog)).hexdigest()[:8]
    return Catalog(catalog.procedures, PREFIX + digest)


def built_in_catalog() -> Catalog:
    """The bundled catalog as installed, with its name."""
    return named(load_catalog([bundled_catalog_dir()]))


def keep_built_in(kept: Path, catalog: Catalog) -> None:
    """Keep the built-in list under its name (written once)."""
    path = kept / f"{catalog.version}.json"
    if path.exists():
        return
    ensure_dir(kept)
    write_atomic(path, _canonical(catalog), _WRITER)


def kept_built_in(kept: Path, version: str) -> Catalog | None:
    """The built-in list a dossier was opened under, as kept; None when this station never
    kept it (a dossier received from another station, or opened before the name existed)."""
    digest = version.removeprefix(PREFIX)
    if not version.startswith(PREFIX) or not all(c in "0123456789abcdef" for c in digest):
        return None
    path = kept / f"{version}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        catalog = named(Catalog({p["code"]: procedure_from_dict(p) for p in data}))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StationError(ErrorCode.CATALOG_INVALID, path=str(path), detail=str(exc)) from exc
    if catalog.version != version:
        raise StationError(ErrorCode.CATALOG_INVALID, path=str(path), detail="content changed")
    return catalog

"""The built-in catalogs a station used, kept under `catalogs/builtin/<name>.json` (named by
station/catalog_builtin.py): a dossier opened under an earlier built-in list keeps its rules
after an upgrade changes the bundled files."""

from __future__ import annotations

import json
from pathlib import Path

from station.catalog import Catalog, procedure_from_dict
from station.catalog_builtin import PREFIX, canonical, named
from station.errors import ErrorCode, StationError
from station.store.files import ensure_dir, write_atomic

_WRITER = "catalog"  # the temporary-file tag write_atomic uses


def keep_built_in(kept: Path, catalog: Catalog) -> None:
    """Keep the built-in list under its name (written once)."""
    path = kept / f"{catalog.version}.json"
    if path.exists():
        return
    ensure_dir(kept)
    write_atomic(path, canonical(catalog), _WRITER)


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

"""The built-in catalog (resources/catalog) named by what it holds: `builtin-<sha8>`, the first
8 hex digits of the sha256 of its procedures' canonical JSON. A dossier records that name, so
its manifest says which list applied, and the station keeps a copy of each built-in list it
used (station/catalog_builtin_kept.py): after an upgrade changes the bundled files, the
dossiers opened before keep the rules they were opened under. Dossiers recorded "" before the
built-in catalog had a name; they follow the built-in catalog installed now.

Nothing here touches the station's files, so the hub names its own bundled catalog the same
way (hub/result_components.py).
"""

from __future__ import annotations

import hashlib
import json

from station.catalog import Catalog, bundled_catalog_dir, load_catalog, procedure_to_dict
from station.catalog_bundle import BUILT_IN_PREFIX

PREFIX = BUILT_IN_PREFIX
LEGACY = ""  # what dossiers opened under the built-in catalog recorded before it had a name


def is_built_in(version: str) -> bool:
    """Whether a catalog version (without its `+local:` mark) names a built-in catalog."""
    return version == LEGACY or version.startswith(PREFIX)


def canonical(catalog: Catalog) -> bytes:
    procedures = [procedure_to_dict(p) for p in catalog]
    text = json.dumps(procedures, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def named(catalog: Catalog) -> Catalog:
    """`catalog`, named `builtin-<sha8>` of its procedures."""
    digest = hashlib.sha256(canonical(catalog)).hexdigest()[:8]
    return Catalog(catalog.procedures, PREFIX + digest)


def built_in_catalog() -> Catalog:
    """The bundled catalog as installed, with its name."""
    return named(load_catalog([bundled_catalog_dir()]))

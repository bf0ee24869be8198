"""Which components a result addendum may carry: result components of the dossier's procedure,
never a paper the dossier was received with. Otherwise a station could send a submitted paper
(TP1) as its "result" and have the dossier count as digitized with its result (indicator 4.2).

Two checks, both on what the hub itself holds:

- a component the dossier's stored manifest lists was received with the dossier: it is not a
  result (a result tagged at reception is already there; the station refuses a second one);
- when the hub knows the catalog the dossier was opened under (its manifest's
  `catalog_version`): a version published on this hub, or `builtin-<sha8>` naming the very
  catalog this hub ships (station/catalog_builtin.py), each component must be `kind: result`
  in the dossier's procedure there.

The hub cannot know the procedure, and accepts on the first check alone, for a version it does
not hold: a station-local file's (`<version>+local:<sha8>`), an older or newer built-in list,
"" (from before built-in lists had names), a version of another hub; and for a procedure the
catalog does not hold.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from hub import catalog_store
from hub.db import Database
from station.catalog import Catalog, procedure_from_dict
from station.catalog_builtin import PREFIX, built_in_catalog
from station.model import ComponentKind, Procedure

ERROR = "not_a_result_component"  # the 422 answer's error; its detail names each component
# Why a component is refused (`msg` of its entry in the detail)
RECEIVED_WITH_DOSSIER = "received_with_dossier"
SUBMITTED = "submitted_component"  # kind: submitted in the procedure
UNKNOWN_TO_PROCEDURE = "unknown_to_procedure"


def refused_components(
    db: Database, dossier_manifest: dict[str, Any], components: list[str]
) -> list[dict[str, Any]]:
    """One entry (`loc`, `msg`) per component of the addendum that is not a result of the
    dossier's procedure; empty when each is. `dossier_manifest` is the dossier's as stored."""
    received = {str(c.get("component_code", "")) for c in dossier_manifest.get("components", [])}
    procedure = _procedure(
        db,
        str(dossier_manifest.get("catalog_version", "")),
        str(dossier_manifest.get("procedure_code", "")),
    )
    kinds = {c.code: c.kind for c in procedure.components} if procedure is not None else None
    refused = []
    for index, code in enumerate(components):
        if code in received:
            reason = RECEIVED_WITH_DOSSIER
        elif kinds is None:
            continue
        elif code not in kinds:
            reason = UNKNOWN_TO_PROCEDURE
        elif kinds[code] is not ComponentKind.RESULT:
            reason = SUBMITTED
        else:
            continue
        refused.append({"loc": ["body", "components", index], "msg": reason})
    return refused


def _procedure(db: Database, version: str, code: str) -> Procedure | None:
    """The procedure as the catalog the dossier was opened under has it; None when the hub
    does not hold that catalog or the catalog lacks the procedure."""
    if version.startswith(PREFIX):
        built_in = _built_in()
        return built_in.procedures.get(code) if version == built_in.version else None
    if not version:
        return None
    text = catalog_store.document_text(db, version)  # None for a version the hub never published
    if text is None:
        return None
    entries = json.loads(text).get("procedures", [])
    entry = next((p for p in entries if isinstance(p, dict) and p.get("code") == code), None)
    # A stored version passed the stations' own parser when it was published.
    return procedure_from_dict(entry) if entry is not None else None


@cache
def _built_in() -> Catalog:
    """The catalog bundled with this hub's release: the same files for as long as it runs."""
    return built_in_catalog()

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
import threading
from collections import OrderedDict
from functools import cache
from typing import Any

from hub import catalog_store
from hub.db import Database
from station.catalog_builtin import PREFIX, built_in_catalog
from station.model import ComponentKind

ERROR = "not_a_result_component"  # the 422 answer's error; its detail names each component
# Why a component is refused (`msg` of its entry in the detail)
RECEIVED_WITH_DOSSIER = "received_with_dossier"
SUBMITTED = "submitted_component"  # kind: submitted in the procedure
UNKNOWN_TO_PROCEDURE = "unknown_to_procedure"

Kinds = dict[str, dict[str, str]]  # procedure code -> component code -> kind


class CatalogKinds:
    """The component kinds of each procedure of the versions this hub published, read once per
    version in each hub process: a published version never changes (catalog_store). A province's
    version can be megabytes of JSON; its kinds are a few hundred kilobytes."""

    def __init__(self, db: Database, versions: int = 4) -> None:
        self._db = db
        self._versions = versions
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, Kinds] = OrderedDict()

    def of(self, version: str, code: str) -> dict[str, str] | None:
        """Component code -> kind in procedure `code` as the catalog `version` has it; None
        when the hub does not hold that catalog or the catalog lacks the procedure."""
        if version.startswith(PREFIX):
            built_in = _built_in()
            return built_in[1].get(code) if version == built_in[0] else None
        if not version:
            return None
        with self._lock:
            kinds = self._kept.get(version)
            if kinds is not None:
                self._kept.move_to_end(version)
        if kinds is None:
            # Not kept: a version the hub never published is asked again next time, since
            # it may be published by then.
            text = catalog_store.document_text(self._db, version)
            if text is None:
                return None
            kinds = _kinds(json.loads(text).get("procedures", []))
            with self._lock:
                self._kept[version] = kinds
                while len(self._kept) > self._versions:
                    self._kept.popitem(last=False)
        return kinds.get(code)


def refused_components(
    catalogs: CatalogKinds, dossier_manifest: dict[str, Any], components: list[str]
) -> list[dict[str, Any]]:
    """One entry (`loc`, `msg`) per component of the addendum that is not a result of the
    dossier's procedure; empty when each is. `dossier_manifest` is the dossier's as stored."""
    received = {str(c.get("component_code", "")) for c in dossier_manifest.get("components", [])}
    kinds = catalogs.of(
        str(dossier_manifest.get("catalog_version", "")),
        str(dossier_manifest.get("procedure_code", "")),
    )
    refused = []
    for index, code in enumerate(components):
        if code in received:
            reason = RECEIVED_WITH_DOSSIER
        elif kinds is None:
            continue
        elif code not in kinds:
            reason = UNKNOWN_TO_PROCEDURE
        elif kinds[code] != ComponentKind.RESULT:
            reason = SUBMITTED
        else:
            continue
        refused.append({"loc": ["body", "components", index], "msg": reason})
    return refused


def _kinds(procedures: list[Any]) -> Kinds:
    """From a published version's procedures, which passed the stations' own parser when it
    was published (a component without `kind` is submitted, as station/catalog.py reads it)."""
    return {
        str(p["code"]): {
            str(c["code"]): str(c.get("kind", ComponentKind.SUBMITTED)) for c in p["components"]
        }
        for p in procedures
    }


@cache
def _built_in() -> tuple[str, Kinds]:
    """The name and kinds of the catalog bundled with this hub's release: the same files for
    as long as it runs."""
    catalog = built_in_catalog()
    kinds = {
        p.code: {c.code: c.kind.value for c in p.components} for p in catalog.procedures.values()
    }
    return catalog.version, kinds

"""An open dossier with no procedure yet (a draft, or one created from a receipt's code) taken
over by the dossier the clerk then describes: its pages stay, and it gets the procedure, the
applicant and, for a draft, the code the one-stop system issued."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from datetime import datetime

from station.errors import ErrorCode, StationError
from station.model import Dossier, DossierState
from station.store import rows


def take_over(
    conn: sqlite3.Connection,
    holder_code: str,
    dossier: Dossier,
    components: Collection[str],
    now: datetime,
) -> None:
    """The holder's row becomes `dossier` (its pages, events and receipt time stay); a page
    tagged with a component the procedure does not have is left untagged."""
    holder = conn.execute(
        "SELECT id, state, procedure_code FROM dossier WHERE code = ?", (holder_code,)
    ).fetchone()
    if holder is None:
        raise StationError(ErrorCode.DOSSIER_NOT_FOUND, code=holder_code)
    if holder["state"] != DossierState.OPEN.value:
        raise StationError(ErrorCode.DOSSIER_FINISHED, code=holder_code)
    if holder["procedure_code"]:
        raise StationError(ErrorCode.DOSSIER_EXISTS, code=holder_code)
    if (
        dossier.code != holder_code
        and conn.execute("SELECT 1 FROM dossier WHERE code = ?", (dossier.code,)).fetchone()
    ):
        raise StationError(ErrorCode.DOSSIER_EXISTS, code=dossier.code)
    conn.execute(
        "UPDATE dossier SET code = ?, procedure_code = ?, applicant_name = ?,"
        " applicant_id_number = ?, cases = ?, catalog_version = ?, updated_at = ? WHERE id = ?",
        (
            dossier.code,
            dossier.procedure_code,
            dossier.applicant_name,
            dossier.applicant_id_number,
            json.dumps(list(dossier.cases)),
            dossier.catalog_version,
            rows.to_text(now),
            holder["id"],
        ),
    )
    conn.execute(
        "UPDATE event SET dossier_code = ? WHERE dossier_code = ?", (dossier.code, holder_code)
    )
    marks = ",".join("?" * len(components))
    conn.execute(
        f"UPDATE page SET component_code = NULL, updated_at = ? WHERE dossier_id = ?"
        f" AND component_code IS NOT NULL AND component_code NOT IN ({marks})",
        (rows.to_text(now), holder["id"], *components),
    )

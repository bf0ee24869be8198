"""Results of dossiers received here that another desk of the unit committed to the hub (trả kết
quả at a separate result desk), as the hub tells this station (sync/results_elsewhere.py).

The station holds no file of such a result, only that its components were committed and when.
With it, the dossier leaves the results awaiting scan (station/store/results.py) and counts
under indicators 4.1 and 4.2 (station/store/activity.py), as the hub counts it. Rows are by
dossier code: the hub names this station's dossiers, and a code the store does not hold (an
older store's dossier) simply matches nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class ResultElsewhere:
    dossier_code: str
    components: tuple[str, ...]  # the result components the other desk committed
    committed_at: datetime  # when the hub committed them


def record_results_elsewhere(
    conn: sqlite3.Connection, found: Sequence[ResultElsewhere], learned_at: datetime
) -> int:
    """Keep what the hub said, in the caller's transaction; a component told again (the hub's
    pages overlap) keeps what was first told. Returns how many (dossier, component) are new."""
    before = conn.total_changes
    for item in found:
        for component in item.components:
            conn.execute(
                "INSERT INTO result_elsewhere (dossier_code, component_code, committed_at,"
                " learned_at) VALUES (?, ?, ?, ?) ON CONFLICT (dossier_code, component_code)"
                " DO NOTHING",
                (item.dossier_code, component, _text(item.committed_at), _text(learned_at)),
            )
    return conn.total_changes - before


def latest_committed(conn: sqlite3.Connection) -> datetime | None:
    """The latest commit the hub told of: where the next question starts."""
    found = conn.execute("SELECT max(committed_at) FROM result_elsewhere").fetchone()[0]
    return None if found is None else datetime.fromisoformat(found)


def committed_elsewhere(conn: sqlite3.Connection, dossier_code: str) -> dict[str, datetime]:
    """Result component -> when another desk committed it, for one dossier."""
    found = conn.execute(
        "SELECT component_code, committed_at FROM result_elsewhere WHERE dossier_code = ?"
        " ORDER BY committed_at, component_code",
        (dossier_code,),
    ).fetchall()
    return {row[0]: datetime.fromisoformat(row[1]) for row in found}


def _text(moment: datetime) -> str:
    """UTC with microseconds always written, so that the text orders as the times do."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="microseconds")

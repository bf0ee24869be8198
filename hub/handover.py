"""A result handed over at another station of the dossier's unit (a separate result desk, trả
kết quả): which committed dossier a station may hand the result of, what the desk is told of
it, and how the result counts for the station that received the dossier.

A station may hand over the result of its own dossier, or of one committed by a station
registered in the same unit as itself (a station without a registered unit: its own only).
The desk is told what it needs to number and tag the result files, never who the applicant
is: no name, no ID number, no file.

The station that received the dossier counts the result as its own: its received dossier on
the hub is marked as having its result whenever the result or that station's facts arrive, so
its figures, its unit's and the province's count the dossier as digitized (indicator 4.2) and
with an electronic result (4.1). The station that handed the result over counts only the pages
it scanned; the dossier is not one it received.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from hub import stations
from hub.db import Database, Session


@dataclass(frozen=True)
class Handover:
    """What a result desk is told of a dossier (no personal data)."""

    dossier_code: str
    procedure_code: str
    catalog_version: str
    received_at: str  # the period the result counts in (indicator 4.2)
    finished_at: str | None  # the reception's finish
    finished: bool  # finished at reception and committed to the hub
    station_id: str  # the station that received it, where its files are kept
    files_count: int  # its files so far, reception and results: the next is numbered after
    result_components: list[str] = field(default_factory=list)  # already digitized
    result_finished_at: str | None = None  # the latest result committed


def dossier_holder(session: Session, units: dict[str, str], station: str, code: str) -> str | None:
    """The station whose committed dossier `code` is, when `station` may hand its result
    over (itself, or a station registered in its unit); None otherwise. `units`: the units
    registered on the hub."""
    own = session.one(
        "SELECT 1 AS found FROM dossiers WHERE station_id = ? AND dossier_code = ?",
        (station, code),
    )
    if own is not None:
        return station
    unit = units.get(station, "")
    if not unit:
        return None
    holders = session.query(
        "SELECT station_id FROM dossiers WHERE dossier_code = ? ORDER BY committed_at DESC",
        (code,),
    )
    return next((r["station_id"] for r in holders if units.get(r["station_id"]) == unit), None)


def handover_of(db: Database, station: str, code: str) -> Handover | None:
    """The dossier as the result desk of `station` may see it; None for an unknown code and
    for another unit's dossier alike."""
    units = stations.registered_units(db)
    with db.transaction() as session:
        holder = dossier_holder(session, units, station, code)
        if holder is None:
            return None
        row = session.one(
            "SELECT d.files_count, m.body_json FROM dossiers d JOIN manifests m"
            " ON m.station_id = d.station_id AND m.manifest_id = d.manifest_id"
            " WHERE d.station_id = ? AND d.dossier_code = ?",
            (holder, code),
        )
        addenda = results_of_dossier(session, holder, code)
    if row is None:
        return None
    manifest = json.loads(row["body_json"])
    done = [c for a in addenda for c in a["body"]["components"]]
    return Handover(
        dossier_code=code,
        procedure_code=str(manifest.get("procedure_code", "")),
        catalog_version=str(manifest.get("catalog_version", "")),
        received_at=str(manifest.get("received_at", "")),
        finished_at=manifest.get("finished_at"),
        finished=manifest.get("finished_at") is not None,
        station_id=holder,
        files_count=int(row["files_count"]) + sum(len(a["body"]["files"]) for a in addenda),
        result_components=list(dict.fromkeys(done)),
        result_finished_at=addenda[-1]["committed_at"] if addenda else None,
    )


def results_of_dossier(session: Session, holder: str, code: str) -> list[dict[str, Any]]:
    """The addenda committed for `holder`'s dossier, by it or at another desk, oldest first."""
    rows = session.query(
        "SELECT r.body_json, r.committed_at FROM results r WHERE r.dossier_code = ?"
        " AND (r.station_id = ? OR EXISTS (SELECT 1 FROM result_handovers h"
        " WHERE h.station_id = r.station_id AND h.addendum_id = r.addendum_id"
        " AND h.dossier_station_id = ?)) ORDER BY r.committed_at",
        (code, holder, holder),
    )
    return [{"body": json.loads(r["body_json"]), "committed_at": r["committed_at"]} for r in rows]


def record_handover(
    session: Session, station: str, addendum_id: str, holder: str, code: str
) -> None:
    """An addendum `station` sent for `holder`'s dossier, in the caller's transaction: kept,
    and the holder's received dossier credited with its result."""
    session.execute(
        "INSERT INTO result_handovers (station_id, addendum_id, dossier_station_id,"
        " dossier_code) VALUES (?, ?, ?, ?) ON CONFLICT (station_id, addendum_id) DO NOTHING",
        (station, addendum_id, holder, code),
    )
    session.execute(
        "UPDATE received_dossiers SET has_electronic_result = 1"
        " WHERE station_id = ? AND dossier_code = ? AND has_electronic_result = 0",
        (holder, code),
    )


def credit_handed_over(session: Session, station: str, store_id: str) -> None:
    """After `station` sent its received dossiers again: those whose result was handed over
    at another desk of the unit keep it (the station itself does not know of it)."""
    session.execute(
        "UPDATE received_dossiers SET has_electronic_result = 1"
        " WHERE station_id = ? AND store_id = ? AND has_electronic_result = 0"
        " AND dossier_code IN (SELECT h.dossier_code FROM result_handovers h"
        " WHERE h.dossier_station_id = ?)",
        (station, store_id, station),
    )

"""Opening a dossier under a catalog entry outside its valid_from…valid_until dates warns, on
the day the dossier is received (the station's date)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from station.catalog import Catalog
from station.dossiers import DossierRequest, DossierWarning, open_dossier

PROCEDURE = "1.000656"


def _dated(catalog: Catalog, valid_from: date | None, valid_until: date | None) -> Catalog:
    entry = catalog.get(PROCEDURE)
    provenance = dataclasses.replace(
        entry.provenance, valid_from=valid_from, valid_until=valid_until
    )
    procedures = {
        **catalog.procedures,
        PROCEDURE: dataclasses.replace(entry, provenance=provenance),
    }
    return dataclasses.replace(catalog, procedures=procedures)


def _open(store, catalog: Catalog, code: str, day: date) -> list[DossierWarning]:
    received = datetime(day.year, day.month, day.day, 10, 0).astimezone()
    warnings = open_dossier(store, catalog, DossierRequest(code, PROCEDURE, received_at=received))[
        1
    ]
    return [w for w in warnings if w.value.startswith("entry_")]  # not the short code's


def test_an_entry_past_its_valid_until_warns(store, catalog) -> None:
    dated = _dated(catalog, None, date(2025, 6, 30))
    assert _open(store, dated, "HS-1", date(2025, 6, 30)) == []  # its last day still applies
    assert _open(store, dated, "HS-2", date(2025, 7, 1)) == [DossierWarning.ENTRY_EXPIRED]


def test_an_entry_before_its_valid_from_warns(store, catalog) -> None:
    dated = _dated(catalog, date(2030, 1, 1), None)
    assert _open(store, dated, "HS-1", date(2029, 12, 31)) == [DossierWarning.ENTRY_NOT_YET_VALID]
    assert _open(store, dated, "HS-2", date(2030, 1, 1)) == []
    assert store.dossier("HS-1").procedure_code == PROCEDURE  # opened all the same

"""The facts a station reports say which received dossiers it finished, so the hub can count
the results awaiting scan as the station does; finishing one changes its month's digest, so
the month travels again."""

from __future__ import annotations

from typing import Any

from station.workflow import finish_dossier
from station.workflow.awaiting import results_awaiting
from sync.facts_reporter import FactsReporter
from tests.station.workflow.support import CODE, new_dossier, scanned_page
from tests.sync.client.conftest import Station

SECOND = "000.00.14.H05-251122-0002"


def sent_rows(station: Station) -> dict[str, dict[str, Any]]:
    batch = FactsReporter(station.store.database).batch(station.catalog, 100)
    return {row["code"]: row for month in batch.body["received"] for row in month["rows"]}


def awaiting_as_the_hub_counts(rows: dict[str, dict[str, Any]]) -> set[str]:
    return {
        code
        for code, row in rows.items()
        if row["finished"] and row["result_required"] and not row["has_electronic_result"]
    }


def test_finished_dossiers_are_said_and_count_as_the_station_counts_them(
    station: Station,
) -> None:
    station.finish(CODE, components=("TP1",))  # a paper result, not handed over yet
    new_dossier(station.store, station.catalog, SECOND)
    scanned_page(station.store, SECOND, "A5", "TP1")  # still open at the counter
    rows = sent_rows(station)
    assert {code: row["finished"] for code, row in rows.items()} == {CODE: True, SECOND: False}
    pending = {p.dossier_code for p in results_awaiting(station.store, station.catalog)}
    assert awaiting_as_the_hub_counts(rows) == pending == {CODE}

    month = FactsReporter(station.store.database).batch(station.catalog, 100).body["received"]
    FactsReporter(station.store.database).acknowledge(0, {m["month"]: m["digest"] for m in month})
    assert sent_rows(station) == {}  # the hub holds every month

    finish_dossier(station.store, station.catalog, SECOND, profile="jpeg", workers=1)
    rows = sent_rows(station)  # its month again, with it finished
    assert rows[SECOND]["finished"] is True
    pending = {p.dossier_code for p in results_awaiting(station.store, station.catalog)}
    assert awaiting_as_the_hub_counts(rows) == pending == {CODE, SECOND}

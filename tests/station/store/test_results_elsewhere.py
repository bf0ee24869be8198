"""What the hub told of results committed at another desk, in the station's own database: the
dossier leaves the results awaiting scan and counts under 4.1/4.2 here, kept once however often
told; a code the store does not hold, or a component that is not a result, changes nothing."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from station.catalog import Catalog
from station.model import utc_now
from station.stats import Period, zone
from station.stats.source import station_report
from station.store import Layout, Store
from station.store.database import APPLICATION_ID
from station.store.migrations import MIGRATIONS, migrate
from station.store.results_elsewhere import (
    ResultElsewhere,
    latest_committed,
    record_results_elsewhere,
)
from station.workflow import finish_dossier
from station.workflow.awaiting import results_awaiting
from tests.station.workflow.support import new_dossier, tiny_page

FIRST, SECOND = "000.00.14.H05-261203-0001", "000.00.14.H05-261203-0002"
COMMITTED = datetime(2026, 12, 5, 2, 30, tzinfo=UTC)


def told(store: Store, *found: ResultElsewhere) -> int:
    with store.database.transaction() as conn:
        return record_results_elsewhere(conn, found, utc_now())


def rates(store: Store, catalog: Catalog) -> tuple[int, int, int]:
    """(received, digitized under 4.2, with a result under 4.1) today."""
    total = station_report(store, catalog, Period.today(zone())).total
    return (total.digitization.received, total.digitization.digitized,
            total.electronic_results.with_result)  # fmt: skip


@pytest.fixture
def received(store: Store, catalog: Catalog) -> Store:
    """Two birth registrations (result KQ1) finished at reception today."""
    for code in (FIRST, SECOND):
        new_dossier(store, catalog, code)
        tiny_page(store, code, "TP1")
        finish_dossier(store, catalog, code, "jpeg", override_reason="kiểm tra riêng", workers=1)
    return store


def test_a_result_committed_elsewhere_leaves_the_awaiting_list_and_counts(
    received: Store, catalog: Catalog
) -> None:
    store = received
    assert [a.dossier_code for a in results_awaiting(store, catalog)] == [FIRST, SECOND]
    assert rates(store, catalog) == (2, 0, 0)

    assert told(store, ResultElsewhere(FIRST, ("KQ1",), COMMITTED)) == 1
    assert [a.dossier_code for a in results_awaiting(store, catalog)] == [SECOND]
    assert rates(store, catalog) == (2, 1, 1)

    # Told again (the hub's pages overlap), and for a code this store does not hold.
    later = COMMITTED + timedelta(hours=1)
    again = ResultElsewhere(FIRST, ("KQ1",), later)
    assert told(store, again, ResultElsewhere("000.00.14.H05-251101-0009", ("KQ1",), later)) == 1
    assert store.results_elsewhere(FIRST) == {"KQ1": COMMITTED}  # the first word kept
    assert rates(store, catalog) == (2, 1, 1)
    assert store.database.read(latest_committed) == later


def test_a_component_that_is_not_a_result_changes_nothing(
    received: Store, catalog: Catalog
) -> None:
    told(received, ResultElsewhere(SECOND, ("TP9",), COMMITTED))
    assert [a.dossier_code for a in results_awaiting(received, catalog)] == [FIRST, SECOND]
    assert rates(received, catalog) == (2, 0, 0)


def test_nothing_told_yet_means_no_start(store: Store) -> None:
    assert store.database.read(latest_committed) is None


def test_a_store_of_the_version_before_gets_the_table(tmp_path, catalog: Catalog) -> None:
    layout = Layout(tmp_path / "old")
    layout.home.mkdir(mode=0o700)
    conn = sqlite3.connect(layout.database, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(conn, [m for m in MIGRATIONS if "result_elsewhere" not in m.script])
    conn.close()
    with Store.open(layout.home) as store:
        told(store, ResultElsewhere(FIRST, ("KQ1",), COMMITTED))
        assert store.database.read(latest_committed) == COMMITTED

"""Read one station's facts for a period from its store, and judge them against the catalog."""

from __future__ import annotations

from station.catalog import Catalog
from station.model import ComponentKind
from station.stats.figures import Facts, Grouping, ReceivedDossier, StatsReport, stats_report
from station.stats.periods import Period
from station.store import Store
from station.store.activity import ReceivedRow
from station.upload_facts import QueueBacklog
from station.workflow.awaiting import count_awaiting


def station_facts(store: Store, catalog: Catalog, period: Period) -> Facts:
    start, end = period.start, period.end
    received = store.received_dossiers(start, end)
    return Facts(
        events=tuple(store.events(start, end)),
        received=tuple(received_dossier(row, catalog) for row in received),
        # The events the upload queue writes in the transaction of each change it records.
        uploads=tuple(store.confirmed_uploads(start, end)),
        failures=tuple(store.upload_failures(start, end)),
    )


def station_report(
    store: Store,
    catalog: Catalog,
    period: Period,
    by: Grouping | None = None,
    queue: QueueBacklog | None = None,
) -> StatsReport:
    """`queue`: the upload queue's backlog as of now, read by whoever owns the queue (sync);
    None leaves it out of the report."""
    facts = station_facts(store, catalog, period)
    awaiting = count_awaiting(store, catalog)
    return stats_report(facts, period, by, queue, results_awaiting=awaiting)


def received_dossier(row: ReceivedRow, catalog: Catalog) -> ReceivedDossier:
    """A paper-result procedure (result_on_paper, with a result component) also needs a file
    for its result; a procedure missing from the catalog is judged on its files alone."""
    procedure = catalog.procedures.get(row.procedure_code)
    results = (
        {c.code for c in procedure.components if c.kind is ComponentKind.RESULT}
        if procedure is not None
        else set()
    )
    return ReceivedDossier(
        code=row.code,
        station_id=row.station_id,
        clerk_id=row.clerk_id,
        received_at=row.received_at,
        digitized=any(code not in results for code in row.file_components),
        result_required=procedure is not None and procedure.result_on_paper and bool(results),
        has_electronic_result=any(code in results for code in row.file_components),
    )

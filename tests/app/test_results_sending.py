"""What the result screen says was sent: the dossier as received and each result addendum,
each with the state its jobs have in the upload queue."""

from __future__ import annotations

from app.finishing import finish
from app.result_sending import SendState, dossier_sending
from app.results import queue_result
from station.errors import ErrorCode, StationError
from station.workflow.results import finish_result, open_for_result
from sync.jobs import JobKind
from sync.outbox import Outbox
from tests.station.workflow.support import CODE, new_dossier, scanned_page


def _states(store) -> list[tuple[str, tuple[str, ...], SendState]]:
    return [(p.addendum_id, p.file_names, p.state) for p in dossier_sending(store, CODE)]


def test_the_dossier_and_each_result_read_their_state_from_the_queue(store, catalog) -> None:
    new_dossier(store, catalog)
    scanned_page(store, CODE, "A6", "TP1")
    finish(store, catalog, CODE, profile="jpeg", workers=1)  # queued as it finishes
    assert _states(store) == [("", (f"{CODE}.1.pdf",), SendState.QUEUED)]

    open_for_result(store, catalog, CODE)
    scanned_page(store, CODE, "A6", "KQ1")
    receipt = finish_result(store, catalog, CODE, profile="jpeg", workers=1)
    result = (receipt.addendum_id, (f"{CODE}.2.pdf",))
    assert _states(store)[1] == (*result, SendState.NOT_QUEUED)  # as when queueing failed
    queue_result(store, catalog, receipt)
    assert _states(store)[1] == (*result, SendState.QUEUED)

    outbox = Outbox.of(store)
    jobs = outbox.jobs(dossier_code=CODE)
    result_file = next(j for j in jobs if j.file_name == f"{CODE}.2.pdf")
    outbox.park(result_file.id, StationError(ErrorCode.SYNC_LOCAL_FILE_CHANGED, path="x.pdf"))
    for job in jobs:
        if job.kind is JobKind.MANIFEST or job.file_name == f"{CODE}.1.pdf":
            outbox.mark_done(job.id)

    received, handed_over = dossier_sending(store, CODE)
    assert (received.state, received.is_result) == (SendState.SENT, False)
    assert received.sent_at is not None and received.components == ("TP1",)
    assert (handed_over.state, handed_over.components) == (SendState.FAILED, ("KQ1",))
    assert handed_over.error_code == "sync_local_file_changed"
    assert handed_over.error_params == {"path": "x.pdf"}

"""How far a finished dossier got to the province: the dossier as received, then each result
addendum finished for it since, read from the upload queue (sync/outbox.py). The result screen
shows it beside the dossier opened for its result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from station.store import DossierFile, Store
from sync.jobs import Job, JobKind, JobState
from sync.outbox import Outbox


class SendState(StrEnum):
    NOT_QUEUED = "not_queued"  # finished, queueing failed: `sohoa sync enqueue` queues it
    QUEUED = "queued"  # waits its turn, a retry, the dossier's own commit, or sync set up
    SENT = "sent"  # its manifest committed: the hub (or the folder) holds it whole
    FAILED = "failed"  # a job parked: it waits for a person to retry it
    ELSEWHERE = "elsewhere"  # received at another station of the unit, which sent it


@dataclass(frozen=True)
class PartSending:
    """The dossier as received (`addendum_id` "") or one result addendum."""

    addendum_id: str
    components: tuple[str, ...]  # in file order
    file_names: tuple[str, ...]
    state: SendState
    sent_at: datetime | None = None  # SENT: when its manifest was committed
    error_code: str | None = None  # FAILED: why the first parked job was refused
    error_params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_result(self) -> bool:
        return bool(self.addendum_id)


def dossier_sending(store: Store, code: str) -> list[PartSending]:
    """The dossier as received, then its result addenda in the order they were finished."""
    files = store.dossier_files(code)
    jobs = Outbox.of(store).jobs(dossier_code=code)
    parts: dict[str, list[DossierFile]] = {"": []}
    for f in files:
        parts.setdefault(f.addendum_id, []).append(f)
    received_elsewhere = store.handover(code) is not None
    return [
        _part(addendum_id, found, jobs, received_elsewhere)
        for addendum_id, found in parts.items()
        if found or not addendum_id
    ]


def _part(
    addendum_id: str, files: list[DossierFile], jobs: list[Job], received_elsewhere: bool
) -> PartSending:
    components = tuple(dict.fromkeys(f.component_code for f in files))
    names = tuple(f.file_name for f in files)
    if not addendum_id and received_elsewhere:
        return PartSending(addendum_id, components, names, SendState.ELSEWHERE)
    commit_kind = JobKind.RESULT if addendum_id else JobKind.MANIFEST
    commit = next((j for j in jobs if j.kind is commit_kind
                   and (not addendum_id or j.idempotency_key == addendum_id)), None)  # fmt: skip
    if commit is None:
        return PartSending(addendum_id, components, names, SendState.NOT_QUEUED)
    own = [j for j in jobs if j.kind is JobKind.FILE and j.file_name in names] + [commit]
    parked = next((j for j in own if j.state is JobState.FAILED), None)
    if parked is not None:
        return PartSending(addendum_id, components, names, SendState.FAILED,
                           error_code=parked.error_code,
                           error_params=parked.error_params)  # fmt: skip
    if commit.state is JobState.DONE:
        return PartSending(addendum_id, components, names, SendState.SENT, commit.done_at)
    return PartSending(addendum_id, components, names, SendState.QUEUED)

"""Small helpers shared by the client tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sync.jobs import Job, JobKind
from sync.outbox import Outbox
from sync.worker_events import SyncEvent, WorkerEventKind


def hub_copies(hub) -> list[Path]:
    """Every upload data file the hub keeps; one per file sent exactly once."""
    return sorted((hub.data_dir / "uploads").rglob("*.bin"))


def hub_hashes(hub) -> list[str]:
    return sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in hub_copies(hub))


def file_hashes(jobs: list[Job]) -> list[str]:
    return sorted(j.sha256 for j in jobs if j.kind is JobKind.FILE)


def jobs_of(home: Path) -> list[Job]:
    with Outbox.open(home) as outbox:
        return outbox.jobs()


class Recorder:
    def __init__(self) -> None:
        self.events: list[SyncEvent] = []

    def __call__(self, event: SyncEvent) -> None:
        self.events.append(event)

    def kinds(self) -> list[WorkerEventKind]:
        return [e.kind for e in self.events]

    def of(self, kind: WorkerEventKind) -> list[SyncEvent]:
        return [e for e in self.events if e.kind is kind]

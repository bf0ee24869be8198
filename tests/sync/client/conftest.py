"""A real hub on 127.0.0.1, a station data directory with finished dossiers, fast settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from station.catalog import Catalog
from station.store import Store
from station.workflow import finish_dossier
from sync.backoff import Backoff
from sync.enqueue import enqueue_dossier
from sync.jobs import Job
from sync.settings import save_settings
from sync.worker import SyncWorker, WorkerOptions
from tests.helpers.hub import HubHandle, running_hub
from tests.station.workflow.support import CODE, new_dossier, scanned_page

CLIENT_ID = "ST-CLIENT-01"
CHUNK = 16 * 1024
FAST = WorkerOptions(
    backoff=Backoff(base=0.05, cap=0.4),
    poll_seconds=0.05,
    heartbeat_seconds=3600,
    chunk_size=CHUNK,
)


@dataclass
class Station:
    home: Path
    store: Store
    catalog: Catalog
    secret_file: Path

    def finish(self, code: str = CODE, components: tuple[str, ...] = ("TP1", "TP1", "KQ1"),
               paper: str = "A5") -> list[Job]:  # fmt: skip
        new_dossier(self.store, self.catalog, code)
        for component in components:
            scanned_page(self.store, code, paper, component)
        finish_dossier(self.store, self.catalog, code, profile="jpeg", workers=1)
        return enqueue_dossier(self.store, self.catalog, code)

    def connect(self, url: str, secret: str, **settings: object) -> None:
        fd = os.open(self.secret_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, secret.encode() + b"\n")
        os.close(fd)
        save_settings(
            self.store, url=url, client_id=CLIENT_ID, secret_file=str(self.secret_file),
            **settings,
        )  # fmt: skip

    def worker(self, options: WorkerOptions = FAST) -> SyncWorker:
        return SyncWorker(self.home, options=options)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubHandle]:
    with running_hub(tmp_path / "hub") as handle:
        yield handle


@pytest.fixture
def station(home: Path, store: Store, catalog: Catalog, tmp_path: Path) -> Station:
    return Station(home, store, catalog, tmp_path / "client-secret")


@pytest.fixture
def connected(station: Station, hub: HubHandle) -> Station:
    station.connect(hub.url, hub.add_station(CLIENT_ID))
    return station

"""An upload left half-sent until the hub let it expire (tus expiration: 410) is created again
by the station's sender and sent whole, under the same idempotency key: nothing is lost and
nothing arrives twice."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from sync.jobs import Job, JobKind, JobState
from sync.worker_events import WorkerEventKind
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import encode_metadata, fetch_token
from tests.sync.client.conftest import CHUNK, CLIENT_ID, Station
from tests.sync.client.support import Recorder, file_hashes, hub_hashes, jobs_of

TTL = 2  # seconds an unfinished upload lives on this hub


def _half_sent(hub: HubHandle, secret: str, job: Job, data: bytes) -> str:
    """Creates the job's upload on the hub and sends its first half; returns its URL."""
    tus = _tus(hub, secret)
    metadata = {
        "filename": job.file_name,
        "sha256": job.sha256,
        "idempotency_key": job.idempotency_key,
        "dossier_code": job.dossier_code,
    }
    creating = {"Upload-Length": str(job.size), "Upload-Metadata": encode_metadata(metadata)}
    created = requests.post(hub.url + "/files/", headers={**tus, **creating}, timeout=10)
    assert created.status_code == 201, created.text
    url = created.headers["Location"]
    patching = {"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}
    half = requests.patch(url, data=data[: job.size // 2], headers={**tus, **patching}, timeout=10)
    assert half.status_code == 204 and int(half.headers["Upload-Offset"]) == job.size // 2
    return url


def _tus(hub: HubHandle, secret: str) -> dict[str, str]:
    token = fetch_token(hub, CLIENT_ID, secret)
    return {"Authorization": f"Bearer {token}", "Tus-Resumable": "1.0.0"}


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubHandle]:
    with running_hub(tmp_path / "hub", upload_ttl=TTL) as handle:
        yield handle


def test_an_expired_half_sent_upload_is_created_again_and_sent_whole(
    station: Station, hub: HubHandle
) -> None:
    secret = hub.add_station(CLIENT_ID)
    station.connect(hub.url, secret)
    jobs = station.finish()
    job = next(j for j in jobs if j.kind is JobKind.FILE)
    data = (station.home / job.path).read_bytes()
    assert job.size > 4 * CHUNK  # several PATCHes: where the sender starts from shows
    # Half of the file reached the hub under the job's key, as a sender cut off would leave it.
    url = _half_sent(hub, secret, job, data)
    time.sleep(TTL + 1)
    assert requests.head(url, headers=_tus(hub, secret), timeout=10).status_code == 410

    recorder = Recorder()
    worker = station.worker()
    worker.subscribe(recorder)
    worker.run(until_idle=True, timeout=30)
    assert {j.state for j in jobs_of(station.home)} == {JobState.DONE}, recorder.kinds()
    assert hub_hashes(hub) == file_hashes(jobs)  # each file once, the expired one whole
    first = next(e for e in recorder.of(WorkerEventKind.JOB_PROGRESS) if e.job_id == job.id)
    assert first.sent < job.size // 2  # from the start again, not from the expired offset

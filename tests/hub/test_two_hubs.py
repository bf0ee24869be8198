"""Two `sohoa-hub serve` processes on one store and one data directory, several stations
uploading through both at once: nothing lost, nothing twice.

Each file is created on both hubs at the same moment, its first chunk is sent to both at
once, its second is cut off halfway on the first hub, and the rest alternate between the
hubs, so an upload begun on one is resumed on the other. Every manifest is committed on
both hubs at the same moment too. Parametrised: PostgreSQL, and SQLite (WAL) in the data
directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import requests
from click.testing import CliRunner

from hub.cli import hub_group
from hub.config import HubConfig
from hub.db import open_database
from tests.conftest import REPO
from tests.helpers.hub import sohoa_hub
from tests.hub.conftest import encode_metadata, manifest_for
from tests.hub.postgres import fresh_database

STATIONS = 3
DOSSIERS_PER_STATION = 2
FILES_PER_DOSSIER = 2
CHUNK = 48 * 1024


@dataclass
class Sender:
    """One station talking to both hubs with one token (tokens live in the shared store)."""

    station_id: str
    token: str
    urls: tuple[str, str]

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "Tus-Resumable": "1.0.0", **extra}

    def both(self, call) -> list[requests.Response]:
        """`call(url)` on both hubs, released at the same moment."""
        start = threading.Barrier(2)

        def run(url: str) -> requests.Response:
            start.wait()
            return call(url)

        with ThreadPoolExecutor(2) as pool:
            return list(pool.map(run, self.urls))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(process: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(url + "/api/v1/stations", timeout=1)
            return
        except requests.ConnectionError:
            assert process.poll() is None, "hub exited"
            assert time.monotonic() < deadline, "hub did not start"
            time.sleep(0.1)


@pytest.fixture
def two_hubs(request, tmp_path) -> Iterator[tuple[HubConfig, tuple[str, str], list[Path]]]:
    """Yields (config, the two base URLs, their stderr logs); parametrised by store."""
    dsn = None
    if request.param == "postgresql":
        server = request.getfixturevalue("server_dsn")
        dsn = fresh_database(server, f"hub_{uuid.uuid4().hex[:12]}")
    config = HubConfig(data_dir=tmp_path / "hub", dsn=dsn)
    store = ["--data", str(config.data_dir), *(["--dsn", dsn] if dsn else [])]
    processes, urls, logs = [], [], []
    for index in range(2):
        port = _free_port()
        logs.append(tmp_path / f"hub-{index}.log")
        with logs[-1].open("wb") as log:
            processes.append(
                subprocess.Popen(
                    [*sohoa_hub(), "serve", "--host", "127.0.0.1", "--port", str(port), *store],
                    cwd=REPO,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for process, url in zip(processes, urls, strict=True):
            _wait_until_serving(process, url)
        yield config, (urls[0], urls[1]), logs
        assert [process.poll() for process in processes] == [None, None]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=15)


def _register(config: HubConfig, name: str, urls: tuple[str, str]) -> Sender:
    store = ["--data", str(config.data_dir), *(["--dsn", config.dsn] if config.dsn else [])]
    added = CliRunner().invoke(hub_group, ["add-station", *store, "--name", name, "--json"])
    assert added.exit_code == 0, added.output
    credentials = json.loads(added.output)
    answer = requests.post(
        urls[1] + "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(credentials["client_id"], credentials["client_secret"]),
        timeout=10,
    )
    return Sender(credentials["client_id"], answer.json()["access_token"], urls)


def _send(sender: Sender, key: str, data: bytes, code: str) -> None:
    metadata = {
        "filename": f"{key}.pdf",
        "sha256": hashlib.sha256(data).hexdigest(),
        "idempotency_key": key,
        "dossier_code": code,
    }
    create_headers = sender.headers(
        **{"Upload-Length": str(len(data)), "Upload-Metadata": encode_metadata(metadata)}
    )
    created = sender.both(
        lambda url: requests.post(url + "/files/", headers=create_headers, timeout=30)
    )
    assert [answer.status_code for answer in created] == [201, 201]
    upload_ids = {answer.headers["Location"].rsplit("/", 1)[1] for answer in created}
    assert len(upload_ids) == 1, "one idempotency key, one upload, whichever hub answered"
    path = "/files/" + upload_ids.pop()

    def patch(url: str, offset: int) -> requests.Response:
        headers = sender.headers(
            **{"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"}
        )
        return requests.patch(
            url + path, data=data[offset : offset + CHUNK], headers=headers, timeout=30
        )

    # The same first chunk on both hubs at once: the upload's lock file lets one write it;
    # the other then sees the moved offset.
    first = sender.both(lambda url: patch(url, 0))
    assert sorted(answer.status_code for answer in first) == [204, 409]
    # Then a PATCH to the first hub that dies halfway: that hub keeps what arrived and
    # holds the upload's lock until it notices; the station goes on with the other hub.
    _patch_and_drop(sender, sender.urls[0] + path, CHUNK, data[CHUNK : CHUNK * 2])
    offset, turn, deadline = CHUNK, 1, time.monotonic() + 30
    while offset < len(data):
        assert time.monotonic() < deadline, "the upload never finished"
        url = sender.urls[turn % 2]
        head = requests.head(url + path, headers=sender.headers(), timeout=30)
        assert int(head.headers["Upload-Offset"]) >= offset
        offset = int(head.headers["Upload-Offset"])
        answer = patch(url, offset)
        if answer.status_code == 409:  # the cut-off PATCH landed more bytes meanwhile
            continue
        assert answer.status_code == 204, answer.text
        offset, turn = int(answer.headers["Upload-Offset"]), turn + 1


def _patch_and_drop(sender: Sender, url: str, offset: int, body: bytes) -> None:
    """Announces `body` but sends half of it, then closes the connection."""
    parsed = urlparse(url)
    head = (
        f"PATCH {parsed.path} HTTP/1.1\r\nHost: {parsed.netloc}\r\n"
        f"Authorization: Bearer {sender.token}\r\nTus-Resumable: 1.0.0\r\n"
        f"Content-Type: application/offset+octet-stream\r\nUpload-Offset: {offset}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection((parsed.hostname, parsed.port)) as connection:
        connection.sendall(head + body[: len(body) // 2])
        time.sleep(0.05)


def _commit(sender: Sender, manifest: dict[str, Any]) -> None:
    answers = sender.both(
        lambda url: requests.post(
            url + "/api/v1/manifests", json=manifest, headers=sender.headers(), timeout=30
        )
    )
    assert [answer.status_code for answer in answers] == [200, 200], answers[0].text
    assert answers[0].json() == answers[1].json()


def _commit_in_turn(
    sender: Sender, plan: list[tuple[Sender, dict[str, Any], dict[str, bytes]]]
) -> None:
    for owner, manifest, _ in plan:
        if owner is sender:
            _commit(sender, manifest)


def _plan(senders: list[Sender]) -> list[tuple[Sender, dict[str, Any], dict[str, bytes]]]:
    """(sender, manifest, files by idempotency key) for every dossier to send."""
    plan = []
    for sender in senders:
        for number in range(DOSSIERS_PER_STATION):
            code = f"000.00.14.H05-{sender.station_id}-{number}"
            files = {
                f"{sender.station_id}-{number}-{index}": os.urandom(60_000 + 37_000 * index)
                for index in range(FILES_PER_DOSSIER)
            }
            manifest = manifest_for(files, manifest_id=f"M-{code}", code=code)
            plan.append((sender, {**manifest, "station_id": sender.station_id}, files))
    return plan


def _stored_rows(config: HubConfig) -> tuple[list[dict[str, Any]], int, int]:
    db = open_database(config.dsn, config.sqlite_path)
    with db.transaction() as session:
        uploads = session.query(
            "SELECT station_id, idempotency_key, upload_id, state, sha256, length FROM uploads"
        )
        (manifests,) = session.query("SELECT COUNT(*) AS n FROM manifests")
        (dossiers,) = session.query("SELECT COUNT(*) AS n FROM dossiers")
    return uploads, int(manifests["n"]), int(dossiers["n"])


@pytest.mark.parametrize("two_hubs", ["postgresql", "sqlite"], indirect=True)
def test_two_hub_processes_sharing_a_store_lose_and_duplicate_nothing(two_hubs) -> None:
    config, urls, logs = two_hubs
    senders = [_register(config, f"Xã số {number}", urls) for number in range(STATIONS)]
    plan = _plan(senders)
    sends = [
        (sender, key, data, manifest["dossier_code"])
        for sender, manifest, files in plan
        for key, data in files.items()
    ]
    sent = {(sender.station_id, key): data for sender, key, data, _ in sends}
    with ThreadPoolExecutor(len(sends)) as pool:
        for done in [pool.submit(_send, *send) for send in sends]:
            done.result()
    # A station commits its dossiers one after another (a second manifest while its first is
    # being checked is refused with station_busy); the stations and the two hubs run at once.
    with ThreadPoolExecutor(len(senders)) as pool:
        for done in [pool.submit(_commit_in_turn, sender, plan) for sender in senders]:
            done.result()

    uploads, manifests, dossiers = _stored_rows(config)
    assert sorted((u["station_id"], u["idempotency_key"]) for u in uploads) == sorted(sent)
    for upload in uploads:
        data = sent[(upload["station_id"], upload["idempotency_key"])]
        assert (upload["state"], upload["sha256"], upload["length"]) == (
            "complete",
            hashlib.sha256(data).hexdigest(),
            len(data),
        )
        data_file = config.upload_file(upload["station_id"], upload["upload_id"])
        assert data_file.read_bytes() == data
    assert len(list(config.uploads_dir.glob("*/*.bin"))) == len(sent)
    assert (manifests, dossiers) == (len(plan), len(plan))

    store = ["--data", str(config.data_dir), *(["--dsn", config.dsn] if config.dsn else [])]
    listed = json.loads(CliRunner().invoke(hub_group, ["ls", *store, "--json"]).output)
    assert len(listed) == len(sent)
    for entry in listed:
        published = Path(entry["path"])
        assert published.parent.parent.parent == config.dossiers_dir
        assert hashlib.sha256(published.read_bytes()).hexdigest() == entry["sha256"]
        key = published.stem
        assert entry["sha256"] == hashlib.sha256(sent[(entry["station_id"], key)]).hexdigest()
    leftovers = [p for p in config.dossiers_dir.rglob(".*") if p.is_dir()]
    assert leftovers == []  # no half-built or replaced dossier: each was published once
    for log in logs:
        assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")

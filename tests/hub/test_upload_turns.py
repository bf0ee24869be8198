"""A HEAD asked while a PATCH still writes its upload: it waits (bounded) for that PATCH to
know its last byte, so a station resuming at once after a cut is told where to go on from."""

from __future__ import annotations

import os
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import requests

from tests.hub.conftest import connect

DATA = os.urandom(300_000)
SENT = 120_000


def _head(station, url: str) -> requests.Response:
    return requests.head(url, headers=station.tus_headers(), timeout=10)


def _patch_held_open(station, url: str) -> socket.socket:
    """A PATCH announcing the whole file that sends SENT bytes and then neither sends more
    nor closes: its handler holds the upload, waiting for the rest."""
    parsed = urlparse(url)
    head = (
        f"PATCH {parsed.path} HTTP/1.1\r\nHost: {parsed.netloc}\r\n"
        f"Authorization: Bearer {station.token}\r\nTus-Resumable: 1.0.0\r\n"
        f"Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
        f"Content-Length: {len(DATA)}\r\n\r\n"
    ).encode()
    connection = socket.create_connection((parsed.hostname, parsed.port))
    connection.sendall(head + DATA[:SENT])
    time.sleep(0.3)  # the hub reads what came and waits for more
    return connection


def test_a_head_during_a_patch_cut_off_answers_where_that_patch_ended(station) -> None:
    url = station.create(DATA, "K-cut").headers["Location"]
    connection = _patch_held_open(station, url)
    with ThreadPoolExecutor(1) as pool:
        asked = pool.submit(_head, station, url)
        time.sleep(0.3)
        assert not asked.done()  # it waits for the PATCH rather than answer 0
        connection.close()  # the cut
        answer = asked.result(timeout=5)
    # Nothing was recorded before the cut (the hub records every 4 MB), so only a HEAD that
    # waited for the cut PATCH can know its bytes.
    assert answer.headers["Upload-Offset"] == str(SENT)
    rest = requests.patch(
        url,
        data=DATA[SENT:],
        headers=station.tus_headers(
            **{"Upload-Offset": str(SENT), "Content-Type": "application/offset+octet-stream"}
        ),
        timeout=10,
    )
    assert rest.status_code == 204, rest.text
    assert station.get("/api/v1/files/K-cut").json()["state"] == "complete"


def test_a_head_during_a_stalled_patch_answers_the_recorded_offset_within_its_bound(
    station, monkeypatch
) -> None:
    from hub import tus

    monkeypatch.setattr(tus, "HEAD_WAIT_SECONDS", 0.5)
    url = station.create(DATA, "K-stall").headers["Location"]
    with _patch_held_open(station, url):
        started = time.monotonic()
        answer = _head(station, url)
        waited = time.monotonic() - started
    assert answer.status_code == 200
    assert answer.headers["Upload-Offset"] == "0"  # still being received: what is recorded
    assert 0.4 < waited < 5


def test_another_stations_head_is_refused_without_waiting_for_the_upload(
    station, monkeypatch
) -> None:
    from hub import tus

    monkeypatch.setattr(tus, "HEAD_WAIT_SECONDS", 6.0)
    url = station.create(DATA, "K-held").headers["Location"]
    other = connect(station.hub, "ST-02")
    with _patch_held_open(station, url):
        started = time.monotonic()
        assert _head(other, url).status_code == 404
        assert time.monotonic() - started < 3  # not the 6 s its owner's HEAD could wait

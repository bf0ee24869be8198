"""The signature check runs in a bounded worker, never inside the hub's write lock: one
station's costly PDF cannot hold up another station, and refused commits are slowed."""

from __future__ import annotations

import io
import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from station.pades.keys import Pkcs12Key, open_session
from station.pades.sign import Stamp, sign_pdf
from tests.helpers.hub import running_hub
from tests.hub.conftest import StationClient, commit_dossier, connect, fetch_token
from tests.station.pades.conftest import component_pdf
from tests.station.pades.support import CLERK, PASSWORD, CaBundle, pkcs12_file

CAP = 4 * 1024 * 1024


@pytest.fixture(scope="module")
def signed(signing_ca: CaBundle, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("signed")
    path = folder / "c.pdf"
    path.write_bytes(component_pdf(1))
    key = Pkcs12Key(pkcs12_file(folder, signing_ca.clerk, signing_ca), PASSWORD.encode())
    with open_session(key) as session:
        sign_pdf(path, session, Stamp(CLERK, datetime.now(UTC)))
    return path.read_bytes()


def fake_signed(size: int) -> bytes:
    """A PDF header, a /ByteRange that covers nothing real, and `size` bytes in all."""
    head = b"%PDF-1.7\n1 0 obj <</Type /Sig /ByteRange [0 10 20 30] /Contents <00>>> endobj\n"
    filler = b"%" + os.urandom(1024).hex().encode() + b"\n"
    body = head + filler * ((size - len(head)) // len(filler) + 1)
    return body[:size]


def _token_seconds(client: StationClient) -> float:
    form = {"grant_type": "client_credentials"}
    started = time.monotonic()
    answer = requests.post(client.hub.url + "/oauth/token", data=form,
                           auth=(client.station_id, client.secret), timeout=10)  # fmt: skip
    assert answer.status_code == 200, answer.text
    return time.monotonic() - started


def test_a_big_fake_signed_pdf_is_refused_quickly_and_never_holds_up_another_station(
    tmp_path: Path,
) -> None:
    limits = {"signature_max_bytes": CAP, "max_rejections": 3, "token_requests_per_client": 500}
    with running_hub(tmp_path / "hub", **limits) as hub:
        a, b = connect(hub, "ST-A"), connect(hub, "ST-B")
        over = commit_dossier(a, "D-over", "K-over", fake_signed(CAP + 1))
        assert over.status_code == 422
        assert over.json()["files"] == [
            {"file_name": "K-over.pdf", "problem": "too_large_to_verify"}
        ]

        near = fake_signed(CAP - 1024)
        a.upload(near, "K-near", dossier_code="D-near")
        answers: list[requests.Response] = []
        committing = threading.Thread(
            target=lambda: answers.append(commit_dossier(a, "D-near", "K-near", near, upload=False))
        )
        committing.start()
        waits = []
        while (committing.is_alive() or not waits) and len(waits) < 200:
            waits.append(_token_seconds(b))
        committing.join()
        b.token = fetch_token(hub, "ST-B", b.secret)  # the many new ones retired the first
        assert answers[0].status_code == 422, answers[0].text
        assert answers[0].json()["files"][0]["problem"] in {"unreadable", "unverifiable"}
        assert len(waits) > 1 and max(waits) < 1.0, waits

        too_big = fake_signed(CAP + 1)
        third = commit_dossier(a, "D-over", "K-over", too_big, upload=False)
        assert third.status_code == 422
        throttled = commit_dossier(a, "D-over", "K-over", too_big, upload=False)
        assert throttled.status_code == 429
        assert throttled.json() == {"error": "too_many_rejected_commits"}
        assert int(throttled.headers["Retry-After"]) > 0
        assert commit_dossier(b, "D-b", "K-b", b"%PDF-1.4 plain\n").status_code == 200


def test_a_worker_out_of_memory_is_a_refusal_not_a_crash(tmp_path: Path, signed: bytes) -> None:
    with running_hub(tmp_path / "hub", signature_memory=32 * 1024 * 1024) as hub:
        a = connect(hub, "ST-A")
        answer = commit_dossier(a, "D-1", "K-1", signed)
        assert answer.status_code == 422
        assert answer.json()["files"] == [{"file_name": "K-1.pdf", "problem": "unverifiable"}]
    with running_hub(tmp_path / "roomy") as hub:
        assert commit_dossier(connect(hub, "ST-A"), "D-1", "K-1", signed).status_code == 200


@pytest.fixture(scope="module")
def slow_to_verify(signed: bytes) -> bytes:
    """A signed PDF, then an update adding 30,000 small objects: the check of what changed
    after signing walks every one of them, seconds of work for a file of about 1.4 MB."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    junk = generic.ArrayObject()
    for number in range(30_000):
        entry = generic.DictionaryObject({generic.NameObject("/N"): generic.NumberObject(number)})
        junk.append(writer.add_object(entry))
    writer.root[generic.NameObject("/Junk")] = writer.add_object(junk)
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _signature_workers() -> list[int]:
    """This process's children that are signature workers (the hub runs in a thread here)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if parent == os.getpid() and b"hub.signatures" in command:
            found.append(int(stat.parent.name))
    return found


def test_a_check_past_its_time_cap_is_killed_and_refused_while_other_stations_go_on(
    tmp_path: Path, slow_to_verify: bytes
) -> None:
    limits = {"signature_timeout": 1.0, "token_requests_per_client": 500}
    with running_hub(tmp_path / "hub", **limits) as hub:
        a, b = connect(hub, "ST-A", "000.00.14.H05"), connect(hub, "ST-B", "000.00.31.H05")
        a.upload(slow_to_verify, "K-slow", dossier_code="HS-slow")
        plain = b"%PDF-1.4 plain\n"
        a.upload(plain, "K-next", dossier_code="HS-next")
        answers: list[tuple[requests.Response, float]] = []

        def commit_slow() -> None:
            started = time.monotonic()
            answer = commit_dossier(a, "HS-slow", "K-slow", slow_to_verify, upload=False)
            answers.append((answer, time.monotonic() - started))

        committing = threading.Thread(target=commit_slow)
        committing.start()
        deadline = time.monotonic() + 5
        while not _signature_workers() and committing.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        # While its check runs, the same station is told to come back, not queued.
        busy = commit_dossier(a, "HS-next", "K-next", plain, upload=False)
        waits = []
        while committing.is_alive() and len(waits) < 200:
            waits.append(_token_seconds(b))
        committing.join()
        b.token = fetch_token(hub, "ST-B", b.secret)  # the many new ones retired the first
        assert (busy.status_code, busy.json()) == (503, {"error": "station_busy"})
        assert int(busy.headers["Retry-After"]) > 0
        answer, took = answers[0]
        assert answer.status_code == 422, answer.text
        assert answer.json()["files"] == [{"file_name": "K-slow.pdf", "problem": "unverifiable"}]
        assert took < 4.0  # the cap, 1 s, and the worker's start; not the file's seconds of work
        assert _signature_workers() == []  # the worker past its cap was killed, not left running
        assert waits and max(waits) < 1.0, waits
        assert commit_dossier(b, "HS-b", "K-b", plain).status_code == 200

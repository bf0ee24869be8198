"""Two stations sending commits of many files that take ages to verify cannot stall a third
station's signed commit: each attacker's check is cut at one time cap for its whole commit,
not one per file; an attacker whose check overran rests before its next one; and a commit
that finds every worker taken is told to come back after a few seconds, not held a minute."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.helpers.hub import running_hub
from tests.hub.conftest import StationClient, connect, manifest_for
from tests.hub.signed_files import signed_component_pdf
from tests.hub.test_signature_turns import SLOW_PAGES, checks_running, slow_to_verify
from tests.station.pades.support import CaBundle

CAP = 5.0  # signature_timeout: seconds per commit (a signed file is checked well within it)
FILES = 10  # slow files in each attacking commit, each seconds of work
WAIT = 3.0  # signature_slot_wait as shipped: a commit waits this long for a worker at most


@pytest.fixture(scope="module")
def signed(signing_ca: CaBundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return signed_component_pdf(tmp_path_factory.mktemp("signed"), signing_ca)


def _commit(client: StationClient, files: dict[str, bytes], attempt: str) -> requests.Response:
    manifest = manifest_for(files, manifest_id=f"M-{client.station_id}-{attempt}", code="D-1")
    body = {**manifest, "station_id": client.station_id}
    return requests.post(client.hub.url + "/api/v1/manifests", json=body, headers=client.auth,
                         timeout=120)  # fmt: skip


def test_two_attacking_stations_do_not_stall_a_third_stations_signed_commit(
    tmp_path: Path, signed: Path
) -> None:
    slow, good = slow_to_verify(signed, SLOW_PAGES), signed.read_bytes()
    limits = {"signature_timeout": CAP, "max_rejections": 1000, "token_requests_per_client": 500}
    with running_hub(tmp_path / "hub", **limits) as hub:
        attackers = [connect(hub, "ST-X"), connect(hub, "ST-Y")]
        honest = connect(hub, "ST-H")
        slow_files = {f"K-slow{n}": slow for n in range(FILES)}
        for attacker in attackers:
            for key, data in slow_files.items():
                attacker.upload(data, key, chunk_size=len(data), dossier_code="D-1")
        honest.upload(good, "K-good", dossier_code="D-1")
        stop = threading.Event()
        seen: dict[str, list[tuple[int, Any, float]]] = {"ST-X": [], "ST-Y": []}

        def attack(attacker: StationClient) -> None:
            attempt = 0
            while not stop.is_set():
                attempt += 1
                started = time.monotonic()
                answer = _commit(attacker, slow_files, str(attempt))
                took = time.monotonic() - started
                seen[attacker.station_id].append((answer.status_code, answer.json(), took))
                if answer.status_code == 503:
                    time.sleep(0.2)  # sooner than its Retry-After: it is an attacker

        threads = [threading.Thread(target=attack, args=(a,)) for a in attackers]
        for thread in threads:
            thread.start()
        try:
            deadline = time.monotonic() + 25
            while checks_running() < 2:
                assert time.monotonic() < deadline, "the attackers' checks never started"
                time.sleep(0.01)
            honest_answers: list[tuple[int, float]] = []
            answer = None
            while time.monotonic() < deadline:
                started = time.monotonic()
                answer = _commit(honest, {"K-good": good}, "1")
                honest_answers.append((answer.status_code, time.monotonic() - started))
                if answer.status_code != 503:
                    break
                assert answer.json() == {"error": "busy"}
                time.sleep(int(answer.headers["Retry-After"]))  # as the station's sender does
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
    firsts = {station: round(answers[0][2], 2) for station, answers in seen.items()}
    later = [len(answers) - 1 for answers in seen.values()]
    print(f"honest station's answers (status, seconds): {honest_answers}; attackers' first"
          f" answers took {firsts} s, then {later} answers each")  # fmt: skip
    assert answer is not None and answer.status_code == 200, (honest_answers, seen)
    assert all(took < WAIT + 1.5 for status, took in honest_answers if status == 503), (
        honest_answers
    )
    for station, answers in seen.items():
        status, body, took = answers[0]
        assert status == 422, (station, answers)
        assert {f["problem"] for f in body["files"]} == {"unverifiable"}, (station, answers)
        # one cap for the whole commit, and the worker's start; it was FILES caps before
        assert took < CAP + 3.0, (station, answers)
        # resting after a check that overran: told to come back, no worker taken
        assert all(s == 503 and b == {"error": "station_busy"} for s, b, _ in answers[1:]), (
            station,
            answers,
        )

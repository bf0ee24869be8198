"""`sohoa-hub serve --upload-ttl-hours --upload-sweep-minutes`: the served hub itself removes
an unfinished upload once it expires, with no station starting another one."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import requests

from tests.conftest import REPO
from tests.helpers.hub import sohoa_hub
from tests.hub.conftest import encode_metadata, file_metadata
from tests.hub.nginx_front import add_station, free_port
from tests.hub.test_wide_modes_at_start import _wait_for_port


def test_served_hub_sweeps_an_expired_upload_on_its_own(tmp_path: Path) -> None:
    data = tmp_path / "hub"
    secret = add_station(data, "ST-01")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    args = [
        "serve", "--data", str(data), "--port", str(port), "--upload-ttl-hours", "0.0005",
        "--upload-sweep-minutes", "0.01", "--upload-min-rate", "2",
    ]  # fmt: skip
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*sohoa_hub(), *args],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        try:
            _wait_for_port(port, time.monotonic() + 20)
            form = {"grant_type": "client_credentials"}
            token = requests.post(
                url + "/oauth/token", data=form, auth=("ST-01", secret), timeout=10
            ).json()["access_token"]
            tus = {"Authorization": f"Bearer {token}", "Tus-Resumable": "1.0.0"}
            body = b"x" * 1000
            created = requests.post(
                url + "/files/",
                headers={
                    **tus,
                    "Upload-Length": str(len(body)),
                    "Upload-Metadata": encode_metadata(file_metadata(body, "K-1")),
                },
                timeout=10,
            )
            assert created.status_code == 201, created.text
            location = created.headers["Location"]
            patch = {**tus, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}
            sent = requests.patch(location, data=body[:400], headers=patch, timeout=10)
            assert sent.status_code == 204, sent.text
            part = data / "uploads" / "ST-01" / (location.rsplit("/", 1)[1] + ".bin")
            assert part.exists()
            deadline = time.monotonic() + 20  # expires after 1.8 s, swept every 0.6 s
            while part.exists() and time.monotonic() < deadline:
                assert process.poll() is None, log.read_text()
                time.sleep(0.2)
            assert not part.exists()
            gone = requests.head(location, headers=tus, timeout=10)
            assert gone.status_code in (404, 410)
        finally:
            process.terminate()
            process.wait(timeout=15)

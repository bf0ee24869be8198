from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from click.testing import CliRunner

from sync.hub.testing import running_hub
from tests.conftest import REPO
from tests.sync.hub.conftest import encode_metadata, fetch_token, file_metadata
from ui.cli.hub import hub_group


def test_add_station_prints_a_secret_that_obtains_a_token(tmp_path) -> None:
    data = tmp_path / "hub"
    result = CliRunner().invoke(
        hub_group, ["add-station", "--data", str(data), "--client-id", "ST-01", "--name", "Xã A"]
    )
    assert result.exit_code == 0, result.output
    secret = result.output.strip()
    with running_hub(data) as hub:
        assert fetch_token(hub, "ST-01", secret)


def test_add_station_refuses_a_duplicate_or_a_bad_client_id(tmp_path) -> None:
    data = str(tmp_path / "hub")
    runner = CliRunner()
    runner.invoke(hub_group, ["add-station", "--data", data, "--client-id", "ST-01"])
    again = runner.invoke(hub_group, ["add-station", "--data", data, "--client-id", "ST-01"])
    assert again.exit_code != 0 and "already exists" in again.output
    bad = runner.invoke(hub_group, ["add-station", "--data", data, "--client-id", "a/b"])
    assert bad.exit_code != 0


def test_stations_json_lists_registered_stations(tmp_path) -> None:
    data = str(tmp_path / "hub")
    runner = CliRunner()
    runner.invoke(hub_group, ["add-station", "--data", data, "--client-id", "ST-01"])
    result = runner.invoke(hub_group, ["stations", "--data", data, "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert row["station_id"] == "ST-01" and row["online"] is False
    plain = runner.invoke(hub_group, ["stations", "--data", data])
    assert plain.output.startswith("ST-01\toffline")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_runs_the_hub_with_several_workers_sharing_one_store(tmp_path) -> None:
    data, port = str(tmp_path / "hub"), _free_port()
    added = CliRunner().invoke(hub_group, ["add-station", "--data", data, "--client-id", "ST-01"])
    secret = added.output.strip()
    command = (
        "import sys; from ui.cli.hub import hub_group;"
        " hub_group(sys.argv[1:], prog_name='sohoa hub')"
    )
    args = ["serve", "--data", data, "--port", str(port), "--workers", "2", "--token-ttl", "60"]
    process = subprocess.Popen(
        [sys.executable, "-c", command, *args],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                response = requests.get(url + "/api/v1/stations", timeout=1)
                break
            except requests.ConnectionError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        assert response.status_code == 401
        form = {"grant_type": "client_credentials"}
        token = requests.post(url + "/oauth/token", data=form, auth=("ST-01", secret), timeout=10)
        headers = {
            "Authorization": f"Bearer {token.json()['access_token']}",
            "Tus-Resumable": "1.0.0",
            "Upload-Length": "3",
            "Upload-Metadata": encode_metadata(file_metadata(b"abc", "K-1")),
        }
        with ThreadPoolExecutor(8) as pool:
            answers = list(
                pool.map(lambda _: requests.post(url + "/files/", headers=headers), range(16))
            )
        assert len({answer.headers["Location"] for answer in answers}) == 1
    finally:
        process.terminate()
        process.wait(timeout=15)

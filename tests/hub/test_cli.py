from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from click.testing import CliRunner

from hub.cli import hub_group
from tests.conftest import REPO
from tests.helpers.hub import running_hub, sohoa_hub
from tests.hub.conftest import (
    STATION,
    connect,
    encode_metadata,
    fetch_token,
    file_metadata,
    manifest_for,
)


def test_add_station_json_makes_a_client_id_from_the_name_and_a_working_secret(tmp_path) -> None:
    data = tmp_path / "hub"
    args = ["add-station", "--data", str(data), "--name", "Xã Đông Anh", "--json"]
    result = CliRunner().invoke(hub_group, args)
    assert result.exit_code == 0, result.output
    added = json.loads(result.output)
    assert re.fullmatch(r"xa-dong-anh-[0-9a-f]{6}", added["client_id"])
    assert added["name"] == "Xã Đông Anh"
    again = json.loads(CliRunner().invoke(hub_group, args).output)
    assert again["client_id"] != added["client_id"]  # the same name twice: two stations
    with running_hub(data) as hub:
        assert fetch_token(hub, added["client_id"], added["client_secret"])


def test_add_station_keeps_a_given_client_id_and_tells_people_both_values(tmp_path) -> None:
    data = tmp_path / "hub"
    result = CliRunner().invoke(
        hub_group, ["add-station", "--data", str(data), "--client-id", "ST-01", "--name", "Xã A"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Mã trạm / client id: ST-01"
    secret = lines[1].removeprefix("Mật khẩu / client secret: ")
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
    nameless = runner.invoke(hub_group, ["add-station", "--data", data])
    assert nameless.exit_code != 0 and "--name" in nameless.output


def test_ls_lists_each_received_file_with_its_dossier_component_and_sha256(tmp_path) -> None:
    data = tmp_path / "hub"
    runner = CliRunner()
    empty = runner.invoke(hub_group, ["ls", "--data", str(data), "--json"])
    assert empty.exit_code == 0 and json.loads(empty.output) == []
    files = {"K-1": os.urandom(3_000), "K-2": os.urandom(1_000)}
    with running_hub(data) as hub:
        station = connect(hub, STATION)
        for key, content in files.items():
            station.upload(content, key)
        assert station.post("/api/v1/manifests", json=manifest_for(files)).status_code == 200
    result = runner.invoke(hub_group, ["ls", "--data", str(data), "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    code = manifest_for(files)["dossier_code"]
    assert [
        (f["station_id"], f["dossier_code"], f["component_code"], f["file_name"], f["bytes"])
        for f in listed
    ] == [(STATION, code, "TP1", "K-1.pdf", 3_000), (STATION, code, "TP2", "K-2.pdf", 1_000)]
    for entry, content in zip(listed, files.values(), strict=True):
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
        assert Path(entry["path"]).read_bytes() == content
        assert entry["received_at"] <= entry["committed_at"]
    other = runner.invoke(hub_group, ["ls", "--data", str(data), "--station", "ST-02", "--json"])
    assert json.loads(other.output) == []
    table = runner.invoke(hub_group, ["ls", "--data", str(data)]).output.splitlines()
    assert table[0].split()[:2] == ["Trạm/station", "Hồ"]
    assert [line.split()[3] for line in table[1:]] == ["K-1.pdf", "K-2.pdf"]


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


def test_sohoa_hub_serve_runs_the_hub_with_several_workers_sharing_one_store(tmp_path) -> None:
    data, port = str(tmp_path / "hub"), _free_port()
    added = CliRunner().invoke(
        hub_group, ["add-station", "--data", data, "--client-id", "ST-01", "--json"]
    )
    secret = json.loads(added.output)["client_secret"]
    args = ["serve", "--data", data, "--port", str(port), "--workers", "2", "--token-ttl", "60"]
    process = subprocess.Popen(
        [*sohoa_hub(), *args],
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

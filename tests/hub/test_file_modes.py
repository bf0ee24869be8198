"""The hub's files are its owner's alone: the data folder 0700, the database, manifests and
uploads 0600, whatever umask the hub was started with."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from click.testing import CliRunner

from hub.cli import hub_group
from tests.helpers.hub import running_hub, served_hub
from tests.hub.conftest import commit_dossier, connect, fetch_token


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _assert_private(data: Path) -> None:
    assert _mode(data) == 0o700
    for path in data.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert _mode(path) == expected, (path, oct(_mode(path)))


def test_files_made_by_a_hub_in_a_permissive_process_are_owner_only(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        with running_hub(tmp_path / "hub") as hub:
            station = connect(hub, "ST-01")
            assert commit_dossier(station, "D-1", "K-1", b"%PDF-1.4 x").status_code == 200
            station.create(b"abc", "K-2")
        _assert_private(tmp_path / "hub")
    finally:
        os.umask(previous)


def test_sohoa_hub_serve_makes_owner_only_files(tmp_path: Path) -> None:
    data = tmp_path / "hub"
    added = CliRunner().invoke(hub_group, ["add-station", "--data", str(data), "--client-id", "A"])
    secret = added.output.split("client secret: ")[1].split()[0]
    with served_hub(data) as hub:
        fetch_token(hub, "A", secret)  # writes to the database
    _assert_private(data)

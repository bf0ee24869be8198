"""`sohoa-hub serve` narrows what group or others could read under its data directory (a
manifest.json left 0644 by an older version, a folder copied in by hand) and says so once."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import time
from pathlib import Path

from tests.conftest import REPO
from tests.helpers.hub import sohoa_hub
from tests.hub.nginx_front import add_station, free_port


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _wait_for_port(port: int, deadline: float) -> None:
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            assert time.monotonic() < deadline, "sohoa-hub serve did not start"
            time.sleep(0.1)


def test_serve_narrows_wide_files_and_folders_and_warns_once(tmp_path: Path) -> None:
    data = tmp_path / "hub"
    add_station(data, "ST-01")  # a hub data directory as the hub makes it
    folder = data / "dossiers" / "ST-01" / "D-OLD"
    folder.mkdir(parents=True)
    manifest = folder / "manifest.json"
    manifest.write_text('{"applicant_id_number": "001090000000"}')
    scan = folder / "TP1.pdf"
    scan.write_bytes(b"%PDF-1.4")
    os.chmod(manifest, 0o644)
    os.chmod(scan, 0o640)
    os.chmod(folder, 0o755)
    private = data / "keep.bin"
    private.write_bytes(b"x")
    os.chmod(private, 0o600)
    elsewhere = tmp_path / "elsewhere.txt"  # outside the data directory, reached by a link
    elsewhere.write_text("not the hub's")
    os.chmod(elsewhere, 0o644)
    (folder / "link").symlink_to(elsewhere)

    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*sohoa_hub(), "serve", "--data", str(data), "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(REPO)},  # this checkout's hub, not an install's
        )
        try:
            deadline = time.monotonic() + 20
            while "owner-only" not in log.read_text() and time.monotonic() < deadline:
                assert process.poll() is None, log.read_text()
                time.sleep(0.1)
            _wait_for_port(port, deadline)  # it serves as well
        finally:
            process.terminate()
            process.wait(timeout=15)

    assert (_mode(manifest), _mode(scan), _mode(folder)) == (0o600, 0o600, 0o700)
    assert _mode(private) == 0o600 and _mode(elsewhere) == 0o644  # links are not followed
    warnings = [line for line in log.read_text().splitlines() if "owner-only" in line]
    assert len(warnings) == 1
    assert "3 files and folders" in warnings[0] and str(folder) in warnings[0]

"""A disk that fills up mid-write costs the page being written, never an acknowledged one."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from station.errors import ErrorCode, StationError
from station.integrity import check_store
from station.model import Dossier, utc_now
from station.store import NewPage, Store
from station.store import files as files_module
from tests.conftest import REPO
from tests.helpers.images import pgm_page

CODE = "000.00.14.H05-251122-0003"


def test_enospc_during_page_write_leaves_no_trace(store: Store, monkeypatch) -> None:
    store.create_dossier(Dossier(code=CODE, procedure_code="1.001193", received_at=utc_now()))
    kept = store.add_page(CODE, NewPage(pgm_page(1), "image/x-portable-anymap", 300))
    real_write = os.write
    written = {"bytes": 0}

    def write_until_full(fd: int, data) -> int:
        if written["bytes"] > 8_000:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        count = real_write(fd, bytes(data[:16_384]))
        written["bytes"] += count
        return count

    monkeypatch.setattr(files_module.os, "write", write_until_full)
    with pytest.raises(StationError) as caught:
        store.add_page(CODE, NewPage(pgm_page(2), "image/x-portable-anymap", 300))
    monkeypatch.undo()

    assert caught.value.code is ErrorCode.DISK_FULL
    assert [p.id for p in store.pages(CODE)] == [kept.id]
    assert sorted(p.name for p in (store.layout.pages / "1").iterdir()) == [
        Path(kept.original.path).name
    ]
    assert check_store(store).clean
    again = store.add_page(CODE, NewPage(pgm_page(2), "image/x-portable-anymap", 300))
    assert again.order == 2


def _can_mount_tmpfs() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not _can_mount_tmpfs(),
    reason="needs a user+mount namespace (unshare -rm) to mount a size-limited tmpfs",
)
def test_real_full_filesystem_loses_no_acknowledged_page(tmp_path: Path) -> None:
    mount = tmp_path / "small-disk"
    mount.mkdir()
    script = (
        f"mount -t tmpfs -o size=3m tmpfs {mount} && "
        f"exec {sys.executable} -m tests.helpers.fill_disk {mount / 'home'}"
    )
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["acked"]) >= 3
    assert report["file_error"] == ErrorCode.DISK_FULL.value  # page file could not be written
    assert report["commit_error"] == ErrorCode.DISK_FULL.value  # SQLite could not commit
    assert report["rows_after_file_error"] == len(report["acked"]) == report["pages_after_errors"]
    assert report["leftover_temp_files"] == []
    assert report["files_without_rows"] == []
    assert report["check_clean"] and report["check_clean_after_restart"]
    assert report["acked_intact"]
    assert report["added_after_freeing"] == len(report["acked"]) + 1

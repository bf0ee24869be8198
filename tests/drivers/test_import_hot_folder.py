"""The hot folder hands over files a scanner has finished writing, then files them away."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from drivers.importer import HotFolder
from station.errors import ErrorCode, StationError

SETTLE = 0.2


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def folder(tmp_path: Path, clock: Clock) -> HotFolder:
    return HotFolder(tmp_path / "hot", settle_seconds=SETTLE, clock=clock)


def settled(folder: HotFolder, clock: Clock) -> list[Path]:
    folder.poll()
    clock.advance(SETTLE)
    return folder.poll()


def test_a_file_still_being_written_is_held_back_until_it_settles(tmp_path: Path) -> None:
    hot = tmp_path / "hot"
    hot.mkdir()
    folder = HotFolder(hot, settle_seconds=SETTLE)  # the real clock, real writes
    scan = hot / "map-A0.tif"
    with open(scan, "wb") as f:
        for _ in range(4):
            f.write(b"\x00" * 4096)
            f.flush()
            assert folder.poll() == []
            time.sleep(SETTLE / 2)
    assert folder.poll() == []  # the last write is not yet SETTLE old
    time.sleep(SETTLE + 0.05)
    assert folder.poll() == [scan]
    assert folder.poll() == []  # handed over once


def test_a_file_that_changes_after_hand_over_is_handed_over_again(
    folder: HotFolder, clock: Clock
) -> None:
    folder.directory.mkdir()
    scan = folder.directory / "scan.pdf"
    scan.write_bytes(b"%PDF-1.7 first")
    assert settled(folder, clock) == [scan]
    scan.write_bytes(b"%PDF-1.7 second, longer")
    assert folder.poll() == []
    clock.advance(SETTLE)
    assert folder.poll() == [scan]


def test_files_come_oldest_first(folder: HotFolder, clock: Clock) -> None:
    folder.directory.mkdir()
    for age, name in enumerate(["c.tif", "a.tif", "b.tif"]):
        path = folder.directory / name
        path.write_bytes(b"x")
        os.utime(path, ns=(age * 10**9, age * 10**9))
    assert [p.name for p in settled(folder, clock)] == ["c.tif", "a.tif", "b.tif"]


def test_temporary_hidden_and_empty_files_and_folders_are_ignored(
    folder: HotFolder, clock: Clock
) -> None:
    folder.directory.mkdir()
    for name in [".scan.tif", "scan.tif.tmp", "scan.pdf.part", "~$scan.doc", "Thumbs.db"]:
        (folder.directory / name).write_bytes(b"partial")
    (folder.directory / "empty.tif").write_bytes(b"")
    (folder.directory / "subfolder").mkdir()
    real = folder.directory / "scan.tif"
    real.write_bytes(b"whole")
    assert settled(folder, clock) == [real]
    clock.advance(10)
    assert folder.poll() == []


def test_a_folder_of_thousands_of_files(folder: HotFolder, clock: Clock) -> None:
    folder.directory.mkdir()
    for i in range(3000):
        (folder.directory / f"page-{i:04d}.jpg").write_bytes(b"\xff\xd8\xff")
    assert len(settled(folder, clock)) == 3000
    assert folder.poll() == []


def test_a_file_removed_before_it_settles_is_forgotten(folder: HotFolder, clock: Clock) -> None:
    folder.directory.mkdir()
    scan = folder.directory / "scan.tif"
    scan.write_bytes(b"x")
    folder.poll()
    scan.unlink()
    clock.advance(SETTLE)
    assert folder.poll() == []


def test_mark_done_moves_the_file_and_never_overwrites(folder: HotFolder, clock: Clock) -> None:
    folder.directory.mkdir()
    scan = folder.directory / "scan.pdf"
    scan.write_bytes(b"first")
    assert folder.mark_done(scan) == folder.done_dir / "scan.pdf"
    scan.write_bytes(b"second")
    assert folder.mark_done(scan) == folder.done_dir / "scan-1.pdf"
    assert not scan.exists()
    assert (folder.done_dir / "scan.pdf").read_bytes() == b"first"
    assert (folder.done_dir / "scan-1.pdf").read_bytes() == b"second"
    assert settled(folder, clock) == []  # done/ is not watched


def test_mark_failed_moves_the_file_and_writes_why(folder: HotFolder) -> None:
    folder.directory.mkdir()
    scan = folder.directory / "hồ sơ.pdf"
    scan.write_bytes(b"broken")
    target = folder.mark_failed(scan, "import_corrupt: tệp bị hỏng (page 3)")
    assert target == folder.failed_dir / "hồ sơ.pdf"
    assert target.read_bytes() == b"broken"
    note = (folder.failed_dir / "hồ sơ.pdf.error.txt").read_text(encoding="utf-8")
    assert note.startswith("import_corrupt: tệp bị hỏng (page 3)\n")


def test_mark_failed_keeps_earlier_failures_and_their_notes(folder: HotFolder) -> None:
    folder.directory.mkdir()
    folder.failed_dir.mkdir()
    # An earlier failure whose file someone already took away to retry: its note stays.
    (folder.failed_dir / "scan.pdf.error.txt").write_text("older reason\n")
    (folder.failed_dir / "scan-1.pdf").write_bytes(b"older file")
    scan = folder.directory / "scan.pdf"
    scan.write_bytes(b"new")
    target = folder.mark_failed(scan, "newer reason")
    assert target == folder.failed_dir / "scan-2.pdf"
    assert (folder.failed_dir / "scan.pdf.error.txt").read_text() == "older reason\n"
    assert (folder.failed_dir / "scan-1.pdf").read_bytes() == b"older file"
    assert (folder.failed_dir / "scan-2.pdf.error.txt").read_text().startswith("newer reason")


def test_missing_folder_or_file_is_import_not_found(folder: HotFolder) -> None:
    with pytest.raises(StationError) as caught:
        folder.poll()
    assert caught.value.code is ErrorCode.IMPORT_NOT_FOUND
    folder.directory.mkdir()
    with pytest.raises(StationError) as caught:
        folder.mark_done(folder.directory / "never-there.tif")
    assert caught.value.code is ErrorCode.IMPORT_NOT_FOUND

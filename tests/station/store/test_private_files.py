"""Station data is the clerk's account's alone: folders 0700, files 0600 (pages, the database
and its journal), and a scan that finds and narrows anything wider."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from station.model import Dossier, utc_now
from station.store import NewPage, Store
from station.store.permissions import (
    PRIVATE_DIR,
    PRIVATE_FILE,
    PRIVATE_UMASK,
    WidePermission,
    find_wide_permissions,
    narrow_permissions,
    restrict_folder_acl,
    set_private_umask,
)
from tests.helpers.images import pgm_page

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX mode bits")
CODE = "000.00.14.H05-251122-0001"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _with_a_page(store: Store) -> Path:
    store.create_dossier(Dossier(code=CODE, procedure_code="1.001193", received_at=utc_now()))
    page = store.add_page(CODE, NewPage(pgm_page(1), "image/x-portable-anymap", 300))
    return store.layout.home / page.original.path


def test_a_new_station_keeps_its_folders_and_files_to_its_owner(home: Path) -> None:
    old_umask = os.umask(0o022)  # the usual one: the store must not rely on a strict umask
    try:
        with Store.open(home) as store:
            page = _with_a_page(store)
            database = store.layout.database
            assert _mode(home) == PRIVATE_DIR
            assert _mode(page) == PRIVATE_FILE
            assert _mode(page.parent) == PRIVATE_DIR
            for file in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
                assert _mode(file) == PRIVATE_FILE, file
    finally:
        os.umask(old_umask)


def test_under_the_private_umask_nothing_in_a_new_station_is_wider(home: Path) -> None:
    previous = set_private_umask()  # as the app does at start: lock files included
    try:
        with Store.open(home) as store:
            _with_a_page(store)
            assert find_wide_permissions(home) == []
    finally:
        os.umask(previous)


def test_every_missing_parent_of_the_data_folder_is_made_private(tmp_path: Path) -> None:
    home = tmp_path / "a" / "b" / "home"
    with Store.open(home):
        pass
    assert [_mode(p) for p in (tmp_path / "a", tmp_path / "a" / "b", home)] == [PRIVATE_DIR] * 3


def test_an_older_stations_database_is_narrowed_when_opened(home: Path) -> None:
    with Store.open(home) as store:
        database = store.layout.database
    database.chmod(0o644)
    with Store.open(home):
        assert _mode(database) == PRIVATE_FILE


def test_the_scan_finds_what_is_wider_and_narrowing_fixes_it(home: Path) -> None:
    with Store.open(home) as store:
        page = _with_a_page(store)
    page.chmod(0o644)
    page.parent.chmod(0o755)
    stray = home / "finished" / "copied-by-hand.pdf"
    stray.parent.mkdir()
    stray.parent.chmod(0o775)
    stray.write_bytes(b"%PDF")
    stray.chmod(0o666)
    (home / "link").symlink_to("/etc/passwd")  # not followed, not reported
    found = {f.path: f for f in find_wide_permissions(home)}
    assert found == {
        page: WidePermission(page, 0o644, PRIVATE_FILE),
        page.parent: WidePermission(page.parent, 0o755, PRIVATE_DIR),
        stray: WidePermission(stray, 0o666, PRIVATE_FILE),
        stray.parent: WidePermission(stray.parent, 0o775, PRIVATE_DIR),
    }
    assert found[stray].extra == 0o066
    assert narrow_permissions(list(found.values())) == []
    assert find_wide_permissions(home) == []
    assert (_mode(page), _mode(stray), _mode(stray.parent)) == (0o600, 0o600, 0o700)


def test_a_missing_data_folder_has_nothing_to_report(tmp_path: Path) -> None:
    assert find_wide_permissions(tmp_path / "nowhere") == []


def test_the_private_umask_applies_to_files_made_afterwards(tmp_path: Path) -> None:
    previous = set_private_umask()
    try:
        made = tmp_path / "by-a-library.tmp"
        made.write_bytes(b"x")
        with sqlite3.connect(tmp_path / "other.db") as conn:
            conn.execute("CREATE TABLE t (x)")
        assert _mode(made) == 0o600
        assert _mode(tmp_path / "other.db") == 0o600
        assert os.umask(previous) == PRIVATE_UMASK
    finally:
        os.umask(previous)


def test_the_windows_acl_is_left_alone_elsewhere(tmp_path: Path) -> None:
    assert restrict_folder_acl(tmp_path) is False

from __future__ import annotations

from pathlib import Path

from station.integrity import ProblemKind, check_store
from station.model import Dossier, DossierState, PageIntegrity, utc_now
from station.store import NewPage, Store
from station.store.files import temp_name
from tests.helpers.images import pgm_page

CODE = "000.00.14.H05-251122-0001"


def _store_with_pages(home: Path, count: int = 2) -> list:
    with Store.open(home) as store:
        store.create_dossier(Dossier(code=CODE, procedure_code="1.001193", received_at=utc_now()))
        return [
            store.add_page(CODE, NewPage(pgm_page(i), "image/x-portable-anymap", 300))
            for i in range(count)
        ]


def test_stray_temp_file_of_a_dead_writer_is_removed(home: Path) -> None:
    (page,) = _store_with_pages(home, 1)
    stray = temp_name(home / "pages" / "1" / "lost.orig.pnm", "deadbeefdeadbeef")
    stray.write_bytes(b"half a page")
    with Store.open(home) as store:
        assert not stray.exists()
        assert store.recovery.removed_temp_files == ["pages/1/" + stray.name]
        assert [p.id for p in store.pages(CODE)] == [page.id]


def test_temp_file_of_a_live_writer_is_left_alone(home: Path) -> None:
    _store_with_pages(home, 1)
    with Store.open(home) as writer:
        in_flight = temp_name(home / "pages" / "1" / "next.orig.pnm", writer._session.id)
        in_flight.write_bytes(b"being written")
        with Store.open(home) as other:
            assert in_flight.exists()
            assert other.recovery.removed_temp_files == []


def test_file_without_a_committed_row_goes_to_lost_and_found(home: Path) -> None:
    _store_with_pages(home, 1)
    orphan = home / "pages" / "1" / "never-committed.orig.pnm"
    orphan.write_bytes(b"renamed but the row never committed")
    with Store.open(home) as store:
        assert not orphan.exists()
        assert (
            (home / "lost+found" / "pages" / "1" / orphan.name).read_bytes().startswith(b"renamed")
        )
        assert store.recovery.quarantined_files == ["pages/1/" + orphan.name]
        assert check_store(store).clean


def test_missing_page_file_is_flagged_and_reported_by_check(home: Path) -> None:
    first, second = _store_with_pages(home)
    (home / first.original.path).unlink()
    with Store.open(home) as store:
        assert store.recovery.flagged_pages == {first.id: PageIntegrity.MISSING}
        assert store.page(first.id).integrity is PageIntegrity.MISSING
        assert store.page(second.id).integrity is PageIntegrity.OK
        report = check_store(store)
    assert [(p.kind, p.subject) for p in report.problems] == [
        (ProblemKind.PAGE_MISSING, f"{CODE} #1")
    ]


def test_same_size_corruption_is_caught_by_sha256(home: Path) -> None:
    (page,) = _store_with_pages(home, 1)
    path = home / page.original.path
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    with Store.open(home) as store:
        assert store.recovery.flagged_pages == {page.id: PageIntegrity.CORRUPT}
        assert not check_store(store).clean


def test_check_hashes_pages_of_finished_dossiers_too(home: Path) -> None:
    (page,) = _store_with_pages(home, 1)
    with Store.open(home) as store, store.database.transaction() as conn:
        conn.execute("UPDATE dossier SET state = ?", (DossierState.FINISHED.value,))
    path = home / page.original.path
    data = bytearray(path.read_bytes())
    data[100] ^= 0x01
    path.write_bytes(bytes(data))
    with Store.open(home) as store:
        assert store.recovery.flagged_pages == {}  # start-up only sizes finished dossiers' files
        report = check_store(store)
    assert [p.kind for p in report.problems] == [ProblemKind.PAGE_CORRUPT]


def test_a_restored_file_clears_the_flag(home: Path) -> None:
    (page,) = _store_with_pages(home, 1)
    path = home / page.original.path
    saved = path.read_bytes()
    path.unlink()
    with Store.open(home) as store:
        assert store.page(page.id).integrity is PageIntegrity.MISSING
    path.write_bytes(saved)
    with Store.open(home) as store:
        assert store.recovery.cleared_pages == [page.id]
        assert store.page(page.id).integrity is PageIntegrity.OK
        assert check_store(store).clean

from __future__ import annotations

import hashlib
from pathlib import Path

import pikepdf
import pytest
from filelock import FileLock

from station.capture import draft_dossier
from station.errors import ErrorCode, StationError
from station.model import DossierState
from station.pipeline import transforms as tf
from station.store import Store
from station.workflow import (
    delete_pages,
    finish_dossier,
    mark_annotated,
    missing_required,
    move_pages,
    record_analysis,
    rotate_page,
    tag_pages,
)
from station.workflow.finished_files import LOCK_NAME
from tests.station.workflow.support import CODE, new_dossier, scanned_page, tiny_page

PROFILE = "jpeg"  # the quickest profile; what is tested here does not depend on the encoding
WIDTH_PT = {"A4": 210 / 25.4 * 72, "A5": 148 / 25.4 * 72, "A6": 105 / 25.4 * 72}


def _sizes(path: Path) -> list[tuple[float, float]]:
    with pikepdf.open(path) as pdf:
        return [(float(p.mediabox[2]), float(p.mediabox[3])) for p in pdf.pages]


def _papers(path: Path) -> list[str]:
    """Which paper each page is, told apart by its width."""
    return [min(WIDTH_PT, key=lambda n: abs(WIDTH_PT[n] - w)) for w, _ in _sizes(path)]


def _fields(file) -> tuple:
    return (file.component_code, file.file_name, file.path, file.pages, file.bytes, file.sha256)


def _error(call) -> StationError:
    with pytest.raises(StationError) as caught:
        call()
    return caught.value


def _outbox_files(store: Store) -> list[Path]:
    root = store.layout.finished_files
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def dossier(store: Store, catalog):
    return new_dossier(store, catalog)


def test_one_pdf_per_component_in_procedure_order_with_pages_in_order(store, catalog, dossier):
    # Scanned out of component order: the result (KQ1) between submitted pages (TP1).
    scanned_page(store, CODE, "A5", "TP1")
    scanned_page(store, CODE, "A6", "KQ1")
    scanned_page(store, CODE, "A4", "TP1")
    scanned_page(store, CODE, "A6", "TP1")
    steps: list[tuple[int, int]] = []
    receipt = finish_dossier(store, catalog, CODE, PROFILE, progress=lambda *a: steps.append(a))

    assert [(f.component_code, f.file_name, f.pages) for f in receipt.files] == [
        ("TP1", f"{CODE}.1.pdf", 3),
        ("KQ1", f"{CODE}.2.pdf", 1),
    ]
    first, second = (store.layout.absolute(f.path) for f in receipt.files)
    assert first.parent == store.layout.finished_files / CODE
    assert _papers(first) == ["A5", "A4", "A6"]
    assert _papers(second) == ["A6"]
    for f in receipt.files:
        data = store.layout.absolute(f.path).read_bytes()
        assert (f.bytes, f.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert receipt.files[0].component_name == catalog.get("1.010041").components[0].name
    assert steps == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    assert (receipt.override_reason, receipt.missing_required) == (None, ())
    assert _outbox_files(store) == [first, second]  # no temp file left


def test_finishing_records_the_files_and_closes_the_dossier(store, catalog, dossier) -> None:
    scanned_page(store, CODE, "A6", "TP1")
    scanned_page(store, CODE, "A6", "KQ1")
    receipt = finish_dossier(store, catalog, CODE, PROFILE)
    finished = store.dossier(CODE)
    assert finished.state is DossierState.FINISHED and finished.finished_at is not None
    recorded = store.dossier_files(CODE)
    assert [_fields(r) for r in recorded] == [_fields(f) for f in receipt.files]
    with pikepdf.open(store.layout.absolute(receipt.files[0].path)) as pdf:
        assert str(pdf.docinfo["/SoHoaDossierCode"]) == CODE
        assert str(pdf.docinfo["/SoHoaProcedure"]) == "1.010041"
        assert str(pdf.docinfo["/SoHoaComponent"]).startswith("TP1 - ")
        assert str(pdf.docinfo["/SoHoaClerk"]) == "lan"
    assert _error(lambda: finish_dossier(store, catalog, CODE, PROFILE)).code is (
        ErrorCode.DOSSIER_FINISHED
    )
    page_id = store.pages(CODE)[0].id
    assert _error(lambda: rotate_page(store, page_id, 1)).code is ErrorCode.DOSSIER_FINISHED


def test_a_dossier_finished_at_reception_does_not_need_its_result(store, catalog, dossier):
    scanned_page(store, CODE, "A6", "TP1")
    assert missing_required(store, catalog, CODE) == []
    receipt = finish_dossier(store, catalog, CODE, PROFILE)
    assert [f.component_code for f in receipt.files] == ["TP1"]


def test_missing_required_components_are_refused_and_nothing_is_written(store, catalog, dossier):
    scanned_page(store, CODE, "A6", "KQ1")
    assert missing_required(store, catalog, CODE) == ["TP1"]
    for reason in (None, "   "):
        error = _error(lambda r=reason: finish_dossier(store, catalog, CODE, PROFILE, r))
        assert error.code is ErrorCode.REQUIRED_COMPONENTS_MISSING
        assert error.params["components"] == "TP1"
    assert store.dossier(CODE).state is DossierState.OPEN
    assert store.dossier_files(CODE) == []
    folder = store.layout.finished_files
    assert not folder.exists() or not any(folder.iterdir())


def test_an_override_reason_finishes_anyway_and_is_stored(store, catalog, dossier) -> None:
    scanned_page(store, CODE, "A6", "KQ1")
    reason = " Bản chính nộp sau / original submitted later "
    receipt = finish_dossier(store, catalog, CODE, PROFILE, override_reason=reason)
    assert receipt.override_reason == reason.strip()
    assert receipt.missing_required == ("TP1",)
    assert [f.file_name for f in receipt.files] == [f"{CODE}.1.pdf"]
    assert store.dossier(CODE).override_reason == reason.strip()


def test_untagged_pages_are_refused(store, catalog, dossier) -> None:
    scanned_page(store, CODE, "A6", "TP1")
    tiny_page(store, CODE)
    tiny_page(store, CODE, "KQ1")
    error = _error(lambda: finish_dossier(store, catalog, CODE, PROFILE, "any reason"))
    assert error.code is ErrorCode.UNTAGGED_PAGES
    assert (error.params["count"], error.params["pages"]) == (1, "2")


def test_a_component_outside_the_procedure_is_refused(store, catalog, dossier) -> None:
    tiny_page(store, CODE, "TP1")
    tiny_page(store, CODE, "TP9")
    error = _error(lambda: finish_dossier(store, catalog, CODE, PROFILE, "reason"))
    assert (error.code, error.params["code"]) == (ErrorCode.UNKNOWN_COMPONENT, "TP9")


def test_empty_and_draft_dossiers_are_refused(store, catalog, dossier) -> None:
    assert _error(lambda: finish_dossier(store, catalog, CODE)).code is ErrorCode.DOSSIER_EMPTY
    draft = draft_dossier(store)
    tiny_page(store, draft.code, "TP1")
    code = _error(lambda: finish_dossier(store, catalog, draft.code)).code
    assert code is ErrorCode.DOSSIER_WITHOUT_PROCEDURE


def test_an_annotated_page_needs_its_clean_scan_right_after_it(store, catalog, dossier) -> None:
    annotated = scanned_page(store, CODE, "A6", "TP1")
    mark_annotated(store, annotated.id)
    scanned_page(store, CODE, "A6", "KQ1")
    error = _error(lambda: finish_dossier(store, catalog, CODE, PROFILE))
    assert (error.code, error.params["order"]) == (ErrorCode.ANNOTATED_PAGE_UNPAIRED, 1)
    clean = scanned_page(store, CODE, "A5", "TP1")
    move_pages(store, CODE, [clean.id], store.pages(CODE)[1].id)
    receipt = finish_dossier(store, catalog, CODE, PROFILE)
    assert receipt.files[0].pages == 2  # both copies are in the PDF
    assert _papers(store.layout.absolute(receipt.files[0].path)) == ["A6", "A5"]


def test_pdfa_is_written_on_request(store, catalog, dossier) -> None:
    scanned_page(store, CODE, "A6", "TP1")
    scanned_page(store, CODE, "A6", "KQ1")
    receipt = finish_dossier(store, catalog, CODE, PROFILE, pdfa=True)
    for f in receipt.files:
        with pikepdf.open(store.layout.absolute(f.path)) as pdf:
            assert "/OutputIntents" in pdf.Root
            assert b"<pdfaid:part>2</pdfaid:part>" in pdf.Root.Metadata.read_bytes()


def test_deleted_pages_are_left_out(store, catalog, dossier) -> None:
    scanned_page(store, CODE, "A6", "TP1")
    gone = scanned_page(store, CODE, "A4", "TP1")
    scanned_page(store, CODE, "A6", "KQ1")
    delete_pages(store, [gone.id])
    receipt = finish_dossier(store, catalog, CODE, PROFILE)
    assert [f.pages for f in receipt.files] == [1, 1]


def test_pages_are_analysed_once_and_the_analysis_is_kept(store, catalog, dossier) -> None:
    fresh = scanned_page(store, CODE, "A6", "TP1")
    known = scanned_page(store, CODE, "A6", "TP1")
    elsewhere = scanned_page(store, CODE, "A6", "KQ1")
    # A recorded analysis for this profile is replayed as it is: here, a quarter turn.
    record_analysis(store, known.id, (tf.orient_transform(90),), PROFILE)
    record_analysis(store, elsewhere.id, (tf.orient_transform(90),), "lossless")
    receipt = finish_dossier(store, catalog, CODE, PROFILE)
    (w1, h1), (w2, h2) = _sizes(store.layout.absolute(receipt.files[0].path))
    assert h1 > w1 and w2 > h2  # the replayed page is landscape
    ((w3, h3),) = _sizes(store.layout.absolute(receipt.files[1].path))
    assert h3 > w3  # another profile's analysis is not reused
    pages = {p.id: p for p in store.pages(CODE)}
    assert {p.analysed_profile for p in pages.values()} == {PROFILE}
    assert pages[known.id].transforms == (tf.orient_transform(90),)
    assert all(t.kind != tf.ORIENT for t in pages[fresh.id].transforms)


def test_a_clerks_edits_to_an_unanalysed_page_are_replayed_as_they_are(store, catalog, dossier):
    page = scanned_page(store, CODE, "A6", "TP1")
    scanned_page(store, CODE, "A6", "KQ1")
    rotate_page(store, page.id, 1)  # automatic orientation would turn it back
    receipt = finish_dossier(store, catalog, CODE, PROFILE)
    ((width, height),) = _sizes(store.layout.absolute(receipt.files[0].path))
    assert (width, height) == pytest.approx((148 / 25.4 * 72, 105 / 25.4 * 72), abs=3)
    assert store.page(page.id).transforms == (tf.orient_transform(90),)


def test_a_failure_midway_leaves_no_file_and_the_dossier_open(store, catalog, dossier) -> None:
    scanned_page(store, CODE, "A6", "TP1")
    broken = scanned_page(store, CODE, "A6", "KQ1")
    path = store.layout.absolute(broken.original.path)
    path.write_bytes(path.read_bytes()[:200])  # the disk lost the end of the file
    error = _error(lambda: finish_dossier(store, catalog, CODE, PROFILE))
    assert error.code is ErrorCode.IMAGE_UNREADABLE
    assert _outbox_files(store) == []
    assert store.dossier(CODE).state is DossierState.OPEN
    assert store.dossier_files(CODE) == []


def test_stray_pdfs_of_an_interrupted_finish_are_replaced(store, catalog, dossier) -> None:
    scanned_page(store, CODE, "A6", "TP1")
    scanned_page(store, CODE, "A6", "KQ1")
    folder = store.layout.finished_files / CODE
    folder.mkdir(parents=True)
    (folder / f"{CODE}.3.pdf").write_bytes(b"%PDF-1.7 left from a crash")
    receipt = finish_dossier(store, catalog, CODE, PROFILE)
    assert sorted(p.name for p in folder.iterdir()) == [f.file_name for f in receipt.files]


def test_a_dossier_being_finished_elsewhere_is_not_finished_twice(store, catalog, dossier):
    scanned_page(store, CODE, "A6", "TP1")
    scanned_page(store, CODE, "A6", "KQ1")
    folder = store.layout.finished_files / CODE
    folder.mkdir(parents=True)
    with FileLock(str(folder / LOCK_NAME)):
        error = _error(lambda: finish_dossier(store, catalog, CODE, PROFILE))
    assert error.code is ErrorCode.DOSSIER_BUSY
    assert store.dossier(CODE).state is DossierState.OPEN
    finish_dossier(store, catalog, CODE, PROFILE)
    assert sorted(p.name for p in folder.iterdir()) == [f"{CODE}.1.pdf", f"{CODE}.2.pdf"]


def test_a_process_pool_gives_the_same_files(store, catalog, dossier) -> None:
    for paper in ("A5", "A6", "A4"):
        scanned_page(store, CODE, paper, "TP1")
    tag_pages(store, [scanned_page(store, CODE, "A6").id], "KQ1")
    receipt = finish_dossier(store, catalog, CODE, PROFILE, workers=2)
    assert [f.pages for f in receipt.files] == [3, 1]
    assert _papers(store.layout.absolute(receipt.files[0].path)) == ["A5", "A6", "A4"]

from __future__ import annotations

import hashlib
import json

import pikepdf
import pytest

from station.errors import ErrorCode, StationError
from station.model import ComponentKind, FileOrigin
from station.workflow import finish_dossier, tag_pages
from station.workflow.awaiting import results_awaiting
from station.workflow.result_import import import_result_pdf
from station.workflow.result_manifest import manifest_from_json
from station.workflow.results import finish_result, open_for_result, pending_result_pages
from tests.station.workflow.support import CODE, new_dossier, scanned_page

PROFILE = "jpeg"


def _error(call) -> StationError:
    with pytest.raises(StationError) as caught:
        call()
    return caught.value


@pytest.fixture
def finished(store, catalog):
    new_dossier(store, catalog)
    scanned_page(store, CODE, "A5", "TP1")
    scanned_page(store, CODE, "A4", "TP1")
    finish_dossier(store, catalog, CODE, PROFILE, workers=1)
    return store.dossier(CODE)


def test_a_finished_dossier_refuses_pages_until_opened_for_its_result(store, catalog, finished):
    assert _error(lambda: scanned_page(store, CODE, "A6", "KQ1")).code is ErrorCode.DOSSIER_CLOSED
    dossier = open_for_result(store, catalog, CODE)
    assert dossier.result_intake == ("KQ1",)
    page = scanned_page(store, CODE, "A6", "KQ1")
    assert page.result and page.addendum_id is None and page.order == 3


def test_a_submitted_component_is_refused_in_a_finished_dossier(store, catalog, finished):
    open_for_result(store, catalog, CODE)
    error = _error(lambda: scanned_page(store, CODE, "A6", "TP1"))
    assert error.code is ErrorCode.RESULT_COMPONENT_ONLY
    assert (error.params["component"], error.params["accepted"]) == ("TP1", "KQ1")
    untagged = _error(lambda: scanned_page(store, CODE, "A6", None))
    assert untagged.code is ErrorCode.RESULT_COMPONENT_ONLY
    page = scanned_page(store, CODE, "A6", "KQ1")
    retag = _error(lambda: tag_pages(store, [page.id], "TP1"))
    assert retag.code is ErrorCode.RESULT_COMPONENT_ONLY
    reception = store.pages(CODE)[0]
    assert _error(lambda: tag_pages(store, [reception.id], "KQ1")).code is (
        ErrorCode.DOSSIER_FINISHED
    )


def test_an_open_dossier_cannot_be_opened_for_its_result(store, catalog):
    new_dossier(store, catalog)
    assert _error(lambda: open_for_result(store, catalog, CODE)).code is (
        ErrorCode.RESULT_DOSSIER_OPEN
    )


def test_finish_result_numbers_on_and_writes_the_manifest_beside_the_files(
    store, catalog, finished
):
    open_for_result(store, catalog, CODE)
    scanned_page(store, CODE, "A6", "KQ1")
    scanned_page(store, CODE, "A5", "KQ1")
    receipt = finish_result(store, catalog, CODE, PROFILE, workers=1)

    assert [(f.component_code, f.file_name, f.pages) for f in receipt.files] == [
        ("KQ1", f"{CODE}.2.pdf", 2)
    ]
    folder = store.layout.finished_files / CODE
    assert (folder / f"{CODE}.1.pdf").exists(), "the reception file stays"
    pdf_path = store.layout.absolute(receipt.files[0].path)
    data = pdf_path.read_bytes()
    with pikepdf.open(pdf_path) as pdf:
        assert len(pdf.pages) == 2
        assert "KQ1" in str(pdf.docinfo.get("/Subject", "")) + str(pdf.open_metadata())
    manifest_path = store.layout.absolute(receipt.manifest_path)
    assert manifest_path.parent == folder
    manifest = manifest_from_json(json.loads(manifest_path.read_text("utf-8")))
    assert manifest.addendum_id == receipt.addendum_id
    assert manifest.components == ("KQ1",)
    assert [(f.file_name, f.sha256, f.size) for f in manifest.files] == [
        (f"{CODE}.2.pdf", hashlib.sha256(data).hexdigest(), len(data))
    ]
    assert manifest.received_at == finished.received_at

    files = store.dossier_files(CODE)
    assert [(f.component_code, f.kind, f.addendum_id) for f in files] == [
        ("TP1", ComponentKind.SUBMITTED, ""),
        ("KQ1", ComponentKind.RESULT, receipt.addendum_id),
    ]
    dossier = store.dossier(CODE)
    assert dossier.result_finished_at == receipt.result_finished_at
    assert dossier.result_intake == ()
    assert pending_result_pages(store, CODE) == []


def test_a_second_result_for_the_same_component_is_refused(store, catalog, finished):
    open_for_result(store, catalog, CODE)
    scanned_page(store, CODE, "A6", "KQ1")
    first = finish_result(store, catalog, CODE, PROFILE, workers=1)
    again = _error(lambda: open_for_result(store, catalog, CODE))
    assert again.code is ErrorCode.RESULT_ALREADY_FINISHED
    assert again.params["file"] == first.files[0].file_name
    rescanned = _error(lambda: scanned_page(store, CODE, "A6", "KQ1"))
    assert rescanned.code is ErrorCode.DOSSIER_CLOSED
    nothing = _error(lambda: finish_result(store, catalog, CODE, PROFILE, workers=1))
    assert nothing.code is ErrorCode.RESULT_PAGES_MISSING
    assert len(store.dossier_files(CODE)) == 2


def test_a_failed_signature_leaves_no_result_behind(store, catalog, finished):
    open_for_result(store, catalog, CODE)
    scanned_page(store, CODE, "A6", "KQ1")

    def broken(data: bytes, when) -> bytes:
        raise StationError(ErrorCode.SIGN_FAILED, detail="token removed")

    error = _error(lambda: finish_result(store, catalog, CODE, PROFILE, workers=1, sign=broken))
    assert error.code is ErrorCode.SIGN_FAILED
    folder = store.layout.finished_files / CODE
    assert sorted(p.name for p in folder.iterdir()) == [f"{CODE}.1.pdf"]
    assert len(store.dossier_files(CODE)) == 1
    assert len(pending_result_pages(store, CODE)) == 1


def test_results_awaiting_lists_finished_dossiers_without_a_result_oldest_first(
    store, catalog, finished
):
    second = "000.00.14.H05-251122-0002"
    new_dossier(store, catalog, second)
    scanned_page(store, second, "A6", "TP1")
    # Received earlier than the first, finished later: listed first.
    from datetime import timedelta

    with store.database.transaction() as conn:
        conn.execute(
            "UPDATE dossier SET received_at = ? WHERE code = ?",
            ((finished.received_at - timedelta(days=3)).isoformat(), second),
        )
    assert [a.dossier_code for a in results_awaiting(store, catalog)] == [CODE]  # second is open
    finish_dossier(store, catalog, second, PROFILE, workers=1)
    awaiting = results_awaiting(store, catalog)
    assert [a.dossier_code for a in awaiting] == [second, CODE]
    assert awaiting[0].age_days == 3 and awaiting[0].components == ("KQ1",)

    open_for_result(store, catalog, CODE)
    scanned_page(store, CODE, "A6", "KQ1")
    finish_result(store, catalog, CODE, PROFILE, workers=1)
    assert [a.dossier_code for a in results_awaiting(store, catalog)] == [second]


def _agency_pdf(tmp_path, pages: int = 1):
    path = tmp_path / "ket-qua.pdf"
    with pikepdf.new() as pdf:
        for _ in range(pages):
            pdf.add_blank_page(page_size=(595, 842))
        pdf.save(path)
    return path


def test_an_electronic_result_is_kept_byte_for_byte_without_signing(
    store, catalog, finished, tmp_path
):
    path = _agency_pdf(tmp_path, 2)
    receipt = import_result_pdf(store, catalog, CODE, path, "KQ1")
    stored = store.layout.absolute(receipt.files[0].path)
    assert stored.read_bytes() == path.read_bytes()
    assert receipt.origin is FileOrigin.ELECTRONIC and not receipt.signed_by_station
    assert (receipt.files[0].file_name, receipt.files[0].pages) == (f"{CODE}.2.pdf", 2)
    files = store.dossier_files(CODE)
    assert (files[-1].kind, files[-1].origin) == (ComponentKind.RESULT, FileOrigin.ELECTRONIC)
    assert results_awaiting(store, catalog) == []


def test_an_electronic_result_needs_a_result_component_and_a_real_pdf(
    store, catalog, finished, tmp_path
):
    path = _agency_pdf(tmp_path)
    assert _error(lambda: import_result_pdf(store, catalog, CODE, path, "TP1")).code is (
        ErrorCode.RESULT_COMPONENT_ONLY
    )
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\nnot really")
    error = _error(lambda: import_result_pdf(store, catalog, CODE, junk, "KQ1"))
    assert error.code is ErrorCode.RESULT_PDF_INVALID
    assert len(store.dossier_files(CODE)) == 1

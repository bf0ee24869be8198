"""Handing over the result: scan into the finished dossier, sign as at reception, import an
agency's PDF."""

from __future__ import annotations

import pikepdf
import pytest

from app.capture import CaptureRequest, CaptureSession, fixed_target
from app.finishing import finish
from app.results import finish_result_flow, import_result, result_target
from drivers.bridge import InProcessBridge
from station.errors import ErrorCode, StationError
from station.model import utc_now
from station.pades.keys import Pkcs12Key, open_session
from station.pades.sign import Stamp, sign_pdf
from station.pades.verify import verify_pdf
from station.workflow.awaiting import results_awaiting
from station.workflow.signing import PKCS12, SigningSetup, save_setup
from tests.app.support import batch
from tests.station.pades.support import CLERK, PASSWORD, pkcs12_file
from tests.station.workflow.support import CODE, new_dossier, scanned_page


@pytest.fixture
def finished(store, catalog):
    new_dossier(store, catalog)
    scanned_page(store, CODE, "A6", "TP1")
    finish(store, catalog, CODE, profile="jpeg", workers=1)
    return store.dossier(CODE)


@pytest.fixture
def signing(store, signing_ca, tmp_path):
    p12 = pkcs12_file(tmp_path, signing_ca.clerk, signing_ca)
    save_setup(store, SigningSetup(method=PKCS12, pkcs12_path=str(p12)))
    return signing_ca


def _error(call) -> StationError:
    with pytest.raises(StationError) as caught:
        call()
    return caught.value


def test_virtual_adf_scans_the_result_into_the_finished_dossier(store, catalog, finished):
    target = result_target(store, catalog, CODE, "KQ1")
    request = CaptureRequest("virtual", batch(2), fixed_target(target.code, "KQ1"))
    bridge = InProcessBridge()
    try:
        ended = CaptureSession(bridge, store, request).run()
    finally:
        bridge.close()
    assert ended.error is None and ended.pages == 2
    pages = store.pages(CODE)
    assert [(p.component_code, p.result) for p in pages] == [
        ("TP1", False),
        ("KQ1", True),
        ("KQ1", True),
    ]
    outcome = finish_result_flow(store, catalog, CODE, profile="jpeg", workers=1)
    assert outcome.signer is None
    with pikepdf.open(store.layout.absolute(outcome.receipt.files[0].path)) as pdf:
        assert len(pdf.pages) == 2
    assert results_awaiting(store, catalog) == []


def test_scanning_a_submitted_paper_into_a_finished_dossier_is_refused(store, catalog, finished):
    error = _error(lambda: result_target(store, catalog, CODE, "TP1"))
    assert error.code is ErrorCode.RESULT_COMPONENT_ONLY
    assert store.dossier(CODE).result_intake == ()


def test_a_signed_result_carries_the_clerks_signature(store, catalog, finished, signing):
    result_target(store, catalog, CODE, "KQ1")
    scanned_page(store, CODE, "A6", "KQ1")
    outcome = finish_result_flow(
        store, catalog, CODE, secret=lambda: PASSWORD, profile="jpeg", workers=1
    )
    assert outcome.signer and CLERK in outcome.signer
    assert outcome.receipt.signed_by_station
    path = store.layout.absolute(outcome.receipt.files[0].path)
    assert verify_pdf(path, [signing.root_pem]).signed


def _agency_pdf(tmp_path):
    path = tmp_path / "agency.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.save(path)
    return path


def test_an_already_signed_electronic_result_is_kept_byte_for_byte(
    store, catalog, finished, signing, tmp_path
):
    # The agency's PDF, signed before it reaches the counter.
    issued = _agency_pdf(tmp_path)
    key = Pkcs12Key(_p12(tmp_path, signing), PASSWORD.encode())
    with open_session(key) as session:
        sign_pdf(issued, session, Stamp(session.subject_name(), utc_now()))
    original = issued.read_bytes()

    def never() -> str:
        raise AssertionError("a signed PDF is not signed again: no PIN is asked")

    outcome = import_result(store, catalog, CODE, issued, "KQ1", secret=never)
    stored = store.layout.absolute(outcome.receipt.files[0].path)
    assert stored.read_bytes() == original
    assert outcome.signer is None and not outcome.receipt.signed_by_station
    assert verify_pdf(stored, [signing.root_pem]).signed


def _p12(tmp_path, ca):
    folder = tmp_path / "issuer"
    folder.mkdir(exist_ok=True)
    return pkcs12_file(folder, ca.clerk, ca)


def test_an_unsigned_electronic_result_is_signed_by_the_clerk(
    store, catalog, finished, signing, tmp_path
):
    issued = _agency_pdf(tmp_path)
    outcome = import_result(store, catalog, CODE, issued, "KQ1", secret=lambda: PASSWORD)
    stored = store.layout.absolute(outcome.receipt.files[0].path)
    assert stored.read_bytes() != issued.read_bytes()
    assert outcome.receipt.signed_by_station
    assert verify_pdf(stored, [signing.root_pem]).signed

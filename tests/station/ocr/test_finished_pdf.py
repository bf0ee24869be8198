"""A finished component PDF carries its pages' words: pdftotext gives the form's title line
exactly, PDF/A-2b still validates, and the signature made after the text still verifies."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import cv2
import pikepdf
import pikepdf.pdfa
import pytest

from app.analysis import analyse_page
from app.reading import read_stored_page
from station.capture import PageOrigin, store_pixels
from station.ocr.records import page_basis, stored_text
from station.pades.keys import Pkcs12Key, open_session
from station.pades.sign import Stamp, sign_pdf_bytes
from station.pades.verify import verify_pdf
from station.pipeline import profile as profiles
from station.workflow import finish_dossier
from tests.station.ocr.forms import form_title, virtual_form
from tests.station.pades.support import PASSWORD, CaBundle, pkcs12_file
from tests.station.workflow.support import CODE, new_dossier, scanned_page

SEED = 1  # a form whose title, "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ", fits on one line


@pytest.fixture
def form_dossier(store, catalog):
    new_dossier(store, catalog)
    pixels, lines = virtual_form(SEED, 300)
    rgb = cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB)
    page = store_pixels(store, CODE, rgb, 300, PageOrigin("virtual", "A4", "TP1"))
    scanned_page(store, CODE, "A6", "KQ1")
    title = form_title(lines)
    assert title is not None
    return page, title


def _text_of(path: Path, page: int = 1) -> str:
    args = ["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_the_finished_pdf_gives_the_forms_title_line_exactly(store, catalog, form_dossier):
    page, title = form_dossier
    analyse_page(store, page.id, "standard")
    assert read_stored_page(store, page.id, "standard") is not None  # read in the background
    receipt = finish_dossier(store, catalog, CODE, "standard")
    text = _text_of(store.layout.absolute(receipt.files[0].path))
    assert title in text.splitlines()
    assert "Họ, chữ đệm, tên người yêu cầu:" in text


def test_a_page_finished_before_it_was_read_is_read_while_finishing(store, catalog, form_dossier):
    page, title = form_dossier
    receipt = finish_dossier(store, catalog, CODE, "jpeg")
    assert title in _text_of(store.layout.absolute(receipt.files[0].path)).splitlines()
    assert stored_text(store, page.id, page_basis(store.page(page.id))) is not None


def test_without_ocr_in_the_profile_the_pdf_has_no_text(store, catalog, form_dossier, monkeypatch):
    quiet = replace(profiles.PROFILES["jpeg"], name="quiet", ocr=False)
    monkeypatch.setitem(profiles.PROFILES, "quiet", quiet)
    receipt = finish_dossier(store, catalog, CODE, "quiet")
    assert _text_of(store.layout.absolute(receipt.files[0].path)).strip() == ""


@pytest.mark.parametrize("profile", ["standard", "jpeg"])  # mixed raster, one image a page
def test_pdfa_with_the_text_layer_validates_and_its_signature_verifies(
    store, catalog, form_dossier, signing_ca: CaBundle, tmp_path: Path, profile: str
):
    _, title = form_dossier
    key = Pkcs12Key(pkcs12_file(tmp_path, signing_ca.clerk, signing_ca), PASSWORD.encode())
    unsigned: list[bytes] = []
    with open_session(key) as session:

        def sign(data: bytes, scan_time: datetime) -> bytes:
            unsigned.append(data)
            return sign_pdf_bytes(data, session, Stamp(session.subject_name(), scan_time))

        receipt = finish_dossier(store, catalog, CODE, profile, pdfa=True, sign=sign)
    path = store.layout.absolute(receipt.files[0].path)
    assert title in _text_of(path).splitlines()
    assert pikepdf.pdfa.validate_written(io.BytesIO(unsigned[0]), "2b").findings == []
    signed = pikepdf.pdfa.validate_written(io.BytesIO(path.read_bytes()), "2b")
    # The validator does not look into interactive forms, where the signature lives: its only
    # finding (tests/station/pades/test_stamp.py).
    assert [(f.kind, f.rule) for f in signed.findings] == [
        ("unsupported", "pikepdf:schema-Catalog")
    ]
    with pikepdf.open(io.BytesIO(unsigned[0])) as pdf:  # the text was in before signing
        assert "/OcrText" in pdf.pages[0].Resources.Font
    result = verify_pdf(path, [signing_ca.root_pem])
    assert (result.signed, result.intact, result.trusted) == (True, True, True)
    assert not result.modified_after_signing
    assert result.pdfa_claimed and result.pdfa_valid and result.pdfa_findings == []
    assert datetime.now(UTC) > result.signing_time

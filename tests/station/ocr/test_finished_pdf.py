"""A finished component PDF carries its pages' words: pdftotext gives the form's title line
exactly, each word's box lies over that word's ink on a deskewed and cropped page, PDF/A-2b
still validates, and the signature made after the text still verifies."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

import cv2
import numpy as np
import pikepdf
import pikepdf.pdfa
import pytest
from PIL import Image

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
from tests.station.pipeline.pages import virtual_page
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


def _word_boxes(
    path: Path,
) -> tuple[tuple[float, float], list[tuple[str, float, float, float, float]]]:
    """The first page's size (pt) and its words' boxes (pt, from the top left), pdftotext -bbox."""
    args = ["pdftotext", "-bbox", "-f", "1", "-l", "1", "-enc", "UTF-8", str(path), "-"]
    html = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert size is not None
    words = [
        (unescape(m[4]), float(m[0]), float(m[1]), float(m[2]), float(m[3]))
        for m in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            html,
        )
    ]
    return (float(size[1]), float(size[2])), words


def _rendered(path: Path, tmp_path: Path, dpi: int) -> np.ndarray:
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), "-gray", "-png", str(path),
         str(tmp_path / "page")],
        check=True,
    )  # fmt: skip
    (png,) = tmp_path.glob("page*.png")
    return np.asarray(Image.open(png).convert("L"))


def test_the_text_layer_lies_over_the_words_of_a_deskewed_cropped_page(
    store, catalog, tmp_path: Path
):
    """A form lying 2.5° askew on the bed, scanned whole (bed around it), deskewed and cropped
    by the analysis, read and finished: every word's box in the PDF covers ink on the rendered
    page, and the title's boxes sit where the title is printed (centred, near the top)."""
    new_dossier(store, catalog)
    options = (("seed", str(SEED)), ("skew", "2.5"), ("content", "document"))
    pixels = virtual_page(*options, paper="auto", dpi=300)
    rgb = cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB)
    page = store_pixels(store, CODE, rgb, 300, PageOrigin("virtual", "auto", "TP1"))
    analyse_page(store, page.id, "standard")
    assert read_stored_page(store, page.id, "standard") is not None
    receipt = finish_dossier(store, catalog, CODE, "standard")
    path = store.layout.absolute(receipt.files[0].path)
    (width, height), words = _word_boxes(path)
    scanned = (pixels.shape[1] * 72 / 300, pixels.shape[0] * 72 / 300)
    assert width < scanned[0] - 10  # the bed around the sheet is cropped away ...
    assert abs(width - 595.3) < 6 and abs(height - 841.9) < 6  # ... to the A4 sheet, upright
    dpi = 100
    image = _rendered(path, tmp_path, dpi)
    assert abs(image.shape[1] - width * dpi / 72) <= 2
    ink = image < 110
    scale = dpi / 72
    inked, off_y, off_x = 0, [], []
    boxes = [w[1:] for w in words if sum(c.isalnum() for c in w[0]) >= 3]
    for x0, y0, x1, y1 in ((scale * v for v in box) for box in boxes):
        inked += ink[round(y0) : round(y1) + 1, round(x0) : round(x1) + 1].mean() > 0.04
        # where the ink around the box (half a box height each way) has its centre
        pad = 0.5 * (y1 - y0)
        top, left = max(round(y0 - pad), 0), max(round(x0 - pad), 0)
        near = ink[top : round(y1 + pad), left : round(x1 + pad)]
        total = max(int(near.sum()), 1)
        centre_y = top + (near.sum(axis=1) * np.arange(near.shape[0])).sum() / total
        centre_x = left + (near.sum(axis=0) * np.arange(near.shape[1])).sum() / total
        off_y.append((centre_y - (y0 + y1) / 2) / (y1 - y0))
        off_x.append((centre_x - (x0 + x1) / 2) / (x1 - x0))
    assert len(boxes) > 150
    assert inked >= 0.97 * len(boxes), (inked, len(boxes))
    # Measured on this page: 0.01 and 0.15 as finished; moving the layer 1 mm up or down gives
    # 0.06-0.13 and 0.28-0.29, 2 mm sideways 0.06.
    assert abs(float(np.median(off_y))) < 0.05
    assert float(np.percentile(np.abs(off_y), 90)) < 0.2
    assert abs(float(np.median(off_x))) < 0.045
    title = ["TỜ", "KHAI", "THAY", "ĐỔI", "THÔNG", "TIN", "CƯ", "TRÚ"]
    texts = [w[0] for w in words]
    start = next(i for i in range(len(texts)) if texts[i : i + len(title)] == title)
    boxes = words[start : start + len(title)]
    left, right = min(b[1] for b in boxes), max(b[3] for b in boxes)
    assert abs((left + right) / 2 - width / 2) < 0.04 * width  # centred on the cropped sheet
    assert max(b[4] for b in boxes) - min(b[2] for b in boxes) < 30  # one straight line
    assert min(b[2] for b in boxes) < 0.25 * height

"""An MRC page, rendered by pdfium, looks like the scan: ink dark, paper light, colours kept.

A wrongly inverted G4 mask, a layer drawn in the wrong place or the ink losing its colour all
fail here; the last test proves the comparison notices an inverted mask.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
import pikepdf
import pytest

from station.pdf import EncodedPage, Encoding
from tests.station.pdf.conftest import DPI
from tests.station.pdf.support import drawn_images, pdf_of, render


def _rgb(bgr: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB).astype(np.int16)


def _regions(original: np.ndarray) -> dict[str, np.ndarray]:
    """Where the scan has black ink, bare paper, red seal ink and blue signature ink."""
    red, green, blue = (original[:, :, i] for i in range(3))
    darkest = original.min(axis=2)
    chroma = original.max(axis=2) - darkest
    return {
        "text": (original.max(axis=2) < 90) & (chroma < 30),
        "paper": darkest > 215,
        "seal": (red > 150) & (red - green > 80) & (red - blue > 60),
        "signature": (blue - red > 60) & (blue - green > 40),
    }


@pytest.fixture(scope="module")
def rendered(form_mrc: EncodedPage) -> np.ndarray:
    return render(pdf_of([form_mrc]), DPI).astype(np.int16)


def test_form_page_is_encoded_as_mrc_with_coloured_ink_left_in_the_background(
    form_mrc: EncodedPage,
) -> None:
    assert form_mrc.encoding is Encoding.MRC
    stencil = form_mrc.layers[1]
    assert stencil.fill is not None and max(stencil.fill) - min(stencil.fill) < 0.1  # neutral


def test_rendered_mrc_page_matches_the_scan(form_page, rendered) -> None:
    original = _rgb(form_page)
    assert rendered.shape == original.shape
    assert np.abs(rendered - original).mean() < 8  # JPEG q75 of the scan: ~5


def test_text_stays_dark_and_paper_stays_light(form_page, rendered) -> None:
    original = _rgb(form_page)
    regions = _regions(original)
    assert regions["text"].sum() > 20_000 and regions["paper"].sum() > 500_000
    light = rendered.max(axis=2)
    assert np.mean(light[regions["text"]] < 110) > 0.95
    assert np.mean(rendered.min(axis=2)[regions["paper"]] > 190) > 0.99


def test_red_seal_and_blue_signature_keep_their_colour(form_page, rendered) -> None:
    original = _rgb(form_page)
    regions = _regions(original)
    assert regions["seal"].sum() > 2_000 and regions["signature"].sum() > 2_000
    red, green, blue = (rendered[:, :, i] for i in range(3))
    seal, signature = regions["seal"], regions["signature"]
    assert (red - green)[seal].mean() > 60 and (red - blue)[seal].mean() > 50
    assert (blue - red)[signature].mean() > 50 and (blue - green)[signature].mean() > 30


def test_an_inverted_mask_would_be_caught(form_page, form_mrc: EncodedPage) -> None:
    pdf = pikepdf.open(io.BytesIO(pdf_of([form_mrc])))
    for drawn in drawn_images(pdf.pages[0]):
        if drawn.image.get("/ImageMask"):
            drawn.image.DecodeParms.BlackIs1 = True
    out = io.BytesIO()
    pdf.save(out)
    broken = render(out.getvalue(), DPI).astype(np.int16)
    original = _rgb(form_page)
    regions = _regions(original)
    assert np.abs(broken - original).mean() > 20
    assert np.mean(broken.min(axis=2)[regions["paper"]] > 190) < 0.5


def test_a_large_sheet_in_strips_renders_like_one_piece(monkeypatch, form_page, rendered) -> None:
    from station.imaging.results import ColourClass
    from station.pdf import EncodeOptions, encode_page, mrc

    monkeypatch.setattr(mrc, "STRIP_PIXELS", form_page.shape[0] * form_page.shape[1] // 3)
    page = encode_page(form_page, DPI, ColourClass.COLOR, EncodeOptions())
    assert len(page.layers) >= 6  # three strips, each a background and a stencil at least
    strips = render(pdf_of([page]), DPI).astype(np.int16)
    assert strips.shape == rendered.shape
    assert np.abs(strips - _rgb(form_page)).mean() < 8  # as for the page in one piece
    assert page.min_image_ppi >= DPI - 0.5

"""A stitched page all the way into the dossier's PDF: the page is the paper, at true scale,
as stitched (no crop, no deskew at finish), whether or not the window analysed it first."""

from __future__ import annotations

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest

from app.analysis import analyse_page
from app.finishing import finish
from app.stitching import PartsSession
from station.capture import PageOrigin, store_pixels
from station.paper import MM_PER_INCH, parse_paper
from station.pipeline import transforms as tf
from tests.app.test_stitching import DPI, _scan_part
from tests.station.workflow.support import CODE, new_dossier

RENDER_DPI = 200
MARGIN_MM = 12.0  # the virtual map's frame: its line's middle is 12 mm in from the edges
INK_BELOW = 110  # the frame's line is drawn at gray 40; the toned paper is above 200
PAPER_ABOVE = 200


def _stitched_dossier(store, catalog, profile: str | None) -> tuple[str, float, float]:
    new_dossier(store, catalog)
    session = PartsSession(store, parse_paper("A3"))
    for part, turn in ((2, 0), (4, 180), (1, 0), (3, 0)):
        pixels = _scan_part(part, turn)
        session.offer(store_pixels(store, CODE, pixels, DPI, PageOrigin("virtual", "", "TP1")))
    page = session.assemble()
    if profile is not None:  # the window analyses every stored page before Finish
        analyse_page(store, page.id, profile)
    return page.id, 297.0, 420.0


def _pdf_page(store, outcome) -> tuple[tuple[float, float], np.ndarray]:
    (file,) = outcome.receipt.files
    path = store.layout.absolute(file.path)
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 1
        box = [float(v) for v in pdf.pages[0].MediaBox]
    size_mm = ((box[2] - box[0]) * MM_PER_INCH / 72, (box[3] - box[1]) * MM_PER_INCH / 72)
    document = pdfium.PdfDocument(path)
    try:
        gray = np.array(document[0].render(scale=RENDER_DPI / 72).to_pil().convert("L"))
    finally:
        document.close()
    return size_mm, gray


def _frame_span_mm(gray: np.ndarray, axis: int) -> float:
    """From the middle of the frame's line on one side to its middle on the other, across
    `axis` (1: left to right, 0: top to bottom), the median over the middle half of the other
    direction. Beyond the frame lie only paper and the lid, so the first ink from each edge is
    the frame; its middle is the darkness-weighted centre of the few pixels the line covers."""
    lines = gray if axis == 1 else gray.T
    length = lines.shape[0]
    reach = round(1.5 * RENDER_DPI / MM_PER_INCH)  # the line's 0.8 mm and its antialiased rim
    spans = []
    for row in lines[length // 4 : 3 * length // 4]:
        ink = np.flatnonzero(row < INK_BELOW)
        if ink.size >= 2:
            spans.append(
                _centre(row, ink[-1] - reach, ink[-1] + 1)
                - _centre(row, ink[0], ink[0] + reach + 1)
            )
    return float(np.median(spans)) * MM_PER_INCH / RENDER_DPI


def _centre(row: np.ndarray, start: int, stop: int) -> float:
    start = max(0, start)
    darkness = np.clip(PAPER_ABOVE - row[start:stop].astype(float), 0, None)
    return start + float((darkness * np.arange(stop - start)).sum() / darkness.sum())


@pytest.mark.parametrize("analysed", [None, "standard"], ids=["as-stored", "analysed"])
def test_a_stitched_page_is_the_paper_at_true_scale_in_the_dossiers_pdf(
    store, catalog, analysed
) -> None:
    page_id, width_mm, height_mm = _stitched_dossier(store, catalog, analysed)
    # what the window shows is the page as it will be finished: the analysis crops nothing off
    page = store.page(page_id)
    assert page is not None
    kinds = {t.kind for t in page.transforms}
    assert not kinds & {tf.CROP, tf.CROP_BOX, tf.DESKEW}, kinds
    outcome = finish(store, catalog, CODE, profile="standard", workers=1, override_reason="x")
    (size, gray) = _pdf_page(store, outcome)
    assert size == pytest.approx((width_mm, height_mm), abs=0.3)  # a pixel at the scan dpi
    across = _frame_span_mm(gray, axis=1)
    down = _frame_span_mm(gray, axis=0)
    for measured, sheet in ((across, width_mm), (down, height_mm)):
        drawn = sheet - 2 * MARGIN_MM
        assert abs(measured - drawn) <= drawn / 500, (measured, drawn)

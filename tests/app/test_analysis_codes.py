"""The analysis of a stored page keeps its codes with it, in the original's pixels, whatever
the page's turn: a receipt's dossier code with its text, any other code without."""

from __future__ import annotations

import cv2

from app.analysis import analyse_page
from station.capture import PageOrigin, store_pixels
from station.codes import CodeKind
from tests.station.codes.synth import PageSpec, make_page
from tests.station.workflow.support import CODE, new_dossier

SLIP = "000.00.14.H05-251204-0042"
LABEL = "Tờ khai đăng ký thường trú"


def _stored(store, spec: PageSpec):
    pixels = make_page(spec)
    return store_pixels(store, CODE, pixels, spec.dpi, PageOrigin("virtual", "A4", "TP1")), pixels


def test_the_analysis_keeps_the_codes_where_they_lie_on_the_original(store, catalog) -> None:
    new_dossier(store, catalog)
    page, pixels = _stored(store, PageSpec(SLIP, "QRCode", 200, 97, "color", 85, 0.4, 3, 8))
    assert store.page_codes(page.id) == []
    result = analyse_page(store, page.id, "standard")
    assert result is not None and not result.failed
    (kept,) = store.page_codes(page.id)
    assert (kept.format, kept.kind, kept.text) == ("QRCode", CodeKind.DOSSIER_CODE, SLIP)
    # the corners are the symbol's on the original: its pixels there are the code's dark modules
    xs, ys = [round(p.x) for p in kept.position], [round(p.y) for p in kept.position]
    box = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)[min(ys) : max(ys), min(xs) : max(xs)]
    assert 30 <= max(ys) - min(ys) <= 400 and 0.3 < (box < 128).mean() < 0.7


def test_a_code_that_names_nothing_keeps_its_place_but_not_its_text(store, catalog) -> None:
    new_dossier(store, catalog)
    page, _ = _stored(store, PageSpec(LABEL, "DataMatrix", 300, 200, "lineart", None, 0.5, 4, 9))
    analyse_page(store, page.id, "standard")
    (kept,) = store.page_codes(page.id)
    assert (kept.format, kept.kind, kept.text) == ("DataMatrix", CodeKind.OTHER, "")

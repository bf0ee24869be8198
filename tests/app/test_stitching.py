"""Scanning in parts into the store: parts from the virtual scanner's large sheet, one stitched
page of the paper at true scale in their place, undone back to the parts."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from app.stitching import (
    PartAccepted,
    PartRefused,
    PartsSession,
    needs_parts,
    restitch,
    separate,
    separate_unless_done,
    sheet_plan,
    stitch_stored,
)
from drivers.contract import CancelToken, ColorMode, ScanSettings, Source
from drivers.virtual.driver import VirtualDriver
from station.capture import PageOrigin, draft_dossier, store_pixels
from station.paper import parse_paper
from station.stitch import StitchCode, StitchError
from station.workflow.render import decode_original

DPI = 100
A4_BED = (215.9, 297.0)


def _scan_part(part: int, turn: int = 0, sheet: str = "A3", seed: int = 5) -> np.ndarray:
    options = (("sheet", sheet), ("part", str(part)), ("turn", str(turn)), ("seed", str(seed)))
    settings = ScanSettings(
        paper=parse_paper("auto"), dpi=DPI, mode=ColorMode.COLOR, source=Source.FLATBED,
        options=options,
    )  # fmt: skip
    (page,) = VirtualDriver().scan("virtual", settings, CancelToken())
    return np.asarray(page.pixels)


def _stored(store, code: str, pixels: np.ndarray):
    return store_pixels(store, code, pixels, DPI, PageOrigin("virtual", "auto"))


def test_only_a_paper_larger_than_the_bed_needs_parts() -> None:
    assert needs_parts(parse_paper("A3"), A4_BED)
    assert not needs_parts(parse_paper("A4"), A4_BED)
    assert not needs_parts(parse_paper("auto"), A4_BED)
    plan = sheet_plan(parse_paper("A2"), A4_BED)
    assert len(plan.cells) == plan.columns * plan.rows
    assert min(plan.overlap) >= 0.2


@pytest.fixture
def stitched(store):
    """An A3 sheet in 4 parts on the A4 bed, scanned in another order, one part turned round."""
    code = draft_dossier(store).code
    before = _stored(store, code, np.full((300, 200, 3), 200, np.uint8))
    session = PartsSession(store, parse_paper("A3"))
    for part, turn in ((3, 0), (1, 180), (4, 0), (2, 0)):
        outcome = session.offer(_stored(store, code, _scan_part(part, turn)))
        assert isinstance(outcome, PartAccepted)
    preview = session.preview()
    assert preview is not None and preview.parts == 4
    page = session.assemble()
    return store, code, before, session, page


def test_the_parts_become_one_page_of_the_paper_at_the_scan_dpi(stitched) -> None:
    store, code, before, session, page = stitched
    assert [p.id for p in store.pages(code)] == [before.id, page.id]
    assert page.paper_size == "A3" and page.dpi == DPI
    pixels = decode_original(store.layout.absolute(page.original.path), page.original.sha256)
    short, long = sorted(pixels.shape[:2])
    assert (short, long) == (round(297 / 25.4 * DPI), round(420 / 25.4 * DPI))
    assert [p.id for p in store.parts_of(page.id)] == [p.id for p in session.parts]
    assert store.deleted_pages(code) == []  # the parts are not in the trash


def test_undo_brings_the_parts_back_in_the_stitched_pages_place(stitched) -> None:
    store, code, before, session, page = stitched
    separate(store, page.id)
    assert [p.id for p in store.pages(code)] == [before.id, *(p.id for p in session.parts)]
    assert store.page(page.id) is None
    assert not (store.layout.absolute(page.original.path)).exists()


def test_an_undo_kept_since_the_stitch_does_nothing_once_the_page_was_separated(
    stitched,
) -> None:
    store, code, before, session, page = stitched
    separate(store, page.id)  # by the pages' own action
    assert separate_unless_done(store, page.id) == []
    assert [p.id for p in store.pages(code)] == [before.id, *(p.id for p in session.parts)]
    again = stitch_stored(store, [p.id for p in session.parts], parse_paper("A3"))
    assert [p.id for p in separate_unless_done(store, again.id)] == [p.id for p in session.parts]


def test_a_stitched_page_can_be_stitched_again_from_its_parts(stitched) -> None:
    store, code, before, session, page = stitched
    again = restitch(store, page.id, parse_paper("A3"))
    assert again.paper_size == "A3" and again.id != page.id
    assert [p.id for p in store.pages(code)] == [before.id, again.id]
    assert len(store.parts_of(again.id)) == 4


def test_a_paper_larger_than_the_parts_cover_is_refused_and_they_stay_pages(stitched) -> None:
    """Four A4 parts of an A3 sheet are half of an A2: stitched again as A2, the parts come
    back as pages and the refusal gives their span, so the clerk can tell a paper too large."""
    store, code, before, session, page = stitched
    with pytest.raises(StitchError) as refused:
        restitch(store, page.id, parse_paper("A2"))
    assert refused.value.code is StitchCode.SHEET_INCOMPLETE
    assert refused.value.params["paper"] == "A2"
    assert int(str(refused.value.params["covered"])) < 60
    across, down = (int(v) for v in str(refused.value.params["extent"]).split()[0].split("×"))
    assert 290 < across < 320 and 410 < down < 440
    assert [p.id for p in store.pages(code)] == [before.id, *(p.id for p in session.parts)]


def test_a_part_of_another_sheet_is_refused_and_leaves_the_dossier(store) -> None:
    code = draft_dossier(store).code
    session = PartsSession(store, parse_paper("A3"))
    first = session.offer(_stored(store, code, _scan_part(1)))
    stranger = _stored(store, code, _scan_part(2, sheet="A2", seed=99))
    refused = session.offer(stranger)
    assert isinstance(first, PartAccepted)
    assert isinstance(refused, PartRefused) and refused.code is StitchCode.PART_ISOLATED
    assert [p.id for p in store.pages(code)] == [first.page.id]
    assert [p.id for p in store.deleted_pages(code)] == [stranger.id]
    second = session.offer(_stored(store, code, _scan_part(2)))
    assert isinstance(second, PartAccepted) and second.parts == 2


def test_the_virtual_part_is_the_bed_with_the_sheet_askew_on_it() -> None:
    pixels = _scan_part(1)
    assert pixels.shape[:2] == (round(297 / 25.4 * DPI), round(215.9 / 25.4 * DPI))
    gray = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)
    assert (gray < 100).mean() > 0.002  # map ink
    assert not np.array_equal(pixels, _scan_part(1, turn=180))


def test_a_part_taken_back_leaves_the_sheet_and_the_rest_still_assemble(store) -> None:
    code = draft_dossier(store).code
    session = PartsSession(store, parse_paper("A3"))
    for part in (1, 2, 3):
        session.offer(_stored(store, code, _scan_part(part)))
    taken = session.parts[1]
    session.remove(taken.id)
    assert [p.id for p in store.pages(code)] == [p.id for p in session.parts]
    assert taken.id not in {p.id for p in session.parts}
    session.offer(_stored(store, code, _scan_part(2)))
    session.offer(_stored(store, code, _scan_part(4)))
    preview = session.preview()
    assert preview is not None and preview.parts == 4
    page = session.assemble()
    assert [p.id for p in store.pages(code)] == [page.id]


def test_the_preview_grows_with_each_part_and_says_which_cells_are_covered(store) -> None:
    """Parts out of order, the first turned round: each preview covers more of the page, and
    the cells come from where the parts lie. The preview is drawn from the top left, as the
    dialog's drawing numbers the cells."""
    code = draft_dossier(store).code
    session = PartsSession(store, parse_paper("A3"), plan=sheet_plan(parse_paper("A3"), A4_BED))
    shares, coverages = [], []
    for part, turn in ((3, 0), (1, 0), (4, 180), (2, 0)):
        assert isinstance(session.offer(_stored(store, code, _scan_part(part, turn))), PartAccepted)
        preview = session.preview()
        assert preview is not None and preview.parts == len(coverages) + 1
        coverages.append(preview.coverage)
        if preview.parts > 1:
            gray = cv2.cvtColor(preview.image, cv2.COLOR_BGR2GRAY)
            shares.append(float((gray < 252).mean()))
        if preview.parts == 2:  # the left column, drawn on the left of the page
            width = gray.shape[1]
            assert (gray[:, : width * 2 // 5] < 252).mean() > 0.9
            assert (gray[:, -width // 5 :] < 252).mean() < 0.1
    assert [c.cells for c in coverages[1:]] == [(3, 1), (3, 1, 4), (3, 1, 4, 2)]
    assert [c.missing for c in coverages[1:3]] == [(2, 4), (2,)]
    assert [c.complete for c in coverages] == [False, False, False, True]
    assert shares[0] < shares[1] < shares[2] and shares[2] > 0.95, shares

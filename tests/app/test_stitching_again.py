"""Stitched pages after the session that made them: which paper stored pages are offered and
suggested, what marks a stitched page, and separating then stitching the parts again."""

from __future__ import annotations

import numpy as np
import pytest

from app.stitching import (
    PartsSession,
    is_stitched,
    paper_choice,
    separate,
    stitch_stored,
)
from station.capture import draft_dossier
from station.errors import ErrorCode, StationError
from station.paper import parse_paper
from station.stitch import StitchCode, StitchError
from tests.app.test_stitching import _scan_part, _stored


def _parts(store, code: str, sheet: str, numbers) -> list[str]:
    return [_stored(store, code, _scan_part(n, sheet=sheet)).id for n in numbers]


def test_four_bed_sized_pages_suggest_a3_and_offer_the_sizes_above(store) -> None:
    code = draft_dossier(store).code
    choice = paper_choice(store, _parts(store, code, "A3", (1, 2, 3, 4)))
    assert [p.name for p in choice.papers] == ["A3", "A2", "A1", "A0"]  # A4 fits on the bed
    assert choice.suggested.name == "A3"


def test_eight_bed_sized_pages_suggest_a2_and_two_suggest_a3(store) -> None:
    code = draft_dossier(store).code
    ids = _parts(store, code, "A2", range(1, 9))
    assert paper_choice(store, ids).suggested.name == "A2"
    assert paper_choice(store, ids[:2]).suggested.name == "A3"


def test_a_page_the_size_of_an_a2_leaves_only_the_papers_above_it(store) -> None:
    code = draft_dossier(store).code
    small = _stored(store, code, _scan_part(1))
    large = _stored(store, code, np.full((round(594 / 25.4 * 100), 420 * 4), 250, np.uint8))
    choice = paper_choice(store, [small.id, large.id])
    assert [p.name for p in choice.papers] == ["A1", "A0"]
    assert choice.suggested.name == "A1"


def test_a_stitched_page_is_told_from_its_parts_and_separates_and_stitches_again(store) -> None:
    code = draft_dossier(store).code
    session = PartsSession(store, parse_paper("A3"))
    for part in (1, 2, 3, 4):
        session.offer(_stored(store, code, _scan_part(part)))
    page = session.assemble()
    parts = [p.id for p in store.parts_of(page.id)]
    assert is_stitched(page)
    assert not any(is_stitched(p) for p in store.parts_of(page.id))

    back = separate(store, page.id)
    assert [p.id for p in back] == parts == [p.id for p in store.pages(code)]
    again = stitch_stored(store, parts, parse_paper("A3"))
    assert is_stitched(again) and again.paper_size == "A3"
    assert [p.id for p in store.pages(code)] == [again.id]
    assert [p.id for p in store.parts_of(again.id)] == parts


def test_pages_of_another_dossier_are_refused_before_any_stitching(store) -> None:
    first, second = draft_dossier(store).code, draft_dossier(store).code
    ours = _parts(store, first, "A3", (1, 2))
    theirs = _parts(store, second, "A3", (3,))
    with pytest.raises(StationError) as refused:
        stitch_stored(store, [*ours, *theirs], parse_paper("A3"))
    assert refused.value.code is ErrorCode.PAGE_NOT_FOUND
    assert theirs[0] in str(refused.value.params["page"])
    assert len(store.pages(first)) == 2 and len(store.pages(second)) == 1


def test_pages_that_do_not_overlap_are_refused_and_stay_pages(store) -> None:
    code = draft_dossier(store).code
    ids = [
        _stored(store, code, _scan_part(1)).id,
        _stored(store, code, _scan_part(4, sheet="A2", seed=99)).id,
    ]
    with pytest.raises(StitchError) as refused:
        stitch_stored(store, ids, parse_paper("A3"))
    assert refused.value.code is StitchCode.PART_ISOLATED
    assert [p.id for p in store.pages(code)] == ids

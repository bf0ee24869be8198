from __future__ import annotations

import pytest

from station.errors import ErrorCode, StationError
from station.model import Transform
from station.pipeline import transforms as tf
from station.store import Store
from station.workflow import (
    delete_pages,
    mark_annotated,
    move_pages,
    record_analysis,
    recrop_page,
    replace_page,
    reset_processing,
    restore_pages,
    rotate_page,
    tag_pages,
)
from tests.station.workflow.support import CODE, ids, new_dossier, tiny_page


@pytest.fixture
def pages(store: Store, catalog) -> list:
    new_dossier(store, catalog)
    return [tiny_page(store, CODE) for _ in range(5)]


def _orders(store: Store) -> list[tuple[str, int]]:
    return [(p.id, p.order) for p in store.pages(CODE)]


def _error(call) -> ErrorCode:
    with pytest.raises(StationError) as caught:
        call()
    return caught.value.code


def test_tagging_sets_and_clears_the_component(store: Store, pages) -> None:
    tagged = tag_pages(store, [pages[1].id, pages[0].id], "TP1")
    assert ids(tagged) == [pages[1].id, pages[0].id]
    assert [p.component_code for p in store.pages(CODE)] == ["TP1", "TP1", None, None, None]
    tag_pages(store, [pages[0].id], None)
    tag_pages(store, [pages[1].id], "")
    assert all(p.component_code is None for p in store.pages(CODE))


def test_tagging_an_unknown_page_changes_nothing(store: Store, pages) -> None:
    assert (
        _error(lambda: tag_pages(store, [pages[0].id, "nope"], "TP1")) is ErrorCode.PAGE_NOT_FOUND
    )
    assert store.page(pages[0].id).component_code is None


def test_moving_a_block_keeps_its_relative_order_and_renumbers(store: Store, pages) -> None:
    a, b, c, d, e = ids(pages)
    result = move_pages(store, CODE, [e, b], a)  # given out of order: moved as b, e
    assert ids(result) == [b, e, a, c, d]
    assert [p.order for p in result] == [1, 2, 3, 4, 5]
    assert ids(move_pages(store, CODE, [b], None)) == [e, a, c, d, b]


def test_dropping_a_block_onto_itself_leaves_it_in_place(store: Store, pages) -> None:
    a, b, c, d, e = ids(pages)
    assert ids(move_pages(store, CODE, [b, c], c)) == [a, b, c, d, e]
    assert ids(move_pages(store, CODE, [d, e], e)) == [a, b, c, d, e]


def test_moving_a_page_of_another_dossier_is_refused(store: Store, catalog, pages) -> None:
    new_dossier(store, catalog, code="OTHER-1")
    stranger = tiny_page(store, "OTHER-1")
    code = _error(lambda: move_pages(store, CODE, [stranger.id], pages[0].id))
    assert code is ErrorCode.PAGE_NOT_IN_DOSSIER
    code = _error(lambda: move_pages(store, CODE, [pages[0].id], stranger.id))
    assert code is ErrorCode.PAGE_NOT_IN_DOSSIER
    assert _error(lambda: move_pages(store, "NOPE", [], None)) is ErrorCode.DOSSIER_NOT_FOUND


def test_rotations_merge_into_one_orient_step_and_four_turns_cancel(store: Store, pages) -> None:
    page_id = pages[0].id
    assert rotate_page(store, page_id, 1).transforms == (tf.orient_transform(90),)
    assert rotate_page(store, page_id, 1).transforms == (tf.orient_transform(180),)
    assert rotate_page(store, page_id, 2).transforms == ()
    assert rotate_page(store, page_id, -1).transforms == (tf.orient_transform(270),)


def test_a_rotation_after_a_crop_is_a_new_step(store: Store, pages) -> None:
    page_id = pages[0].id
    rotate_page(store, page_id, 1)
    recrop_page(store, page_id, (1, 2, 3, 4))
    steps = rotate_page(store, page_id, 1).transforms
    assert [t.kind for t in steps] == [tf.ORIENT, tf.CROP_BOX, tf.ORIENT]


def test_recrop_appends_a_box_and_refuses_an_empty_one(store: Store, pages) -> None:
    page = recrop_page(store, pages[0].id, (0, 1, 5, 6))
    assert page.transforms == (Transform(tf.CROP_BOX, {"box": [0, 1, 5, 6]}),)
    with pytest.raises(ValueError):
        recrop_page(store, pages[0].id, (0, 0, 0, 5))


def test_analysis_is_recorded_and_reset_undoes_processing(store: Store, pages) -> None:
    steps = (tf.deskew_transform(1.5), tf.orient_transform(90))
    page = record_analysis(store, pages[0].id, steps, "standard")
    assert (page.transforms, page.analysed_profile) == (steps, "standard")
    page = reset_processing(store, pages[0].id)
    assert (page.transforms, page.analysed_profile) == ((), None)
    assert store.read_image(page.original) == store.read_image(pages[0].original)


def test_deleted_pages_vanish_keep_their_files_and_the_rest_renumber(store: Store, pages) -> None:
    a, b, c, d, e = ids(pages)
    assert delete_pages(store, [d, b]) == [d, b]
    assert _orders(store) == [(a, 1), (c, 2), (e, 3)]
    assert sorted(ids(store.deleted_pages(CODE))) == sorted([b, d])
    assert (store.layout.home / pages[1].original.path).is_file()
    assert _error(lambda: rotate_page(store, b, 1)) is ErrorCode.PAGE_NOT_FOUND


def test_undo_of_a_delete_puts_pages_back_where_they_were(store: Store, pages) -> None:
    a, b, c, d, e = ids(pages)
    deleted = delete_pages(store, [b, c])
    restored = restore_pages(store, deleted)
    assert [p.deleted_at for p in restored] == [None, None]
    assert _orders(store) == [(a, 1), (b, 2), (c, 3), (d, 4), (e, 5)]


def test_undoing_separate_deletes_together_restores_the_order(store: Store, pages) -> None:
    a, b, c, d, e = ids(pages)
    delete_pages(store, [c])
    delete_pages(store, [b])
    delete_pages(store, [e])
    restore_pages(store, [b, c, e])
    assert ids(store.pages(CODE)) == [a, b, c, d, e]


def test_a_restored_page_goes_before_pages_added_after_its_delete(store: Store, pages) -> None:
    a, b, c, d, e = ids(pages)
    delete_pages(store, [e])
    added = tiny_page(store, CODE)
    assert added.order == 5  # deleted pages leave no gap behind
    restore_pages(store, [e])
    assert ids(store.pages(CODE)) == [a, b, c, d, e, added.id]


def test_annotated_flag_is_set_and_cleared(store: Store, pages) -> None:
    assert mark_annotated(store, pages[1].id).annotated
    assert [p.annotated for p in store.pages(CODE)] == [False, True, False, False, False]
    assert not mark_annotated(store, pages[1].id, False).annotated


def test_a_rescan_replaces_the_page_in_place(store: Store, pages) -> None:
    a, b, c, d, e = ids(pages)
    tag_pages(store, [b], "TP1")
    mark_annotated(store, b)
    rescan = tiny_page(store, CODE, shade=90)  # lands at the end
    page = replace_page(store, b, rescan.id)
    assert (page.order, page.component_code, page.annotated) == (2, "TP1", True)
    assert ids(store.pages(CODE)) == [a, rescan.id, c, d, e]
    assert ids(store.deleted_pages(CODE)) == [b]
    restore_pages(store, [b])  # the old scan can still come back
    assert ids(store.pages(CODE)) == [a, b, rescan.id, c, d, e]


def test_replacing_with_a_page_of_another_dossier_is_refused(store, catalog, pages) -> None:
    new_dossier(store, catalog, code="OTHER-1")
    stranger = tiny_page(store, "OTHER-1")
    code = _error(lambda: replace_page(store, pages[0].id, stranger.id))
    assert code is ErrorCode.PAGE_NOT_IN_DOSSIER
    assert ids(store.pages(CODE)) == ids(pages)

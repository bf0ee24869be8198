"""Per-page actions from the keyboard and the preview: rescan and replace, annotated copy,
re-crop, undo processing, move, zoom."""

from __future__ import annotations

import warnings

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier, press_on_grid, scan_with_f5
from tests.ui.gui.flow import settle as wait_settled

CODE = "000.00.15.H29-250102-0003"


def _ids(store) -> list[str]:
    return [p.id for p in store.pages(CODE)]


def _three_pages(qtbot, window):
    open_new_dossier(qtbot, window, CODE, "khai sinh", "Phạm Thu", "")
    choose_scan(window, dpi=100, source="adf", options="sheets=3 seed=5")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    scan_with_f5(qtbot, window, 3)
    wait_settled(qtbot, window)


def test_rescan_and_replace_puts_the_new_scan_in_the_old_place(qtbot, window, store) -> None:
    _three_pages(qtbot, window)
    old = _ids(store)
    window.pages.select([old[1]])
    press_on_grid(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: old[1] not in _ids(store) and len(_ids(store)) == 3, timeout=WAIT_MS)
    now = store.pages(CODE)
    assert [p.id for p in now][0::2] == [old[0], old[2]]
    assert now[1].id not in old and now[1].component_code == "TP1"
    qtbot.waitUntil(lambda: old[1] not in [p.id for p in window.pages.model.pages()])


def test_an_annotated_copy_goes_before_the_page_it_annotates(qtbot, window, store) -> None:
    _three_pages(qtbot, window)
    old = _ids(store)
    window.pages.select([old[2]])
    press_on_grid(qtbot, window, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: _ids(store) == [old[0], old[2], old[1]], timeout=WAIT_MS)
    assert store.page(old[2]).annotated


def test_recrop_in_the_preview_then_undo_processing(qtbot, window, store) -> None:
    _three_pages(qtbot, window)
    page_id = _ids(store)[0]
    window.pages.select([page_id])
    preview = window.preview
    qtbot.waitUntil(preview.has_image, timeout=WAIT_MS)
    press_on_grid(qtbot, window, Qt.Key.Key_C)
    assert preview.cropping
    shown = preview.scene().sceneRect()
    preview.request_crop(QRectF(10, 10, shown.width() / 2, shown.height() / 2))
    qtbot.waitUntil(lambda: store.page(page_id).transforms[-1].kind == "crop_box", timeout=WAIT_MS)
    box = store.page(page_id).transforms[-1].params["box"]
    assert box[2] > shown.width() / 2 - 2, "the box is in the page's pixels, not the preview's"
    window.pages.select([page_id])
    press_on_grid(
        qtbot, window, Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    qtbot.waitUntil(lambda: store.page(page_id).transforms == (), timeout=WAIT_MS)
    assert store.page(page_id).analysed_profile is None


def test_pages_move_with_ctrl_arrows_and_the_preview_zooms_with_keys(qtbot, window, store) -> None:
    _three_pages(qtbot, window)
    old = _ids(store)
    window.pages.select([old[0]])
    press_on_grid(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _ids(store) == [old[1], old[0], old[2]], timeout=WAIT_MS)
    qtbot.waitUntil(window.preview.has_image, timeout=WAIT_MS)
    before = window.preview.zoom
    window.preview.setFocus()
    qtbot.keyClick(window.preview, Qt.Key.Key_Plus)
    assert window.preview.zoom > before
    qtbot.keyClick(window.preview, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert abs(window.preview.zoom - before) < 1e-6


def test_pages_dropped_on_the_checklist_or_picked_in_the_menu_join_that_component(
    qtbot, window, store
) -> None:
    _three_pages(qtbot, window)
    ids = _ids(store)
    checklist = window.checklist
    mime = window.pages.model.mimeData([window.pages.model.index(0)])
    first_shown = window.pages.model.page_at(0).id
    target = checklist.visualItemRect(checklist.topLevelItem(1)).center()
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # PySide marks the QPoint overloads
        events = (
            QDragEnterEvent(target, Qt.DropAction.MoveAction, mime, buttons, modifiers),
            QDragMoveEvent(target, Qt.DropAction.MoveAction, mime, buttons, modifiers),
            QDropEvent(QPointF(target), Qt.DropAction.MoveAction, mime, buttons, modifiers),
        )
    for event in events:
        QApplication.sendEvent(checklist.viewport(), event)
    qtbot.waitUntil(lambda: store.page(first_shown).component_code == "TP2", timeout=WAIT_MS)

    window.pages.select([ids[2]])
    menu = window.page_actions.build_menu()
    assign = menu.actions()[0].menu()
    assert [a.text() for a in assign.actions()][:2] == [
        f"1. {window.dossier.procedure.components[0].name}",
        f"2. {window.dossier.procedure.components[1].name}",
    ]
    assign.actions()[7].trigger()  # "8. Giấy tờ chứng minh nơi cư trú"
    qtbot.waitUntil(lambda: store.page(ids[2]).component_code == "TP8", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.checklist.topLevelItem(7).text(3) == "1", timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: store.page(ids[2]).component_code == "TP1", timeout=WAIT_MS)
    menu.deleteLater()

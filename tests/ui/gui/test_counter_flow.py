"""The whole counter flow through the real window: virtual scanner in its worker process, a
real store, real PDFs."""

from __future__ import annotations

import warnings

import pikepdf
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from station.model import DossierState
from tests.ui.gui.flow import (
    WAIT_MS,
    choose_scan,
    open_new_dossier,
    press_on_grid,
    scan_with_f5,
    settle,
    type_text,
)

CODE = "000.00.15.H29-250101-0007"
REASON = "Người nộp bổ sung bản chính sau"


def _drop_on_grid(window, page_ids: list[str], onto_id: str) -> None:
    """A drag of `page_ids` released over the thumbnail of `onto_id`, as Qt delivers it."""
    grid, model = window.grid, window.pages.model
    mime = model.mimeData([model.index(model.row_of(page_id)) for page_id in page_ids])
    rect = grid.visualRect(model.index(model.row_of(onto_id)))
    target = QPoint(rect.left() + rect.width() // 4, rect.center().y())  # its left half
    viewport = grid.viewport()
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.MoveAction
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # PySide marks the QPoint overloads
        events = (
            QDragEnterEvent(target, action, mime, buttons, modifiers),
            QDragMoveEvent(target, action, mime, buttons, modifiers),
            QDropEvent(QPointF(target), action, mime, buttons, modifiers),
        )
    for event in events:
        QApplication.sendEvent(viewport, event)


def _component_pages(store, code: str) -> dict[str | None, list[str]]:
    grouped: dict[str | None, list[str]] = {}
    for page in store.pages(code):
        grouped.setdefault(page.component_code, []).append(page.id)
    return grouped


def test_a_dossier_goes_from_code_to_component_pdfs_by_keyboard(qtbot, window, store, home) -> None:
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Trần Thị Bình", "001204567890")
    procedure = window.dossier.procedure
    assert procedure.code == "1.001193"
    codes = [c.code for c in procedure.components]
    first, second, third = codes[0], codes[1], codes[2]
    choose_scan(window, dpi=150, source="duplex", options="sheets=2 seed=3 blank-backs=no")

    # Sticky component from the keyboard, then from the checklist: each batch lands in it.
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.tagging.sticky == first
    scan_with_f5(qtbot, window, 4)
    row = window.checklist.topLevelItem(1)
    qtbot.mouseClick(
        window.checklist.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.checklist.visualItemRect(row).center(),
    )
    assert window.tagging.sticky == second
    scan_with_f5(qtbot, window, 8)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.AltModifier)
    scan_with_f5(qtbot, window, 12)
    settle(qtbot, window)
    grouped = _component_pages(store, CODE)
    assert [len(grouped[c]) for c in (first, second, None)] == [4, 4, 4]

    # Number key 3 tags the selected (untagged) pages with the checklist's third component.
    untagged = grouped[None]
    window.pages.select(untagged)
    press_on_grid(qtbot, window, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: None not in _component_pages(store, CODE), timeout=WAIT_MS)
    grouped = _component_pages(store, CODE)
    assert grouped[third] == untagged
    qtbot.waitUntil(lambda: window.checklist.topLevelItem(2).text(3) == "4")

    # Reorder: the first component's last page dragged onto its first page.
    before = grouped[first]
    settle(qtbot, window)
    _drop_on_grid(window, [before[-1]], before[0])
    qtbot.waitUntil(
        lambda: _component_pages(store, CODE)[first] == [before[-1], *before[:-1]],
        timeout=WAIT_MS,
    )

    # Rotate the second component's first page clockwise with R.
    turned = grouped[second][0]
    window.pages.select([turned])
    press_on_grid(qtbot, window, Qt.Key.Key_R)
    qtbot.waitUntil(
        lambda: (
            [t.params for t in store.page(turned).transforms if t.kind == "orient"]
            == [{"rotation": 90}]
        ),
        timeout=WAIT_MS,
    )

    # Delete a page, then Ctrl+Z brings it back where it was.
    gone = grouped[third][1]
    window.pages.select([gone])
    press_on_grid(qtbot, window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(store.pages(CODE)) == 11, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 11, timeout=WAIT_MS)
    assert gone not in [p.id for p in store.pages(CODE)]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _component_pages(store, CODE)[third] == grouped[third], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 12, timeout=WAIT_MS)
    settle(qtbot, window)

    # Finish: a required component is missing, so a reason is asked for and kept.
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.finish.override is not None, timeout=WAIT_MS)
    dialog = window.finish.override
    assert not dialog.ok.isEnabled()
    type_text(dialog.reason, REASON)
    with qtbot.waitSignal(window.finish.finished, timeout=120000) as finished:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    receipt = finished.args[0]
    assert window.last_error is None, window.last_error

    assert [(f.component_code, f.pages) for f in receipt.files] == [
        (first, 4),
        (second, 4),
        (third, 4),
    ]
    for file in receipt.files:
        with pikepdf.open(home / file.path) as pdf:
            assert len(pdf.pages) == file.pages
            if file.component_code == second:
                shapes = [(float(p.mediabox[2]), float(p.mediabox[3])) for p in pdf.pages]
                assert shapes[0][0] > shapes[0][1], "the turned page is landscape"
                assert all(w < h for w, h in shapes[1:])
    assert receipt.missing_required == (codes[5],)  # TP6, the applicant's ID papers
    dossier = store.dossier(CODE)
    assert dossier.state is DossierState.FINISHED
    assert dossier.override_reason == REASON
    assert window.finish.receipt is not None and window.finish.receipt.isVisible()
    assert window.dossier.code is None and window.pages.model.rowCount() == 0
    qtbot.waitUntil(lambda: window.status.today.text().endswith(" 12"), timeout=WAIT_MS)

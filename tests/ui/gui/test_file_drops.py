"""Files dragged from a file manager onto the page grid: scans become pages of the open dossier
as File > Import… makes them, another type of file is refused by name in both languages, and
pages dragged inside the grid still move."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from station.dossiers import DossierRequest, open_dossier
from station.errors import ErrorCode
from tests.ui.gui.flow import WAIT_MS, settle
from ui.messages import error_text

CODE = "000.00.14.H05-251204-0131"


def _scans(folder: Path, names: list[str]) -> list[Path]:
    """A5 pages at 100 dpi, each with its own noise."""
    folder.mkdir(exist_ok=True)
    rng = np.random.default_rng(3)
    paths = []
    for name in names:
        pixels = rng.integers(170, 256, (827, 583, 3), dtype=np.uint8)
        Image.fromarray(pixels).save(folder / name, dpi=(100, 100))
        paths.append(folder / name)
    return paths


def _drag(viewport, mime: QMimeData, target: QPoint, action: Qt.DropAction) -> bool:
    """A drag entering the viewport, moving over `target` and released there, as Qt delivers
    it; True when the viewport took the drop."""
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # PySide marks the QPoint overloads
        enter = QDragEnterEvent(target, action, mime, buttons, modifiers)
        move = QDragMoveEvent(target, action, mime, buttons, modifiers)
        drop = QDropEvent(QPointF(target), action, mime, buttons, modifiers)
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(viewport, move)
    if not move.isAccepted():
        return False
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def _drop_files(window, paths: list[Path]) -> bool:
    """Files from a file manager: file URLs, a copy proposed, released mid-grid."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    viewport = window.grid.viewport()
    return _drag(viewport, mime, viewport.rect().center(), Qt.DropAction.CopyAction)


def _open(qtbot, window, store, catalog) -> None:
    open_dossier(store, catalog, DossierRequest(CODE, "1.001193", "Đỗ Văn Q"))
    qtbot.keyClicks(window.dossier_panel.code, CODE)
    qtbot.keyClick(window.dossier_panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)


def _sources(store) -> list[str]:
    return [page.source_device for page in store.pages(CODE)]


def test_scans_dropped_on_the_grid_become_pages_and_pages_still_move_inside_it(
    qtbot, window, store, catalog, tmp_path
) -> None:
    _open(qtbot, window, store, catalog)
    files = _scans(tmp_path / "desk", ["b-first.png", "a-second.jpg", "c-third.PNG"])
    assert _drop_files(window, files)
    qtbot.waitUntil(lambda: not window.importer.busy and len(store.pages(CODE)) == 3,
                    timeout=WAIT_MS)  # fmt: skip
    assert _sources(store) == ["import:b-first.png", "import:a-second.jpg", "import:c-third.PNG"]
    assert "Imported 3 pages" in window.statusBar().currentMessage()
    assert window.last_error is None, window.last_error
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 3, timeout=WAIT_MS)
    assert files[0].exists()  # a copy: the clerk's file stays on the desk

    # the last page dragged inside the grid onto the first one's left half goes before it
    grid, model = window.grid, window.pages.model
    last = store.pages(CODE)[-1].id
    mime = model.mimeData([model.index(model.row_of(last))])
    rect = grid.visualRect(model.index(0))
    target = QPoint(rect.left() + rect.width() // 4, rect.center().y())
    assert _drag(grid.viewport(), mime, target, Qt.DropAction.MoveAction)
    qtbot.waitUntil(lambda: store.pages(CODE)[0].id == last, timeout=WAIT_MS)
    assert _sources(store) == ["import:c-third.PNG", "import:b-first.png", "import:a-second.jpg"]
    settle(qtbot, window)


def test_a_dropped_file_of_another_type_is_refused_by_name_in_both_languages(
    qtbot, window, store, catalog, tmp_path
) -> None:
    _open(qtbot, window, store, catalog)
    letter = tmp_path / "desk" / "don-xin.docx"
    letter.parent.mkdir()
    letter.write_bytes(b"PK\x03\x04 a word-processor file")
    assert _drop_files(window, [letter])
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=WAIT_MS)
    error = window.last_error
    assert error.code is ErrorCode.IMPORT_UNSUPPORTED
    vietnamese, english = error_text(error)
    assert "don-xin.docx" in vietnamese and "Không nhập được" in vietnamese
    assert "don-xin.docx" in english and "cannot be imported" in english
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and box.isVisible() and "don-xin.docx" in box.text()
    message = window.banner.text.text()  # stays until dismissed, unlike the status bar's news
    assert window.banner.isVisible()
    assert "Not imported: don-xin.docx" in message and "*.pdf" in message
    assert not window.importer.busy and store.pages(CODE) == []
    box.activateWindow()  # a window manager does this; the offscreen platform does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=WAIT_MS)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is None, timeout=WAIT_MS)

    # with a scan beside it, the scan is imported and the letter named again
    window.last_error = None
    (scan,) = _scans(tmp_path / "desk", ["to-khai.png"])
    assert _drop_files(window, [letter, scan])
    qtbot.waitUntil(lambda: not window.importer.busy and len(store.pages(CODE)) == 1,
                    timeout=WAIT_MS)  # fmt: skip
    assert _sources(store) == ["import:to-khai.png"]
    assert "don-xin.docx" in error_text(window.last_error)[0]
    listed = window.banner.text.text()  # named with why, until dismissed
    assert "1 files not imported: don-xin.docx" in listed and "cannot be imported" in listed
    settle(qtbot, window)


def test_files_dropped_with_no_dossier_open_follow_the_receipt_rule(
    qtbot, window, store, tmp_path
) -> None:
    """As with File > Import…: the first page must be the receipt; a plain page stores nothing."""
    assert window.dossier.code is None
    assert _drop_files(window, _scans(tmp_path / "desk", ["trang.png"]))
    qtbot.waitUntil(lambda: "first page carries no dossier code" in window.banner.text.text(),
                    timeout=WAIT_MS)  # fmt: skip
    assert not window.importer.busy
    assert store.dossiers() == []
    assert window.dossier_panel.code.hasFocus()


def test_a_link_from_a_web_page_is_not_taken(qtbot, window) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl("https://dichvucong.gov.vn/to-khai.pdf")])
    viewport = window.grid.viewport()
    assert not _drag(viewport, mime, viewport.rect().center(), Qt.DropAction.CopyAction)

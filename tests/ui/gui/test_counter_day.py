"""A morning at the counter: three citizens one after the other, by keyboard only. Each dossier
is opened, fed through the virtual duplex feeder in two batches of single-sided sheets (A4 then
A5, so that page order can be read back from the PDFs; their blank backs are skipped and
counted), tagged with number keys (tag and advance), a page turned, a page deleted and brought
back, finished; every PDF holds its own pages in scan order."""

from __future__ import annotations

import pikepdf
import pytest
from PySide6.QtCore import Qt

from station.model import DossierState
from tests.ui.gui.flow import WAIT_MS, open_finish_summary, open_new_dossier, settle

CITIZENS = [
    ("000.00.15.H29-250102-0001", "Nguyễn Văn An", "001090000011", 5),
    ("000.00.15.H29-250102-0002", "Trần Thị Bích", "079195000012", 6),
    ("000.00.15.H29-250102-0003", "Lê Hoàng Cường", "048088000013", 7),
]
A4 = (595, 842)  # points, portrait
A5 = (420, 595)


@pytest.fixture
def counter_window(qtbot, services):
    """The station's last scan choices: 100 dpi, both sides."""
    from ui.window.main_window import MainWindow

    services.settings.update(dpi=100, source="duplex", paper="A4", options="")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    window.start()
    qtbot.waitUntil(lambda: window.scan.device_ready, timeout=20000)
    yield window
    window.scan.cancel()
    services.tasks.wait()


def _scan(qtbot, window, store, code: str, shown: int) -> None:
    """F5 feeds two sheets; their blank backs are skipped once analysed, the fronts stay."""
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.scan.scanning, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=WAIT_MS)
    assert window.last_error is None, window.last_error
    qtbot.waitUntil(lambda: len(store.pages(code)) + len(store.deleted_pages(code)) == 2 * shown,
                    timeout=WAIT_MS)  # fmt: skip
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == shown, timeout=WAIT_MS)
    qtbot.waitUntil(window.grid.hasFocus, timeout=WAIT_MS)


def _choose_paper(qtbot, window, name: str) -> None:
    """Alt+A, the paper's mnemonic, then the combo's type-ahead: "A5" picks "A5 (148×210 mm)"."""
    paper = window.scan_controls.paper
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(paper.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(paper, name)
    assert paper.currentData() == name


def _set_options(qtbot, window, text: str) -> None:
    """Alt+O, the scanner options' mnemonic; Ctrl+A and the new text over the old."""
    options = window.scan_controls.options
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(options.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(options, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(options, text)


def _paper(page) -> str:
    """The page's paper, read back from its size (a 100 dpi scan is a point or so off)."""
    width, height = float(page.mediabox[2]), float(page.mediabox[3])
    for name, (w, h) in {"A4": A4, "A5": A5, "A4 landscape": A4[::-1]}.items():
        if abs(width - w) < 3 and abs(height - h) < 3:
            return name
    return f"{width:.0f}x{height:.0f}"


def _press(qtbot, window, *keys) -> None:
    for key in keys:
        qtbot.keyClick(window.grid, key)


def test_three_citizens_in_a_row_by_keyboard(qtbot, counter_window, store, home) -> None:
    window = counter_window
    seen: set[str] = set()
    for code, name, id_number, seed in CITIZENS:
        open_new_dossier(qtbot, window, code, "dang ky khai sinh", name, id_number)
        assert window.tagging.sticky is None and window.pages.model.rowCount() == 0
        _set_options(qtbot, window, f"sheets=2 seed={seed}")
        _choose_paper(qtbot, window, "A4")
        _scan(qtbot, window, store, code, 2)
        _choose_paper(qtbot, window, "A5")
        _scan(qtbot, window, store, code, 4)
        assert "4 blank back sides skipped" in window.blank_backs_button.text()
        assert window.blank_backs_button.isVisible()
        pages = store.pages(code)
        assert [p.paper_size for p in pages] == ["A4", "A4", "A5", "A5"]
        assert not seen & {p.id for p in pages}
        seen |= {p.id for p in pages}

        # Focus is on page 1 (the first untagged): TP1, TP6, TP1, TP2 by keys, advancing.
        assert window.pages.current_page().order == 1
        _press(qtbot, window, Qt.Key.Key_1, Qt.Key.Key_6, Qt.Key.Key_1, Qt.Key.Key_2)
        qtbot.waitUntil(
            lambda code=code: (
                [p.component_code for p in store.pages(code)] == ["TP1", "TP6", "TP1", "TP2"]
            ),
            timeout=WAIT_MS,
        )

        # Page 2 (the ID card, TP6) turned clockwise: Home, Right, R.
        _press(qtbot, window, Qt.Key.Key_Home, Qt.Key.Key_Right, Qt.Key.Key_R)
        turned = pages[1].id
        qtbot.waitUntil(
            lambda turned=turned: any(t.kind == "orient" for t in store.page(turned).transforms),
            timeout=WAIT_MS,
        )

        # The last page deleted, then Ctrl+Z brings it back.
        _press(qtbot, window, Qt.Key.Key_End, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda code=code: len(store.pages(code)) == 3, timeout=WAIT_MS)
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda code=code: len(store.pages(code)) == 4, timeout=WAIT_MS)
        assert [p.id for p in store.pages(code)] == [p.id for p in pages]
        settle(qtbot, window)

        # Finish: the summary first; nothing required is missing, so Enter builds the PDFs.
        open_finish_summary(qtbot, window)
        assert window.finish.summary.pages_total == 4
        with qtbot.waitSignal(window.finish.finished, timeout=120000) as finished:
            qtbot.keyClick(window.finish.summary, Qt.Key.Key_Return)
        receipt = finished.args[0]
        assert receipt.dossier_code == code and receipt.missing_required == ()
        assert [(f.component_code, f.pages) for f in receipt.files] == [
            ("TP1", 2),
            ("TP2", 1),
            ("TP6", 1),
        ]
        shapes = {}
        for file in receipt.files:
            with pikepdf.open(home / file.path) as pdf:
                shapes[file.component_code] = [_paper(page) for page in pdf.pages]
        assert shapes["TP1"] == ["A4", "A5"]  # scan order within the component
        assert shapes["TP6"] == ["A4 landscape"]  # the turned page
        assert shapes["TP2"] == ["A5"]
        assert store.dossier(code).state is DossierState.FINISHED
        qtbot.waitUntil(lambda: window.finish.receipt.isVisible(), timeout=WAIT_MS)
        qtbot.keyClick(window.finish.receipt, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not window.finish.receipt.isVisible(), timeout=WAIT_MS)
        assert window.dossier.code is None and window.pages.model.rowCount() == 0
        qtbot.waitUntil(window.dossier_panel.code.hasFocus, timeout=WAIT_MS)
        assert not window.blank_backs_button.isVisible()  # the count was the last citizen's

    for code, *_ in CITIZENS:
        assert len(store.pages(code)) == 4 and len(store.deleted_pages(code)) == 4
    assert len(seen) == 12

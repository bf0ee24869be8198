"""The result screen with real keys: type a finished dossier's code, scan its result with the
virtual feeder, tag with a number key, finish, and see it leave the awaiting list."""

from __future__ import annotations

from datetime import timedelta

import pikepdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from station.model import DossierState
from tests.station.workflow.support import CODE, new_dossier
from tests.ui.gui.flow import WAIT_MS
from tests.ui.gui.result_support import finished_dossier as _finished

OTHER = "000.00.14.H05-251122-0002"

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _awaiting_codes(screen) -> list[str]:
    tree = screen.awaiting
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def _two_finished_and_a_scanner(services, store, catalog) -> None:
    """CODE and OTHER finished, their results awaited; two A6 sheets in the virtual scanner."""
    _finished(store, catalog, CODE)
    _finished(store, catalog, OTHER)
    services.settings.update(
        device="virtual", paper="A6", dpi=75, mode="gray", source="adf", options="sheets=2"
    )
    services.settings.update(profile="jpeg")


def test_a_result_is_scanned_finished_and_leaves_the_awaiting_list(
    qtbot, services, store, catalog
) -> None:
    from ui.window.results_flow import show_results_screen

    _two_finished_and_a_scanner(services, store, catalog)
    parent = QWidget()
    qtbot.addWidget(parent)
    screen = show_results_screen(parent, services)
    qtbot.waitUntil(lambda: _awaiting_codes(screen) == [CODE, OTHER], timeout=WAIT_MS)

    qtbot.keyClicks(screen.code, CODE)
    qtbot.keyClick(screen.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.components.count() == 2, timeout=WAIT_MS)  # KQ1, KQ2
    assert "KQ1" in screen.components.item(0).text()
    assert screen.controller.component == "KQ1"

    qtbot.keyClick(screen.pages, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: screen.pages.count() == 2, timeout=WAIT_MS)
    assert screen.last_error is None, screen.last_error
    assert [p.component_code for p in store.pages(CODE) if p.result] == ["KQ1", "KQ1"]

    # Number key 2 on the selected second page: tagged KQ2 (the copy), then back with 1.
    screen.pages.setFocus()
    screen.pages.setCurrentRow(1)
    qtbot.keyClick(screen.pages, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: "KQ2" in screen.pages.item(1).text(), timeout=WAIT_MS)
    screen.pages.setCurrentRow(1)
    qtbot.keyClick(screen.pages, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: "KQ1" in screen.pages.item(1).text(), timeout=WAIT_MS)

    qtbot.keyClick(screen.pages, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.last_outcome is not None, timeout=WAIT_MS)
    assert screen.last_error is None, screen.last_error
    files = screen.last_outcome.receipt.files
    assert [(f.component_code, f.pages) for f in files] == [("KQ1", 2)]
    with pikepdf.open(store.layout.absolute(files[0].path)) as pdf:
        assert len(pdf.pages) == 2
    qtbot.waitUntil(lambda: _awaiting_codes(screen) == [OTHER], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: screen.pages.count() == 0, timeout=WAIT_MS)
    assert store.dossier(CODE).state is DossierState.FINISHED
    services.tasks.wait()


def test_an_open_dossier_is_refused_with_a_message(qtbot, services, store, catalog) -> None:
    from ui.results.screen import ResultsScreen

    new_dossier(store, catalog, CODE)
    screen = ResultsScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.keyClicks(screen.code, CODE)
    qtbot.keyClick(screen.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.last_error is not None, timeout=WAIT_MS)
    assert screen.status.text()  # the bilingual message of result_dossier_open
    assert screen.components.count() == 0
    services.tasks.wait()


def test_the_counter_window_opens_the_result_screen_by_keyboard(qtbot, window) -> None:
    from ui.results.screen import ResultsScreen

    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.findChild(ResultsScreen) is not None, timeout=WAIT_MS)
    screen = window.findChild(ResultsScreen)
    qtbot.waitUntil(screen.isVisible, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)  # again: the same screen, not a second
    assert len(window.findChildren(ResultsScreen)) == 1
    screen.close()


def test_the_screen_opened_again_reads_the_awaiting_list_again(
    qtbot, window, store, catalog
) -> None:
    """A dossier finished at the counter while the screen was closed is listed on reopening."""
    from ui.results.screen import ResultsScreen

    _finished(store, catalog, CODE)
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.findChild(ResultsScreen) is not None, timeout=WAIT_MS)
    screen = window.findChild(ResultsScreen)
    qtbot.waitUntil(lambda: _awaiting_codes(screen) == [CODE], timeout=WAIT_MS)
    screen.close()  # the clerk closes its window
    _finished(store, catalog, OTHER)

    window.activateWindow()  # a window manager does this; the offscreen platform does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
    qtbot.waitUntil(screen.isVisible, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _awaiting_codes(screen) == [CODE, OTHER], timeout=WAIT_MS)
    assert window.findChildren(ResultsScreen) == [screen]


def _received_days_ago(store, code: str, days: int) -> None:
    received = store.dossier(code).received_at - timedelta(days=days)
    with store.database.transaction() as conn:
        conn.execute(
            "UPDATE dossier SET received_at = ? WHERE code = ?", (received.isoformat(), code)
        )


def test_the_awaiting_list_shows_each_dossiers_age_in_days(qtbot, services, store, catalog) -> None:
    from ui.results.screen import ResultsScreen

    _finished(store, catalog, OTHER)  # finished first, received after CODE
    _finished(store, catalog, CODE)
    _received_days_ago(store, OTHER, 2)
    _received_days_ago(store, CODE, 9)
    screen = ResultsScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    tree = screen.awaiting
    qtbot.waitUntil(lambda: _awaiting_codes(screen) == [CODE, OTHER], timeout=WAIT_MS)
    assert tree.headerItem().text(2) == "Age (days)"
    rows = [[tree.topLevelItem(i).text(c) for c in range(3)] for i in range(2)]
    assert rows == [[CODE, "1.001193", "9"], [OTHER, "1.001193", "2"]]
    services.tasks.wait()


def test_a_code_read_while_the_pages_have_the_keys_opens_that_dossier(
    qtbot, services, store, catalog
) -> None:
    from tests.ui.gui.result_support import shown_screen

    _two_finished_and_a_scanner(services, store, catalog)
    screen = shown_screen(qtbot, services)
    qtbot.keyClicks(screen.code, CODE)
    qtbot.keyClick(screen.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.components.count() == 2, timeout=WAIT_MS)
    qtbot.keyClick(screen.code, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: screen.pages.count() == 2, timeout=WAIT_MS)
    screen.pages.setFocus()
    screen.pages.setCurrentRow(1)

    def tags() -> list[str | None]:
        return [p.component_code for p in store.pages(CODE) if p.result]

    # A number key tags the selected page, and Ctrl+Z takes that back.
    qtbot.keyClick(screen.pages, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: tags() == ["KQ1", "KQ2"], timeout=WAIT_MS)
    qtbot.keyClick(screen.pages, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tags() == ["KQ1", "KQ1"], timeout=WAIT_MS)

    # The next citizen's receipt, read by a barcode reader while the pages have the keys: a
    # key every millisecond or so, to whichever widget has the keyboard, then Enter.
    qtbot.waitUntil(lambda: screen.pages.currentRow() == 1, timeout=WAIT_MS)
    for char in OTHER:  # its 1s and 2s are the result components' keys
        qtbot.keyClick(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.controller.current.dossier.code == OTHER, timeout=WAIT_MS)
    assert screen.code.text() == OTHER
    services.tasks.wait()
    assert tags() == ["KQ1", "KQ1"]  # what its first keys did to the pages is taken back
    assert screen.last_error is None, screen.last_error

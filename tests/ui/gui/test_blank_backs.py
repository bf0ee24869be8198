"""Blank back sides of a duplex batch are skipped (kept on disk, soft-deleted) and counted; the
clerk brings them back with one key. Front sides are never skipped, blank or not."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from app.analysis import analyse_pending, skip_blank_back
from station.capture import PageOrigin, store_pixels
from station.dossiers import DossierRequest, open_dossier
from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier, scan_with_f5, settle

CODE = "000.00.15.H29-250101-0051"


def test_blank_backs_are_skipped_counted_and_restored(qtbot, window, store) -> None:
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Hồ Thị M", "001190000005")
    choose_scan(window, dpi=100, source="duplex", options="sheets=2 seed=8")
    # Not scan_with_f5: a blank back may be skipped before the last page is even shown.
    qtbot.keyClick(window.grid, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.scan.scanning, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=WAIT_MS)
    assert window.last_error is None, window.last_error
    qtbot.waitUntil(lambda: len(store.pages(CODE)) + len(store.deleted_pages(CODE)) == 4,
                    timeout=WAIT_MS)  # fmt: skip
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 2, timeout=WAIT_MS)
    button = window.blank_backs_button
    assert button.isVisible() and "2 blank back sides skipped" in button.text()
    assert len(store.pages(CODE)) == 2 and len(store.deleted_pages(CODE)) == 2
    assert [p.order for p in store.pages(CODE)] == [1, 2]  # the fronts, in feed order

    qtbot.keyClick(
        window,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: len(store.pages(CODE)) == 4, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 4, timeout=WAIT_MS)
    assert not button.isVisible()


def test_blank_fronts_are_never_skipped(qtbot, window, store) -> None:
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Hồ Thị M", "001190000005")
    choose_scan(window, dpi=100, source="duplex", options="sheets=1 content=blank")
    scan_with_f5(qtbot, window, 2)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 1, timeout=WAIT_MS)
    [kept] = store.pages(CODE)
    [skipped] = store.deleted_pages(CODE)
    assert kept.order < skipped.order  # the front stays, the back goes


def test_with_the_setting_off_for_the_profile_blank_backs_stay(qtbot, window, store) -> None:
    window.services.settings.update(blank_backs_kept="standard")
    assert window.scan.profile() == "standard"
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Hồ Thị M", "001190000005")
    choose_scan(window, dpi=100, source="duplex", options="sheets=1 seed=8")
    scan_with_f5(qtbot, window, 2)
    settle(qtbot, window)
    assert len(store.pages(CODE)) == 2 and store.deleted_pages(CODE) == []
    assert not window.blank_backs_button.isVisible()


def test_blank_backs_skipped_before_a_restart_are_counted_and_restored(
    qtbot, store, catalog, services
) -> None:
    """An earlier session skipped two blank backs and closed; the window started afresh counts
    them when the dossier is taken up, and Ctrl+Shift+B brings them back."""
    from ui.window.main_window import MainWindow

    open_dossier(store, catalog, DossierRequest(CODE, "1.001193", "Lê Văn C"))
    sides = ("front", "back", "front", "back")
    stored = [
        store_pixels(store, CODE, np.full((60, 40), 250, np.uint8), 100,
                     PageOrigin("virtual", "A6", side=side))
        for side in sides
    ]  # fmt: skip
    skipped = [
        result.page.id
        for result in analyse_pending(store, "standard")
        if skip_blank_back(store, result)
    ]
    assert sorted(skipped) == sorted(p.id for p in stored[1::2])  # the earlier session's work

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    window.start()
    try:
        qtbot.waitUntil(lambda: window.scan.device_ready, timeout=20000)
        panel = window.dossier_panel
        panel.code.setFocus()
        qtbot.keyClicks(panel.code, CODE)
        qtbot.keyClick(panel.code, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.pages.model.rowCount() == 2, timeout=WAIT_MS)
        button = window.blank_backs_button
        qtbot.waitUntil(button.isVisible, timeout=WAIT_MS)
        assert "2 blank back sides skipped" in button.text()
        qtbot.keyClick(
            window,
            Qt.Key.Key_B,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        qtbot.waitUntil(lambda: window.pages.model.rowCount() == 4, timeout=WAIT_MS)
        assert [p.id for p in store.pages(CODE)] == [p.id for p in stored]  # in scan order
        assert not button.isVisible()
    finally:
        window.scan.cancel()
        services.tasks.wait()

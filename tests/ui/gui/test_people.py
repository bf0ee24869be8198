"""The station and its people, driven with real keys: the first run sets the station's identity
and its first account, the clerk signs in, what they scan carries their id (not the OS user's),
Ctrl+L hides the window until they sign in again, and the finish summary is confirmed by Enter."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.people import SignInMode, set_sign_in_mode
from station.accounts import Accounts, Role
from station.model import AdminLevel, DossierState
from tests.ui.gui.flow import (
    WAIT_MS,
    choose_scan,
    open_new_dossier,
    pick_file,
    scan_with_f5,
    settle,
    type_text,
)

CODE = "000.00.15.H29-250101-0031"
PASSWORD = "mật khẩu dài 2026"


@pytest.fixture
def fresh_window(qtbot, services):
    """The window as `sohoa` opens it: covered until someone signs in."""
    from ui.window.main_window import MainWindow

    shown = MainWindow(services)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    shown.activateWindow()
    shown.people.start()
    shown.start()
    yield shown
    shown.scan.cancel()
    services.tasks.wait()


def _rows(store, sql: str) -> list[tuple]:
    conn = sqlite3.connect(store.layout.database)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_first_run_sign_in_lock_and_finish_summary(qtbot, fresh_window, store) -> None:
    window = fresh_window
    people = window.people
    qtbot.waitUntil(lambda: people.first_run is not None and people.first_run.isVisible(),
                    timeout=WAIT_MS)  # fmt: skip
    assert window.people.sheet.isVisible()
    dialog = people.first_run
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the first run cannot be skipped
    assert dialog.isVisible()
    dialog.station_name.setFocus()
    type_text(dialog.station_name, "Một cửa xã Tân Phú")
    dialog.unit.setFocus()
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Down)  # the first unit of the catalog
    assert dialog.agency_code() == "000.00.14.H05"
    assert dialog.level.currentData() == AdminLevel.PROVINCE.value
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Down)
    assert dialog.agency_code() == "000.01.31.H05"
    assert dialog.level.currentData() == AdminLevel.COMMUNE.value
    dialog.user.setFocus()
    qtbot.keyClicks(dialog.user, "lan")
    type_text(dialog.full_name, "Nguyễn Thị Lan")
    type_text(dialog.password, PASSWORD)
    type_text(dialog.repeat, "something else")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.problem.isVisible() and dialog.isVisible()  # the two passwords differ
    type_text(dialog.repeat, PASSWORD)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not people.sheet.isVisible(), timeout=WAIT_MS)

    identity = store.identity()
    assert (identity.name, identity.agency_code) == ("Một cửa xã Tân Phú", "000.01.31.H05")
    assert identity.level is AdminLevel.COMMUNE and identity.updated_at is not None
    assert store.clerk_id == "lan"
    assert window.windowTitle().endswith("— Một cửa xã Tân Phú")
    assert "Nguyễn Thị Lan" in people.clerk_label.text()

    # What the clerk opens and scans is theirs.
    qtbot.waitUntil(lambda: window.scan.device_ready, timeout=WAIT_MS)
    window.dossier_panel.code.setFocus()
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Lê Văn A", "001090000001")
    choose_scan(window, dpi=100, source="adf", options="sheets=2 seed=3")
    scan_with_f5(qtbot, window, 2)
    settle(qtbot, window)
    assert store.dossier(CODE).clerk_id == "lan"
    pages = _rows(store, "SELECT clerk_id FROM page")
    assert pages == [("lan",), ("lan",)]
    kinds = _rows(store, f"SELECT DISTINCT clerk_id FROM event WHERE dossier_code = '{CODE}'")
    assert kinds == [("lan",)]

    # Ctrl+L: the sheet hides the applicant until the clerk signs in again.
    qtbot.keyClick(window.grid, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: people.sign_in_dialog is not None
                    and people.sign_in_dialog.isVisible(), timeout=WAIT_MS)  # fmt: skip
    sheet = people.sheet
    assert sheet.isVisible() and sheet.geometry() == window.rect()
    assert "Nguyễn Thị Lan" in sheet.label.text()
    sign_in = people.sign_in_dialog
    qtbot.keyClick(sign_in, Qt.Key.Key_Escape)
    assert sign_in.isVisible() and sheet.isVisible()
    sign_in.user.setFocus()
    qtbot.keyClicks(sign_in.user, "lan")
    qtbot.keyClick(sign_in.user, Qt.Key.Key_Tab)
    type_text(sign_in.password, "wrong password")
    qtbot.keyClick(sign_in.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sign_in.message.isVisible(), timeout=WAIT_MS)
    assert sheet.isVisible()
    type_text(sign_in.password, PASSWORD)
    qtbot.keyClick(sign_in.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not sheet.isVisible(), timeout=WAIT_MS)
    assert window.dossier.code == CODE  # locking kept the dossier on screen

    # Tag the two pages (tag-and-advance), then Finish: the summary first, Enter confirms.
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Home)
    qtbot.keyClick(window.grid, Qt.Key.Key_1)
    qtbot.keyClick(window.grid, Qt.Key.Key_6)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.services.prerender.pending == 0, timeout=60000)
    finish_keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

    def summary_shown() -> bool:
        return window.finish.summary is not None and window.finish.summary.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_F, finish_keys)
    qtbot.waitUntil(summary_shown, timeout=WAIT_MS)
    qtbot.keyClick(window.finish.summary, Qt.Key.Key_Escape)  # back to the pages
    assert not summary_shown() and store.dossier(CODE).state is DossierState.OPEN
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_F, finish_keys)
    qtbot.waitUntil(summary_shown, timeout=WAIT_MS)
    summary = window.finish.summary
    assert summary.pages_total == 2 and summary.summary.missing == ["TP2|TP3"]
    assert [(c.code, c.pages) for c in summary.summary.components] == [("TP1", 1), ("TP6", 1)]
    assert summary.summary.ready == 2  # encoded in the background once analysed
    assert summary.reason.hasFocus() and not summary.ok.isEnabled()
    qtbot.keyClick(summary.reason, Qt.Key.Key_Return)  # one of TP2/TP3 missing: a reason first
    assert summary.isVisible() and store.dossier(CODE).state is DossierState.OPEN
    type_text(summary.reason, "Bổ sung sau")
    qtbot.keyClick(summary.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.dossier(CODE).state is DossierState.FINISHED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.finish.receipt is not None, timeout=WAIT_MS)
    assert store.dossier(CODE).override_reason == "Bổ sung sau"
    finished = _rows(store, "SELECT clerk_id FROM event WHERE kind = 'dossier_finished'")
    assert finished == [("lan",)]


@pytest.fixture
def pick_window(qtbot, services, store):
    """Two clerks and a supervisor, and a station where clerks pick their name to sign in."""
    from ui.window.main_window import MainWindow

    store.set_identity(store.identity())
    with Accounts.open(store.layout.database) as accounts:
        accounts.add("an", "Trần Văn An", Role.CLERK, PASSWORD)
        accounts.add("binh", "Lê Thị Bình", Role.CLERK, PASSWORD)
        accounts.add("thu", "Phạm Thị Thu", Role.SUPERVISOR, PASSWORD)
    set_sign_in_mode(store, SignInMode.PICK)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.people.start()
    return window


def test_a_clerk_picks_their_name_where_the_station_is_set_so(
    qtbot, pick_window, services, store
) -> None:
    window = pick_window
    people = window.people
    qtbot.waitUntil(lambda: people.sign_in_dialog is not None
                    and people.sign_in_dialog.isVisible(), timeout=WAIT_MS)  # fmt: skip
    assert people.first_run is None
    dialog = people.sign_in_dialog
    assert dialog.people.count() == 2  # clerks only: a supervisor gives a password
    qtbot.keyClick(dialog.people, Qt.Key.Key_Down)  # Lê Thị Bình, then Trần Văn An
    qtbot.keyClick(dialog.people, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not people.sheet.isVisible(), timeout=WAIT_MS)
    assert store.clerk_id == "an"

    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip  log out
    qtbot.waitUntil(lambda: people.sheet.isVisible(), timeout=WAIT_MS)
    assert store.clerk_id == "" and people.account is None
    qtbot.waitUntil(lambda: people.sign_in_dialog is not dialog
                    and people.sign_in_dialog.isVisible(), timeout=WAIT_MS)  # fmt: skip
    dialog = people.sign_in_dialog
    qtbot.keyClicks(dialog.user, "thu")
    type_text(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not people.sheet.isVisible(), timeout=WAIT_MS)
    assert store.clerk_id == "thu" and people.account.role is Role.SUPERVISOR
    services.tasks.wait()


def test_the_first_run_says_the_units_are_examples_until_the_provinces_list_is_loaded(
    qtbot, fresh_window, services, tmp_path
) -> None:
    people = fresh_window.people
    qtbot.waitUntil(lambda: people.first_run is not None and people.first_run.isVisible(),
                    timeout=WAIT_MS)  # fmt: skip
    dialog = people.first_run
    assert dialog.examples_note.isVisible()
    broken = tmp_path / "hong.json"
    broken.write_text("{ not json", encoding="utf-8")
    listed = tmp_path / "don-vi-tinh.json"
    listed.write_text(
        '{"format": 1, "units": [{"code": "000.00.00.H29", "name": "UBND tỉnh", '
        '"level": "province"}, {"code": "000.21.29.H29", "name": "UBND xã Tân Phú"}]}',
        encoding="utf-8",
    )

    dialog.activateWindow()  # a window manager does this; the offscreen platform does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    _load_units_file(qtbot, dialog, broken)
    qtbot.waitUntil(dialog.problem.isVisible, timeout=WAIT_MS)
    assert "hong.json" in dialog.problem.text() and dialog.examples_note.isVisible()
    _load_units_file(qtbot, dialog, listed)
    qtbot.waitUntil(lambda: not dialog.examples_note.isVisible(), timeout=WAIT_MS)
    assert not dialog.problem.isVisible()
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Down)
    assert dialog.agency_code() == "000.21.29.H29"
    assert dialog.level.currentData() == AdminLevel.COMMUNE.value
    assert (services.home / "units.json").read_bytes() == listed.read_bytes()


def _load_units_file(qtbot, dialog, chosen) -> None:
    """Alt+L, the file's path pasted into the file name, Enter."""
    dialog.station_name.setFocus()
    qtbot.keyClick(dialog.station_name, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.dialog is not None and dialog.dialog.isVisible(),
                    timeout=WAIT_MS)  # fmt: skip
    pick_file(qtbot, dialog.dialog, chosen)
    dialog.activateWindow()


def test_the_shift_pin_goes_when_another_clerk_signs_in_or_the_clerk_signs_out(
    qtbot, pick_window, services, store
) -> None:
    """The PIN Finish holds opens the signed-in clerk's own key: after Ctrl+L it is still theirs
    when they come back, and gone when someone else signs in or they sign out."""
    window = pick_window
    people = window.people

    def pick(row: int) -> None:  # 0: Lê Thị Bình, 1: Trần Văn An
        qtbot.waitUntil(lambda: people.sign_in_dialog is not None
                        and people.sign_in_dialog.isVisible(), timeout=WAIT_MS)  # fmt: skip
        shown = people.sign_in_dialog
        qtbot.keyClick(shown.people, Qt.Key.Key_Home)
        for _ in range(row):
            qtbot.keyClick(shown.people, Qt.Key.Key_Down)
        qtbot.keyClick(shown.people, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not people.sheet.isVisible(), timeout=WAIT_MS)

    def lock() -> None:
        before = people.sign_in_dialog
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: people.sign_in_dialog is not before, timeout=WAIT_MS)

    pick(1)
    assert store.clerk_id == "an"
    services.pins.put("an's PIN")  # as Finish keeps it once An has typed it

    lock()
    pick(1)  # An again
    assert services.pins.get() == "an's PIN"

    lock()
    pick(0)  # Bình at An's station: not An's PIN
    assert store.clerk_id == "binh" and services.pins.get() is None

    services.pins.put("binh's PIN")
    before = people.sign_in_dialog
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip  log out
    qtbot.waitUntil(lambda: people.sign_in_dialog is not before, timeout=WAIT_MS)
    assert people.account is None and services.pins.get() is None

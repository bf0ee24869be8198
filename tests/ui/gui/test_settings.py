"""The settings dialog: what it saves and where, and the data directory the launcher uses."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from app.context import AppContext
from app.settings import processing_settings
from station.errors import ErrorCode, StationError
from station.model import AdminLevel
from station.store import HOME_ENV, default_home
from station.workflow import finish_dossier
from sync.enqueue import enqueue_dossier
from sync.facts_reporter import FactsReporter
from sync.jobs import JobKind
from tests.station.workflow.support import CODE, new_dossier, scanned_page
from tests.ui.gui.flow import type_text
from ui.cli.main import main
from ui.scan.controls import select_data
from ui.settings.values import STATION_FILE, configured_home, load_station_settings
from ui.start import chosen_home
from ui.text import describe_error


def _open_settings(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.settings_flow.dialog is not None)
    return window.settings_flow.dialog


def _replace_text(qtbot, field, text: str) -> None:
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(field, text)


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
        Qt.MouseButton.LeftButton,
    )


def test_settings_are_saved_with_the_station_and_the_data_directory_per_user(
    qtbot, window, home, tmp_path
) -> None:
    dialog = _open_settings(qtbot, window)
    assert dialog.data_directory.text() == str(home)
    _replace_text(qtbot, dialog.station_name, "Bộ phận một cửa xã Tân Phú")
    type_text(dialog.agency_code, "000.00.15.H29")
    select_data(dialog.profile, "lossless")
    select_data(dialog.language, "en")
    dialog.data_directory.setText(str(tmp_path / "elsewhere"))
    _ok(qtbot, dialog)
    window.services.tasks.wait()
    identity = window.services.store.identity()
    assert (identity.name, identity.agency_code) == ("Bộ phận một cửa xã Tân Phú", "000.00.15.H29")
    assert load_station_settings(home).language == "en"
    assert processing_settings(window.services.store).profile == "lossless"
    file = json.loads((home / STATION_FILE).read_text(encoding="utf-8"))
    assert file["language"] == "en"
    assert "station_name" not in file and "profile" not in file  # the store's, not the file's
    assert configured_home(window.services.user_config) == tmp_path / "elsewhere"
    assert window.scan.profile() == "lossless"
    assert "Tân Phú" in window.windowTitle()
    assert "next start" in window.statusBar().currentMessage()


def test_the_launcher_uses_the_configured_directory_unless_told_otherwise(
    tmp_path, monkeypatch
) -> None:
    config = tmp_path / "gui.json"
    config.write_text(json.dumps({"data_directory": str(tmp_path / "chosen")}), encoding="utf-8")
    monkeypatch.delenv(HOME_ENV, raising=False)
    assert chosen_home(AppContext(), config).home == tmp_path / "chosen"
    given = AppContext(home=tmp_path / "given")
    assert chosen_home(given, config) is given
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "env"))
    assert chosen_home(AppContext(home=default_home()), config).home == Path(tmp_path / "env")


def test_the_identity_set_in_the_dialog_is_what_the_pdfs_and_the_hub_are_told(
    qtbot, window, catalog
) -> None:
    dialog = _open_settings(qtbot, window)
    _replace_text(qtbot, dialog.station_name, "  UBND xã Thạch Hà ")
    type_text(dialog.agency_code, "000.01.31.H05")
    qtbot.keyClick(dialog.level, Qt.Key.Key_Down)  # commune → province
    _ok(qtbot, dialog)
    window.services.tasks.wait()
    store = window.services.store
    station = store.station()
    assert (station.name, station.agency_code, station.level) == (
        "UBND xã Thạch Hà", "000.01.31.H05", AdminLevel.PROVINCE,
    )  # fmt: skip
    assert "UBND xã Thạch Hà" in window.windowTitle()

    new_dossier(store, catalog, CODE)
    for component in ("TP1", "KQ1"):
        scanned_page(store, CODE, "A5", component)
    receipt = finish_dossier(store, catalog, CODE, profile="jpeg", workers=1)
    with pikepdf.open(store.layout.absolute(receipt.files[0].path)) as pdf:
        assert str(pdf.docinfo["/SoHoaStation"]) == "UBND xã Thạch Hà (000.01.31.H05)"
        with pdf.open_metadata() as xmp:
            assert "000.01.31.H05" in str(xmp.get("pdf:Keywords", ""))

    jobs = enqueue_dossier(store, catalog, CODE)
    manifest = next(j for j in jobs if j.kind is JobKind.MANIFEST).manifest
    assert (manifest["station_name"], manifest["agency_code"], manifest["station_level"]) == (
        "UBND xã Thạch Hà", "000.01.31.H05", "province",
    )  # fmt: skip
    facts = FactsReporter(store.database).batch(catalog, limit=10).body
    assert (facts["name"], facts["agency_code"], facts["level"]) == (
        "UBND xã Thạch Hà", "000.01.31.H05", "province",
    )  # fmt: skip


def test_a_malformed_agency_code_keeps_the_dialog_open_and_says_why(qtbot, window) -> None:
    before = window.services.store.identity()
    dialog = _open_settings(qtbot, window)
    type_text(dialog.agency_code, "H.5")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "H.5" in dialog.problem.text()
    _replace_text(qtbot, dialog.station_name, " ")
    qtbot.keyClick(dialog.agency_code, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.agency_code, Qt.Key.Key_Delete)
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.problem.text() == describe_error(StationError(ErrorCode.STATION_NAME_EMPTY))
    dialog.reject()
    window.services.tasks.wait()
    assert window.services.store.identity() == before


def test_data_other_users_could_read_is_reported_at_start(qtbot, services, store) -> None:
    from ui.window.main_window import MainWindow

    (store.layout.home / "pages").mkdir(exist_ok=True)
    (store.layout.home / "pages").chmod(0o755)  # as older versions left it
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.start()
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "sohoa check" in bar.currentMessage(), timeout=20000)
    from station.store.permissions import find_wide_permissions

    wide = find_wide_permissions(store.layout.home)
    assert store.layout.home / "pages" in [f.path for f in wide]
    assert bar.currentMessage().startswith(f"⚠ {len(wide)} ")
    services.tasks.wait()


def test_the_status_bar_says_which_catalog_is_used(window) -> None:
    label = window.findChild(QLabel, "catalogVersion")
    assert label.text() == "Catalog: built-in"  # no province version fetched yet


def test_the_station_can_let_clerks_pick_their_name_to_sign_in(qtbot, window, store) -> None:
    from app.people import SignInMode, sign_in_mode

    dialog = _open_settings(qtbot, window)
    assert not dialog.pick_names.isChecked()
    dialog.pick_names.setFocus()
    qtbot.keyClick(dialog.pick_names, Qt.Key.Key_Space)
    _ok(qtbot, dialog)
    window.services.tasks.wait()
    assert sign_in_mode(store) is SignInMode.PICK
    window.settings_flow.dialog = None
    window.activateWindow()  # what the window manager does when the dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert _open_settings(qtbot, window).pick_names.isChecked()  # read back from the store


def test_blank_backs_are_kept_for_the_profiles_unticked(qtbot, window, store, home) -> None:
    dialog = _open_settings(qtbot, window)
    boxes = dialog.skip_blank_backs
    assert all(boxes[name].isChecked() for name in ("standard", "jpeg", "lossless", "card"))
    assert not boxes["raw"].isEnabled()  # the raw profile never looks for blank pages
    boxes["jpeg"].setFocus()
    qtbot.keyClick(boxes["jpeg"], Qt.Key.Key_Space)
    _ok(qtbot, dialog)
    window.services.tasks.wait()
    saved = processing_settings(store)
    assert not saved.skips_blank_backs("jpeg") and saved.skips_blank_backs("standard")
    assert "blank_backs_kept" not in json.loads((home / STATION_FILE).read_text(encoding="utf-8"))


def test_the_profile_set_in_the_dialog_is_the_one_sohoa_dossier_finish_uses(
    qtbot, window, store, catalog, home, capsys, monkeypatch
) -> None:
    dialog = _open_settings(qtbot, window)
    dialog.profile.setFocus()
    qtbot.keyClicks(dialog.profile, "lossless")  # a combo box finds the item typed
    assert dialog.profile.currentData() == "lossless"
    _ok(qtbot, dialog)
    window.services.tasks.wait()
    new_dossier(store, catalog, CODE)
    for component in ("TP1", "KQ1"):
        scanned_page(store, CODE, "A5", component)  # not analysed yet: finishing does it
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--home", str(home), "dossier", "finish", CODE, "--workers", "1"]) == 0
    capsys.readouterr()
    assert {page.analysed_profile for page in store.pages(CODE)} == {"lossless"}


PASSWORD = "mật khẩu dài 2026"


def _sign_in_with_keys(qtbot, window, user: str) -> None:
    people = window.people
    people.start()
    qtbot.waitUntil(lambda: people.sign_in_dialog is not None
                    and people.sign_in_dialog.isVisible(), timeout=20000)  # fmt: skip
    dialog = people.sign_in_dialog
    qtbot.keyClicks(dialog.user, user)
    type_text(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not people.sheet.isVisible(), timeout=20000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _log_in(qtbot, login, user: str) -> None:
    qtbot.keyClick(login.user, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(login.user, user)
    type_text(login.password, PASSWORD)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)


def test_a_clerk_changes_the_station_only_once_a_supervisor_unlocks_it(
    qtbot, window, store
) -> None:
    from app.people import SignInMode, sign_in_mode
    from station.accounts import Accounts, Role
    from station.store.identity import StationIdentity

    store.set_identity(StationIdentity("Một cửa xã Tân Phú", "000.01.31.H05"))
    accounts = Accounts(store.database)
    accounts.add("thu", "Phạm Thị Thu", Role.SUPERVISOR, PASSWORD)
    accounts.add("an", "Trần Văn An", Role.CLERK, PASSWORD)
    _sign_in_with_keys(qtbot, window, "an")
    before = store.identity()

    dialog = _open_settings(qtbot, window)
    assert not dialog.station_name.isEnabled() and not dialog.pick_names.isEnabled()
    assert dialog.unlock.isVisible()
    type_text(dialog.station_name, "Trạm khác")  # locked: the keys change nothing
    qtbot.mouseClick(dialog.pick_names, Qt.MouseButton.LeftButton)
    _ok(qtbot, dialog)
    window.services.tasks.wait()
    assert store.identity() == before and sign_in_mode(store) is SignInMode.PASSWORD

    window.settings_flow.dialog = None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    dialog = _open_settings(qtbot, window)
    qtbot.mouseClick(dialog.unlock, Qt.MouseButton.LeftButton)
    flow = window.settings_flow
    qtbot.waitUntil(lambda: flow.login is not None and flow.login.isVisible())
    _log_in(qtbot, flow.login, "an")  # a clerk's own password unlocks nothing
    qtbot.waitUntil(flow.login.message.isVisible, timeout=20000)
    assert "only a supervisor account can change" in flow.login.message.text()
    assert not dialog.station_name.isEnabled()
    _log_in(qtbot, flow.login, "thu")
    qtbot.waitUntil(dialog.station_name.isEnabled, timeout=20000)
    assert not flow.login.isVisible() and not dialog.unlock.isVisible()
    _replace_text(qtbot, dialog.station_name, "Một cửa xã Tân Phú (mới)")
    dialog.pick_names.setFocus()
    qtbot.keyClick(dialog.pick_names, Qt.Key.Key_Space)
    _ok(qtbot, dialog)
    window.services.tasks.wait()
    assert store.identity().name == "Một cửa xã Tân Phú (mới)"
    assert sign_in_mode(store) is SignInMode.PICK
    assert store.clerk_id == "an"  # the supervisor unlocked the dialog; the clerk stays signed in

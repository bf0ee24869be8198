"""The settings dialog: what it saves and where, and the data directory the launcher uses."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.context import AppContext
from station.store import HOME_ENV, default_home
from tests.ui.gui.flow import type_text
from ui.scan.controls import select_data
from ui.settings.values import STATION_FILE, configured_home, load_station_settings
from ui.start import chosen_home


def test_settings_are_saved_with_the_station_and_the_data_directory_per_user(
    qtbot, window, home, tmp_path
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.settings_flow.dialog is not None)
    dialog = window.settings_flow.dialog
    assert dialog.data_directory.text() == str(home)
    type_text(dialog.station_name, "Bộ phận một cửa xã Tân Phú")
    type_text(dialog.agency_code, "000.00.15.H29")
    select_data(dialog.profile, "lossless")
    select_data(dialog.language, "en")
    dialog.data_directory.setText(str(tmp_path / "elsewhere"))
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
        Qt.MouseButton.LeftButton,
    )
    window.services.tasks.wait()
    saved = load_station_settings(home)
    assert saved.station_name == "Bộ phận một cửa xã Tân Phú"
    assert (saved.agency_code, saved.profile, saved.language) == ("000.00.15.H29", "lossless", "en")
    assert json.loads((home / STATION_FILE).read_text(encoding="utf-8"))["language"] == "en"
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

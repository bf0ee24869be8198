"""The window's sender fetches the province's catalog from a real hub when it starts; the window
takes it at once for the dossiers opened after, while a dossier opened before keeps its version;
the status bar says which version is in use and which own catalog files are ignored."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.catalogs import StationCatalogs
from hub.cli import hub_group
from station.catalog import bundled_catalog_dir
from sync.credentials import save_secret
from sync.settings import SyncSettings, save_settings
from tests.helpers.hub import running_hub
from tests.ui.gui.flow import type_text
from ui.tagging.checklist import CODE_ROLE

WAIT_MS = 20000
PROCEDURE = "1.010041"  # Xác nhận thông tin về cư trú: the province adds a paper to it
EXTRA = {"code": "TP9", "name": "Giấy tờ tỉnh thêm", "kind": "submitted", "required": True}


@pytest.fixture
def hub_with_catalog(tmp_path):
    with running_hub(tmp_path / "hub") as hub:
        shutil.copytree(bundled_catalog_dir(), tmp_path / "province")
        path = tmp_path / "province" / f"{PROCEDURE}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["components"].insert(1, EXTRA)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        imported = CliRunner().invoke(
            hub_group,
            ["catalog", "import", "--data", str(hub.data_dir), "--version", "2026.11.1",
             str(tmp_path / "province")],
        )  # fmt: skip
        assert imported.exit_code == 0, imported.output
        yield hub


def _open_with_keys(qtbot, window, code: str) -> None:
    panel = window.dossier_panel
    qtbot.keyClicks(panel.code, code)
    qtbot.keyClick(panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.search.hasFocus, timeout=WAIT_MS)
    type_text(panel.search, PROCEDURE)
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    type_text(panel.applicant, "Trần Thị B")
    qtbot.keyClick(panel.applicant, Qt.Key.Key_Return)
    qtbot.keyClick(panel.id_number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == code, timeout=WAIT_MS)


def _take_up_with_keys(qtbot, window, code: str) -> None:
    """The clerk clicks into the code field (the page grid has the keys while a dossier is
    open), types the code and Enter."""
    qtbot.mouseClick(window.dossier_panel.code, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.dossier_panel.code.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(window.dossier_panel.code, code)
    qtbot.keyClick(window.dossier_panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == code, timeout=WAIT_MS)


def _checklist(window) -> list[str]:
    rows = (window.checklist.topLevelItem(i) for i in range(window.checklist.topLevelItemCount()))
    return [row.data(0, CODE_ROLE) for row in rows if row.data(0, CODE_ROLE)]


def test_a_catalog_the_sender_fetched_is_taken_for_new_dossiers_without_a_restart(
    qtbot, store, window, tmp_path, hub_with_catalog
) -> None:
    label = window.findChild(QLabel, "catalogVersion")
    assert label.text() == "Catalog: built-in"
    _open_with_keys(qtbot, window, "HS-TRUOC")
    assert "TP9" not in _checklist(window)
    changes = {"url": hub_with_catalog.url, "client_id": "ST-GUI-01",
               "secret_file": str(tmp_path / "secret")}  # fmt: skip
    save_secret(SyncSettings(**changes, target="hub"), hub_with_catalog.add_station("ST-GUI-01"))
    save_settings(store, **changes, target="hub")  # the upload screen starts the sender now
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "2026.11.1" in bar.currentMessage(), timeout=WAIT_MS)
    assert bar.currentMessage() == (
        "Procedure catalog updated: version 2026.11.1. New dossiers use it; open dossiers keep"
        " the version they were opened under."
    )
    assert label.text() == "Catalog: 2026.11.1"
    assert (store.layout.home / "catalogs" / "current").read_text() == "2026.11.1"
    assert "TP9" not in _checklist(window)  # the dossier on screen keeps its version
    assert window.dossier.code == "HS-TRUOC" and PROCEDURE in window.dossier_panel.trust.toolTip()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    _open_with_keys(qtbot, window, "HS-SAU")
    assert store.dossier("HS-SAU").catalog_version == "2026.11.1"
    assert _checklist(window)[:2] == ["TP1", "TP9"]
    _take_up_with_keys(qtbot, window, "HS-TRUOC")
    assert store.dossier("HS-TRUOC").catalog_version == ""
    assert "TP9" not in _checklist(window)


def test_the_status_bar_warns_of_an_own_catalog_file_it_ignores(qtbot, store, qapp, tmp_path):
    from ui.window.main_window import MainWindow
    from ui.window.services import create_services

    own = json.loads((bundled_catalog_dir() / f"{PROCEDURE}.json").read_text(encoding="utf-8"))
    (store.layout.home / "catalog").mkdir()
    path = store.layout.home / "catalog" / f"{PROCEDURE}.json"
    path.write_text(json.dumps({**own, "name": "Sửa tay"}, ensure_ascii=False), encoding="utf-8")
    (store.layout.home / "catalog" / "1.010041.H05.json").write_text(
        json.dumps({**own, "code": "1.010041.H05"}, ensure_ascii=False), encoding="utf-8"
    )
    catalog = StationCatalogs(store.layout.home, lambda: store).current()
    services = create_services(store, catalog, user_config=tmp_path / "gui.json")
    try:
        shown = MainWindow(services)
        qtbot.addWidget(shown)
        label = shown.findChild(QLabel, "catalogVersion")
        assert label.text() == "⚠ Catalog: built-in + 1 added here"
        assert f"Ignored: the station's own file {path} names procedure {PROCEDURE}" in (
            label.toolTip()
        )
    finally:
        services.close()

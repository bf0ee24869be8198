"""The window's sender fetches the province's catalog from a real hub when it starts, and the
status bar says which version came and that new dossiers take it from the next start."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from PySide6.QtWidgets import QLabel

from hub.cli import hub_group
from station.catalog import bundled_catalog_dir
from sync.credentials import save_secret
from sync.settings import SyncSettings, save_settings
from tests.helpers.hub import running_hub

WAIT_MS = 20000


@pytest.fixture
def hub_with_catalog(tmp_path):
    with running_hub(tmp_path / "hub") as hub:
        shutil.copytree(bundled_catalog_dir(), tmp_path / "province")
        imported = CliRunner().invoke(
            hub_group,
            ["catalog", "import", "--data", str(hub.data_dir), "--version", "2026.11.1",
             str(tmp_path / "province")],
        )  # fmt: skip
        assert imported.exit_code == 0, imported.output
        yield hub


def test_a_catalog_the_sender_fetched_is_said_in_the_status_bar(
    qtbot, store, window, tmp_path, hub_with_catalog
) -> None:
    label = window.findChild(QLabel, "catalogVersion")
    assert label.text() == "Catalog: built-in"
    changes = {"url": hub_with_catalog.url, "client_id": "ST-GUI-01",
               "secret_file": str(tmp_path / "secret")}  # fmt: skip
    save_secret(SyncSettings(**changes, target="hub"), hub_with_catalog.add_station("ST-GUI-01"))
    save_settings(store, **changes, target="hub")  # the upload screen starts the sender now
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "2026.11.1" in bar.currentMessage(), timeout=WAIT_MS)
    assert bar.currentMessage() == (
        "Procedure catalog updated: version 2026.11.1."
        " New dossiers use it once the station restarts."
    )
    assert label.text() == "Catalog: built-in (next start: 2026.11.1)"
    assert (store.layout.home / "catalogs" / "current").read_text() == "2026.11.1"

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers.layering import scan


def test_core_drivers_sync_ui_and_hub_respect_the_layers() -> None:
    assert scan(REPO) == []


@pytest.fixture
def copy_of_repo(tmp_path: Path) -> Path:
    for package in ("station", "drivers", "sync", "app", "ui", "hub"):
        shutil.copytree(REPO / package, tmp_path / package)
    return tmp_path


@pytest.mark.parametrize(
    ("file", "statement", "imported"),
    [
        ("station/model.py", "from PySide6.QtCore import QObject", "PySide6.QtCore"),
        ("station/store/store.py", "    import PySide6  # lazily, inside a function", "PySide6"),
        ("station/catalog.py", "from ui.messages import ERRORS", "ui.messages"),
        ("station/store/layout.py", "from drivers.base import Driver", "drivers.base"),
        ("station/dossiers.py", "import sync.outbox", "sync.outbox"),
        ("drivers/__init__.py", "import shiboken6", "shiboken6"),
        ("sync/__init__.py", "from ui import application", "ui"),
        # the use cases: no Qt, no frontend, and nothing below them imports them
        ("app/capture.py", "from PySide6.QtCore import Signal", "PySide6.QtCore"),
        ("app/finishing.py", "    from ui.messages import error_text", "ui.messages"),
        ("app/context.py", "import hub.app", "hub.app"),
        ("station/workflow/finish.py", "from app.finishing import finish", "app.finishing"),
        ("sync/outbox.py", "    import app.context", "app.context"),
        ("drivers/bridge.py", "from app.capture import CaptureSession", "app.capture"),
        # the hub: a server of its own, never the station's store or client
        (
            "hub/facts.py",
            "from station.store.activity import ReceivedRow",
            "station.store.activity",
        ),
        ("hub/app.py", "from station import store", "station.store"),
        ("hub/stats.py", "    import station.store  # lazily", "station.store"),
        ("hub/db.py", "import sync.outbox", "sync.outbox"),
        ("hub/server.py", "    from ui.cli.output import print_json", "ui.cli.output"),
        ("hub/api.py", "from PySide6 import QtCore", "PySide6"),
        ("hub/__init__.py", "import drivers", "drivers"),
        # nothing on the station's side imports the hub
        ("station/stats/figures.py", "from hub.facts import hub_facts", "hub.facts"),
        ("sync/worker.py", "import hub", "hub"),
        ("drivers/__init__.py", "    from hub import cli", "hub"),
        ("ui/cli/main.py", "from hub.cli import hub_group", "hub.cli"),
    ],
)
def test_scan_catches_a_planted_violation(copy_of_repo, file, statement, imported) -> None:
    path = copy_of_repo / file
    if statement.startswith("    "):
        body = f"\n\ndef _planted() -> None:\n{statement}\n"
    else:
        body = f"\n{statement}\n"
    path.write_text(path.read_text(encoding="utf-8") + body, encoding="utf-8")
    assert [(v.path, v.imported) for v in scan(copy_of_repo)] == [(file, imported)]


def test_ui_may_import_qt_and_everything_inward(copy_of_repo) -> None:
    path = copy_of_repo / "ui" / "application.py"
    path.write_text(path.read_text() + "\nimport drivers\nimport sync\n", encoding="utf-8")
    assert scan(copy_of_repo) == []


def test_the_hub_may_import_the_stations_records_and_figures(copy_of_repo) -> None:
    path = copy_of_repo / "hub" / "app.py"
    planted = "\nfrom station.stats.figures import Facts\nfrom station.upload_facts import PARKED\n"
    path.write_text(path.read_text() + planted, encoding="utf-8")
    assert scan(copy_of_repo) == []


def test_only_the_cli_alias_may_import_the_hub_lazily(copy_of_repo) -> None:
    alias = copy_of_repo / "ui" / "cli" / "hub.py"
    assert "from hub.cli import hub_group" in alias.read_text(encoding="utf-8")
    other = copy_of_repo / "ui" / "cli" / "sync.py"
    other.write_text(other.read_text() + "\nimport hub.server\n", encoding="utf-8")
    assert [(v.path, v.imported) for v in scan(copy_of_repo)] == [("ui/cli/sync.py", "hub.server")]


def test_a_running_hub_loads_neither_the_stations_store_nor_its_client_nor_qt() -> None:
    code = (
        "import sys, hub.app, hub.cli, hub.server\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('sync', 'ui', 'drivers', 'PySide6') or m.startswith('station.store')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"

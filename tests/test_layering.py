from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tests.conftest import REPO
from tests.helpers.layering import scan
from ui.cli.main import COMMANDS, cli


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
    loaded = _modules_after(
        "import hub.app, hub.cli, hub.server",
        "m.split('.')[0] in ('sync', 'ui', 'drivers', 'PySide6') or m.startswith('station.store')",
    )
    assert loaded == []


def test_a_command_imports_only_its_own_stack() -> None:
    """`sohoa process` loads neither the signing stack nor the other commands' modules (every
    call paid 0.6 s and 50 MB of a sheet's memory budget for them); all of them are listed."""
    loaded = _modules_after(
        "from ui.cli.main import main\nmain(['process', '--help'])",
        "m.startswith(('pyhanko', 'ui.cli.'))",
    )
    assert "ui.cli.process" in loaded
    for module in ("pyhanko", "ui.cli.dossier", "ui.cli.signing", "ui.cli.hub", "ui.cli.scan"):
        assert not any(m == module or m.startswith(f"{module}.") for m in loaded), loaded
    assert set(cli.list_commands(click.Context(cli))) == {"gui", *COMMANDS}


def _modules_after(code: str, keep: str) -> list[str]:
    """The modules loaded, of those `keep` (an expression of m) selects, after `code` runs in a
    fresh interpreter."""
    probe = f"import sys\n{code}\nprint(sorted(m for m in sys.modules if {keep}))"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = ast.literal_eval(result.stdout.splitlines()[-1])
    return loaded

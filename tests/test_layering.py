from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers.layering import scan


def test_core_drivers_and_sync_respect_the_layers() -> None:
    assert scan(REPO) == []


@pytest.fixture
def copy_of_repo(tmp_path: Path) -> Path:
    for package in ("station", "drivers", "sync", "ui"):
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

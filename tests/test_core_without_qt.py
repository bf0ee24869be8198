"""The core (station, drivers, sync, app, hub) needs no Qt: in a virtual environment holding
every installed package except PySide6 (and pytest-qt, which needs it), each core module
imports and the use-case and store tests pass."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REPO

CORE = ("station", "drivers", "sync", "app", "hub")
QT_DISTRIBUTIONS = ("pyside6", "shiboken6", "pytestqt", "pytest_qt")
# Fast core suites: the store, the use cases, both scanner backends, an upload to a real hub.
CORE_TESTS = (
    "tests/app",
    "tests/station/store",
    "tests/station/test_dossiers.py",
    "tests/drivers/test_sane.py",
    "tests/drivers/test_virtual.py",
    "tests/sync/client/test_upload.py",
    "tests/hub/test_auth.py",
)


def _is_qt(entry: Path) -> bool:
    return entry.name.lower().replace("-", "_").startswith(QT_DISTRIBUTIONS)


@pytest.fixture(scope="module")
def python_without_qt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("venv-without-qt")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    ask = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    created = subprocess.run(
        [str(root / "bin" / "python"), "-c", ask], capture_output=True, text=True, check=True
    ).stdout.strip()
    site = Path(created)
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not _is_qt(entry) and not (site / entry.name).exists():
            (site / entry.name).symlink_to(entry)
    return root / "bin" / "python"


def _run(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [str(python), *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=540
    )


def _core_modules() -> list[str]:
    modules = []
    for package in CORE:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            modules.append(".".join(parts[:-1] if path.name == "__init__.py" else parts))
    return modules


def test_the_environment_really_has_no_qt(python_without_qt: Path) -> None:
    found = _run(python_without_qt, "-c", "import PySide6")
    assert found.returncode != 0 and "No module named 'PySide6'" in found.stderr


def test_every_core_module_imports_without_qt(python_without_qt: Path) -> None:
    code = "import importlib\nfor name in {!r}:\n    importlib.import_module(name)\n"
    found = _run(python_without_qt, "-c", code.format(_core_modules()))
    assert found.returncode == 0, found.stderr[-3000:]


@pytest.mark.slow
def test_the_core_tests_pass_without_qt(python_without_qt: Path) -> None:
    # A test that hangs is stopped well inside this run's own time, with its threads' stacks.
    found = _run(
        python_without_qt, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:pytestqt",
        "-o", "qt_api=", "-o", "timeout=240", *CORE_TESTS,
    )  # fmt: skip
    assert found.returncode == 0, found.stdout[-3000:] + found.stderr[-2000:]
    assert " passed" in found.stdout

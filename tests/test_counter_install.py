"""A counter PC installs the station without the hub's extra (pyproject's `hub` list): every
station module imports, the `sohoa` command runs (a dossier scanned and finished), the window
opens and closes, and `sohoa hub` says what to install. What `pip install .` brings, read
from the installed packages' metadata, holds none of the hub's packages.

The import tests run Python in a subprocess in which those packages cannot be imported."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO


def _hub_extra_modules() -> tuple[str, ...]:
    """The import names of the hub extra's packages, and of what FastAPI itself brings."""
    extra = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    names = extra["project"]["optional-dependencies"]["hub"]
    found = [re.split(r"[\[<>=~! ]", name, maxsplit=1)[0].replace("-", "_") for name in names]
    return (*found, "starlette")


HUB_ONLY = _hub_extra_modules()
WITHOUT_HUB_EXTRA = f"""
import sys

class WithoutHubExtra:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {HUB_ONLY!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, WithoutHubExtra())
"""


def _python(code: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOHOA_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_HUB_EXTRA + code, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _sohoa(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _python("from ui.cli.main import main\nsys.exit(main(sys.argv[1:]))", home, *args)


def test_the_blocker_really_blocks_the_hub_extra(tmp_path) -> None:
    assert {"fastapi", "uvicorn", "psycopg", "psycopg_pool", "jinja2", "starlette"} <= set(HUB_ONLY)
    for name in HUB_ONLY:
        result = _python(f"import {name}", tmp_path)
        assert result.returncode == 1 and "ModuleNotFoundError" in result.stderr, name


def test_every_station_drivers_sync_and_ui_module_imports_without_the_hub_extra(tmp_path) -> None:
    code = """
import importlib, pkgutil
failed = []
for package in ("station", "drivers", "sync", "app", "ui"):
    for info in pkgutil.walk_packages(importlib.import_module(package).__path__, package + "."):
        try:
            importlib.import_module(info.name)
        except Exception as exc:
            failed.append(f"{info.name}: {exc!r}")
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("hub", *HUB_ONLY))
print("failed", failed)
print("loaded", loaded)
"""
    result = _python(f"HUB_ONLY = {HUB_ONLY!r}\n" + code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "failed []\n" in result.stdout
    assert "loaded []\n" in result.stdout


def test_sohoa_version_and_help_work_without_the_hub_extra(tmp_path) -> None:
    version = _sohoa(tmp_path, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("sohoa ")
    usage = _sohoa(tmp_path, "--help")
    assert usage.returncode == 0, usage.stderr
    assert "scan" in usage.stdout and "hub" in usage.stdout


def test_sohoa_hub_says_in_one_line_to_install_the_hub_extra(tmp_path) -> None:
    for args in (["hub", "serve", "--help"], ["hub", "ls", "--data", str(tmp_path / "hub")]):
        result = _sohoa(tmp_path, *args)
        assert result.returncode == 3, result.stderr
        (line,) = result.stderr.splitlines()
        assert line.startswith("Lỗi: Máy chủ tỉnh chưa được cài") and "| Error: " in line
        assert any(name in line for name in HUB_ONLY)
        assert "pip install 'sohoa-station[hub]'" in line


def test_the_station_bundle_leaves_the_hub_and_its_web_stack_out() -> None:
    tree = ast.parse((REPO / "build.spec").read_text(encoding="utf-8"))
    assigned = {
        node.targets[0].id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    assert {"hub", *HUB_ONLY} <= set(ast.literal_eval(assigned["HUB"]))
    excludes = next(
        keyword.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Analysis"
        for keyword in node.keywords
        if keyword.arg == "excludes"
    )
    assert "HUB" in {n.id for n in ast.walk(excludes) if isinstance(n, ast.Name)}


def test_a_dossier_is_scanned_and_finished_without_the_hub_extra(tmp_path) -> None:
    code = "000.00.14.H05-251204-0101"
    opened = _sohoa(tmp_path, "dossier", "new", "--code", code, "--procedure", "1.001193")
    assert opened.returncode == 0, opened.stderr
    scanned = _sohoa(
        tmp_path, "scan", "--dossier", code, "--dpi", "100", "--source", "adf", "--count", "2",
        "--component", "TP1", "--json",
    )  # fmt: skip
    assert scanned.returncode == 0, scanned.stderr
    finished = _sohoa(
        tmp_path, "dossier", "finish", code, "--workers", "1", "--json",
        "--override-reason", "Thiếu giấy chứng sinh",
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    assert '"ok": true' in finished.stdout
    pdf = tmp_path / "finished" / code / f"{code}.1.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_the_window_opens_and_closes_without_the_hub_extra(tmp_path) -> None:
    code = """
from PySide6.QtCore import QTimer
from station.catalog import bundled_catalog_dir, load_catalog
from station.store import Store
from ui.start import open_main_window

from pathlib import Path
store = Store.open(Path(sys.argv[1]))
qt_app, window, services = open_main_window(store, load_catalog([bundled_catalog_dir()]), [])
QTimer.singleShot(1500, window.close)
qt_app.exec()
services.tasks.wait()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("hub", "fastapi", "uvicorn"))
print("shown", window.windowTitle(), "loaded", loaded)
"""
    result = _python(code, tmp_path, str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "shown SoHoa Station" in result.stdout and "loaded []" in result.stdout


def _requires(requirement: Requirement) -> list[Requirement]:
    """What an installed distribution asks for, with the extras `requirement` names."""
    extras = {"", *requirement.extras}
    found = []
    for line in distribution(requirement.name).requires or []:
        needed = Requirement(line)
        if needed.marker is None or any(needed.marker.evaluate({"extra": e}) for e in extras):
            found.append(needed)
    return found


def _install_closure(requirements: list[str]) -> set[str]:
    """The distributions `pip install` of these requirements brings, read from the metadata of
    the packages installed here (each one's Requires-Dist, markers evaluated on this machine)."""
    asked = [Requirement(line) for line in requirements]
    todo = [r for r in asked if r.marker is None or r.marker.evaluate({"extra": ""})]
    seen: set[tuple[str, frozenset[str]]] = set()
    names: set[str] = set()
    while todo:
        requirement = todo.pop()
        key = (canonicalize_name(requirement.name), frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        names.add(key[0])
        todo.extend(_requires(requirement))
    return names


def test_a_counter_install_brings_none_of_the_hub_extra() -> None:
    """`pip install .` without extras: the project's own dependencies and all they bring in."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    brought = _install_closure(project["dependencies"])
    assert {"opencv-python-headless", "pikepdf", "pyhanko", "cryptography", "lxml"} <= brought
    hub = {
        canonicalize_name(Requirement(line).name)
        for line in project["optional-dependencies"]["hub"]
    }
    hub |= {"starlette", "psycopg-binary"}
    assert not brought & hub, sorted(brought & hub)
    # The test extra does bring them (it holds the hub's, to test it): the walk would see them.
    assert hub <= _install_closure(project["optional-dependencies"]["test"]) | {"psycopg-binary"}

"""The use-case layer stays below every frontend: no Qt, no ui, in any of its modules."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import REPO
from tests.helpers.layering import QT, _imported_modules


def test_no_module_of_app_imports_qt_or_ui() -> None:
    found = []
    for path in sorted((REPO / "app").rglob("*.py")):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        package = parts if path.name == "__init__.py" else parts[:-1]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, module in _imported_modules(tree, package):
            if module.split(".")[0] in QT | {"ui"}:
                found.append((path.name, line, module))
    assert found == []


def test_importing_every_use_case_loads_no_qt() -> None:
    modules = sorted(p.stem for p in (REPO / "app").glob("*.py") if p.stem != "__init__")
    code = (
        "import sys\n"
        + "".join(f"import app.{m}\n" for m in modules)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        + f"{sorted(QT | {'ui'})!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    assert out.strip() == "[]"

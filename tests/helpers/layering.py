"""An AST scan of the import rules the design card fixes (every import, also inside functions)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

QT = {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
# package -> top-level modules it must never import
FORBIDDEN: dict[str, set[str]] = {
    "station": QT | {"ui", "drivers", "sync"},
    "drivers": QT | {"ui", "sync"},
    "sync": QT | {"ui", "drivers"},
}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    imported: str


def _imported_modules(tree: ast.AST, package_parts: list[str]) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: resolve against the file's package
                base = package_parts[: len(package_parts) - node.level + 1]
                found.append((node.lineno, ".".join([*base, node.module or ""]).strip(".")))
            elif node.module:
                found.append((node.lineno, node.module))
    return found


def scan(root: Path) -> list[Violation]:
    violations = []
    for package, forbidden in FORBIDDEN.items():
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root)
            parts = list(relative.with_suffix("").parts)
            package_parts = parts if path.name == "__init__.py" else parts[:-1]
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, module in _imported_modules(tree, package_parts):
                if module.split(".")[0] in forbidden:
                    violations.append(Violation(relative.as_posix(), line, module))
    return violations

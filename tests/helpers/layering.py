"""An AST scan of the import rules the design card fixes (every import, also inside functions)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

QT = {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
# package -> modules it must never import: a name forbids that module and everything under it
# (`station.store` forbids `station.store.activity`, not `station.stats`).
FORBIDDEN: dict[str, set[str]] = {
    "station": QT | {"ui", "app", "drivers", "sync", "hub"},
    "drivers": QT | {"ui", "app", "sync", "hub"},
    "sync": QT | {"ui", "app", "drivers", "hub"},
    # The use cases both frontends call: they drive the core, the drivers and the outbox.
    "app": QT | {"ui", "hub"},
    "ui": {"hub"},
    # The hub is a server of its own: it shares the station's record types and pure figures
    # (station.events, station.upload_facts, station.stats), never the station's store or client.
    "hub": QT | {"ui", "app", "drivers", "sync", "station.store"},
}
# Files allowed one import their package's rule forbids, and why.
EXCEPTIONS: dict[str, set[str]] = {
    # `sohoa hub ...`, an alias of `sohoa-hub ...`: imports the hub lazily, inside a function,
    # and says what to install when the hub's extra is missing.
    "ui/cli/hub.py": {"hub"},
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
                module = ".".join([*base, node.module or ""]).strip(".")
            else:
                module = node.module or ""
            # `from station import store` imports station.store: check every name as a module
            found.append((node.lineno, module))
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def _is_under(module: str, forbidden: str) -> bool:
    return module == forbidden or module.startswith(forbidden + ".")


def scan(root: Path) -> list[Violation]:
    violations = []
    for package, forbidden in FORBIDDEN.items():
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root)
            allowed = EXCEPTIONS.get(relative.as_posix(), set())
            parts = list(relative.with_suffix("").parts)
            package_parts = parts if path.name == "__init__.py" else parts[:-1]
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, module in _imported_modules(tree, package_parts):
                if any(_is_under(module, f) for f in forbidden - allowed):
                    violations.append(Violation(relative.as_posix(), line, module))
    return _one_per_statement(violations)


def _one_per_statement(violations: list[Violation]) -> list[Violation]:
    """`from ui import application` is one violation, not one for `ui` and `ui.application`."""
    seen: set[tuple[str, int]] = set()
    kept = []
    for violation in violations:
        if (violation.path, violation.line) not in seen:
            seen.add((violation.path, violation.line))
            kept.append(violation)
    return kept

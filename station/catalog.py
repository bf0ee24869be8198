"""The procedure catalog: JSON data under resources/catalog, overridable per data directory."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from station.errors import ErrorCode, StationError
from station.model import AdminLevel, Component, ComponentKind, Procedure


@dataclass(frozen=True)
class Catalog:
    procedures: dict[str, Procedure]

    def get(self, code: str) -> Procedure:
        try:
            return self.procedures[code]
        except KeyError:
            raise StationError(ErrorCode.UNKNOWN_PROCEDURE, code=code) from None

    def __iter__(self) -> Iterator[Procedure]:
        return iter(sorted(self.procedures.values(), key=lambda p: p.code))

    def __len__(self) -> int:
        return len(self.procedures)


def bundled_catalog_dir() -> Path:
    return Path(str(resources.files("resources") / "catalog" / "procedures"))


def load_catalog(directories: Iterable[Path]) -> Catalog:
    """Read every *.json in each directory in turn; a later file overrides an earlier code."""
    procedures: dict[str, Procedure] = {}
    for directory in directories:
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.json")):
            procedure = _read_procedure(path)
            procedures[procedure.code] = procedure
    return Catalog(procedures)


def _read_procedure(path: Path) -> Procedure:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return procedure_from_dict(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StationError(ErrorCode.CATALOG_INVALID, path=str(path), detail=str(exc)) from exc


def _text(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()


def procedure_from_dict(data: dict[str, Any]) -> Procedure:
    components = tuple(
        Component(
            code=_text(c["code"]),
            name=_text(c["name"]),
            required=bool(c["required"]),
            kind=ComponentKind(c.get("kind", "submitted")),
            name_en=_text(c.get("name_en", "")),
            note=_text(c.get("note", "")),
        )
        for c in data["components"]
    )
    codes = [c.code for c in components]
    if not components or len(set(codes)) != len(codes):
        raise ValueError("components must be present and have unique codes")
    return Procedure(
        code=_text(data["code"]),
        name=_text(data["name"]),
        components=components,
        name_en=_text(data.get("name_en", "")),
        field=_text(data.get("field", "")),
        levels=tuple(AdminLevel(level) for level in data.get("levels", [])),
        agency=_text(data.get("agency", "")),
        result_on_paper=bool(data.get("result_on_paper", True)),
        code_verified=bool(data.get("code_verified", False)),
        sources=tuple(data.get("sources", [])),
    )

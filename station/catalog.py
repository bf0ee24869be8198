"""The procedure catalog: JSON data under resources/catalog, overridable per data directory.

Two file formats load: format 2 (cases, alternatives, provenance; resources/catalog/README.md)
and the first format (`required` flags, `sources` strings, `code_verified`). A first-format file
never counts as verified: its `code_verified` was claimed without saying what was read.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from station.errors import ErrorCode, StationError
from station.model import (
    AdminLevel,
    Alternative,
    Case,
    Component,
    ComponentKind,
    Procedure,
    Provenance,
    SourceDocument,
    SourceKind,
)

FORMAT = 2
LEGACY_UNVERIFIED = "legacy_format"  # the reason given to first-format entries
LOCAL_MARK = "+local:"  # in a dossier's catalog version: its procedure came from a local file


@dataclass(frozen=True)
class LocalFile:
    """A procedure file of the station's own catalog folder ($SOHOA_HOME/catalog)."""

    code: str
    path: str
    sha8: str  # of the procedure as read (catalog_local.py): names what a dossier was opened under


@dataclass(frozen=True)
class Catalog:
    procedures: dict[str, Procedure]
    # The province's version it holds (catalog_versions.py), or `builtin-<sha8>` (catalog_builtin)
    version: str = ""
    # Finds the catalog of another version, for a dossier opened under it; the frontend's
    # context supplies it, so every caller of procedure_of follows the dossier's version.
    others: Callable[[str], Catalog] | None = field(default=None, compare=False, repr=False)
    local: tuple[LocalFile, ...] = ()  # the station's own files that add a procedure
    ignored: tuple[LocalFile, ...] = ()  # its own files naming a procedure it holds: not used

    def version_for(self, code: str) -> str:
        """What a dossier of this procedure records: the version, marked when a local file
        gave the procedure (`<version>+local:<sha8>`)."""
        for own in self.local:
            if own.code == code:
                return local_version(self.version, own.sha8)
        return self.version

    def for_version(self, version: str) -> Catalog:
        if self.others is None or version == self.version:
            return self
        if any(version == local_version(self.version, own.sha8) for own in self.local):
            return self
        return self.others(version)

    def get(self, code: str) -> Procedure:
        try:
            return self.procedures[code]
        except KeyError:
            raise StationError(ErrorCode.UNKNOWN_PROCEDURE, code=code) from None

    def __iter__(self) -> Iterator[Procedure]:
        return iter(sorted(self.procedures.values(), key=lambda p: p.code))

    def __len__(self) -> int:
        return len(self.procedures)


def local_version(base: str, sha8: str) -> str:
    return f"{base}{LOCAL_MARK}{sha8}"


def split_version(version: str) -> tuple[str, str]:
    """(the province's version, or builtin-<sha8> / "" for a built-in one; the local file's
    sha8 or "")."""
    base, mark, sha8 = version.partition(LOCAL_MARK)
    return (base, sha8) if mark else (version, "")


def bundled_catalog_dir() -> Path:
    return Path(str(resources.files("resources") / "catalog" / "procedures"))


def catalog_files(source: Path) -> list[Path]:
    """A catalog source is a directory of *.json files or one file."""
    if source.is_file():
        return [source]
    if source.is_dir():
        return sorted(source.glob("*.json"))
    return []


def load_catalog(directories: Iterable[Path]) -> Catalog:
    """Read every *.json in each directory (or file) in turn; a later file overrides a code."""
    procedures: dict[str, Procedure] = {}
    for directory in directories:
        for path in catalog_files(directory):
            procedure = read_procedure(path)
            procedures[procedure.code] = procedure
    return Catalog(procedures)


def read_procedure(path: Path) -> Procedure:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return procedure_from_dict(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StationError(ErrorCode.CATALOG_INVALID, path=str(path), detail=str(exc)) from exc


def _text(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()


def _texts(values: Any) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, list):
        raise TypeError(f"expected a list of strings, got {values!r}")
    return tuple(_text(v) for v in values)


def _date(value: Any) -> date | None:
    return None if value in (None, "") else date.fromisoformat(str(value))


def _bool(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be true or false, got {value!r}")
    return value


def is_legacy(data: dict[str, Any]) -> bool:
    return data.get("format") != FORMAT


def procedure_from_dict(data: dict[str, Any]) -> Procedure:
    if not isinstance(data, dict):
        raise TypeError("a procedure file holds one JSON object")
    if data.get("format", FORMAT) not in (1, FORMAT):
        raise ValueError(f"unknown catalog format {data.get('format')!r}")
    components = tuple(_component(c) for c in data["components"])
    codes = [c.code for c in components]
    if not components or len(set(codes)) != len(codes):
        raise ValueError("components must be present and have unique codes")
    cases = tuple(_case(c) for c in data.get("cases", []))
    if len({c.code for c in cases}) != len(cases):
        raise ValueError("case codes must be unique")
    return Procedure(
        code=_text(data["code"]),
        name=_text(data["name"]),
        components=components,
        name_en=_text(data.get("name_en", "")),
        field=_text(data.get("field", "")),
        levels=tuple(AdminLevel(level) for level in data.get("levels", [])),
        agency=_text(data.get("agency", "")),
        result_on_paper=_bool(data.get("result_on_paper", True), "result_on_paper"),
        cases=cases,
        alternatives=tuple(_alternative(a) for a in data.get("alternatives", [])),
        provenance=_legacy_provenance(data) if is_legacy(data) else _provenance(data),
        notes=_text(data.get("notes", "")),
    )


def _component(c: dict[str, Any]) -> Component:
    return Component(
        code=_text(c["code"]),
        name=_text(c["name"]),
        required=_bool(c.get("required", False), "required"),
        kind=ComponentKind(c.get("kind", "submitted")),
        name_en=_text(c.get("name_en", "")),
        note=_text(c.get("note", "")),
        required_in=_texts(c.get("required_in", [])),
        not_requested=_bool(c.get("not_requested", False), "not_requested"),
        basis=_text(c.get("basis", "")),
        title_phrases=_texts(c.get("title_phrases", [])),
    )


def _case(c: dict[str, Any]) -> Case:
    return Case(
        code=_text(c["code"]),
        name=_text(c["name"]),
        name_en=_text(c.get("name_en", "")),
        group=_text(c.get("group", "")),
        basis=_text(c.get("basis", "")),
        note=_text(c.get("note", "")),
    )


def _alternative(a: dict[str, Any]) -> Alternative:
    any_of = _texts(a["any_of"])
    if len(any_of) < 2:
        raise ValueError("an alternative names at least two components")
    return Alternative(
        any_of=any_of,
        cases=_texts(a.get("cases", [])),
        basis=_text(a.get("basis", "")),
        note=_text(a.get("note", "")),
    )


def _provenance(data: dict[str, Any]) -> Provenance:
    p = data["provenance"]
    return Provenance(
        documents=tuple(_document(d) for d in p.get("documents", [])),
        verified=_bool(p.get("verified", False), "verified"),
        verified_on=_date(p.get("verified_on")),
        verified_by=_text(p.get("verified_by", "")),
        reason=_text(p.get("reason", "")),
        valid_from=_date(p.get("valid_from")),
        valid_until=_date(p.get("valid_until")),
    )


def _document(d: dict[str, Any]) -> SourceDocument:
    return SourceDocument(
        title=_text(d["title"]),
        kind=SourceKind(d.get("kind", "code")),
        ref=_text(d.get("ref", "")),
        issued=_date(d.get("issued")),
        effective=_date(d.get("effective")),
        read_on=_date(d.get("read_on")),
        note=_text(d.get("note", "")),
    )


def _legacy_provenance(data: dict[str, Any]) -> Provenance:
    documents = tuple(SourceDocument(title=_text(s)) for s in data.get("sources", []))
    return Provenance(documents=documents, verified=False, reason=LEGACY_UNVERIFIED)


def procedure_to_dict(procedure: Procedure) -> dict[str, Any]:
    """Format 2, as the files are written; `catalog show --json` prints it."""
    p = procedure.provenance
    return {
        "format": FORMAT,
        "code": procedure.code,
        "name": procedure.name,
        "name_en": procedure.name_en,
        "field": procedure.field,
        "levels": [level.value for level in procedure.levels],
        "agency": procedure.agency,
        "result_on_paper": procedure.result_on_paper,
        "cases": [_drop_empty(vars(c)) for c in procedure.cases],
        "components": [_component_dict(c) for c in procedure.components],
        "alternatives": [
            _drop_empty({**vars(a), "any_of": list(a.any_of), "cases": list(a.cases)})
            for a in procedure.alternatives
        ],
        "provenance": {
            "verified": p.verified,
            "verified_on": _iso(p.verified_on),
            "verified_by": p.verified_by,
            "reason": p.reason,
            "valid_from": _iso(p.valid_from),
            "valid_until": _iso(p.valid_until),
            "documents": [_document_dict(d) for d in p.documents],
        },
        "notes": procedure.notes,
    }


def _component_dict(c: Component) -> dict[str, Any]:
    data = {
        "code": c.code,
        "name": c.name,
        "name_en": c.name_en,
        "kind": c.kind.value,
        "required": c.required,
        "required_in": list(c.required_in),
        "not_requested": c.not_requested,
        "basis": c.basis,
        "note": c.note,
        "title_phrases": list(c.title_phrases),
    }
    optional = {
        "required_in": [], "not_requested": False, "basis": "", "name_en": "", "title_phrases": []
    }  # fmt: skip
    return {k: v for k, v in data.items() if k not in optional or v != optional[k]}


def _document_dict(d: SourceDocument) -> dict[str, Any]:
    data = {
        "title": d.title,
        "kind": d.kind.value,
        "ref": d.ref,
        "issued": _iso(d.issued),
        "effective": _iso(d.effective),
        "read_on": _iso(d.read_on),
        "note": d.note,
    }
    return {k: v for k, v in data.items() if v not in (None, "")}


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (list(v) if isinstance(v, tuple) else v) for k, v in data.items() if v not in ("", ())
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None

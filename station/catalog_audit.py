"""Checking catalog files before a station trusts them, and comparing two catalogs.

Problems are codes with the file and procedure they concern; `ui/` words them. An error makes a
catalog unfit to ship; a warning is worth reading but does not block.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from station.catalog import (
    Catalog,
    catalog_files,
    is_legacy,
    procedure_from_dict,
    procedure_to_dict,
)
from station.errors import StationError
from station.model import ComponentKind, Procedure, SourceKind


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class ProblemKind(StrEnum):
    INVALID = "invalid"  # not JSON, or not the schema
    UNKNOWN_FIELD = "unknown_field"  # a key the format does not define (a typo?)
    DUPLICATE_CODE = "duplicate_code"  # two files of one source define the same procedure
    FILE_NAME = "file_name"  # the file is not named <code>.json
    ALTERNATIVE_UNKNOWN_COMPONENT = "alternative_unknown_component"
    ALTERNATIVE_RESULT_COMPONENT = "alternative_result_component"
    UNKNOWN_CASE = "unknown_case"  # required_in or an alternative names an undefined case
    NOT_REQUESTED_REQUIRED = "not_requested_required"  # must-not-request yet required
    NO_REQUIREMENT = "no_requirement"  # nothing submitted is ever required
    NO_RESULT = "no_result"
    EXPIRED = "expired"  # past valid_until
    NOT_YET_VALID = "not_yet_valid"
    VERIFIED_WITHOUT_PRIMARY = "verified_without_primary"
    UNVERIFIED_WITHOUT_REASON = "unverified_without_reason"
    LEGACY_FORMAT = "legacy_format"
    LOCAL_IGNORED = "local_ignored"  # an own file names a procedure the station's catalog holds


WARNINGS = {
    ProblemKind.FILE_NAME,
    ProblemKind.NOT_YET_VALID,
    ProblemKind.LEGACY_FORMAT,
    ProblemKind.NO_RESULT,
    ProblemKind.LOCAL_IGNORED,
}


@dataclass(frozen=True)
class Problem:
    path: str
    procedure: str  # "" when the file could not be read
    kind: ProblemKind
    detail: str = ""  # the offending code, field or date

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self.kind in WARNINGS else Severity.ERROR


_PROCEDURE_KEYS = {
    "format", "code", "name", "name_en", "field", "levels", "agency", "result_on_paper",
    "cases", "components", "alternatives", "provenance", "notes", "sources", "code_verified",
}  # fmt: skip
_COMPONENT_KEYS = {
    "code", "name", "name_en", "kind", "required", "required_in", "not_requested", "basis", "note",
    "title_phrases",
}  # fmt: skip
_CASE_KEYS = {"code", "name", "name_en", "group", "basis", "note"}
_ALTERNATIVE_KEYS = {"any_of", "cases", "basis", "note"}
_PROVENANCE_KEYS = {
    "verified", "verified_on", "verified_by", "reason", "valid_from", "valid_until", "documents",
}  # fmt: skip
_DOCUMENT_KEYS = {"title", "kind", "ref", "issued", "effective", "read_on", "note"}
_VERIFYING = {SourceKind.PRIMARY, SourceKind.ANNOUNCING}


def check_catalog(sources: Iterable[Path], today: date) -> list[Problem]:
    """Every problem in the files of `sources` (directories or single files)."""
    problems: list[Problem] = []
    for source in sources:
        seen: dict[str, str] = {}
        for path in catalog_files(source):
            found, procedure = _check_file(path, today)
            problems.extend(found)
            if procedure is None:
                continue
            if procedure.code in seen:
                problems.append(
                    Problem(
                        str(path), procedure.code, ProblemKind.DUPLICATE_CODE, seen[procedure.code]
                    )
                )
            seen.setdefault(procedure.code, str(path))
    return problems


def _check_file(path: Path, today: date) -> tuple[list[Problem], Procedure | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        procedure = procedure_from_dict(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, StationError) as exc:
        return [Problem(str(path), "", ProblemKind.INVALID, str(exc))], None
    problems = [
        Problem(str(path), procedure.code, kind, detail)
        for kind, detail in [*_field_problems(data), *check_procedure(procedure, today)]
    ]
    if path.stem != procedure.code:
        problems.append(Problem(str(path), procedure.code, ProblemKind.FILE_NAME, path.name))
    if is_legacy(data):
        problems.append(Problem(str(path), procedure.code, ProblemKind.LEGACY_FORMAT))
    return problems, procedure


def _field_problems(data: dict[str, Any]) -> list[tuple[ProblemKind, str]]:
    def unknown(item: Any, allowed: set[str], where: str) -> list[tuple[ProblemKind, str]]:
        keys = item.keys() if isinstance(item, dict) else []
        return [(ProblemKind.UNKNOWN_FIELD, f"{where}{k}") for k in keys if k not in allowed]

    found = unknown(data, _PROCEDURE_KEYS, "")
    for c in data.get("components", []):
        found += unknown(c, _COMPONENT_KEYS, f"components[{c.get('code')}].")
    for c in data.get("cases", []):
        found += unknown(c, _CASE_KEYS, f"cases[{c.get('code')}].")
    for a in data.get("alternatives", []):
        found += unknown(a, _ALTERNATIVE_KEYS, "alternatives.")
    provenance = data.get("provenance", {})
    found += unknown(provenance, _PROVENANCE_KEYS, "provenance.")
    for d in provenance.get("documents", []) if isinstance(provenance, dict) else []:
        found += unknown(d, _DOCUMENT_KEYS, "provenance.documents.")
    return found


def check_procedure(procedure: Procedure, today: date) -> list[tuple[ProblemKind, str]]:
    """Problems of one loaded entry, as (kind, detail)."""
    found: list[tuple[ProblemKind, str]] = []
    codes = {c.code: c for c in procedure.components}
    case_codes = {c.code for c in procedure.cases}
    flags = {c.code for c in procedure.cases if not c.group}  # the clerk's notes may stand in
    for alternative in procedure.alternatives:
        for code in alternative.any_of:
            if code in flags:
                continue
            if code not in codes:
                found.append((ProblemKind.ALTERNATIVE_UNKNOWN_COMPONENT, code))
            elif codes[code].kind is ComponentKind.RESULT:
                found.append((ProblemKind.ALTERNATIVE_RESULT_COMPONENT, code))
            elif codes[code].not_requested:
                found.append((ProblemKind.NOT_REQUESTED_REQUIRED, code))
        found += [(ProblemKind.UNKNOWN_CASE, c) for c in alternative.cases if c not in case_codes]
    for component in procedure.components:
        found += [
            (ProblemKind.UNKNOWN_CASE, c) for c in component.required_in if c not in case_codes
        ]
        if component.not_requested and (component.required or component.required_in):
            found.append((ProblemKind.NOT_REQUESTED_REQUIRED, component.code))
    if not procedure.requirements:
        found.append((ProblemKind.NO_REQUIREMENT, ""))
    if not any(c.kind is ComponentKind.RESULT for c in procedure.components):
        found.append((ProblemKind.NO_RESULT, ""))
    found += _provenance_problems(procedure, today)
    return found


def _provenance_problems(procedure: Procedure, today: date) -> list[tuple[ProblemKind, str]]:
    p = procedure.provenance
    found: list[tuple[ProblemKind, str]] = []
    if p.valid_until and p.valid_until < today:
        found.append((ProblemKind.EXPIRED, p.valid_until.isoformat()))
    if p.valid_from and p.valid_from > today:
        found.append((ProblemKind.NOT_YET_VALID, p.valid_from.isoformat()))
    if p.verified:
        read = [d for d in p.documents if d.kind in _VERIFYING and d.read_on]
        if not read or not p.verified_on or not p.verified_by:
            found.append((ProblemKind.VERIFIED_WITHOUT_PRIMARY, ""))
    elif not p.reason:
        found.append((ProblemKind.UNVERIFIED_WITHOUT_REASON, ""))
    return found


# ---- diff -------------------------------------------------------------------------------------


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Change:
    procedure: str
    kind: ChangeKind
    item: str  # "" = the whole procedure; "components[TP2].required", "cases[thue]"…
    old: Any = None
    new: Any = None


_KEYED_LISTS = {"components": "code", "cases": "code", "documents": "title"}


def diff_catalogs(old: Catalog, new: Catalog) -> list[Change]:
    changes: list[Change] = []
    for code in sorted(old.procedures.keys() | new.procedures.keys()):
        if code not in new.procedures:
            changes.append(Change(code, ChangeKind.REMOVED, ""))
        elif code not in old.procedures:
            changes.append(Change(code, ChangeKind.ADDED, ""))
        else:
            changes += _diff_procedure(code, old.procedures[code], new.procedures[code])
    return changes


def _diff_procedure(code: str, old: Procedure, new: Procedure) -> list[Change]:
    before = _flatten(procedure_to_dict(old))
    after = _flatten(procedure_to_dict(new))
    changes: list[Change] = []
    for element, (b_items, a_items) in _elements(before, after).items():
        if not a_items:
            changes.append(Change(code, ChangeKind.REMOVED, element))
        elif not b_items:
            changes.append(Change(code, ChangeKind.ADDED, element))
        else:
            for path in sorted(b_items.keys() | a_items.keys()):
                if b_items.get(path) != a_items.get(path):
                    kind = ChangeKind.CHANGED
                    if path not in b_items:
                        kind = ChangeKind.ADDED
                    elif path not in a_items:
                        kind = ChangeKind.REMOVED
                    changes.append(Change(code, kind, path, b_items.get(path), a_items.get(path)))
    return changes


def _elements(
    before: dict[str, Any], after: dict[str, Any]
) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Paths grouped by the keyed element they belong to ("components[TP2]"), or by themselves."""
    grouped: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for side, flat in enumerate((before, after)):
        for path, value in flat.items():
            element = path.split("].", 1)[0] + "]" if "[" in path else path
            grouped.setdefault(element, ({}, {}))[side][path] = value
    return grouped


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        flat: dict[str, Any] = {}
        for key, value in data.items():
            flat.update(_flatten(value, f"{prefix}{key}" if not prefix else f"{prefix}.{key}"))
        return flat
    if isinstance(data, list) and data and all(isinstance(v, dict) for v in data):
        name = prefix.rsplit(".", 1)[-1]
        key_field = _KEYED_LISTS.get(name)
        flat = {}
        for index, item in enumerate(data):
            key = item.get(key_field) if key_field else None
            if key is None and "any_of" in item:
                key = "|".join(item["any_of"])
            flat.update(_flatten(item, f"{prefix}[{key if key is not None else index}]"))
        return flat
    if isinstance(data, list):
        return {prefix: ", ".join(str(v) for v in data)} if data else {}
    return {prefix: data}

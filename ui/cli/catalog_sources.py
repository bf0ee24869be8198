"""What `sohoa catalog check` and `diff` read besides files of procedures: the province's
versions this station keeps (signed, `sohoa-catalog/1`) and its built-in catalogs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from app.context import AppContext, province_catalog_dir
from station.catalog import Catalog, load_catalog, procedure_from_dict
from station.catalog_audit import Problem, ProblemKind, check_procedure
from station.catalog_bundle import FORMAT as BUNDLE_FORMAT
from station.errors import ErrorCode, StationError
from ui.messages import error_text


def province_problems(app: AppContext, day: date) -> tuple[str, list[Problem]]:
    """(the file of the province's version in use, "" without one; its problems)."""
    versions = app.catalog_versions()
    name = versions.current_name() if versions else ""
    if versions is None or not name:
        return "", []
    path = str(province_catalog_dir(app.home) / f"{name}.json")
    try:
        bundle = versions.get(name)
    except StationError as error:
        return path, [Problem(path, "", ProblemKind.INVALID, error_text(error)[1])]
    return path, [
        Problem(path, p.code, kind, detail)
        for p in bundle.procedures
        for kind, detail in check_procedure(p, day)
    ]


def split_sources(sources: list[Path], day: date) -> tuple[list[Path], list[Problem]]:
    """(the files and folders of procedures; the problems of the signed versions' files among
    `sources`, whose procedures are checked one by one)."""
    plain = [s for s in sources if not (s.is_file() and _is_bundle(s))]
    found: list[Problem] = []
    for path in (s for s in sources if s not in plain):
        try:
            procedures = list(_bundle_file(path))
        except StationError as error:
            found.append(Problem(str(path), "", ProblemKind.INVALID, error_text(error)[1]))
            continue
        found += [
            Problem(str(path), p.code, kind, detail)
            for p in procedures
            for kind, detail in check_procedure(p, day)
        ]
    return plain, found


def catalog_source(app: AppContext, text: str) -> Catalog:
    """A directory or file of procedures, a signed version's file, or a kept version's name."""
    path = Path(text)
    if not path.exists():
        return app.catalogs.named(text)
    if path.is_file() and _is_bundle(path):
        return _bundle_file(path)
    return load_catalog([path])


def _is_bundle(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False  # load_catalog says what is wrong with it
    return isinstance(data, dict) and data.get("format") == BUNDLE_FORMAT


def _bundle_file(path: Path) -> Catalog:
    """The procedures of a version's file as they stand; what is compared is read, not
    trusted: only `sohoa catalog update` applies a version."""
    document = json.loads(path.read_text(encoding="utf-8"))
    try:
        procedures = [procedure_from_dict(p) for p in document.get("procedures", [])]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StationError(ErrorCode.CATALOG_INVALID, path=str(path), detail=str(exc)) from exc
    return Catalog({p.code: p for p in procedures}, str(document.get("version", "")))

"""What a finish receipt says besides the files, in words rather than labels: the procedure,
the cases the clerk chose, the catalog version the dossier was checked against and what was
missing ("TP2|TP3" becomes one of two named papers, "undecided:cho_o" the group's cases).
Qt-free: the window's receipt and `sohoa dossier finish` both word it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from station.catalog import Catalog, split_version
from station.catalog_builtin import is_built_in
from station.model import Dossier, Procedure
from station.workflow.checks import UNDECIDED, group_cases


@dataclass(frozen=True)
class Named:
    code: str
    name: str  # Vietnamese, as the catalog says; the code when the catalog has no such item
    name_en: str = ""


class UnmetKind(StrEnum):
    PAPER = "paper"  # a required component without pages
    ONE_OF = "one_of"  # none of the papers of an alternative
    NO_CASE = "no_case"  # a group of cases where none was chosen
    UNKNOWN_CASE = "unknown_case"
    TWO_CASES = "two_cases"  # two cases of one group


@dataclass(frozen=True)
class Unmet:
    kind: UnmetKind
    items: tuple[Named, ...]  # the paper(s), or the cases of the group
    group: str = ""


@dataclass(frozen=True)
class ReceiptDetails:
    procedure: Named
    catalog_version: str  # as recorded; "" from a release before the built-in catalog's name
    built_in: bool
    cases: tuple[Named, ...]
    missing: tuple[Unmet, ...]


def receipt_details(catalog: Catalog, dossier: Dossier, missing: Iterable[str]) -> ReceiptDetails:
    procedure = catalog.for_version(dossier.catalog_version).get(dossier.procedure_code)
    return ReceiptDetails(
        procedure=Named(procedure.code, procedure.name, procedure.name_en),
        catalog_version=dossier.catalog_version,
        built_in=is_built_in(split_version(dossier.catalog_version)[0]),
        cases=tuple(_named(procedure, code) for code in dossier.cases),
        missing=tuple(unmet(procedure, label) for label in missing),
    )


def unmet(procedure: Procedure, label: str) -> Unmet:
    """One label of `missing_components`, named."""
    if label.startswith(UNDECIDED):
        group = label.removeprefix(UNDECIDED)
        cases = tuple(_named(procedure, c) for c in group_cases(procedure, group))
        return Unmet(UnmetKind.NO_CASE, cases, group)
    if label.startswith("cases:"):
        group = label.removeprefix("cases:")
        cases = tuple(_named(procedure, c) for c in group_cases(procedure, group))
        return Unmet(UnmetKind.TWO_CASES, cases, group)
    if label.startswith("case:"):
        return Unmet(UnmetKind.UNKNOWN_CASE, (Named(label.removeprefix("case:"), ""),))
    codes = label.split("|")
    kind = UnmetKind.ONE_OF if len(codes) > 1 else UnmetKind.PAPER
    return Unmet(kind, tuple(_named(procedure, code) for code in codes))


def _named(procedure: Procedure, code: str) -> Named:
    """A component or a case of the procedure (an alternative may name a case: the clerk's
    note that the relationship is already in the national database)."""
    for component in procedure.components:
        if component.code == code:
            return Named(code, component.name, component.name_en)
    for case in procedure.cases:
        if case.code == code:
            return Named(code, case.name, case.name_en)
    return Named(code, code)


def cli_lines(details: ReceiptDetails) -> list[str]:
    """The receipt's lines for `sohoa dossier finish`, Vietnamese / English."""
    p = details.procedure
    lines = [f"  Thủ tục / Procedure: {p.code} — {p.name}"]
    if details.cases:
        names = "; ".join(f"{c.name} ({c.code})" for c in details.cases)
        lines.append(f"  Trường hợp / Cases: {names}")
    lines.append(f"  Danh mục / Catalog: {catalog_words(details)}")
    if details.missing:
        lines.append("  Thiếu / Missing:")
        lines += [f"    - {unmet_words(u)}" for u in details.missing]
    return lines


def catalog_words(details: ReceiptDetails) -> str:
    version = details.catalog_version
    if not details.built_in:
        return f"tỉnh / province's {version}"
    return f"mặc định / built-in ({version})" if version else "mặc định / built-in"


def unmet_words(item: Unmet) -> str:
    papers = [f"{n.code} {n.name}" if n.name != n.code else n.code for n in item.items]
    cases = ", ".join(n.name for n in item.items)
    if item.kind is UnmetKind.PAPER:
        return papers[0]
    if item.kind is UnmetKind.ONE_OF:
        return "một trong / one of: " + " hoặc / or ".join(papers)
    if item.kind is UnmetKind.NO_CASE:
        return f"chưa chọn trường hợp / no case chosen ({item.group}): {cases}"
    if item.kind is UnmetKind.TWO_CASES:
        return f"chọn hai trường hợp cùng nhóm / two cases chosen ({item.group}): {cases}"
    return f"trường hợp không có / unknown case: {item.items[0].code}"

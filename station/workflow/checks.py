"""What must hold before a dossier is finished; each failure is a StationError code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from station.catalog import Catalog
from station.errors import ErrorCode, StationError
from station.model import Component, ComponentKind, Dossier, DossierState, Page, Procedure


def procedure_of(catalog: Catalog, dossier: Dossier) -> Procedure:
    """A draft dossier (scanned before its code was known) has no procedure yet."""
    if not dossier.procedure_code:
        raise StationError(ErrorCode.DOSSIER_WITHOUT_PROCEDURE, code=dossier.code)
    return catalog.for_version(dossier.catalog_version).get(dossier.procedure_code)


def check_open(dossier: Dossier) -> None:
    if dossier.state is not DossierState.OPEN:
        raise StationError(ErrorCode.DOSSIER_FINISHED, code=dossier.code)


def check_finishable(dossier: Dossier, procedure: Procedure, pages: list[Page]) -> None:
    if not pages:
        raise StationError(ErrorCode.DOSSIER_EMPTY, code=dossier.code)
    untagged = [p.order for p in pages if p.component_code is None]
    if untagged:
        raise StationError(
            ErrorCode.UNTAGGED_PAGES,
            code=dossier.code,
            count=len(untagged),
            pages=", ".join(str(order) for order in untagged),
        )
    for page in pages:
        if procedure.component(page.component_code or "") is None:
            raise StationError(
                ErrorCode.UNKNOWN_COMPONENT, procedure=procedure.code, code=page.component_code
            )
    check_annotated_pairs(dossier.code, pages)


def check_annotated_pairs(dossier_code: str, pages: list[Page]) -> None:
    """An annotated copy is followed by its clean scan: same component, not annotated itself."""
    for page, after in zip(pages, [*pages[1:], None], strict=True):
        if not page.annotated:
            continue
        paired = (
            after is not None
            and not after.annotated
            and after.component_code == page.component_code
        )
        if not paired:
            raise StationError(
                ErrorCode.ANNOTATED_PAGE_UNPAIRED, code=dossier_code, order=page.order
            )


@dataclass(frozen=True)
class Missing:
    """A requirement unmet: one of `any_of`, required because of `case` ("" = always). An
    alternative may name a flag case as well as papers (the clerk's note that the registry
    holds the data already): ticking it meets the requirement."""

    any_of: tuple[str, ...]
    case: str = ""

    @property
    def label(self) -> str:
        return "|".join(self.any_of)  # "TP2|TP3": either paper would do


@dataclass(frozen=True)
class RequirementReport:
    """What Finish knows about a dossier's papers against its procedure and chosen cases."""

    missing: tuple[Missing, ...] = ()
    unknown_cases: tuple[str, ...] = ()  # chosen but not defined by the procedure
    conflicting_groups: tuple[str, ...] = ()  # groups with more than one chosen case
    undecided_groups: tuple[str, ...] = ()  # groups with no case chosen: their rules are unchecked
    not_requested_tagged: tuple[str, ...] = ()  # pages on papers the registry must not ask for

    @property
    def complete(self) -> bool:
        return not (
            self.missing or self.unknown_cases or self.conflicting_groups or self.undecided_groups
        )


def check_requirements(
    procedure: Procedure, pages: list[Page], cases: Iterable[str] = ()
) -> RequirementReport:
    """Requirements of the submitted papers in the chosen cases. The result (kết quả) is issued
    later, so a dossier finished at reception never needs it; a component the registry must not
    request is never missing."""
    chosen = tuple(dict.fromkeys(cases))
    tagged = {page.component_code for page in pages}
    met = tagged | set(chosen)  # papers, and the flags ticked
    never = {c.code for c in procedure.components if c.not_requested}
    missing = []
    for requirement in procedure.requirements:
        applies = not requirement.cases or any(c in chosen for c in requirement.cases)
        wanted = tuple(code for code in requirement.any_of if code not in never)
        if applies and wanted and not met & set(wanted):
            because = next((c for c in requirement.cases if c in chosen), "")
            missing.append(Missing(wanted, because))
    groups = dict.fromkeys(c.group for c in procedure.cases if c.group)
    picked = {g: [c for c in procedure.cases if c.group == g and c.code in chosen] for g in groups}
    return RequirementReport(
        missing=tuple(missing),
        unknown_cases=tuple(c for c in chosen if procedure.case(c) is None),
        conflicting_groups=tuple(g for g in groups if len(picked[g]) > 1),
        undecided_groups=tuple(g for g in groups if not picked[g]),
        not_requested_tagged=tuple(
            c.code for c in procedure.components if c.not_requested and c.code in tagged
        ),
    )


def undecided_groups(procedure: Procedure, cases: Iterable[str] = ()) -> tuple[str, ...]:
    """Groups of the procedure with no case chosen: the papers their cases ask for are unknown,
    so Finish refuses them like a missing paper."""
    return check_requirements(procedure, [], cases).undecided_groups


def group_cases(procedure: Procedure, group: str) -> tuple[str, ...]:
    """The codes of a group's cases, in the procedure's order: what the clerk chooses from."""
    return tuple(c.code for c in procedure.cases if c.group == group)


def groups_with_cases(procedure: Procedure, groups: Iterable[str]) -> str:
    """The codes a refusal or a warning names: "cho_o (so_huu, ve_o_voi_gia_dinh, …)"."""
    return "; ".join(f"{g} ({', '.join(group_cases(procedure, g))})" for g in groups)


def missing_components(
    procedure: Procedure, pages: list[Page], cases: Iterable[str] = ()
) -> list[str]:
    """Labels of the unmet requirements ("TP1", "TP2|TP3"); a case the procedure does not know
    is reported as "case:<code>" so that a mistyped case never passes silently, a group with
    two cases as "cases:<group>" and a group with none as "undecided:<group>"."""
    report = check_requirements(procedure, pages, cases)
    return [
        *(m.label for m in report.missing),
        *(f"case:{code}" for code in report.unknown_cases),
        *(f"cases:{group}" for group in report.conflicting_groups),
        *(f"{UNDECIDED}{group}" for group in report.undecided_groups),
    ]


UNDECIDED = "undecided:"  # the label prefix of a group with no case chosen


def is_undecided(label: str) -> bool:
    return label.startswith(UNDECIDED)


def undecided_in(labels: Iterable[str]) -> list[str]:
    """The groups behind the "undecided:<group>" labels of `missing_components`."""
    return [label.removeprefix(UNDECIDED) for label in labels if is_undecided(label)]


class Need(StrEnum):
    """How the checklist shows a component for the chosen cases."""

    REQUIRED = "required"  # on its own, always or in a chosen case
    ONE_OF = "one_of"  # one of an alternative that applies
    OPTIONAL = "optional"  # tùy trường hợp: never missing
    NOT_REQUESTED = "not_requested"  # the registry must not ask for it
    RESULT = "result"  # issued later; never missing at reception


@dataclass(frozen=True)
class ComponentNeed:
    code: str
    need: Need
    missing: bool  # required now and unmet (for ONE_OF: no paper of the alternative has pages)
    one_of: tuple[str, ...] = ()  # the alternative's components, for ONE_OF
    case: str = ""  # the chosen case that makes it required, if any
    or_flags: tuple[str, ...] = ()  # flag cases that meet the alternative instead, for ONE_OF


def component_needs(
    procedure: Procedure, pages: list[Page], cases: Iterable[str] = ()
) -> list[ComponentNeed]:
    """One row per component, in checklist order: what the dossier-open screen and the
    checklist show for the chosen cases. Agrees with `check_requirements`."""
    tagged = {page.component_code for page in pages}
    chosen = set(cases)
    met = tagged | chosen
    never = {c.code for c in procedure.components if c.not_requested}
    case_codes = {c.code for c in procedure.cases}
    rows = []
    for c in procedure.components:
        in_case = next((k for k in c.required_in if k in chosen), "")
        applying = [
            a for a in procedure.alternatives_with(c.code) if not a.cases or chosen & set(a.cases)
        ]
        if c.kind is ComponentKind.RESULT:
            rows.append(ComponentNeed(c.code, Need.RESULT, False))
        elif c.not_requested:
            rows.append(ComponentNeed(c.code, Need.NOT_REQUESTED, False))
        elif c.required or in_case:
            rows.append(ComponentNeed(c.code, Need.REQUIRED, c.code not in tagged, case=in_case))
        elif applying:
            wanted = [code for code in applying[0].any_of if code not in never]
            one_of = tuple(code for code in wanted if code not in case_codes)
            or_flags = tuple(code for code in wanted if code in case_codes)
            unmet = any(not met & (set(a.any_of) - never) for a in applying)
            case = next((k for k in applying[0].cases if k in chosen), "")
            rows.append(ComponentNeed(c.code, Need.ONE_OF, unmet, one_of, case, or_flags))
        else:
            rows.append(ComponentNeed(c.code, Need.OPTIONAL, False))
    return rows


def pages_by_component(
    procedure: Procedure, pages: list[Page]
) -> list[tuple[Component, list[Page]]]:
    """Components that have pages, in the procedure's order; pages in the dossier's order."""
    return [
        (component, found)
        for component in procedure.components
        if (found := [p for p in pages if p.component_code == component.code])
    ]

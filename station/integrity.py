"""`sohoa check`: the store's integrity, as a list of problems (empty = clean)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from station.model import PageIntegrity
from station.store import RecoveryReport, Store
from station.store.permissions import find_wide_permissions


class ProblemKind(StrEnum):
    DATABASE = "database"
    PAGE_MISSING = "page_missing"
    PAGE_CORRUPT = "page_corrupt"
    PERMISSIONS = "permissions"  # other users of the machine could read citizens' data


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    subject: str
    detail: str = ""


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    recovery: RecoveryReport = field(default_factory=RecoveryReport)
    dossiers: int = 0
    pages: int = 0

    @property
    def clean(self) -> bool:
        return not self.problems


def check_store(store: Store) -> CheckReport:
    report = CheckReport(recovery=store.recovery)
    report.problems.extend(
        Problem(ProblemKind.DATABASE, "station.db", d) for d in store.database_problems()
    )
    pages = {page.id: page for page in store.all_pages()}
    for page_id, state in sorted(store.verify_all_pages().items()):
        page = pages[page_id]
        kind = (
            ProblemKind.PAGE_MISSING if state is PageIntegrity.MISSING else ProblemKind.PAGE_CORRUPT
        )
        subject = f"{page.dossier_code} #{page.order}"
        report.problems.append(Problem(kind, subject, page.original.path))
    report.problems.extend(
        Problem(ProblemKind.PERMISSIONS, str(f.path), f"{f.mode:o} (> {f.allowed:o})")
        for f in find_wide_permissions(store.layout.home)
    )
    report.dossiers = len(store.dossiers())
    report.pages = len(pages)
    return report

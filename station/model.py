"""The domain model: plain, immutable dataclasses with no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any


def utc_now() -> datetime:
    return datetime.now(UTC)


class AdminLevel(StrEnum):
    """Two-tier local government since 1/7/2025; `district` survives only in legacy data."""

    PROVINCE = "province"
    COMMUNE = "commune"
    DISTRICT = "district"


class ComponentKind(StrEnum):
    SUBMITTED = "submitted"  # thành phần hồ sơ nộp
    RESULT = "result"  # kết quả giải quyết


class FileOrigin(StrEnum):
    """Where a dossier file's content came from."""

    SCANNED = "scanned"  # built by the station from pages scanned or imported at the counter
    ELECTRONIC = "electronic"  # an agency-issued PDF result, kept byte for byte


class DossierState(StrEnum):
    OPEN = "open"
    FINISHED = "finished"
    SYNCED = "synced"


class PageIntegrity(StrEnum):
    OK = "ok"
    MISSING = "missing"
    CORRUPT = "corrupt"


@dataclass(frozen=True)
class Station:
    id: str
    name: str
    agency_code: str
    level: AdminLevel = AdminLevel.COMMUNE
    province_code: str = ""
    commune_code: str = ""
    legacy_district_code: str = ""


class SourceKind(StrEnum):
    """How close a source is to the law: only PRIMARY and ANNOUNCING can verify an entry."""

    PRIMARY = "primary"  # the regulation's own text
    ANNOUNCING = "announcing"  # the quyết định công bố TTHC, or the national TTHC database page
    SECONDARY = "secondary"  # a reliable summary (press, legal portals, ministry answers)
    CODE = "code"  # seen in public code, not an official source


@dataclass(frozen=True)
class SourceDocument:
    title: str
    kind: SourceKind = SourceKind.CODE
    ref: str = ""  # address, or where the copy that was read lives
    issued: date | None = None
    effective: date | None = None
    read_on: date | None = None  # None: cited by another source, not read for this entry
    note: str = ""


@dataclass(frozen=True)
class Provenance:
    """Where an entry comes from and whether its content was checked against the law."""

    documents: tuple[SourceDocument, ...] = ()
    verified: bool = False
    verified_on: date | None = None
    verified_by: str = ""
    reason: str = ""  # why it is not verified, or what the verification covered
    valid_from: date | None = None
    valid_until: date | None = None  # the entry stops applying after this day


@dataclass(frozen=True)
class Case:
    """A named situation (trường hợp) the clerk picks when opening the dossier. Cases sharing a
    `group` exclude each other (one kind of dwelling); a case without a group is a flag."""

    code: str
    name: str
    name_en: str = ""
    group: str = ""
    basis: str = ""  # the article that defines the case
    note: str = ""


@dataclass(frozen=True)
class Alternative:
    """At least one of `any_of` must be submitted: the law accepts either paper."""

    any_of: tuple[str, ...]
    cases: tuple[str, ...] = ()  # applies only in these cases; empty = in every case
    basis: str = ""
    note: str = ""


@dataclass(frozen=True)
class Component:
    code: str
    name: str
    required: bool  # required in every case, on its own
    kind: ComponentKind = ComponentKind.SUBMITTED
    name_en: str = ""
    note: str = ""
    required_in: tuple[str, ...] = ()  # case codes in which it is required
    not_requested: bool = False  # the registry must not ask for it (it looks the data up)
    basis: str = ""
    # Title lines of its usual forms ("TỜ KHAI ĐĂNG KÝ KHAI SINH"): a page whose text shows
    # one is suggested for this component (station/suggest.py)
    title_phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Requirement:
    """One thing Finish checks: a page tagged to one of `any_of`, when one of `cases` is chosen
    (or always, when `cases` is empty)."""

    any_of: tuple[str, ...]
    cases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    components: tuple[Component, ...]
    name_en: str = ""
    field: str = ""
    levels: tuple[AdminLevel, ...] = ()
    agency: str = ""
    result_on_paper: bool = True
    cases: tuple[Case, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    provenance: Provenance = Provenance()
    notes: str = ""

    def component(self, code: str) -> Component | None:
        return next((c for c in self.components if c.code == code), None)

    def case(self, code: str) -> Case | None:
        return next((c for c in self.cases if c.code == code), None)

    def alternatives_with(self, code: str) -> tuple[Alternative, ...]:
        """The alternatives a component belongs to, for a checklist that shows "one of"."""
        return tuple(a for a in self.alternatives if code in a.any_of)

    @property
    def required_components(self) -> tuple[Component, ...]:
        """Components required in every case on their own (alternatives and cases aside)."""
        return tuple(c for c in self.components if c.required)

    @property
    def requirements(self) -> tuple[Requirement, ...]:
        """Every requirement on submitted papers, in checklist order; results come later."""
        submitted = [c for c in self.components if c.kind is ComponentKind.SUBMITTED]
        found: list[Requirement] = []
        for component in submitted:
            if component.required:
                found.append(Requirement((component.code,)))
            elif component.required_in:
                found.append(Requirement((component.code,), component.required_in))
        found.extend(Requirement(a.any_of, a.cases) for a in self.alternatives)
        return tuple(found)

    @property
    def code_verified(self) -> bool:
        return self.provenance.verified

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(d.ref or d.title for d in self.provenance.documents)


@dataclass(frozen=True)
class Dossier:
    code: str  # as the provincial system gives it, never rewritten
    procedure_code: str
    received_at: datetime
    applicant_name: str = ""
    applicant_id_number: str = ""
    state: DossierState = DossierState.OPEN
    station_id: str = ""
    clerk_id: str = ""
    created_at: datetime = field(default_factory=utc_now)
    updated_at: datetime = field(default_factory=utc_now)
    finished_at: datetime | None = None
    override_reason: str = ""  # why it was finished with required components missing
    cases: tuple[str, ...] = ()  # the procedure's cases (trường hợp) that apply, as chosen
    result_finished_at: datetime | None = None  # the latest result finish (kết quả số hóa)
    result_intake: tuple[str, ...] = ()  # result components it takes pages for after finishing
    catalog_version: str = ""  # the province's catalog version it follows; "" = built-in


@dataclass(frozen=True)
class ImageFile:
    """An immutable image on disk; `path` is relative to the data directory."""

    path: str
    sha256: str
    size: int
    media_type: str


@dataclass(frozen=True)
class Transform:
    """One non-destructive edit (rotate, crop, deskew…) replayed on the original."""

    kind: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    id: str
    dossier_code: str
    order: int
    original: ImageFile
    dpi: int
    component_code: str | None = None  # None = not yet tagged
    source_device: str = ""
    paper_size: str = ""
    transforms: tuple[Transform, ...] = ()
    processed: ImageFile | None = None
    integrity: PageIntegrity = PageIntegrity.OK
    created_at: datetime = field(default_factory=utc_now)
    updated_at: datetime = field(default_factory=utc_now)
    # The annotated copy of the page that follows it, its clean scan (TT 01/2023 Điều 8).
    annotated: bool = False
    analysed_profile: str | None = None  # the profile whose analysis `transforms` hold
    deleted_at: datetime | None = None  # soft delete: the files stay, so it can be undone
    dpi_source: str = "device"  # 'device', 'file', or a guess: 'inferred', 'assumed'
    file_dpi: int | None = None  # what an imported file claimed, when that was not believed
    result: bool = False  # added to the finished dossier as its result (trả kết quả)
    addendum_id: str | None = None  # the result finish that filed it; None: not filed yet
    part_of: str | None = None  # a part of a sheet scanned in parts: the page stitched from it
    side: str = ""  # the sheet's side a scan took it from, 'front' or 'back'; '' for an import

    @property
    def dpi_guessed(self) -> bool:
        return self.dpi_source not in ("device", "file")

    @property
    def sha256(self) -> str:
        return self.original.sha256

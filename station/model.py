"""The domain model: plain, immutable dataclasses with no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
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


@dataclass(frozen=True)
class Component:
    code: str
    name: str
    required: bool
    kind: ComponentKind = ComponentKind.SUBMITTED
    name_en: str = ""
    note: str = ""


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
    code_verified: bool = False
    sources: tuple[str, ...] = ()

    def component(self, code: str) -> Component | None:
        return next((c for c in self.components if c.code == code), None)

    @property
    def required_components(self) -> tuple[Component, ...]:
        return tuple(c for c in self.components if c.required)


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

    @property
    def sha256(self) -> str:
        return self.original.sha256

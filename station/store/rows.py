"""Convert between SQLite rows and model dataclasses."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from station.model import (
    AdminLevel,
    Dossier,
    DossierState,
    ImageFile,
    Page,
    PageIntegrity,
    Station,
    Transform,
)


def to_text(moment: datetime) -> str:
    return moment.isoformat()


def to_datetime(text: str) -> datetime:
    return datetime.fromisoformat(text)


def to_optional_datetime(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def station_from_row(row: sqlite3.Row) -> Station:
    return Station(
        id=row["id"],
        name=row["name"],
        agency_code=row["agency_code"],
        level=AdminLevel(row["level"]),
        province_code=row["province_code"],
        commune_code=row["commune_code"],
        legacy_district_code=row["legacy_district_code"],
    )


def dossier_from_row(row: sqlite3.Row) -> Dossier:
    return Dossier(
        code=row["code"],
        procedure_code=row["procedure_code"],
        received_at=to_datetime(row["received_at"]),
        applicant_name=row["applicant_name"],
        applicant_id_number=row["applicant_id_number"],
        state=DossierState(row["state"]),
        station_id=row["station_id"],
        clerk_id=row["clerk_id"],
        created_at=to_datetime(row["created_at"]),
        updated_at=to_datetime(row["updated_at"]),
        finished_at=to_optional_datetime(row["finished_at"]),
        override_reason=row["override_reason"],
        cases=tuple(json.loads(row["cases"])),
        result_finished_at=to_optional_datetime(row["result_finished_at"]),
        result_intake=tuple(json.loads(row["result_intake"])),
        catalog_version=row["catalog_version"],
    )


def transforms_to_json(transforms: tuple[Transform, ...]) -> str:
    return json.dumps([{"kind": t.kind, "params": t.params} for t in transforms])


def transforms_from_json(text: str) -> tuple[Transform, ...]:
    return tuple(Transform(item["kind"], dict(item.get("params", {}))) for item in json.loads(text))


def page_from_row(row: sqlite3.Row) -> Page:
    processed = None
    if row["processed_path"]:
        processed = ImageFile(
            row["processed_path"],
            row["processed_sha256"],
            row["processed_size"],
            row["processed_media_type"],
        )
    return Page(
        id=row["id"],
        dossier_code=row["dossier_code"],
        order=row["ord"],
        original=ImageFile(
            row["original_path"],
            row["original_sha256"],
            row["original_size"],
            row["original_media_type"],
        ),
        dpi=row["dpi"],
        component_code=row["component_code"],
        source_device=row["source_device"],
        paper_size=row["paper_size"],
        transforms=transforms_from_json(row["transforms"]),
        processed=processed,
        integrity=PageIntegrity(row["integrity"]),
        created_at=to_datetime(row["created_at"]),
        updated_at=to_datetime(row["updated_at"]),
        annotated=bool(row["annotated"]),
        analysed_profile=row["analysed_profile"],
        deleted_at=to_optional_datetime(row["deleted_at"]),
        dpi_source=row["dpi_source"],
        file_dpi=row["file_dpi"],
        result=bool(row["result"]),
        addendum_id=row["addendum_id"],
        part_of=row["part_of"],
        side=row["side"],
    )

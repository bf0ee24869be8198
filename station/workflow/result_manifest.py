"""The result manifest: what a result finish added to a dossier, written as JSON beside the
dossier's finished files so that the upload queue can send it after the files it names.

Its `addendum_id` is a digest of the dossier code and each file's component and sha256: the
same result always gets the same id (a resend is recognised), a different one never does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from station.model import FileOrigin

SCHEMA = "sohoa.result/1"


@dataclass(frozen=True)
class ResultFile:
    component_code: str
    component_name: str
    file_name: str
    sha256: str
    size: int
    pages: int
    origin: FileOrigin  # scanned at the counter, or the agency's electronic PDF as it came
    signed_by_station: bool  # the station's PAdES signature is on it


@dataclass(frozen=True)
class ResultManifest:
    addendum_id: str
    dossier_code: str
    procedure_code: str
    station_id: str
    clerk_id: str
    received_at: datetime  # NgayTiepNhan: the period the result counts in (QĐ 766)
    finished_at: datetime | None  # the reception finish
    result_finished_at: datetime
    components: tuple[str, ...]  # the result components this addendum digitizes
    files: tuple[ResultFile, ...]
    schema: str = SCHEMA

    @property
    def file_name(self) -> str:
        return manifest_file_name(self.addendum_id)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("received_at", "finished_at", "result_finished_at"):
            data[key] = None if data[key] is None else data[key].isoformat()
        data["components"] = list(self.components)
        data["files"] = [{**f, "origin": f["origin"].value} for f in data["files"]]
        return data

    def to_bytes(self) -> bytes:
        text = json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, indent=2)
        return (text + "\n").encode("utf-8")


def addendum_id(dossier_code: str, files: list[tuple[str, str]]) -> str:
    """`files`: (component code, sha256) of every file of the result, in file order."""
    parts = ["result", dossier_code, *(f"{code}:{sha}" for code, sha in files)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def manifest_file_name(addendum: str) -> str:
    return f"result-{addendum[:16]}.json"


def manifest_from_json(data: dict[str, Any]) -> ResultManifest:
    def moment(key: str) -> datetime | None:
        return None if data.get(key) is None else datetime.fromisoformat(data[key])

    files = tuple(
        ResultFile(**{**f, "origin": FileOrigin(f["origin"])}) for f in data.get("files", [])
    )
    result_finished_at = moment("result_finished_at")
    received_at = moment("received_at")
    if received_at is None or result_finished_at is None:
        raise ValueError("a result manifest needs received_at and result_finished_at")
    return ResultManifest(
        addendum_id=data["addendum_id"],
        dossier_code=data["dossier_code"],
        procedure_code=data["procedure_code"],
        station_id=data["station_id"],
        clerk_id=data["clerk_id"],
        received_at=received_at,
        finished_at=moment("finished_at"),
        result_finished_at=result_finished_at,
        components=tuple(data["components"]),
        files=files,
        schema=data.get("schema", SCHEMA),
    )

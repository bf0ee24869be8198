"""The dossier manifest a station commits, as FastAPI validates it, plus the checks it cannot."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from sync.hub import clock
from sync.hub.storage import is_acceptable_code, is_safe_file_name

SHA256_HEX = re.compile(r"^[0-9a-fA-F]{64}$")


@dataclass
class Kpi:
    digitized: bool
    reused: bool
    from_national_store: bool


@dataclass
class Component:
    component_code: str
    component_name: str
    file_name: str
    idempotency_key: str
    sha256: str
    size: int
    pages: int
    kpi: Kpi


@dataclass
class Manifest:
    manifest_id: str
    dossier_code: str
    procedure_code: str
    applicant_id_number: str
    station_id: str
    clerk_id: str
    received_at: str
    finished_at: str
    override_reason: str | None
    components: list[Component]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def problems(manifest: Manifest) -> list[str]:
    """Field paths that are well-typed but still unusable; empty when the manifest is fine."""
    found = []
    if not manifest.manifest_id:
        found.append("manifest_id")
    if not is_acceptable_code(manifest.dossier_code):
        found.append("dossier_code")
    for field in ("received_at", "finished_at"):
        try:
            clock.parse(getattr(manifest, field))
        except ValueError:
            found.append(field)
    if not manifest.components:
        found.append("components")
    names: set[str] = set()
    for index, component in enumerate(manifest.components):
        where = f"components.{index}"
        if not is_safe_file_name(component.file_name) or component.file_name in names:
            found.append(f"{where}.file_name")
        names.add(component.file_name)
        if not is_acceptable_code(component.idempotency_key):
            found.append(f"{where}.idempotency_key")
        if not SHA256_HEX.fullmatch(component.sha256):
            found.append(f"{where}.sha256")
        if component.size < 0:
            found.append(f"{where}.size")
        if component.pages < 0:
            found.append(f"{where}.pages")
    return found

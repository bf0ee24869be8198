"""The dossier manifest a station commits, as FastAPI validates it, plus the checks it cannot."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from hub import clock
from hub.codes import is_acceptable_code, is_visible_text, normalised_code
from hub.storage import is_safe_file_name

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
    # [annotated copy, its clean scan] as page numbers in the file (TT 01/2023 Điều 8)
    annotated_pairs: list[list[int]] = field(default_factory=list)


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
    # the catalog the station checked it against: the province's version or builtin-<sha8>
    catalog_version: str = ""
    cases: list[str] = field(default_factory=list)  # the cases (trường hợp) the clerk chose
    # unmet at Finish: "TP1", "TP2|TP3" (one of), "undecided:<group>" (no case chosen)
    missing_required: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


MAX_TEXT = 1000
MAX_COMPONENTS = 500
MAX_PAGES = 100_000
MAX_SIZE = 2**53


def normalised(manifest: Manifest) -> Manifest:
    """The manifest with its dossier code in the one spelling the hub keeps (codes.py)."""
    manifest.dossier_code = normalised_code(manifest.dossier_code)
    return manifest


def _text_fits(text: str | None) -> bool:
    return text is None or (len(text) <= MAX_TEXT and is_visible_text(text))


def problems(manifest: Manifest) -> list[str]:
    """Field paths that are well-typed but still unusable; empty when the manifest is fine."""
    found = []
    if not is_acceptable_code(manifest.manifest_id):
        found.append("manifest_id")
    if not is_acceptable_code(manifest.dossier_code):
        found.append("dossier_code")
    for name in (
        "procedure_code",
        "applicant_id_number",
        "clerk_id",
        "override_reason",
        "catalog_version",
    ):
        if not _text_fits(getattr(manifest, name)):
            found.append(name)
    for name in ("received_at", "finished_at"):
        try:
            clock.parse(getattr(manifest, name))
        except ValueError:
            found.append(name)
    for name in ("cases", "missing_required"):
        texts = getattr(manifest, name)
        if len(texts) > MAX_COMPONENTS or not all(text and _text_fits(text) for text in texts):
            found.append(name)
    if not 0 < len(manifest.components) <= MAX_COMPONENTS:
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
        if not 0 <= component.size <= MAX_SIZE:
            found.append(f"{where}.size")
        if not 0 <= component.pages <= MAX_PAGES:
            found.append(f"{where}.pages")
        for name in ("component_code", "component_name"):
            if not _text_fits(getattr(component, name)):
                found.append(f"{where}.{name}")
        if not _pairs_fit(component.annotated_pairs, component.pages):
            found.append(f"{where}.annotated_pairs")
    return found


def _pairs_fit(pairs: list[list[int]], pages: int) -> bool:
    """Each pair is two consecutive pages of the file, and no page is in two pairs."""
    seen: set[int] = set()
    for pair in pairs:
        if len(pair) != 2 or not 1 <= pair[0] < pages or pair[1] != pair[0] + 1:
            return False
        if seen & set(pair):
            return False
        seen |= set(pair)
    return True

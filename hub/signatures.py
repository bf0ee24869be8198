"""The hub's check of the clerk's signature on each received PDF, at manifest commit.

A file whose signature no longer matches its bytes, or that was changed after signing in a way
a signature does not allow, is refused with the dossier. Unsigned files pass unless the hub is
run with `require_signatures` (stations that have no signing set up yet still send).
"""

from __future__ import annotations

import mmap
from pathlib import Path
from typing import Any

from hub.config import HubConfig
from hub.manifest import Manifest
from hub.uploads import Upload
from station.errors import StationError
from station.pades.verify import verify_pdf


def signature_problems(
    config: HubConfig, station: str, manifest: Manifest, files: list[Upload]
) -> list[dict[str, Any]]:
    problems = []
    for component, upload in zip(manifest.components, files, strict=True):
        path = config.upload_file(station, upload.upload_id)
        problem = _problem(path, config.require_signatures)
        if problem:
            problems.append({"file_name": component.file_name, "problem": problem})
    return problems


def _problem(path: Path, required: bool) -> str:
    if not _has_signature_dictionary(path):
        return "unsigned" if required else ""
    try:
        result = verify_pdf(path)
    except StationError:
        return "unreadable"
    if not result.signed:
        return "unsigned" if required else ""
    if not result.intact:
        return "signature_broken"
    if result.modified_after_signing:
        return "modified_after_signing"
    return ""


def _has_signature_dictionary(path: Path) -> bool:
    """A cheap look before parsing: a signed PDF carries a /ByteRange."""
    with path.open("rb") as handle:
        if path.stat().st_size == 0 or handle.read(5) != b"%PDF-":
            return False
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return data.find(b"/ByteRange") >= 0

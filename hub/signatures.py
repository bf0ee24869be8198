"""The check of the clerk's signature on one received PDF, run in a worker process.

A file whose signature no longer matches its bytes, or that was changed after signing in a way
a signature does not allow, is refused with the dossier. Unsigned files pass unless the hub is
run with `require_signatures` (stations that have no signing set up yet still send).

`python -m hub.signatures MEMORY SECONDS` reads [[path, required], ...] as JSON on stdin and
writes one verdict per file ("" when the file passes); hub/signature_check.py runs it.
"""

from __future__ import annotations

import json
import mmap
import sys
from pathlib import Path


def verdict(path: Path, required: bool) -> str:
    from station.errors import StationError  # the worker process alone needs the parser
    from station.pades.verify import verify_pdf

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


def has_signature_dictionary(path: Path) -> bool:
    """A cheap look before parsing: a signed PDF carries a /ByteRange."""
    with path.open("rb") as handle:
        if path.stat().st_size == 0 or handle.read(5) != b"%PDF-":
            return False
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return data.find(b"/ByteRange") >= 0


def limit_self(memory: int, seconds: float) -> None:
    """Caps this worker's address space and CPU time before it parses anything."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


def main() -> None:
    memory, seconds = int(sys.argv[1]), float(sys.argv[2])
    limit_self(memory, seconds)
    files = json.load(sys.stdin)
    json.dump([verdict(Path(path), bool(required)) for path, required in files], sys.stdout)


if __name__ == "__main__":
    main()

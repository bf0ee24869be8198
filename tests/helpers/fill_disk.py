"""Runs on a small tmpfs (see test_disk_full): fill it with pages until the disk is full.

Prints one JSON report: what was acknowledged, which error stopped the writes, what was left on
disk, and whether the store still works once space is freed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from station.errors import StationError
from station.integrity import check_store
from station.model import Dossier, utc_now
from station.store import NewPage, Store
from station.store import store as store_module
from tests.helpers.images import pgm_page

CODE = "000.00.14.H05-251122-0007"
# More than one page file (at most 300 kB) plus the database's write-ahead log growing.
_SPARE_BYTES = 640 * 1024


def _fill(directory: Path) -> Path:
    """Take every free byte with a filler file."""
    filler = directory / "filler.bin"
    try:
        with filler.open("ab") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
    except OSError:  # full, perhaps before the filler could even be made
        pass
    return filler


def _add_until_full(store: Store, acked: dict[str, str], seed: int) -> str | None:
    for index in range(seed, seed + 1000):
        try:
            page = store.add_page(
                CODE, NewPage(pgm_page(index, 150_000, 300_000), "image/x-portable-anymap", 300)
            )
        except StationError as exc:
            return exc.code.value
        acked[page.id] = page.sha256
    return None


def main(home: Path) -> dict:
    report: dict = {"acked": {}}
    spare = home.parent / "spare.bin"
    spare.write_bytes(b"\0" * _SPARE_BYTES)  # room kept back for the second phase
    with Store.open(home) as store:
        store.create_dossier(Dossier(code=CODE, procedure_code="1.001193", received_at=utc_now()))
        report["file_error"] = _add_until_full(store, report["acked"], 0)
        report["rows_after_file_error"] = len(store.pages(CODE))

        # Second phase: the page file fits, then the disk fills before the row commits.
        spare.unlink()
        real_write = store_module.write_atomic

        def write_then_fill(target, data, session_id):
            written = real_write(target, data, session_id)
            _fill(home.parent)
            return written

        store_module.write_atomic = write_then_fill
        try:
            report["commit_error"] = _add_until_full(store, report["acked"], 5000)
        finally:
            store_module.write_atomic = real_write
        (home.parent / "filler.bin").unlink(missing_ok=True)

        report["leftover_temp_files"] = [
            str(p) for p in (home / "pages").rglob("*") if p.name.endswith(".tmp")
        ]
        on_disk = {p.name for p in (home / "pages").rglob("*.pnm")}
        report["files_without_rows"] = sorted(
            on_disk - {Path(p.original.path).name for p in store.pages(CODE)}
        )
        report["pages_after_errors"] = len(store.pages(CODE))
        report["check_clean"] = check_store(store).clean
        after = store.add_page(
            CODE, NewPage(pgm_page(9999, 1000, 2000), "image/x-portable-anymap", 300)
        )
        report["added_after_freeing"] = after.order
    with Store.open(home) as store:
        stored = {p.id: p.sha256 for p in store.pages(CODE)}
        report["acked_intact"] = all(stored.get(k) == v for k, v in report["acked"].items())
        report["check_clean_after_restart"] = check_store(store).clean
    return report


if __name__ == "__main__":
    os.environ.pop("SOHOA_HOME", None)
    print(json.dumps(main(Path(sys.argv[1]))))

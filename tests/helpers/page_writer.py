"""A writer process for the kill test: stores pages until the dossier holds COUNT of them.

Prints `ACK <page id> <sha256>` only after Store.add_page has returned, i.e. once the page is
acknowledged as stored. The test kills this process with SIGKILL at random moments.
"""

from __future__ import annotations

import sys
from pathlib import Path

from station.errors import ErrorCode, StationError
from station.model import Dossier, utc_now
from station.store import NewPage, Store
from tests.helpers.images import pgm_page


def main(home: str, code: str, count: int) -> int:
    with Store.open(Path(home)) as store:
        found = store.recovery
        sys.stdout.write(
            f"RECOVERY {len(found.removed_temp_files)} {len(found.quarantined_files)}\n"
        )
        try:
            store.create_dossier(
                Dossier(code=code, procedure_code="1.001193", received_at=utc_now())
            )
        except StationError as exc:
            if exc.code is not ErrorCode.DOSSIER_EXISTS:
                raise
        stored = len(store.pages(code))
        for index in range(stored, count):
            page = store.add_page(code, NewPage(pgm_page(index), "image/x-portable-anymap", 300))
            sys.stdout.write(f"ACK {page.id} {page.sha256}\n")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))

"""Screenshot of the choice offered for a paper larger than the bed (offscreen, Vietnamese):
A0 on the virtual A4 scanner, with the large-format one, a file, or parts.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/screenshots/large_paper.py \
        docs/screenshots/large_paper.png [WIDTHxHEIGHT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from shots import counter_window, open_new_dossier, parse_size, save_with_dialogs, wait_until

CODE = "000.00.15.H29-261120-0043"


def main(out: Path, size: tuple[int, int]) -> None:
    with counter_window(size) as counter:
        window = counter.window
        window.start()
        wait_until(lambda: window.scan_controls.device.count() > 0)
        open_new_dossier(window, CODE, "ket hon", "Trần Văn Bình")
        controls = window.scan_controls
        controls.set_paper("A0")
        controls.source.setCurrentIndex(controls.source.findData("flatbed"))
        QTest.keyClick(window.grid, Qt.Key.Key_F5)
        wait_until(lambda: window.scan.large.dialog is not None)
        dialog = window.scan.large.dialog
        wait_until(lambda: counter.services.tasks.busy == 0, 120)
        save_with_dialogs(window, [dialog], out)
        dialog.reject()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots/large_paper.png")
    main(target, parse_size(sys.argv[2] if len(sys.argv) > 2 else None))

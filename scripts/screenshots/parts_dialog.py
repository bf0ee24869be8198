"""Screenshot of "scan in parts" over the counter window (offscreen, Vietnamese): an A2 sheet
on the virtual A4 bed, three of its eight parts scanned, one of them turned round.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/screenshots/parts_dialog.py \
        docs/screenshots/parts_dialog.png [WIDTHxHEIGHT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from shots import counter_window, open_new_dossier, parse_size, save_with_dialogs, wait_until

CODE = "000.00.15.H29-261120-0042"


def main(out: Path, size: tuple[int, int]) -> None:
    with counter_window(size) as counter:
        window = counter.window
        window.start()
        wait_until(lambda: window.scan_controls.device.count() > 0)
        open_new_dossier(window, CODE, "ket hon", "Trần Văn Bình")
        controls = window.scan_controls
        controls.set_paper("A2")
        controls.dpi.setCurrentIndex(max(0, controls.dpi.findData(150)))
        controls.source.setCurrentIndex(controls.source.findData("flatbed"))
        QTest.keyClick(window.grid, Qt.Key.Key_F5)
        wait_until(lambda: window.scan.large.dialog is not None)  # another scanner, or parts
        choice = window.scan.large.dialog
        choice.parts_button.setFocus()
        QTest.keyClick(choice.parts_button, Qt.Key.Key_Space)
        wait_until(lambda: window.scan.parts.dialog is not None)
        dialog = window.scan.parts.dialog
        for count, options in enumerate(("part=3", "part=1 turn=180", "part=2"), start=1):
            dialog.options.setText(f"sheet=A2 seed=5 {options}")
            QTest.keyClick(dialog.options, Qt.Key.Key_F5)
            wait_until(lambda count=count: dialog.parts.count() == count, 120)
            wait_until(dialog.scan_button.isEnabled)
        dialog.options.setText("sheet=A2 seed=5 part=4")
        wait_until(lambda: counter.services.tasks.busy == 0, 120)
        save_with_dialogs(window, [dialog], out, centred=False)
        dialog.reject()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots/parts_dialog.png")
    main(target, parse_size(sys.argv[2] if len(sys.argv) > 2 else None))

"""Screenshot of the first-run dialog over the covered window (offscreen, Vietnamese).

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/screenshots/first_run.py \
        docs/screenshots/first_run.png [WIDTHxHEIGHT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from shots import counter_window, parse_size, save_with_dialogs, settle, type_into, wait_until


def main(out: Path, size: tuple[int, int]) -> None:
    with counter_window(size) as counter:
        window = counter.window
        window.people.start()
        window.start()
        people = window.people
        wait_until(lambda: people.first_run is not None and people.first_run.isVisible())
        dialog = people.first_run
        type_into(dialog.station_name, "Bộ phận một cửa xã Tân Phú")
        dialog.unit.setFocus()
        QTest.keyClick(dialog.unit, Qt.Key.Key_Down)
        QTest.keyClick(dialog.unit, Qt.Key.Key_Down)
        type_into(dialog.user, "lan")
        type_into(dialog.full_name, "Nguyễn Thị Lan")
        type_into(dialog.password, "mật khẩu dài")
        type_into(dialog.repeat, "mật khẩu dài")
        settle()
        save_with_dialogs(window, [dialog], out)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots/first_run.png")
    main(target, parse_size(sys.argv[2] if len(sys.argv) > 2 else None))

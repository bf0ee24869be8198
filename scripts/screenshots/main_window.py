"""Screenshots of the counter window with a dossier being tagged, and of the Finish summary
(offscreen, Vietnamese, a clerk signed in).

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/screenshots/main_window.py \
        docs/screenshots/main_window.png [docs/screenshots/finish_summary.png] [WIDTHxHEIGHT]

The virtual scanner feeds three duplex sheets of birth-registration forms; two are tagged with
number keys and the third, selected, is in the preview; then Ctrl+Shift+F shows the summary.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from shots import (
    counter_window,
    open_new_dossier,
    parse_size,
    save_with_dialogs,
    settle,
    type_into,
    wait_until,
)

from app.people import NewAccount, set_up_station
from station.model import AdminLevel
from station.store import Store
from station.store.identity import StationIdentity

CODE = "000.00.15.H29-261120-0042"
PASSWORD = "mật khẩu dài 2026"


def _station(store: Store) -> None:
    identity = StationIdentity("Một cửa xã Tân Phú", "000.01.31.H05", AdminLevel.COMMUNE)
    set_up_station(store, identity, NewAccount("lan", "Nguyễn Thị Lan", PASSWORD))


def main(out: Path, summary_out: Path | None, size: tuple[int, int]) -> None:
    with counter_window(size, _station) as counter:
        window, services = counter.window, counter.services
        window.people.start()
        window.start()
        people = window.people
        wait_until(lambda: people.sign_in_dialog is not None and people.sign_in_dialog.isVisible())
        type_into(people.sign_in_dialog.user, "lan")
        type_into(people.sign_in_dialog.password, PASSWORD)
        QTest.keyClick(people.sign_in_dialog.password, Qt.Key.Key_Return)
        wait_until(lambda: not people.sheet.isVisible())
        wait_until(lambda: window.scan_controls.device.count() > 0)
        open_new_dossier(window, CODE, "dang ky khai sinh", "Nguyễn Thị Hồng Nhung", "12345")
        controls = window.scan_controls
        controls.dpi.setCurrentIndex(max(0, controls.dpi.findData(200)))
        controls.source.setCurrentIndex(controls.source.findData("duplex"))
        controls.options.setText("sheets=3 seed=230")  # three birth-registration forms
        QTest.keyClick(window.grid, Qt.Key.Key_F5)
        wait_until(lambda: window.scan.scanning)
        wait_until(lambda: not window.scan.scanning)
        wait_until(lambda: window.pages.analyser.pending == 0)
        for key in (Qt.Key.Key_1, Qt.Key.Key_1):  # the third is still to tag: it is selected
            QTest.keyClick(window.grid, key)
        wait_until(lambda: services.tasks.busy == 0)
        wait_until(lambda: window.preview.page_id == window.pages.current_page().id)
        settle()
        save_with_dialogs(window, [], out)
        if summary_out is not None:
            # TP6 (an ID paper) is still missing: the summary asks for the reason.
            wait_until(lambda: services.prerender.pending == 0)
            QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                           | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
            wait_until(
                lambda: window.finish.summary is not None and window.finish.summary.isVisible()
            )
            settle()
            save_with_dialogs(window, [window.finish.summary], summary_out)
            window.finish.summary.reject()


if __name__ == "__main__":
    args = sys.argv[1:]
    size = args.pop() if args and "x" in args[-1] and not args[-1].endswith(".png") else None
    target = Path(args[0]) if args else Path("docs/screenshots/main_window.png")
    summary = Path(args[1]) if len(args) > 1 else None
    main(target, summary, parse_size(size))

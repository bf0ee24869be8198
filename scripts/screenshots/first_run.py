"""Screenshot of the first-run dialog over the covered window (offscreen, Vietnamese).

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/screenshots/first_run.py \
        docs/screenshots/first_run.png [WIDTHxHEIGHT]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from shots import save_with_dialogs, settle, type_into, wait_until

from station.catalog import bundled_catalog_dir, load_catalog
from station.store import Store
from ui.application import create_application
from ui.window.main_window import MainWindow
from ui.window.services import create_services


def main(out: Path, size: tuple[int, int]) -> None:
    home = Path(tempfile.mkdtemp(prefix="sohoa-shot-"))
    os.environ["SOHOA_HOME"] = str(home)
    app = create_application(sys.argv[:1], "vi")
    store = Store.open(home)
    services = create_services(
        store, load_catalog([bundled_catalog_dir()]), user_config=home / "u.json"
    )
    window = MainWindow(services)
    window.resize(*size)
    window.show()
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
    window.close()
    services.close()
    store.close()
    app.quit()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots/first_run.png")
    width, height = (int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "1366x768").split("x"))
    main(target, (width, height))

"""Screenshot of the counter window with a dossier being tagged (offscreen, Vietnamese).

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/screenshots/main_window.py \
        docs/screenshots/main_window.png [WIDTHxHEIGHT]

The virtual scanner feeds three duplex sheets; the first pages are tagged with number keys.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest

from station.catalog import bundled_catalog_dir, load_catalog
from station.store import Store
from ui.application import create_application
from ui.window.main_window import MainWindow
from ui.window.services import create_services

CODE = "000.00.15.H29-261120-0042"


def wait_until(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(condition)
        QCoreApplication.processEvents()
        time.sleep(0.01)


def type_into(widget, text: str) -> None:
    widget.setFocus()
    for char in text:
        QTest.keyClicks(widget, char)


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
    window.start()
    wait_until(lambda: window.scan_controls.device.count() > 0)
    panel = window.dossier_panel
    type_into(panel.code, CODE)
    QTest.keyClick(panel.code, Qt.Key.Key_Return)
    wait_until(panel.search.hasFocus)
    panel.search.setText("dang ky khai sinh")
    QTest.keyClick(panel.search, Qt.Key.Key_Return)
    panel.applicant.setText("Nguyễn Thị Hồng Nhung")
    QTest.keyClick(panel.applicant, Qt.Key.Key_Return)
    panel.id_number.setText("12345")
    QTest.keyClick(panel.id_number, Qt.Key.Key_Return)
    wait_until(lambda: window.dossier.code == CODE)
    controls = window.scan_controls
    controls.dpi.setCurrentIndex(max(0, controls.dpi.findData(200)))
    controls.source.setCurrentIndex(controls.source.findData("duplex"))
    controls.options.setText("sheets=3 seed=11")
    QTest.keyClick(window.grid, Qt.Key.Key_F5)
    wait_until(lambda: window.scan.scanning)
    wait_until(lambda: not window.scan.scanning)
    wait_until(lambda: window.pages.analyser.pending == 0, 120)
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_2):
        QTest.keyClick(window.grid, key)
    wait_until(lambda: services.tasks.busy == 0)
    wait_until(window.preview.has_image)
    for _ in range(50):
        QCoreApplication.processEvents()
        time.sleep(0.02)
    window.grab().save(str(out))
    window.close()
    services.close()
    store.close()
    app.quit()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots/main_window.png")
    width, height = (int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "1366x768").split("x"))
    main(target, (width, height))

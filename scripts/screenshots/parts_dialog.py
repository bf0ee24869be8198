"""Screenshot of "scan in parts" over the counter window (offscreen, Vietnamese): an A2 sheet
on the virtual A4 bed, three of its eight parts scanned, one of them turned round.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/screenshots/parts_dialog.py \
        docs/screenshots/parts_dialog.png [WIDTHxHEIGHT]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtTest import QTest

from scripts.screenshots.main_window import CODE, type_into, wait_until
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
    window.start()
    wait_until(lambda: window.scan_controls.device.count() > 0)
    panel = window.dossier_panel
    type_into(panel.code, CODE)
    QTest.keyClick(panel.code, Qt.Key.Key_Return)
    wait_until(panel.search.hasFocus)
    panel.search.setText("ket hon")
    QTest.keyClick(panel.search, Qt.Key.Key_Return)
    panel.applicant.setText("Trần Văn Bình")
    QTest.keyClick(panel.applicant, Qt.Key.Key_Return)
    QTest.keyClick(panel.id_number, Qt.Key.Key_Return)
    wait_until(lambda: window.dossier.code == CODE)
    controls = window.scan_controls
    controls.set_paper("A2")
    controls.dpi.setCurrentIndex(max(0, controls.dpi.findData(150)))
    controls.source.setCurrentIndex(controls.source.findData("flatbed"))
    QTest.keyClick(window.grid, Qt.Key.Key_F5)
    wait_until(lambda: window.scan.parts.dialog is not None)
    dialog = window.scan.parts.dialog
    for count, options in enumerate(("part=3", "part=1 turn=180", "part=2"), start=1):
        dialog.options.setText(f"sheet=A2 seed=5 {options}")
        QTest.keyClick(dialog.options, Qt.Key.Key_F5)
        wait_until(lambda count=count: dialog.parts.count() == count, 120)
        wait_until(dialog.scan_button.isEnabled)
    dialog.options.setText("sheet=A2 seed=5 part=4")
    wait_until(lambda: services.tasks.busy == 0, 120)
    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(dialog.geometry().topLeft() - window.geometry().topLeft(), dialog.grab())
    painter.end()
    shot.save(str(out))
    dialog.reject()
    window.close()
    services.close()
    store.close()
    app.quit()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots/parts_dialog.png")
    width, height = (int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "1366x768").split("x"))
    main(target, (width, height))

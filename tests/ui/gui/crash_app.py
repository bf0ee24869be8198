"""The real GUI in its own process for the crash test: it takes up the open dossier, starts a
slow feeder batch and prints each page id once the page is durable. The test kills it."""

from __future__ import annotations

import sys
from pathlib import Path

from station.catalog import bundled_catalog_dir, load_catalog
from station.store import Store
from ui.scan.controls import select_data


def main(home: Path) -> int:
    from ui.start import open_main_window

    store = Store.open(home)
    app, window, services = open_main_window(store, load_catalog([bundled_catalog_dir()]), [])

    def report(event) -> None:
        print(f"STORED {event.page.id}", flush=True)

    def scan_when_ready() -> None:
        if window.scan.device_ready and window.dossier.code:
            select_data(window.scan_controls.dpi, 100)
            select_data(window.scan_controls.source, "adf")
            window.scan_controls.options.setText("sheets=200 delay=0.02")
            print(f"SCANNING {window.dossier.code}", flush=True)
            window.scan.start()
        else:
            QTimer.singleShot(100, scan_when_ready)

    from PySide6.QtCore import QTimer

    services.events.page_stored.connect(report)
    QTimer.singleShot(100, scan_when_ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

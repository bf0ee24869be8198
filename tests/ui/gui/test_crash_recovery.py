"""Kill -9 during a scan: the restarted window shows the open dossier with every stored page,
and says how many pages of the killed scan it recovered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from station.dossiers import DossierRequest, open_dossier
from station.store import Store
from tests.conftest import REPO

CODE = "000.00.15.H29-250101-0042"
PAGES_BEFORE_KILL = 3


def _run_gui_until_pages(home, wanted: int) -> list[str]:
    env = {**os.environ, "SOHOA_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.gui.crash_app", str(home)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group: the driver worker dies with it
    )
    stored: list[str] = []
    deadline = time.monotonic() + 60
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("STORED "):
                stored.append(line.split()[1])
            if len(stored) >= wanted or time.monotonic() > deadline:
                break
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # power cut: no cleanup of any kind
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    return stored


def test_a_killed_station_reopens_its_dossier_with_every_stored_page(qtbot, home, catalog) -> None:
    with Store.open(home) as store:
        open_dossier(store, catalog, DossierRequest(CODE, "1.001193", "Lê Văn C"))
    seen = _run_gui_until_pages(home, PAGES_BEFORE_KILL)
    assert len(seen) >= PAGES_BEFORE_KILL

    from ui.window.main_window import MainWindow
    from ui.window.services import create_services

    store = Store.open(home)  # the restart: recovery runs here
    services = create_services(store, catalog, user_config=home.parent / "gui.json")
    window = MainWindow(services)
    qtbot.addWidget(window)
    try:
        window.show()
        window.start()
        qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=20000)
        kept = [page.id for page in store.pages(CODE)]
        assert len(kept) >= len(seen) > 0
        assert set(seen) <= set(kept)  # every page the GUI reported durable is there
        qtbot.waitUntil(lambda: window.pages.model.rowCount() == len(kept), timeout=20000)
        assert sorted(p.id for p in window.pages.model.pages()) == sorted(kept)
        # Every page of the killed scan counts as recovered, those analysed before the kill too.
        notice = window.status.recovered
        qtbot.waitUntil(notice.isVisible, timeout=20000)
        assert f"Recovered {len(kept)} pages of dossier {CODE} " in notice.text()
    finally:
        window.scan.cancel()
        services.close()
        store.close()

"""Kill -9 during `sohoa scan`: the GUI started next on that data directory analyses every page
that was durable (or marks it "analysis failed") and says how many pages it recovered."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from app.analysis import AnalysisState, analysis_state
from station.dossiers import DossierRequest, open_dossier
from station.store import Store
from tests.conftest import REPO

CODE = "000.00.15.H29-250101-0043"
PAGES_BEFORE_KILL = 3


def _scan_until_pages(home, wanted: int) -> list[str]:
    env = {**os.environ, "SOHOA_HOME": str(home)}
    command = [sys.executable, "-m", "ui.cli.main", "scan", "--device", "virtual",
               "--source", "adf", "--dpi", "75", "--paper", "A5", "--option", "sheets=500",
               "--option", "delay=0.02", "--dossier", CODE, "--json"]  # fmt: skip
    process = subprocess.Popen(
        command,
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
            event = json.loads(line)
            if event.get("event") == "page":  # printed once the page is durable
                stored.append(event["page_id"])
            if len(stored) >= wanted or time.monotonic() > deadline:
                break
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # power cut: no cleanup of any kind
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    return stored


def _settled(store: Store) -> bool:
    return all(analysis_state(p) is not AnalysisState.PENDING for p in store.pages(CODE))


def test_pages_of_a_killed_scan_are_analysed_at_the_next_start_with_a_notice(
    qtbot, home, catalog
) -> None:
    with Store.open(home) as store:
        open_dossier(store, catalog, DossierRequest(CODE, "1.001193", "Lê Văn D"))
    seen = _scan_until_pages(home, PAGES_BEFORE_KILL)
    assert len(seen) >= PAGES_BEFORE_KILL

    from ui.window.main_window import MainWindow
    from ui.window.services import create_services

    store = Store.open(home)  # the restart: the store's recovery runs here
    kept = store.pages(CODE)
    assert {p.id for p in kept} >= set(seen)
    assert all(analysis_state(p) is AnalysisState.PENDING for p in kept)
    services = create_services(store, catalog, user_config=home.parent / "gui.json")
    window = MainWindow(services)
    qtbot.addWidget(window)
    try:
        window.show()
        window.start()
        qtbot.waitUntil(lambda: _settled(store), timeout=60000)
        profile = window.scan.profile()
        for page in store.pages(CODE):
            state = analysis_state(page)
            assert state is AnalysisState.FAILED or page.analysed_profile == profile
        notice = window.status.recovered
        assert notice.isVisible()
        assert f" {len(kept)} " in f" {notice.text()} "
        assert f"dossier {CODE} " in notice.text()
    finally:
        window.scan.cancel()
        services.tasks.wait()
        services.close()
        store.close()

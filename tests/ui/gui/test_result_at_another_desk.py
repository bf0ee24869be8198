"""The result screen of a separate result desk, with real keys: the clerk types the code of a
dossier another station of the unit received; the hub's hand-over look-up (a real hub on
127.0.0.1) opens it, two result pages come from the virtual feeder, Ctrl+Enter finishes them
numbered after the receiving station's file, and the addendum is queued without the dossier."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from station.model import DossierState
from station.store import Store
from sync.enqueue import enqueue_dossier
from sync.jobs import JobKind
from sync.settings import save_settings
from sync.worker import SyncWorker
from tests.helpers.hub import running_hub
from tests.sync.client.conftest import FAST
from tests.sync.client.support import jobs_of
from tests.ui.gui.flow import WAIT_MS
from tests.ui.gui.result_support import finished_dossier

UNIT = "000.00.14.H05"
CODE = f"{UNIT}-261103-0007"


def _connect(store: Store, hub, client_id: str, folder: Path) -> None:
    secret_file = folder / f"{client_id}.secret"
    secret_file.write_text(hub.add_station(client_id, unit_code=UNIT) + "\n")
    save_settings(store, url=hub.url, client_id=client_id, secret_file=str(secret_file))


def test_a_dossier_received_at_another_desk_is_opened_by_its_typed_code(
    qtbot, services, store, catalog, tmp_path
) -> None:
    from ui.window.results_flow import show_results_screen

    with running_hub(tmp_path / "hub") as hub:
        reception = Store.open(tmp_path / "reception")
        try:
            _connect(reception, hub, "ST-XA-A", tmp_path)
            finished_dossier(reception, catalog, CODE)
            enqueue_dossier(reception, catalog, CODE)
            SyncWorker(reception.layout.home, options=FAST).run(until_idle=True, timeout=60)
        finally:
            reception.close()
        _connect(store, hub, "ST-XA-B", tmp_path)
        services.settings.update(
            device="virtual", paper="A6", dpi=75, mode="gray", source="adf", options="sheets=2"
        )
        services.settings.update(profile="jpeg")
        parent = QWidget()
        qtbot.addWidget(parent)
        screen = show_results_screen(parent, services)

        qtbot.keyClicks(screen.code, CODE)
        qtbot.keyClick(screen.code, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.components.count() == 2, timeout=WAIT_MS)  # KQ1, KQ2
        assert screen.last_error is None, screen.last_error
        assert [screen.sending.item(i).text() for i in range(screen.sending.count())] == [
            "Dossier as received, 1 file(s): sent by the station that received it, ST-XA-A"
        ]  # the receiving desk's one file, on the hub
        assert store.dossier(CODE).state is DossierState.SYNCED
        assert store.handover(CODE).receiving_station == "ST-XA-A"

        qtbot.keyClick(screen.pages, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: screen.pages.count() == 2, timeout=WAIT_MS)
        assert screen.last_error is None, screen.last_error
        qtbot.keyClick(screen.pages, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: screen.last_outcome is not None, timeout=WAIT_MS)
        assert screen.last_error is None, screen.last_error
        files = screen.last_outcome.receipt.files
        assert [(f.file_name, f.pages) for f in files] == [(f"{CODE}.2.pdf", 2)]
        assert {j.kind for j in jobs_of(store.layout.home)} == {JobKind.FILE, JobKind.RESULT}
        qtbot.waitUntil(lambda: screen.pages.count() == 0, timeout=WAIT_MS)  # filed
        qtbot.waitUntil(lambda: services.tasks.busy == 0, timeout=WAIT_MS)  # all delivered


def test_a_code_nobody_in_the_unit_holds_gets_the_message_and_nothing_is_kept(
    qtbot, services, store, tmp_path
) -> None:
    from ui.results.screen import ResultsScreen

    with running_hub(tmp_path / "hub") as hub:
        _connect(store, hub, "ST-XA-B", tmp_path)
        screen = ResultsScreen(services)
        qtbot.addWidget(screen)
        screen.show()
        qtbot.keyClicks(screen.code, CODE)
        qtbot.keyClick(screen.code, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.last_error is not None, timeout=WAIT_MS)
        assert screen.last_error.code.value == "result_dossier_unknown_in_unit"
        assert CODE in screen.status.text()
        assert screen.components.count() == 0 and store.dossiers() == []
        qtbot.waitUntil(lambda: services.tasks.busy == 0, timeout=WAIT_MS)

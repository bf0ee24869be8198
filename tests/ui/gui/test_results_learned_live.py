"""The window follows what its sender learns from the hub: station A (this window, a real hub on
127.0.0.1) received and sent two birth registrations; desk B of the same unit opens one by code
and hands over its result. Once A's sender asks the hub on its facts round, the result screen
the clerk left open drops the dossier from its results awaiting scan and shows the component
digitized elsewhere, and the supervisor screen's results awaiting and indicators 4.1/4.2 count
it, neither screen opened again nor refreshed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from station.accounts import Accounts, Role
from station.catalog import Catalog
from station.stats.export import TableKind
from station.store import Store
from sync.backoff import Backoff
from sync.enqueue import enqueue_dossier
from sync.jobs import JobState
from sync.worker import WorkerOptions
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.desks import FIRST, SECOND, UNIT, Station
from tests.sync.client.support import jobs_of
from tests.ui.gui.conftest import window_services
from tests.ui.gui.flow import WAIT_MS, type_text
from tests.ui.gui.result_support import finished_dossier
from ui.supervisor import controller as supervisor_controller
from ui.supervisor.model import RAW_ROLE, FiguresModel

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
PASSWORD = "giám sát 2026"
# The window's sender, with a facts round (where it asks the hub) every 0.3 s, not 5 min.
SENDER = WorkerOptions(
    backoff=Backoff(base=0.05, cap=0.4),
    poll_seconds=0.05,
    heartbeat_seconds=3600,
    metrics_seconds=0.3,
)


@pytest.fixture
def services(store, catalog, tmp_path, qapp):
    with window_services(store, catalog, tmp_path, sync_options=SENDER) as built:
        yield built


def _received_and_queued(hub: HubHandle, store: Store, catalog: Catalog, folder: Path) -> None:
    """A is pointed at the hub: the window's upload controller starts its sender."""
    hub.connect(store, "ST-XA-A", UNIT, folder)
    for code in (FIRST, SECOND):
        finished_dossier(store, catalog, code)
        enqueue_dossier(store, catalog, code)


def _sent(qtbot, store: Store) -> None:
    home = store.layout.home
    qtbot.waitUntil(lambda: {j.state for j in jobs_of(home)} == {JobState.DONE}, timeout=WAIT_MS)


def _handed_over_at_desk_b(hub: HubHandle, catalog: Catalog, folder: Path, capsys) -> None:
    desk = Station("ST-XA-B", folder / "desk-b", catalog, capsys)
    try:
        desk.connect(hub, UNIT)
        desk.hand_over_result(FIRST)
        desk.send()
    finally:
        desk.store.close()


def _awaiting_codes(screen) -> list[str]:
    tree = screen.awaiting
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_a_result_handed_over_at_another_desk_leaves_the_open_result_screen(
    qtbot, window, services, store, catalog, tmp_path, capsys
) -> None:
    from ui.results.screen import ResultsScreen

    with running_hub(tmp_path / "hub") as hub:
        _received_and_queued(hub, store, catalog, tmp_path)
        qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
        qtbot.waitUntil(lambda: window.findChild(ResultsScreen) is not None, timeout=WAIT_MS)
        screen = window.findChild(ResultsScreen)
        qtbot.waitUntil(lambda: _awaiting_codes(screen) == [FIRST, SECOND], timeout=WAIT_MS)
        # The clerk opens FIRST, about to scan its certificate (KQ1).
        qtbot.keyClicks(screen.code, FIRST)
        qtbot.keyClick(screen.code, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.components.count() == 2, timeout=WAIT_MS)  # KQ1, KQ2
        assert screen.controller.component == "KQ1"
        assert "digitized" not in screen.components.item(0).text()
        _sent(qtbot, store)
        assert _awaiting_codes(screen) == [FIRST, SECOND]  # the sender's rounds knew nothing

        _handed_over_at_desk_b(hub, catalog, tmp_path, capsys)

        qtbot.waitUntil(lambda: _awaiting_codes(screen) == [SECOND], timeout=WAIT_MS)
        committed = store.results_elsewhere(FIRST)["KQ1"].astimezone().strftime("%d/%m/%Y")
        # The open dossier is read again after the awaiting list, in a call of its own.
        qtbot.waitUntil(
            lambda: f"digitized: {committed}" in screen.components.item(0).text(), timeout=WAIT_MS
        )
        assert "KQ1" in screen.components.item(0).text()
        assert screen.controller.component == "KQ2"  # new pages go to the copy now
        assert screen.last_error is None, screen.last_error
        assert window.findChildren(ResultsScreen) == [screen]
        services.sync.stop()
        services.tasks.wait()


def _figures(model: FiguresModel) -> list[list]:
    return [
        [model.index(row, col).data(RAW_ROLE) for col in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _open_supervisor_screen(qtbot, window):
    with Accounts.open(window.services.store.layout.database) as accounts:
        accounts.add("thu", "Phạm Thị Thu", Role.SUPERVISOR, PASSWORD)
    with qtbot.waitSignal(window.supervisor.opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(window, Qt.Key.Key_S, CTRL_SHIFT)
        dialog = window.supervisor.login
        type_text(dialog.user, "thu")
        type_text(dialog.password, PASSWORD)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    controller = opened.args[0]
    qtbot.addWidget(controller.view)
    return controller


def test_the_supervisor_screen_counts_a_result_learned_from_the_hub(
    qtbot, window, services, store, catalog, tmp_path, capsys, monkeypatch
) -> None:
    # Its 30 s live tick out of the way: only the sender's news can read the figures again.
    monkeypatch.setattr(supervisor_controller, "LIVE_REFRESH_MS", 3_600_000)
    with running_hub(tmp_path / "hub") as hub:
        _received_and_queued(hub, store, catalog, tmp_path)
        _sent(qtbot, store)
        controller = _open_supervisor_screen(qtbot, window)
        assert controller.view.live.isChecked()
        queue = controller.view.models[TableKind.QUEUE]
        stations = controller.view.models[TableKind.STATIONS]
        qtbot.waitUntil(lambda: bool(_figures(queue)), timeout=WAIT_MS)
        assert _figures(queue)[0][-1] == 2  # results awaiting scan
        # received, digitized, 4.2 %, 4.1 % of this station (today)
        assert _figures(stations)[0][-4:] == [2, 0, 0.0, 0.0]

        _handed_over_at_desk_b(hub, catalog, tmp_path, capsys)

        qtbot.waitUntil(lambda: _figures(queue)[0][-1] == 1, timeout=WAIT_MS)
        assert _figures(stations)[0][-4:] == [2, 1, 50.0, 50.0]
        assert controller.view.live.isChecked()
        services.sync.stop()
        services.tasks.wait()

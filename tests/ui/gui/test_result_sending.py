"""The result screen shows what has been sent of the dossier opened for its result: the dossier
as received and each result, queued, sent or failed as the window's sender moves their jobs
(a real hub on 127.0.0.1), read again as it goes."""

from __future__ import annotations

import os
from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from sync.settings import save_settings
from tests.helpers.hub import running_hub
from tests.station.workflow.support import CODE
from tests.sync.client.conftest import CLIENT_ID, FAST
from tests.ui.gui.conftest import window_services
from tests.ui.gui.flow import WAIT_MS
from tests.ui.gui.result_support import (
    agency_pdf,
    finished_dossier,
    import_with_ctrl_i,
    shown_screen,
)


@pytest.fixture
def services(store, catalog, tmp_path, qapp):
    """As the shared one, with a sender that polls fast."""
    with window_services(store, catalog, tmp_path, sync_options=FAST) as built:
        yield built


@pytest.fixture
def hub(store, tmp_path):
    with running_hub(tmp_path / "hub") as handle:
        secret_file = tmp_path / "client-secret"
        fd = os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, handle.add_station(CLIENT_ID).encode() + b"\n")
        os.close(fd)
        save_settings(store, url=handle.url, client_id=CLIENT_ID, secret_file=str(secret_file))
        yield handle


def _rows(screen) -> list[str]:
    return [screen.sending.item(i).text() for i in range(screen.sending.count())]


def _imported(qtbot, screen, path, file_name: str) -> None:
    import_with_ctrl_i(qtbot, screen, path)
    qtbot.waitUntil(lambda: any(file_name in row for row in _rows(screen)), timeout=WAIT_MS)
    assert screen.last_error is None, screen.last_error


def test_the_dossier_and_each_result_show_queued_then_sent_or_failed(
    qtbot, services, store, catalog, hub, tmp_path
) -> None:
    finished_dossier(store, catalog, CODE)  # queued as it finished; the sender not started
    screen = shown_screen(qtbot, services)
    qtbot.keyClicks(screen.code, CODE)
    qtbot.keyClick(screen.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.sending.count() == 1, timeout=WAIT_MS)
    assert _rows(screen) == ["Dossier as received, 1 file(s): queued"]

    # Two electronic results (no signing set up): the copies' file is altered on disk after.
    _imported(qtbot, screen, agency_pdf(tmp_path / "agency", "kq1.pdf"), f"{CODE}.2.pdf")
    _imported(qtbot, screen, agency_pdf(tmp_path / "agency", "kq2.pdf"), f"{CODE}.3.pdf")
    assert _rows(screen)[1:] == [
        f"Result KQ1 ({CODE}.2.pdf): queued",
        f"Result KQ2 ({CODE}.3.pdf): queued",
    ]
    [copies] = [f for f in store.dossier_files(CODE) if f.component_code == "KQ2"]
    with open(store.layout.absolute(copies.path), "ab") as altered:
        altered.write(b"%% changed after it was finished\n")

    services.sync.start()
    qtbot.waitUntil(lambda: "failed" in _rows(screen)[2], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "sent" in _rows(screen)[1], timeout=WAIT_MS)
    today = datetime.now().astimezone().strftime("%d/%m/%Y")
    received, first, second = _rows(screen)
    assert received.startswith(f"Dossier as received, 1 file(s): sent {today} ")
    assert first.startswith(f"Result KQ1 ({CODE}.2.pdf): sent {today} ")
    assert second.startswith(f"Result KQ2 ({CODE}.3.pdf): failed: The file ")
    assert "changed after the dossier was finished" in second
    services.tasks.wait()

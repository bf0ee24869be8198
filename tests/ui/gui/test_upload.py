"""Finished dossiers go to the upload queue from the window: a real hub on 127.0.0.1, the sender
started by the window once sync is configured, the status bar following it."""

from __future__ import annotations

import re

import pytest
import requests
from PySide6.QtCore import Qt

from station.errors import ErrorCode, StationError
from sync.credentials import save_secret
from sync.jobs import JobKind, JobState
from sync.outbox import Outbox
from sync.settings import SyncSettings, save_settings
from tests.helpers.hub import running_hub
from tests.sync.client.conftest import CLIENT_ID, FAST
from tests.sync.client.support import jobs_of
from tests.ui.gui.conftest import window_services
from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier, scan_with_f5, type_text

CODE = "000.00.15.H29-250101-0042"


@pytest.fixture
def services(store, catalog, tmp_path, qapp):
    """As the shared one, with a sender that polls fast."""
    with window_services(store, catalog, tmp_path, sync_options=FAST) as built:
        yield built


@pytest.fixture
def hub(tmp_path):
    with running_hub(tmp_path / "hub") as handle:
        yield handle


@pytest.fixture
def logged_in(store, hub, tmp_path) -> str:
    """What `sohoa sync login --secret-file …` stores: the settings, the secret in an owner-only
    file (no keyring here). Returns the secret."""
    secret = hub.add_station(CLIENT_ID)
    changes = {"url": hub.url, "client_id": CLIENT_ID, "secret_file": str(tmp_path / "secret"),
               "bandwidth_kbps": 48}  # slow enough to see the file's progress  # fmt: skip
    assert save_secret(SyncSettings(**changes, target="hub"), secret) == "file"
    save_settings(store, **changes, target="hub")
    return secret


def _finish_two_pages(qtbot, window):
    """Two pages into the first component; the missing required ones need a reason."""
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Lê Văn Cường", "001204567891")
    choose_scan(window, dpi=100, source="duplex", options="sheets=1 seed=5")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    scan_with_f5(qtbot, window, 2)
    qtbot.waitUntil(lambda: window.services.tasks.busy == 0, timeout=WAIT_MS)
    window.finish.start()
    qtbot.waitUntil(lambda: window.finish.override is not None, timeout=WAIT_MS)
    type_text(window.finish.override.reason, "Bổ sung sau")
    with qtbot.waitSignal(window.finish.finished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(window.finish.override.ok, Qt.MouseButton.LeftButton)
    assert window.last_error is None, window.last_error
    return finished.args


def _hub_dossiers(hub, secret: str) -> list[str]:
    token = requests.post(
        f"{hub.url}/oauth/token",
        data={"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": secret},
        timeout=10,
    ).json()["access_token"]
    listed = requests.get(
        f"{hub.url}/api/v1/dossiers", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    listed.raise_for_status()
    return [d["dossier_code"] for d in listed.json()]


def test_a_dossier_finished_in_the_window_reaches_the_hub_and_the_status_bar_says_so(
    qtbot, logged_in, hub, window, home
) -> None:
    qtbot.waitUntil(lambda: window.services.sync.status().running, timeout=WAIT_MS)
    shown: list[str] = []
    window.upload.state_changed.connect(shown.append)
    receipt, upload = _finish_two_pages(qtbot, window)
    assert (upload.files, upload.configured, upload.error) == (1, True, None)
    assert window.finish.receipt.sync_note.text() == "Queued for upload: 1 files"
    assert "Queued for upload: 1 files" in window.statusBar().currentMessage()
    label = window.status.sync
    qtbot.waitUntil(lambda: label.text() == "Upload: all sent", timeout=WAIT_MS)
    assert {j.state for j in jobs_of(home)} == {JobState.DONE}
    assert [j.kind for j in jobs_of(home)] == [JobKind.FILE, JobKind.MANIFEST]
    assert CODE in _hub_dossiers(hub, logged_in)
    assert receipt.dossier_code == CODE
    sending = r"Upload: 2 waiting, 0 failed · sending \d+ % · oldest 0 min"
    assert any(re.fullmatch(sending, t) for t in shown), shown

    window.services.sync.pause()
    qtbot.waitUntil(lambda: label.text() == "Upload: all sent · paused", timeout=WAIT_MS)
    window.services.sync.resume()
    qtbot.waitUntil(lambda: label.text() == "Upload: all sent", timeout=WAIT_MS)


def test_without_sync_settings_finishing_says_so_and_the_jobs_stay_queued(
    qtbot, window, home
) -> None:
    _receipt, upload = _finish_two_pages(qtbot, window)
    note = "Not sent: sync not configured (sohoa sync login). 1 file(s) stay queued."
    assert window.finish.receipt.sync_note.text() == note
    assert note in window.statusBar().currentMessage()
    qtbot.waitUntil(
        lambda: (
            window.status.sync.text()
            == "Upload: sync not configured · 2 waiting, 0 failed · oldest 0 min"
        ),
        timeout=WAIT_MS,
    )
    assert {j.state for j in jobs_of(home)} == {JobState.QUEUED}
    assert not window.services.sync.status().running


def test_retry_failed_uploads_puts_parked_jobs_back_in_the_queue(qtbot, window, home) -> None:
    _finish_two_pages(qtbot, window)
    with Outbox.open(home) as outbox:
        parked = outbox.jobs()[0]
        outbox.park(parked.id, StationError(ErrorCode.SYNC_CHECKSUM_MISMATCH, file="x"))
    window.menus.retry_uploads.trigger()
    qtbot.waitUntil(
        lambda: "1 failed uploads queued again." in window.statusBar().currentMessage(),
        timeout=WAIT_MS,
    )
    assert {j.state for j in jobs_of(home)} == {JobState.QUEUED}
    window.menus.retry_uploads.trigger()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == "No failed uploads to retry.",
        timeout=WAIT_MS,
    )


def test_an_unreachable_hub_shows_offline_and_closing_stops_the_sender(
    qtbot, store, window, home, tmp_path
) -> None:
    import socket

    from filelock import FileLock

    from sync.worker import LOCK_NAME

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    changes = {"url": f"http://127.0.0.1:{port}", "client_id": CLIENT_ID,
               "secret_file": str(tmp_path / "secret")}  # fmt: skip
    save_secret(SyncSettings(**changes, target="hub"), "not-used")
    save_settings(store, **changes, target="hub")
    _finish_two_pages(qtbot, window)
    label = window.status.sync
    qtbot.waitUntil(lambda: " · offline" in label.text(), timeout=WAIT_MS)
    assert label.text().startswith("Upload: 2 waiting, 0 failed")
    sync = window.services.sync
    assert sync.status().running

    window.services.close()
    assert not sync.status().running
    lock = FileLock(str(home / LOCK_NAME), timeout=0)
    lock.acquire()  # the station's one-sender lock was let go
    lock.release()
    assert {j.state for j in jobs_of(home)} <= {JobState.QUEUED, JobState.UPLOADING}


def test_a_sender_that_crashed_says_so_in_the_status_bar(qtbot, window) -> None:
    from sync.worker_events import SyncEvent, WorkerEventKind

    crashed = SyncEvent(WorkerEventKind.CRASHED, delay=4.0, error_params={"detail": "KeyError"})
    window.services.events.post(crashed)  # what the supervisor tells its listeners
    label = window.status.sync
    qtbot.waitUntil(lambda: "KeyError" in label.text(), timeout=WAIT_MS)
    assert "restarting in 4 s" in label.text()

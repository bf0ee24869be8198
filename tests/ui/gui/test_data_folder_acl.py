"""On Windows the window closes the data folder to other users with icacls when it starts (off
the GUI thread), and the status bar warns when icacls fails."""

from __future__ import annotations

import pytest

from tests.helpers.windows_acl import FakeIcacls, expected_command, pretend_windows

WAIT_MS = 10000


@pytest.fixture
def icacls(request, monkeypatch) -> FakeIcacls:
    fake = FakeIcacls(**request.param)
    pretend_windows(monkeypatch, fake)
    return fake


@pytest.mark.parametrize("icacls", [{"returncode": 5, "stderr": b"Access is denied."}],
                         indirect=True)  # fmt: skip
def test_a_failed_icacls_is_said_in_the_status_bar(qtbot, icacls, window, home) -> None:
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "icacls" in bar.currentMessage(), timeout=WAIT_MS)
    assert bar.currentMessage() == (
        "⚠ The data folder could not be closed to other users of this computer (icacls"
        " failed); citizens' data may be readable by them"
    )
    assert icacls.calls == [expected_command(str(home))]


@pytest.mark.parametrize("icacls", [{}], indirect=True)
def test_a_restricted_folder_is_not_mentioned(qtbot, icacls, window, home) -> None:
    qtbot.waitUntil(lambda: len(icacls.calls) == 1, timeout=WAIT_MS)
    window.services.tasks.wait()
    assert icacls.calls == [expected_command(str(home))]
    assert "icacls" not in window.statusBar().currentMessage()

"""Without Chromium the browser tests fail, saying what to install; they never skip."""

from __future__ import annotations

import pytest

from tests.hub.web import browser


def test_a_machine_without_chromium_fails_the_browser_tests_saying_what_to_install(
    monkeypatch, tmp_path
) -> None:
    absent = str(tmp_path / "chromium")
    monkeypatch.setattr(browser, "CHROMIUM", absent)
    with pytest.raises(pytest.fail.Exception) as failed, browser.chromium():
        pass
    message = str(failed.value)
    assert absent in message
    assert "scripts/setup.sh test" in message and "chromium-driver" in message

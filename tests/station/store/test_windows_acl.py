"""On Windows the data folder gets an ACL of its own (the clerk's account and Administrators,
nothing inherited), set with icacls; every way icacls can fail is a False, never a crash."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from station.store.permissions import check_data_folder, protect_data_folder
from tests.helpers.windows_acl import FakeIcacls, expected_command, pretend_windows


def test_the_data_folder_is_given_to_the_user_and_administrators(monkeypatch, tmp_path) -> None:
    icacls = FakeIcacls()
    pretend_windows(monkeypatch, icacls)
    assert protect_data_folder(tmp_path) is True
    assert icacls.calls == [expected_command(str(tmp_path))]


def test_a_local_account_has_no_domain(monkeypatch, tmp_path) -> None:
    icacls = FakeIcacls()
    pretend_windows(monkeypatch, icacls, {"USERNAME": "clerk"})
    assert protect_data_folder(tmp_path) is True
    assert icacls.calls == [expected_command(str(tmp_path), account="clerk")]


@pytest.mark.parametrize(
    "icacls",
    [
        FakeIcacls(returncode=5, stderr=b"Access is denied."),
        FakeIcacls(raises=FileNotFoundError("icacls")),
        FakeIcacls(raises=subprocess.TimeoutExpired("icacls", 60)),
    ],
    ids=["refused", "missing", "too slow"],
)
def test_a_failed_icacls_is_reported_not_raised(monkeypatch, tmp_path, icacls) -> None:
    pretend_windows(monkeypatch, icacls)
    assert protect_data_folder(tmp_path) is False
    assert len(icacls.calls) == 1
    found = check_data_folder(tmp_path)
    assert found.acl_failed and found.wide == []  # mode bits mean nothing there


def test_without_a_user_name_nothing_is_run_and_it_says_so(monkeypatch, tmp_path) -> None:
    icacls = FakeIcacls()
    pretend_windows(monkeypatch, icacls, {})
    assert protect_data_folder(tmp_path) is False
    assert icacls.calls == []


def test_elsewhere_the_folder_is_left_to_its_modes(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    found = check_data_folder(tmp_path)
    assert protect_data_folder(tmp_path) is True
    assert not found.acl_failed and [w.path for w in found.wide] == [tmp_path]

"""`sohoa sync run` on Windows closes the data folder to other users with icacls first, and
warns in both languages (and goes on sending) when icacls fails; `sync configure` sets how
often the sender fetches the province's catalog."""

from __future__ import annotations

import json

from tests.helpers.windows_acl import FakeIcacls, expected_command, pretend_windows
from ui.cli.main import main


def test_sync_run_restricts_the_data_folders_acl_on_windows(
    store, home, capsys, monkeypatch
) -> None:
    icacls = FakeIcacls()
    pretend_windows(monkeypatch, icacls)
    assert main(["sync", "run", "--once"]) == 0
    assert icacls.calls == [expected_command(str(home))]
    assert "icacls" not in capsys.readouterr().err


def test_sync_run_warns_in_both_languages_when_icacls_fails_and_still_runs(
    store, home, capsys, monkeypatch
) -> None:
    icacls = FakeIcacls(returncode=5, stderr=b"Access is denied.")
    pretend_windows(monkeypatch, icacls)
    assert main(["sync", "run", "--once", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "Cảnh báo: không giới hạn được quyền truy cập thư mục dữ liệu" in err
    assert "Warning: the data folder could not be closed to other users" in err
    kinds = [json.loads(line)["kind"] for line in out.splitlines()]
    assert kinds[0] == "started" and kinds[-1] == "stopped"


def test_sync_run_runs_no_icacls_elsewhere(store, capsys, monkeypatch) -> None:
    icacls = FakeIcacls()
    pretend_windows(monkeypatch, icacls)
    monkeypatch.setattr("station.store.permissions.os.name", "posix")
    assert main(["sync", "run", "--once"]) == 0
    assert icacls.calls == []


def test_sync_configure_sets_how_often_the_catalog_is_fetched(store, capsys) -> None:
    assert main(["sync", "configure", "--catalog-hours", "24", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["settings"]["catalog_hours"] == 24
    assert main(["sync", "configure", "--catalog-hours", "-1"]) == 2

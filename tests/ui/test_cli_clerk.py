"""Who the command line records as the clerk: the OS user only on a station nobody has set
accounts up on; once it has accounts, the clerk named with --clerk and their password."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import pytest

from station.accounts import Accounts, Role
from station.store import Store
from ui.cli.main import main

PASSWORD = "mật-khẩu-đủ-dài"


def _dossier(capsys, code: str, *before: str) -> tuple[int, str]:
    exit_code = main([*before, "dossier", "new", "--code", code, "--procedure", "1.001193"])
    return exit_code, capsys.readouterr().err


def _clerk_of(home: Path, code: str) -> str | None:
    with Store.open(home) as store:
        found = [d for d in store.dossiers() if d.code == code]
        return found[0].clerk_id if found else None


@pytest.fixture
def with_accounts(home: Path) -> Path:
    with Store.open(home) as store:
        Accounts(store.database).add("lan", "Nguyễn Thị Lan", Role.CLERK, PASSWORD)
    return home


def test_a_station_without_accounts_records_the_os_user(capsys, home: Path) -> None:
    assert _dossier(capsys, "D-1")[0] == 0
    assert _clerk_of(home, "D-1") == getpass.getuser()


def test_with_accounts_work_without_a_clerk_is_refused_and_nothing_is_written(
    capsys, with_accounts: Path
) -> None:
    code, err = _dossier(capsys, "D-1")
    assert code == 3
    assert err.startswith("Lỗi: Trạm đã có tài khoản") and "--clerk" in err
    assert "| Error: This station has clerk accounts" in err
    assert _clerk_of(with_accounts, "D-1") is None


def test_the_named_clerk_with_the_password_is_recorded_and_counted(
    capsys, with_accounts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOHOA_CLERK_PASSWORD", PASSWORD)
    assert _dossier(capsys, "D-1", "--clerk", "lan")[0] == 0
    monkeypatch.setenv("SOHOA_CLERK", "lan")  # the environment names the clerk as well
    code = main(["scan", "--source", "adf", "--dpi", "100", "--option", "sheets=2",
                 "--dossier", "D-1", "--json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    with Store.open(with_accounts) as store:
        assert store.dossier("D-1").clerk_id == "lan"
        assert len(store.pages("D-1")) == 2
    assert main(["stats", "--by", "clerk", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    groups = {group["key"]: group for group in figures["groups"]}
    assert list(groups) == ["lan"]
    assert groups["lan"]["pages"]["stored"] == 2


def test_a_wrong_password_is_refused_in_both_languages(
    capsys, with_accounts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOHOA_CLERK_PASSWORD", "sai-mật-khẩu")
    code, err = _dossier(capsys, "D-1", "--clerk", "lan")
    assert code == 3 and err.startswith("Lỗi: ") and "| Error: " in err
    assert PASSWORD not in err and "sai-mật-khẩu" not in err
    assert _clerk_of(with_accounts, "D-1") is None


def test_reading_needs_no_clerk(capsys, with_accounts: Path) -> None:
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)


def test_a_dossier_cannot_be_opened_in_another_clerks_name(capsys, with_accounts: Path) -> None:
    code = main(["dossier", "new", "--code", "D-1", "--procedure", "1.001193", "--clerk", "lan"])
    assert code == 2  # no such option: only a signed-in clerk is ever recorded
    assert _clerk_of(with_accounts, "D-1") is None

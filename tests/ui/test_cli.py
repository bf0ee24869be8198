from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from station import __version__
from station.store import NewPage, Store
from tests.conftest import REPO
from ui.cli.main import cli, main

STANDARD = "000.00.14.H05-251122-0001"


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _sohoa(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("sohoa")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "ui.cli.main"]
    return subprocess.run(
        [*command, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, (*prefix, name)))
        else:
            paths.append((*prefix, name))
    return paths


def test_installed_command_prints_its_version(home) -> None:
    result = _sohoa("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"sohoa {__version__}"


@pytest.mark.parametrize("path", _command_paths(cli), ids=lambda p: " ".join(p) or "sohoa")
def test_every_command_has_help(capsys, home, path: tuple[str, ...]) -> None:
    code, out, err = _run(capsys, *path, "--help")
    assert code == 0, err
    assert out.startswith("Usage: sohoa")


def test_dossier_new_show_list_round_trip_as_json(capsys, home) -> None:
    code, out, err = _run(
        capsys, "dossier", "new", "--code", STANDARD, "--procedure", "1.001193",
        "--applicant", "Trần Thị B", "--id-number", "001190000001", "--json",
    )  # fmt: skip
    assert code == 0, err
    created = json.loads(out)
    assert created["dossier"]["code"] == STANDARD
    assert created["dossier"]["procedure_name"] == "Thủ tục đăng ký khai sinh"
    assert created["warnings"] == []

    code, out, _ = _run(capsys, "dossier", "show", STANDARD, "--json")
    shown = json.loads(out)
    assert code == 0
    assert shown["dossier"] == created["dossier"]
    missing = {c["code"] for c in shown["components"] if c["missing"]}
    assert missing == {"TP1", "TP2", "TP3", "TP6"}  # KQ1, the result, is issued later
    assert {c["need"] for c in shown["components"] if c["code"] in ("TP2", "TP3")} == {"one_of"}
    assert shown["pages"] == []

    code, out, _ = _run(capsys, "dossier", "list", "--json")
    assert [d["code"] for d in json.loads(out)["dossiers"]] == [STANDARD]


def test_show_lists_pages_with_their_hashes(capsys, home) -> None:
    _run(capsys, "dossier", "new", "--code", "D-9", "--procedure", "2.000815")
    data = b"P5 1 1 255 \x7f"
    with Store.open(home) as store:
        store.add_page("D-9", NewPage(data, "image/x-portable-anymap", 300, component_code="TP1"))
    code, out, _ = _run(capsys, "dossier", "show", "D-9", "--json")
    (page,) = json.loads(out)["pages"]
    assert page["sha256"] == hashlib.sha256(data).hexdigest()
    assert page["component_code"] == "TP1" and page["order"] == 1


def test_nonstandard_code_is_accepted_with_a_bilingual_warning(capsys, home) -> None:
    code, out, err = _run(
        capsys,
        "dossier",
        "new",
        "--code",
        "G09.20-20260609-0092637",
        "--procedure",
        "1.001193",
        "--json",
    )
    assert code == 0
    assert json.loads(out)["warnings"][0]["code"] == "nonstandard_shape"
    assert err.startswith("Cảnh báo: ") and "| Warning: " in err


@pytest.mark.parametrize(
    ("args", "error_code", "words"),
    [
        (["--code", "", "--procedure", "1.001193"], "empty_dossier_code", "Mã hồ sơ đang trống"),
        (
            ["--code", "  \r\n", "--procedure", "1.001193"],
            "empty_dossier_code",
            "dossier code is empty",
        ),
        (["--code", "X-1", "--procedure", "9.999999"], "unknown_procedure", "9.999999"),
        (
            ["--code", "X-1", "--procedure", "1.004222", "--case", "khong_co"],
            "unknown_case",
            "khong_co",
        ),
    ],
)
def test_bad_dossier_input_gets_one_bilingual_line(capsys, home, args, error_code, words) -> None:
    code, out, err = _run(capsys, "dossier", "new", *args, "--json")
    assert code == 3
    assert json.loads(out)["error"]["code"] == error_code
    assert err.count("\n") == 1 and err.startswith("Lỗi: ") and " | Error: " in err
    assert words in err
    code, out, _ = _run(capsys, "dossier", "list", "--json")
    assert json.loads(out)["dossiers"] == []


def test_duplicate_dossier_is_refused(capsys, home) -> None:
    _run(capsys, "dossier", "new", "--code", "D-1", "--procedure", "1.001193")
    code, _, err = _run(capsys, "dossier", "new", "--code", "D-1", "--procedure", "1.001193")
    assert code == 3 and "đã có" in err and "already exists" in err


def test_usage_errors_are_bilingual(capsys, home) -> None:
    code, _, err = _run(capsys, "dossier", "new", "--procedure", "1.001193")
    assert code == 2
    assert err.startswith("Lỗi: Lệnh không hợp lệ") and "Invalid command" in err and "--code" in err


def test_check_is_clean_then_reports_a_missing_page(capsys, home) -> None:
    _run(capsys, "dossier", "new", "--code", "D-2", "--procedure", "1.001193")
    with Store.open(home) as store:
        page = store.add_page("D-2", NewPage(b"P5 1 1 255 \x01", "image/x-portable-anymap", 300))
    code, out, _ = _run(capsys, "check", "--json")
    assert code == 0 and json.loads(out)["clean"] is True
    (home / page.original.path).unlink()
    code, out, _ = _run(capsys, "check", "--json")
    report = json.loads(out)
    assert code == 1
    assert report["clean"] is False
    assert report["problems"] == [
        {"kind": "page_missing", "subject": "D-2 #1", "detail": page.original.path}
    ]


def test_corrupt_database_gives_a_clear_error_without_traceback(home) -> None:
    home.mkdir(parents=True)
    (home / "station.db").write_bytes(b"garbage" * 1000)
    result = _sohoa("dossier", "list", env={**os.environ, "SOHOA_HOME": str(home)})
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert "bị hỏng" in result.stderr and "damaged" in result.stderr
    assert (home / "station.db").read_bytes() == b"garbage" * 1000


def test_debug_flag_shows_the_traceback(home) -> None:
    home.mkdir(parents=True)
    (home / "station.db").write_bytes(b"garbage" * 1000)
    result = _sohoa("--debug", "check", env={**os.environ, "SOHOA_HOME": str(home)})
    assert result.returncode != 0
    assert "Traceback" in result.stderr and "StationError" in result.stderr


def test_gui_without_a_display_says_so(home) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    env["SOHOA_HOME"] = str(home)
    result = _sohoa("gui", env=env)
    assert result.returncode == 3
    assert "DISPLAY" in result.stderr and "xvfb-run" in result.stderr


def test_a_dossier_opened_with_a_case_shows_it(capsys, home) -> None:
    code, out, _ = _run(
        capsys, "dossier", "new", "--code", "D-CASE", "--procedure", "1.004222",
        "--case", "thue_muon_o_nho", "--json",
    )  # fmt: skip
    assert code == 0 and json.loads(out)["dossier"]["cases"] == ["thue_muon_o_nho"]


def test_check_reports_data_other_users_could_read(capsys, home) -> None:
    _run(capsys, "dossier", "new", "--code", "D-3", "--procedure", "1.001193")
    with Store.open(home) as store:
        page = store.add_page("D-3", NewPage(b"P5 1 1 255 \x01", "image/x-portable-anymap", 300))
    code, out, _ = _run(capsys, "check", "--json")
    assert code == 0, out
    (home / page.original.path).chmod(0o644)  # as older versions wrote pages
    code, out, _ = _run(capsys, "check", "--json")
    assert code == 1
    assert json.loads(out)["problems"] == [
        {"kind": "permissions", "subject": str(home / page.original.path), "detail": "644 (> 600)"}
    ]

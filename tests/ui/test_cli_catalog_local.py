"""The station's own catalog folder in `sohoa catalog version`, `sohoa catalog check` and
`sohoa check`: what it adds, and the files that name a procedure the catalog holds (ignored)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from app.context import AppContext
from station.catalog import bundled_catalog_dir
from ui.cli.catalog import catalog_group
from ui.cli.catalog_sync import catalog_version_command
from ui.cli.check import check_command

BUILT_IN_PROCEDURE = "1.010041"
ADDED = "1.010041.H05"


def _own_files(home: Path) -> None:
    data = json.loads((bundled_catalog_dir() / f"{BUILT_IN_PROCEDURE}.json").read_text("utf-8"))
    (home / "catalog").mkdir(parents=True)
    replaced = {**data, "name": "Tên sửa tay"}
    (home / "catalog" / f"{BUILT_IN_PROCEDURE}.json").write_text(
        json.dumps(replaced, ensure_ascii=False), encoding="utf-8"
    )
    added = {**data, "code": ADDED, "name": "Thủ tục riêng của tỉnh"}
    (home / "catalog" / f"{ADDED}.json").write_text(
        json.dumps(added, ensure_ascii=False), encoding="utf-8"
    )


def _invoke(home: Path, command, *args: str):
    context = AppContext(home=home)
    try:
        return CliRunner().invoke(command, list(args), obj=context)
    finally:
        context.close()


def test_catalog_version_names_what_the_own_folder_adds_and_warns_of_what_it_ignores(
    home: Path,
) -> None:
    _own_files(home)
    result = _invoke(home, catalog_version_command)
    assert result.exit_code == 0, result.output
    assert "Danh mục / Catalog: mặc định / built-in" in result.stdout
    assert f"station's own procedure: {ADDED} (builtin-" in result.stdout
    ignored = home / "catalog" / f"{BUILT_IN_PROCEDURE}.json"
    assert result.stderr.startswith(f"Cảnh báo: Bỏ qua tệp danh mục riêng của trạm {ignored}")
    assert f"| Warning: Ignored the station's own catalog file {ignored}" in result.stderr
    assert "procedure 1.010041 is in the built-in catalog" in result.stderr
    as_json = json.loads(_invoke(home, catalog_version_command, "--json").stdout)
    assert as_json["ignored"] == [{"code": BUILT_IN_PROCEDURE, "path": str(ignored)}]
    (added,) = as_json["local"]
    assert added["code"] == ADDED and added["version"].endswith(f"+local:{added['sha8']}")


def test_catalog_check_warns_of_an_ignored_own_file_without_failing(home: Path) -> None:
    _own_files(home)
    result = _invoke(home, catalog_group, "check", "--json")
    assert result.exit_code == 0, result.output
    kinds = [
        (p["procedure"], p["kind"], p["severity"]) for p in json.loads(result.stdout)["problems"]
    ]
    assert kinds == [(BUILT_IN_PROCEDURE, "local_ignored", "warning")]


def test_sohoa_check_says_which_own_catalog_files_are_ignored(home: Path) -> None:
    _own_files(home)
    result = _invoke(home, check_command)
    assert result.exit_code == 0, result.output
    assert "Ignored the station's own catalog file" in result.stderr
    (warning,) = json.loads(_invoke(home, check_command, "--json").stdout)["catalog_warnings"]
    assert warning["vi"].startswith("Bỏ qua tệp danh mục riêng của trạm")


def test_without_own_files_nothing_is_said(home: Path) -> None:
    result = _invoke(home, check_command)
    assert result.exit_code == 0 and result.stderr == ""


def test_catalog_show_names_the_own_file_a_procedure_comes_from(home: Path) -> None:
    _own_files(home)
    result = _invoke(home, catalog_group, "show", ADDED)
    assert result.exit_code == 0, result.output
    assert f"station's own file: {home / 'catalog' / f'{ADDED}.json'}" in result.stdout
    shown = json.loads(_invoke(home, catalog_group, "show", ADDED, "--json").stdout)
    assert shown["catalog_version"].startswith("builtin-") and "+local:" in shown["catalog_version"]
    replaced = json.loads(_invoke(home, catalog_group, "show", BUILT_IN_PROCEDURE, "--json").stdout)
    assert replaced["local_file"] is None and replaced["procedure"]["name"] != "Tên sửa tay"

"""`sohoa catalog show|check|diff` (the group lives in ui/cli/catalog.py)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from app.context import AppContext
from station.catalog import bundled_catalog_dir
from station.catalog_audit import ProblemKind
from station.catalog_problem_text import PROBLEM_TEXT
from ui.cli.catalog import catalog_group


def _run(home: Path, *args: str):
    return CliRunner().invoke(catalog_group, list(args), obj=AppContext(home=home))


def test_every_bundled_entry_passes_catalog_check(home: Path) -> None:
    result = _run(home, "check", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] and report["problems"] == []


def test_catalog_check_exits_1_on_an_entry_past_valid_until(home: Path, tmp_path: Path) -> None:
    data = json.loads((bundled_catalog_dir() / "1.000656.json").read_text(encoding="utf-8"))
    data["provenance"]["valid_until"] = "2025-06-30"
    (tmp_path / "1.000656.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _run(home, "check", str(tmp_path))
    assert result.exit_code == 1
    assert "expired" in result.output and "1.000656" in result.output


def test_catalog_show_prints_cases_alternatives_and_must_not_request(home: Path) -> None:
    result = _run(home, "show", "1.001193")
    assert result.exit_code == 0, result.output
    assert "tre_bi_bo_roi" in result.output
    assert "TP2 | TP3" in result.output
    assert "KHÔNG được yêu cầu" in result.output
    shown = json.loads(_run(home, "show", "1.004222", "--json").output)["procedure"]
    assert shown["format"] == 2 and shown["provenance"]["verified"] is False


def test_catalog_diff_of_two_directories(home: Path, tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    source = bundled_catalog_dir() / "1.000894.json"
    (old / source.name).write_bytes(source.read_bytes())
    data = json.loads(source.read_text(encoding="utf-8"))
    data["name"] = "Đăng ký kết hôn (tỉnh X)"
    (new / source.name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _run(home, "diff", str(old), str(new), "--json")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.output)["changes"]
    assert [(c["procedure"], c["kind"], c["item"]) for c in changes] == [
        ("1.000894", "changed", "name")
    ]


def test_every_problem_kind_has_bilingual_text() -> None:
    assert set(PROBLEM_TEXT) == set(ProblemKind)

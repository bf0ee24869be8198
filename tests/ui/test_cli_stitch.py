from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from tests.ui.stitch_parts import a3_part_files, stranger_file
from ui.cli.stitch import stitch_command


@pytest.fixture(scope="module")
def part_files(tmp_path_factory) -> list[Path]:
    return a3_part_files(tmp_path_factory.mktemp("parts"))


def test_stitch_writes_one_page_of_the_papers_true_size(part_files, tmp_path) -> None:
    out = tmp_path / "map.pdf"
    args = [*map(str, part_files), "--paper", "A3", "--out", str(out), "--json"]
    result = CliRunner().invoke(stitch_command, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [part["file"] for part in report["parts"]] == [p.name for p in part_files]
    assert all(part["residual_mm"] < 0.3 for part in report["parts"])
    assert (report["page"]["width_mm"], report["page"]["height_mm"]) == (297.0, 420.0)
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 1
        box = [float(v) for v in pdf.pages[0].MediaBox]
    assert box == pytest.approx([0, 0, 297 * 72 / 25.4, 420 * 72 / 25.4], abs=1e-3)


def test_stitch_prints_each_part_then_the_page(part_files, tmp_path) -> None:
    out = tmp_path / "map.pdf"
    args = [*map(str, part_files), "--paper", "297x420", "--out", str(out)]
    result = CliRunner().invoke(stitch_command, args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines[:4]] == [
        f"#{n} {p.name}" for n, p in enumerate(part_files, 1)
    ]
    assert lines[4].startswith("Trang / page 297x420: 297 x 420 mm")


def test_a_part_from_another_sheet_is_refused_in_both_languages(part_files, tmp_path) -> None:
    odd = stranger_file(tmp_path / "other.png")
    args = [*map(str, part_files[:2]), str(odd), *map(str, part_files[2:])]
    result = CliRunner().invoke(
        stitch_command, [*args, "--paper", "A3", "--out", str(tmp_path / "x.pdf"), "--json"]
    )
    assert result.exit_code == 3
    payload = json.loads(result.stdout)
    assert payload["error"]["code"] == "stitch_part_isolated"
    assert payload["error"]["params"]["part"] == "3"
    assert "other.png" in payload["error"]["message_vi"]
    assert "overlaps no other part" in payload["error"]["message_en"]
    assert not (tmp_path / "x.pdf").exists()


def test_an_incomplete_sheet_is_refused_naming_the_missing_parts(part_files, tmp_path) -> None:
    out = tmp_path / "half.pdf"
    args = [*map(str, part_files[:2]), "--paper", "A3", "--out", str(out), "--json"]
    result = CliRunner().invoke(stitch_command, args)
    assert result.exit_code == 3
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "stitch_sheet_incomplete"
    missing = error["params"]["missing"]
    assert len(missing.split(", ")) == 2
    assert int(error["params"]["covered"]) < 98
    assert f"thiếu phần {missing}" in error["message_vi"]
    assert f"parts {missing} missing" in error["message_en"]
    assert not out.exists()

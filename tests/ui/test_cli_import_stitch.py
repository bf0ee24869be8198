from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from station.store import Store
from tests.ui.stitch_parts import DPI, a3_part_files, stranger_file
from ui.cli.main import main


@pytest.fixture(scope="module")
def part_files(tmp_path_factory) -> list[Path]:
    return a3_part_files(tmp_path_factory.mktemp("parts"))


def _run(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def test_import_stitch_stores_the_parts_as_one_page_of_the_paper(capsys, home, part_files):
    code, lines, _ = _run(capsys, "import", *map(str, part_files), "--stitch", "A3", "--json")
    assert code == 0, lines
    assert [line["event"] for line in lines] == ["page"] * 4 + ["stitched", "summary"]
    stitched, summary = lines[-2], lines[-1]
    assert (stitched["paper"], stitched["parts"], stitched["dpi"]) == ("A3", 4, DPI)
    assert summary["pages"] == 1
    with Store.open(home) as store:
        (page,) = store.pages(summary["dossier"])
        assert page.id == stitched["page_id"]
        parts = store.parts_of(page.id)
        assert [p.id for p in parts] == [line["page_id"] for line in lines[:4]]
        assert (home / parts[0].original.path).read_bytes() == part_files[0].read_bytes()


def test_import_stitch_refuses_a_stranger_and_keeps_every_file_as_a_page(
    capsys, home, part_files, tmp_path
):
    odd = stranger_file(tmp_path / "other.png")
    files = [*map(str, part_files[:2]), str(odd), *map(str, part_files[2:])]
    code, lines, err = _run(capsys, "import", *files, "--stitch", "A3", "--json")
    assert code == 3
    error = next(line for line in lines if line["event"] == "error")
    assert error["error"]["code"] == "stitch_part_isolated"
    assert "other.png" in error["error"]["message_en"]
    assert "Phần 3 (other.png)" in error["error"]["message_vi"]
    assert "Lỗi: " in err
    with Store.open(home) as store:
        assert len(store.pages(lines[-1]["dossier"])) == 5


def test_import_stitch_refuses_an_incomplete_sheet_and_keeps_the_parts(capsys, home, part_files):
    code, lines, err = _run(capsys, "import", *map(str, part_files[:3]), "--stitch", "A3", "--json")
    assert code == 3
    error = next(line for line in lines if line["event"] == "error")
    assert error["error"]["code"] == "stitch_sheet_incomplete"
    assert re.search(r"thiếu phần \d \(", error["error"]["message_vi"])  # one part
    assert re.search(r"parts \d missing", error["error"]["message_en"])
    assert "Lỗi: " in err
    with Store.open(home) as store:
        assert len(store.pages(lines[-1]["dossier"])) == 3

from __future__ import annotations

import json
from pathlib import Path

import cv2
import pytest
from PIL import Image

from station.store import Store
from tests.station.stitch.sheet import cut_parts, draw_map
from ui.cli.main import main

DPI = 150


def _save(pixels, path: Path) -> Path:
    Image.fromarray(cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB)).save(path, dpi=(DPI, DPI))
    return path


@pytest.fixture(scope="module")
def part_files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("parts")
    sheet = draw_map(297, 420, DPI, ruler_mm=380, seed=3)
    scanned = cut_parts(sheet, (2, 2), seed=11, turned=1)
    return [_save(s.pixels, folder / f"part{n}.png") for n, s in enumerate(scanned, 1)]


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
    stranger = cut_parts(draw_map(210, 297, DPI, ruler_mm=150, seed=99), (1, 1), seed=5)[0]
    odd = _save(stranger.pixels, tmp_path / "other.png")
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

"""`sohoa page separate` and `sohoa page stitch`: a sheet imported as one stitched page given
back as its parts and stitched again, on the paper suggested; pages that do not overlap are
refused in both languages and stay pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from station.store import Store
from tests.ui.stitch_parts import DPI, a3_part_files, stranger_file
from ui.cli.main import main


@pytest.fixture(scope="module")
def part_files(tmp_path_factory) -> list[Path]:
    return a3_part_files(tmp_path_factory.mktemp("parts"))


def _run(capsys, *args: str) -> tuple[int, dict, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else {}, err


def _imported(capsys, files) -> tuple[str, str, list[str]]:
    """The parts imported as one A3 page: (dossier, stitched page, parts)."""
    assert main(["import", *map(str, files), "--stitch", "A3", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr()[0].splitlines() if line.strip()]
    stitched = next(line for line in lines if line["event"] == "stitched")
    parts = [line["page_id"] for line in lines if line["event"] == "page"]
    return stitched["dossier"], stitched["page_id"], parts


def test_a_stitched_page_separates_into_its_parts_and_stitches_again(capsys, home, part_files):
    dossier, stitched, parts = _imported(capsys, part_files)

    code, out, _ = _run(capsys, "page", "separate", stitched, "--json")
    assert code == 0, out
    assert [p["id"] for p in out["parts"]] == parts
    with Store.open(home) as store:
        assert [p.id for p in store.pages(dossier)] == parts
        assert store.page(stitched) is None

    code, out, _ = _run(capsys, "page", "stitch", *parts, "--json")  # the paper suggested: A3
    assert code == 0, out
    page = out["page"]
    assert (page["paper_size"], page["dpi"], out["parts"]) == ("A3", DPI, parts)
    with Store.open(home) as store:
        assert [p.id for p in store.pages(dossier)] == [page["id"]]
        assert [p.id for p in store.parts_of(page["id"])] == parts

    code, out, err = _run(capsys, "page", "separate", parts[0], "--json")  # a part: no parts
    assert code == 3 and out["error"]["code"] == "page_not_found"
    assert "Lỗi: " in err

    assert main(["page", "separate", page["id"]]) == 0
    capsys.readouterr()
    code, out, err = _run(capsys, "page", "separate", parts[0], "--json")  # a page, never stitched
    assert code == 3 and out["error"]["code"] == "page_not_stitched"
    assert "không phải trang ghép" in err and "was not stitched" in err


def test_pages_that_do_not_overlap_are_refused_and_left_as_they_were(
    capsys, home, part_files, tmp_path
):
    dossier, stitched, parts = _imported(capsys, part_files)
    odd = stranger_file(tmp_path / "other.png")
    assert main(["import", str(odd), "--dossier", dossier, "--json"]) == 0
    other = json.loads(capsys.readouterr()[0].splitlines()[0])["page_id"]

    code, out, err = _run(capsys, "page", "stitch", stitched, other, "--paper", "A2", "--json")
    assert code == 3
    assert out["error"]["code"] == "stitch_part_isolated"
    assert f"Phần 2 ({other})" in out["error"]["message_vi"]
    assert "left as they were" in out["error"]["message_en"]
    assert "Lỗi: " in err and "Error: " in err
    with Store.open(home) as store:
        assert [p.id for p in store.pages(dossier)] == [stitched, other]
        assert [p.id for p in store.parts_of(stitched)] == parts

"""A large sheet through `sohoa process` stays within its memory budget, measured by the OS
on a fresh process tree: the CLI's peak plus its pool worker's."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.station.sheet_files import save_sheets

REPO = Path(__file__).resolve().parents[2]

# Runs `sohoa process` in this process and prints the memory of the tree it makes: this process
# and the pool worker it spawns hold their pixels at the same time, so their peaks are summed
# (tests/station/tree_memory.py).
_MEASURE = """
import contextlib, io, json, sys
from tests.station.tree_memory import TreeMemory
from ui.cli.main import main
printed = io.StringIO()
with TreeMemory() as tree, contextlib.redirect_stdout(printed):
    code = main(sys.argv[1:])
pages = [json.loads(l) for l in printed.getvalue().splitlines() if l.startswith("{")]
print(json.dumps({"code": code, **tree.figures(), "pages": pages}))
"""


def _process(path: Path, home: Path, profile: str = "standard") -> dict:
    out = home / "sheet.pdf"
    argv = ["--home", str(home), "process", str(path), "--out", str(out), "--json"]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv, "--workers", "1", "--profile", profile],
        cwd=REPO, capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0, result
    return result


# The files each resolution is saved as (a 600 dpi PNG takes long to write and decodes as a JPEG
# does: OpenCV into one array).
KINDS = {300: ("jpg", "png", "tif"), 600: ("jpg", "tif", "bw.tif")}
SIZES = {300: (9933, 14043), 600: (19866, 28087)}


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], dict[str, Path]]:
    """The plan drawn once per resolution, saved as each kind of file."""
    folder = tmp_path_factory.mktemp("sheets")
    saved: dict[int, dict[str, Path]] = {}

    def files(dpi: int) -> dict[str, Path]:
        if dpi not in saved:
            saved[dpi] = save_sheets(dpi, folder, KINDS[dpi])
        return saved[dpi]

    return files


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "dpi", "profile", "limit_mb"),
    [
        ("jpg", 300, "standard", 1000),
        ("png", 300, "standard", 1000),
        ("tif", 300, "standard", 1000),
        ("jpg", 300, "lossless", 1000),
        ("jpg", 600, "standard", 2000),
        ("tif", 600, "standard", 2000),
        ("bw.tif", 600, "standard", 2000),
    ],
    ids=["jpeg-300", "png-300", "tiff-300", "lossless-300", "jpeg-600", "tiff-600", "g4-600"],
)
def test_an_a0_sheet_is_processed_within_its_memory_budget(
    tmp_path: Path, sheets, kind: str, dpi: int, profile: str, limit_mb: int
) -> None:
    """300 dpi (139 M px): under a gigabyte, in colour from JPEG, PNG or LZW TIFF and with the
    lossless profile; 600 dpi (558 M px, 1.6 GB as colour pixels alone): it completes under
    two, in colour and as a 1-bit G4 TIFF."""
    result = _process(sheets(dpi)[kind], tmp_path / "home", profile)
    page = next(p for p in result["pages"] if p["event"] == "page")
    assert (page["width_px"], page["height_px"]) == SIZES[dpi]
    assert abs(page["skew_deg"] - 1.5) < 0.2  # the text's skew, not the map grid's
    assert page["colour"] == ("bw" if kind == "bw.tif" else "color")
    figures = {k: round(result[k]) for k in ("peak_mb", "own_mb", "together_mb")}
    assert result["peak_mb"] < limit_mb, figures  # the CLI's own, and the tree sampled at once

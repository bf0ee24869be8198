"""A large sheet through `sohoa process` stays within its memory budget, measured by the OS
on a fresh process tree (the CLI and its pool workers)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.station.pipeline.large_sheet import draw_sheet, save_sheet

REPO = Path(__file__).resolve().parents[2]

# Runs `sohoa process` in this process, then prints the largest peak RSS (VmHWM) of the tree:
# its own, or its largest finished child's (getrusage RUSAGE_CHILDREN).
_MEASURE = """
import contextlib, io, json, resource, sys
from ui.cli.main import main
printed = io.StringIO()
with contextlib.redirect_stdout(printed):
    code = main(sys.argv[1:])
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
pages = [json.loads(l) for l in printed.getvalue().splitlines() if l.startswith("{")]
print(json.dumps({"code": code, "peak_mb": max(hwm, children) / 1024, "pages": pages}))
"""


def _process(path: Path, home: Path) -> dict:
    out = home / "sheet.pdf"
    argv = ["--home", str(home), "process", str(path), "--out", str(out), "--json"]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv, "--workers", "1"],
        cwd=REPO, capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0, result
    return result


@pytest.mark.slow
@pytest.mark.parametrize(
    ("dpi", "size", "limit_mb"),
    [(300, (9933, 14043), 1000), (600, (19866, 28087), 2000)],
    ids=["300dpi", "600dpi"],
)
def test_an_a0_colour_sheet_is_processed_within_its_memory_budget(
    tmp_path: Path, dpi: int, size: tuple[int, int], limit_mb: int
) -> None:
    """300 dpi (139 M px): under a gigabyte; 600 dpi (558 M px, 1.6 GB as pixels alone):
    it completes under two."""
    path = tmp_path / "a0.jpg"
    pixels = draw_sheet(dpi)
    save_sheet(pixels, path, dpi)
    del pixels
    result = _process(path, tmp_path / "home")
    page = next(p for p in result["pages"] if p["event"] == "page")
    assert (page["width_px"], page["height_px"]) == size
    assert abs(page["skew_deg"] - 1.5) < 0.2  # the text's skew, not the map grid's
    assert result["peak_mb"] < limit_mb, result["peak_mb"]

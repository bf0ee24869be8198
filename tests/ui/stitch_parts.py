"""Parts of an A3 land map cut for an A4 bed, saved as the clerk's files: what the stitching
commands are tested on."""

from __future__ import annotations

from pathlib import Path

import cv2
from PIL import Image

from tests.station.stitch.sheet import cut_parts, draw_map

DPI = 150


def save_part(pixels, path: Path) -> Path:
    Image.fromarray(cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB)).save(path, dpi=(DPI, DPI))
    return path


def a3_part_files(folder: Path) -> list[Path]:
    """An A3 map cut into four parts on an A4 bed, one turned round."""
    sheet = draw_map(297, 420, DPI, ruler_mm=380, seed=3)
    scanned = cut_parts(sheet, (2, 2), seed=11, turned=1)
    return [save_part(s.pixels, folder / f"part{n}.png") for n, s in enumerate(scanned, 1)]


def stranger_file(path: Path) -> Path:
    """An A4 map of its own, which overlaps none of those parts."""
    stranger = cut_parts(draw_map(210, 297, DPI, ruler_mm=150, seed=99), (1, 1), seed=5)[0]
    return save_part(stranger.pixels, path)

"""The drawn A0 plan (tests/station/pipeline/large_sheet.py) saved as each kind of file a large
sheet arrives in: JPEG, PNG, LZW TIFF in colour, and a 1-bit G4 TIFF."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from tests.station.pipeline.large_sheet import draw_sheet, save_sheet

INK_BELOW = 160  # gray level under which the thresholded plan is black (text, grid, seal)


def save_tiff(pixels: np.ndarray, path: Path, dpi: int) -> None:
    """LZW, one row a strip as scanners' drivers write it, coded by OpenCV from the BGR canvas
    without a full-size copy."""
    params = [
        cv2.IMWRITE_TIFF_COMPRESSION, 5, cv2.IMWRITE_TIFF_RESUNIT, 2,
        cv2.IMWRITE_TIFF_XDPI, dpi, cv2.IMWRITE_TIFF_YDPI, dpi,
    ]  # fmt: skip
    if not cv2.imwrite(str(path), pixels, params):
        raise RuntimeError(f"cannot write {path.name}")


def save_bilevel(pixels: np.ndarray, path: Path, dpi: int) -> None:
    """Thresholded to 1 bit, CCITT G4 in Pillow's strips."""
    bits = cv2.cvtColor(pixels, cv2.COLOR_BGR2GRAY) >= INK_BELOW
    image = Image.fromarray(bits)
    del bits
    image.save(path, compression="group4", dpi=(dpi, dpi))


def save_sheets(dpi: int, folder: Path, kinds: tuple[str, ...]) -> dict[str, Path]:
    """The plan drawn once at `dpi`, saved as each of `kinds` ("jpg", "png", "tif", "bw.tif")."""
    pixels = draw_sheet(dpi)
    paths = {}
    for kind in kinds:
        path = folder / f"a0-{dpi}.{kind}"
        if kind == "tif":
            save_tiff(pixels, path, dpi)
        elif kind == "bw.tif":
            save_bilevel(pixels, path, dpi)
        else:
            save_sheet(pixels, path, dpi)
        paths[kind] = path
    return paths

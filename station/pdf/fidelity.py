"""The page check every MRC page passes: does the rendered page show the same shapes as the scan?

Both are cut at the same level (halfway between paper and solid ink, relative to the local paper),
then compared with one pixel of slack for edge placement:
- lost: dark in the scan, with nothing dark within one pixel in the rendering (a stroke broken,
  a dot gone: "8" read as "S", "u" read as "n");
- added: dark in the rendering with nothing dark within one pixel in the scan (strokes joined,
  a blotch).
Cells of about 1 mm that hold more than a speck of either fail, and each group of failed cells
becomes a rectangle that the encoder fills with the original at full resolution.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

CUT_RATIO = 0.72  # "dark" for both images: darker than 72% of the paper's lightness
CELL_MM = 1.0
SPECK_PX_AT_300 = 3  # differing pixels per cell that are still edge noise, at 300 dpi
MARGIN_MM = 0.8  # a patch reaches this far past its failed cells


@dataclass(frozen=True)
class Patch:
    top: int
    left: int
    bottom: int
    right: int


def compare(original: np.ndarray, rendered: np.ndarray, paper: np.ndarray, dpi: int) -> np.ndarray:
    """Per-cell count of lost or added dark pixels (float32 cells), cell size = cell_px(dpi)."""
    cut = cv2.convertScaleAbs(paper, alpha=CUT_RATIO)
    dark_scan = cv2.compare(original, cut, cv2.CMP_LT)
    dark_shown = cv2.compare(rendered, cut, cv2.CMP_LT)
    del cut
    near = np.ones((3, 3), np.uint8)
    lost = cv2.bitwise_and(dark_scan, cv2.bitwise_not(cv2.dilate(dark_shown, near)))
    added = cv2.bitwise_and(dark_shown, cv2.bitwise_not(cv2.dilate(dark_scan, near)))
    differ = cv2.bitwise_or(lost, added)
    size = cell_px(dpi)
    height, width = differ.shape
    cells = (-(-width // size), -(-height // size))
    padded = cv2.copyMakeBorder(
        differ, 0, cells[1] * size - height, 0, cells[0] * size - width, cv2.BORDER_CONSTANT
    )
    return cv2.resize((padded > 0).astype(np.float32), cells, interpolation=cv2.INTER_AREA) * float(
        size * size
    )


def cell_px(dpi: int) -> int:
    return max(4, round(CELL_MM / 25.4 * dpi))


def failed_cells(counts: np.ndarray, dpi: int) -> np.ndarray:
    speck = SPECK_PX_AT_300 * (dpi / 300) ** 2
    return counts > max(1.5, speck)


def patches(counts: np.ndarray, height: int, width: int, dpi: int) -> list[Patch]:
    """Rectangles (full-resolution pixels) covering every failed cell, with a margin."""
    failed = failed_cells(counts, dpi).astype(np.uint8)
    if not failed.any():
        return []
    size = cell_px(dpi)
    margin = max(1, round(MARGIN_MM / CELL_MM))
    grown = cv2.dilate(failed, np.ones((2 * margin + 1, 2 * margin + 1), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    found = []
    for x, y, w, h, _area in stats[1:count]:
        found.append(
            Patch(
                top=int(y) * size,
                left=int(x) * size,
                bottom=min(height, int(y + h) * size),
                right=min(width, int(x + w) * size),
            )
        )
    return _merged(found)


def _merged(found: list[Patch]) -> list[Patch]:
    """Overlapping rectangles become one (each patch is a separate image in the PDF)."""
    merged = True
    while merged:
        merged = False
        out: list[Patch] = []
        for patch in found:
            for index, other in enumerate(out):
                if _overlap(patch, other):
                    out[index] = Patch(
                        min(patch.top, other.top),
                        min(patch.left, other.left),
                        max(patch.bottom, other.bottom),
                        max(patch.right, other.right),
                    )
                    merged = True
                    break
            else:
                out.append(patch)
        found = out
    return found


def _overlap(a: Patch, b: Patch) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom

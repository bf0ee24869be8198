"""The page check every MRC page passes: does the rendered page show the same shapes as the scan?

Marks are pixels darker than 85% of the local paper.
- lost: a mark in the scan where the rendering shows less than half its contrast, and 48 levels
  less, at the same pixel (a stroke broken or faded away, a dot gone: "8" read as "S", "u" read
  as "n");
- added: a mark in the rendering where the scan shows less than half its contrast (and 48 levels
  less) within one pixel (strokes joined, a blotch).
Cells of about 1 mm that hold more than a speck of either fail, and each group of failed cells
becomes a rectangle that the encoder fills with the original at full resolution.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import cv2
import numpy as np

from station.imaging.components import components_with_stats
from station.pdf.rows import CACHE_BAND_PIXELS, bands

MARK_RATIO = 0.85  # a mark: darker than 85% of the local paper's lightness
KEPT = 0.5  # a mark is kept when the other image shows at least half its contrast
MIN_LOSS = 48  # ... or loses less than this many levels (JPEG noise on a faint mark)
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
    """Per-cell count of lost or added dark pixels (float32 cells), cell size = cell_px(dpi).

    Run in bands of whole cells (with a row of context for the one-pixel reach), so the dozen
    steps per pixel stay in the cache; the counts are those of the whole page at once."""
    size = cell_px(dpi)
    height, width = original.shape
    cells_w = -(-width // size)
    share = np.empty((-(-height // size), cells_w), np.uint8)
    for start, stop in bands(height, width, size, CACHE_BAND_PIXELS):
        top, bottom = max(0, start - 1), min(height, stop + 1)
        rows = slice(top, bottom)
        differ = _differ(original[rows], rendered[rows], paper[rows])[start - top : stop - top]
        cells_h = -(-(stop - start) // size)
        padded = cv2.copyMakeBorder(
            differ, 0, cells_h * size - differ.shape[0], 0, cells_w * size - width,
            cv2.BORDER_CONSTANT,
        )  # fmt: skip
        # 0..255 per cell
        share[start // size : start // size + cells_h] = cv2.resize(
            padded, (cells_w, cells_h), interpolation=cv2.INTER_AREA
        )
    return share.astype(np.float32) * (size * size / 255.0)


def _differ(original: np.ndarray, rendered: np.ndarray, paper: np.ndarray) -> np.ndarray:
    """0/255: pixels lost or added (see the module's docstring)."""
    near = np.ones((3, 3), np.uint8)
    cut = cv2.convertScaleAbs(paper, alpha=MARK_RATIO)
    # Contrast against the paper: what a mark shows, and the most the other image shows
    # within one pixel of it (edges may move by a pixel, strokes may not fade or vanish).
    scan = cv2.subtract(paper, original)
    shown = cv2.subtract(paper, rendered)
    lost = cv2.bitwise_and(
        cv2.compare(original, cut, cv2.CMP_LT),
        cv2.bitwise_and(
            cv2.compare(shown, cv2.convertScaleAbs(scan, alpha=KEPT), cv2.CMP_LT),
            _at_least(cv2.subtract(scan, shown), MIN_LOSS),
        ),
    )
    scan_near = cv2.dilate(scan, near)
    added = cv2.bitwise_and(
        cv2.compare(rendered, cut, cv2.CMP_LT),
        cv2.bitwise_and(
            cv2.compare(scan_near, cv2.convertScaleAbs(shown, alpha=KEPT), cv2.CMP_LT),
            _at_least(cv2.subtract(shown, scan_near), MIN_LOSS),
        ),
    )
    return cv2.bitwise_or(lost, added)


def _at_least(image: np.ndarray, level: int) -> np.ndarray:
    """255 where `image` is at least `level`, else 0."""
    # OpenCV takes a scalar operand here; its stubs list only arrays.
    return cv2.compare(image, cast("cv2.typing.MatLike", level), cv2.CMP_GE)


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
    count, _, stats, _ = components_with_stats(grown, connectivity=8)
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

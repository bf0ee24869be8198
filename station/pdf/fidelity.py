"""The page check every MRC page passes: does the rendered page show the same shapes as the scan?

Marks are pixels darker than 85% of the local paper.
- lost: a mark in the scan where the rendering shows less than half its contrast, and 48 levels
  less, at the same pixel (a stroke broken or faded away, a dot gone: "8" read as "S", "u" read
  as "n");
- added: a mark in the rendering where the scan shows less than half its contrast (and 48 levels
  less) within one pixel (strokes joined, a blotch);
- faded: a faint mark (lighter than a mark, but darker than the paper by at least a fifth of
  the page's print contrast, judged 3 x 3 averaged against grain and JPEG noise) where the
  rendering shows less than half its contrast. On a page printed faint (a faded newspaper,
  a pale carbon copy) such marks are the letters' own strokes, and the background drew them as
  plain paper ("closed" read "close!"); on a page printed dark they are specks and show-through
  and stay out of the check.
Cells of about 1 mm that hold more than a speck of lost or added pixels, or faded pixels over a
tenth of the cell, fail, and each group of failed cells becomes a rectangle that the encoder
fills with the original at full resolution.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import cv2
import numpy as np

from station.imaging.components import components_with_stats
from station.imaging.histogram import counts_percentile, grid_counts, percentile
from station.native import kernels, percent, readable
from station.pdf.rows import CACHE_BAND_PIXELS, bands

MARK_RATIO = 0.85  # a mark: darker than 85% of the local paper's lightness
KEPT = 0.5  # a mark is kept when the other image shows at least half its contrast
MIN_LOSS = 48  # ... or loses less than this many levels (JPEG noise on a faint mark)
CELL_MM = 1.0
SPECK_PX_AT_300 = 3  # differing pixels per cell that are still edge noise, at 300 dpi
MARGIN_MM = 0.8  # a patch reaches this far past its failed cells
_LEVELS = np.arange(256, dtype=np.uint8).reshape(1, 256)
PRINT_RATIO = 0.92  # the page's print: its pixels darker than 92% of the local paper ...
PRINT_PERCENTILE = 90  # ... and their contrast against the paper at this percentile
FADED_SHARE = 0.2  # a faint mark: at least this share of the print's contrast ...
FADED_MIN = 8  # ... and at least this many levels (the paper's grain)
FADED_CELL = 0.1  # a cell fails when faint marks fade over this share of its pixels
THINNED_SHARE = 0.01  # the rendering thins strokes when it loses more of their dark pixels
NO_FAINT_LEVEL = 256  # the native kernel's faint level for a page without the faded test
_NEAR = np.ones((3, 3), np.uint8)
_LEVELS = np.arange(256, dtype=np.uint8).reshape(1, 256)


@dataclass(frozen=True)
class Patch:
    top: int
    left: int
    bottom: int
    right: int


class Thinning:
    """Does the rendering lose more than THINNED_SHARE of the scan's dark pixels (darker than
    halfway from the paper to the ink), with no dark pixel of its own within one pixel of
    them? Tallied band by band: each call reads the rows of the scan, the rendering and the
    paper with a row of context each side where there is one, and the band's own rows among
    them; or in the native kernel's pass (see cut_offset)."""

    def __init__(self, ink: np.ndarray) -> None:
        self.level = float(ink.min())
        self.total = 0
        self.lost = 0

    def __call__(
        self, original: np.ndarray, rendered: np.ndarray, paper: np.ndarray, inner: slice
    ) -> None:
        cut = self._cut(paper)
        dark = cv2.compare(original[inner], cut[inner], cv2.CMP_LT)
        count = cv2.countNonZero(dark)
        if not count:  # a margin: nothing to lose
            return
        self.total += count
        shown = cv2.dilate(cv2.compare(rendered, cut, cv2.CMP_LT), _NEAR)
        self.lost += cv2.countNonZero(cv2.subtract(dark, shown[inner]))

    def _cut(self, paper: np.ndarray) -> np.ndarray:
        """Halfway from the paper to the ink."""
        return cv2.convertScaleAbs(paper, alpha=0.5, beta=self.level / 2)

    def cut_offset(self) -> tuple[int, bool] | None:
        """(offset, even) with which (paper + offset) / 2, a half rounded down or to even, is
        the cut at every paper level, as the native kernel makes it; None if none is."""
        cuts = self._cut(_LEVELS).ravel()
        levels = _LEVELS.ravel().astype(np.int32)
        for offset in range(math.floor(self.level), math.floor(self.level) + 3):
            half = (levels + offset) >> 1
            for even in (False, True):
                made = half + ((levels + offset) & half & 1) * even
                if np.array_equal(np.minimum(made, 255), cuts):
                    return offset, even
        return None

    def add(self, total: int, lost: int) -> None:
        self.total += total
        self.lost += lost

    @property
    def thins(self) -> bool:
        return self.total > 0 and self.lost > THINNED_SHARE * self.total


def compare(
    original: np.ndarray,
    rendered: np.ndarray,
    paper: np.ndarray,
    dpi: int,
    thinning: Thinning | None = None,
) -> np.ndarray:
    """Per-cell count of lost or added dark pixels (float32 cells), cell size = cell_px(dpi); a
    cell where faint marks faded counts all its pixels. `thinning` is tallied along.

    The per-pixel tests run in one pass of the native kernel (station.native) where it is
    built, else as OpenCV's passes band by band (see _banded_shares); the counts are the same
    either way, and those of the whole page at once."""
    size = cell_px(dpi)
    cells_w = -(-original.shape[1] // size)
    level = _faint_level(original, paper)
    native = kernels is not None and percent(MARK_RATIO) is not None
    shares = _native_shares if native and _readable(original, rendered, paper) else _banded_shares
    share, faded_share = shares(original, rendered, paper, level, size, cells_w, thinning)
    counts = share.astype(np.float32) * (size * size / 255.0)
    counts[faded_share > FADED_CELL * 255] = size * size
    return counts


def _native_shares(
    original: np.ndarray,
    rendered: np.ndarray,
    paper: np.ndarray,
    level: int | None,
    size: int,
    cells_w: int,
    thinning: Thinning | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Per cell, the shares (0..255) of lost-or-added and of faded pixels, the maps made in one
    pass of the native kernel (the same maps as _differ's, band for band), `thinning` tallied
    in it where the kernel can make its cut."""
    mark = percent(MARK_RATIO)
    assert kernels is not None and mark is not None
    differ, faded = np.empty_like(original), np.empty_like(original)
    offset = thinning.cut_offset() if thinning is not None else None
    tally = kernels.check_pixels(
        original, rendered, paper, mark, MIN_LOSS - 1, NO_FAINT_LEVEL if level is None else level,
        *(offset or (0, False)), differ, faded,
    )  # fmt: skip
    if thinning is not None and offset is not None:
        thinning.add(*tally)
    elif thinning is not None:
        for _, _, rows, kept in _bands(original.shape[0], original.shape[1], size):
            thinning(original[rows], rendered[rows], paper[rows], kept)
    share = _per_cell(differ, size, cells_w)
    if level is None:
        return share, np.zeros_like(share)
    return share, _per_cell(faded, size, cells_w)


def _readable(*maps: np.ndarray) -> bool:
    return all(readable(a) for a in maps)


def _banded_shares(
    original: np.ndarray,
    rendered: np.ndarray,
    paper: np.ndarray,
    level: int | None,
    size: int,
    cells_w: int,
    thinning: Thinning | None,
) -> tuple[np.ndarray, np.ndarray]:
    """_native_shares by OpenCV's passes, in bands of whole cells (with a row of context for
    the one-pixel reach), so the dozen steps per pixel stay in the cache; `thinning` reads
    each band after them."""
    share = np.empty((-(-original.shape[0] // size), cells_w), np.uint8)
    faded_share = np.zeros_like(share)
    for start, stop, rows, kept in _bands(original.shape[0], original.shape[1], size):
        differ, faded = _differ(original[rows], rendered[rows], paper[rows], level)
        if thinning is not None:
            thinning(original[rows], rendered[rows], paper[rows], kept)
        cells = slice(start // size, start // size + -(-(stop - start) // size))
        share[cells] = 0 if differ is None else _per_cell(differ[kept], size, cells_w)
        if faded is not None:
            faded_share[cells] = _per_cell(faded[kept], size, cells_w)
    return share, faded_share


def _bands(height: int, width: int, size: int) -> Iterator[tuple[int, int, slice, slice]]:
    """(start, stop, the rows read: the band with a row of context each side where there is
    one, the band's own rows among them) for cache-sized bands of whole cells."""
    for start, stop in bands(height, width, size, CACHE_BAND_PIXELS):
        top, bottom = max(0, start - 1), min(height, stop + 1)
        yield start, stop, slice(top, bottom), slice(start - top, stop - top)


def _per_cell(binary: np.ndarray, size: int, cells_w: int) -> np.ndarray:
    """0..255 per size x size cell: the share of 255s (the last cells padded with 0s).

    Only a partial last row and column of cells are padded, each on its own: each cell is the
    mean of its own pixels, and padding the whole band (or page) copied it."""
    height = binary.shape[0]
    whole_h = height - height % size
    if whole_h == 0 or whole_h == height:
        return _per_column(binary, size, cells_w)
    out = np.empty((-(-height // size), cells_w), np.uint8)
    out[: whole_h // size] = _per_column(binary[:whole_h], size, cells_w)
    out[whole_h // size :] = _per_column(binary[whole_h:], size, cells_w)
    return out


def _per_column(binary: np.ndarray, size: int, cells_w: int) -> np.ndarray:
    """_per_cell of rows that are a whole or a partial row of cells."""
    whole = binary.shape[1] - binary.shape[1] % size
    if whole == 0 or whole == binary.shape[1]:
        return _cell_means(binary, size)
    out = np.empty((-(-binary.shape[0] // size), cells_w), np.uint8)
    out[:, : whole // size] = _cell_means(binary[:, :whole], size)
    out[:, whole // size :] = _cell_means(binary[:, whole:], size)
    return out


def _cell_means(binary: np.ndarray, size: int) -> np.ndarray:
    """The size x size cells' means, a partial last row or column padded with 0s (by the native
    kernel where it is built, with OpenCV's bits)."""
    height, width = binary.shape
    if kernels is not None and size != 2 and readable(binary):
        out = np.empty((-(-height // size), -(-width // size)), np.uint8)
        kernels.cell_means(binary, size, False, out)
        return out
    pad_y, pad_x = -height % size, -width % size
    if pad_y or pad_x:
        binary = cv2.copyMakeBorder(binary, 0, pad_y, 0, pad_x, cv2.BORDER_CONSTANT)
    size_out = (binary.shape[1] // size, binary.shape[0] // size)
    return cv2.resize(binary, size_out, interpolation=cv2.INTER_AREA).reshape(size_out[::-1])


def _faint_level(original: np.ndarray, paper: np.ndarray) -> int | None:
    """How dark a faint mark is at least (see the module's note), from the whole page's print;
    None when the print is so dark that every mark that dark is a mark (the lost test's)."""
    contrast = _print_contrast(original, paper)
    if contrast is None:
        return None
    level = max(FADED_MIN, FADED_SHARE * contrast)
    if level >= (1 - MARK_RATIO) * float(paper.max()):
        return None
    return round(level)


def _print_contrast(original: np.ndarray, paper: np.ndarray) -> float | None:
    """The print's contrast against the paper (PRINT_PERCENTILE of its pixels', on every 4th
    row and column: enough to find it), or None when the page has no print. Counted in one
    native pass where the kernel is built; else numpy picks the same values."""
    step = 4
    print_cut = cv2.convertScaleAbs(_LEVELS, alpha=PRINT_RATIO)
    counts = grid_counts(original, step, original, paper, print_cut, difference=True)
    if counts is not None:
        return counts_percentile(counts[0], 0, PRINT_PERCENTILE) if counts.any() else None
    # Copied first: OpenCV would copy each strided view again for every step below.
    seen = np.ascontiguousarray(original[::step, ::step])
    light = np.ascontiguousarray(paper[::step, ::step])
    dark = cv2.compare(seen, cv2.convertScaleAbs(light, alpha=PRINT_RATIO), cv2.CMP_LT)
    sample = cv2.subtract(light, seen)[dark > 0]
    return percentile(sample, PRINT_PERCENTILE) if sample.size else None


def _differ(
    original: np.ndarray, rendered: np.ndarray, paper: np.ndarray, faint_level: int | None
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """0/255: pixels lost or added (None when neither image has a mark in these rows, as in a
    margin: nothing to lose or add), and faint marks faded (None when the page has none to
    judge; see the module's docstring)."""
    near = np.ones((3, 3), np.uint8)
    cut = cv2.convertScaleAbs(paper, alpha=MARK_RATIO)
    # Contrast against the paper: what a mark shows, and the most the other image shows
    # within one pixel of it (edges may move by a pixel, strokes may not fade or vanish).
    marks = cv2.compare(original, cut, cv2.CMP_LT)
    shown_marks = cv2.compare(rendered, cut, cv2.CMP_LT)
    if faint_level is None and not cv2.countNonZero(marks) and not cv2.countNonZero(shown_marks):
        return None, None
    scan = cv2.subtract(paper, original)
    shown = cv2.subtract(paper, rendered)
    lost = cv2.bitwise_and(marks, _faded_away(scan, shown))
    scan_near = cv2.dilate(scan, near)
    added = cv2.bitwise_and(shown_marks, _faded_away(shown, scan_near))
    if faint_level is None:
        return cv2.bitwise_or(lost, added), None
    faint = cv2.bitwise_not(marks)  # no mark: the lost test left it out
    scan_mean = cv2.blur(scan, (3, 3))
    shown_mean = cv2.blur(shown, (3, 3))
    faded = cv2.bitwise_and(
        faint,
        cv2.bitwise_and(
            _at_least(scan_mean, faint_level),
            _under_half(shown_mean, scan_mean),
        ),
    )
    return cv2.bitwise_or(lost, added), faded


def _faded_away(whole: np.ndarray, part: np.ndarray) -> np.ndarray:
    """255 where `part` shows less than KEPT (a half) of `whole` and MIN_LOSS levels less:
    whole - part > part and whole - part >= MIN_LOSS, as one test on the (saturated) difference,
    which is 0 wherever `part` shows as much, so no test passes there either."""
    loss = cv2.subtract(whole, part)
    # OpenCV takes a scalar operand here; its stubs list only arrays.
    return cv2.compare(loss, cv2.max(part, cast("cv2.typing.MatLike", MIN_LOSS - 1)), cv2.CMP_GT)


def _under_half(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """255 where `part` shows less than KEPT (a half) of `whole`: part + part < whole, the sum
    saturated at 255 (never under a uint8 `whole` then, as the true sum would not be)."""
    return cv2.compare(cv2.add(part, part), whole, cv2.CMP_LT)


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

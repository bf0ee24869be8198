"""Skew: how far the content lies rotated on the glass, and the rotation that levels it.

detect_skew works on a ~150 dpi ink map (skew_ink): a coarse sweep of sheared projection
profiles over +-max_angle finds the candidate peaks, each is refined with shift-invariant
profiles to a few thousandths of a degree (skew_profile), the sharpest wins. Text lines may run
across the page or, on a page lying sideways, down it: both directions are swept."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from station.imaging.results import SkewResult
from station.imaging.skew_frame import frame_skew
from station.imaging.skew_ink import PageInk, halve, ink_map, page_ink
from station.imaging.skew_profile import FineProfile, strip_sums, sweep_scores
from station.imaging.skew_text import text_ink, text_marks

SWEEP_STEP_DEG = 0.5
SWEEP_LONG_SIDE = 450  # the sweep runs on the ink reduced to about this many pixels
SWEEP_STRIP = 4  # pixels, at least
SWEEP_STRIPS = 80  # at most
FINE_STRIP = 32
CANDIDATES = 3
FINE_RANGE_DEG = 1.0  # the sweep peak may sit this far from the fine one (multi-column pages)
CANDIDATE_SHARE = 0.8  # sweep peaks this close to the best are refined too
MIN_INK_PIXELS = 200  # at 150 dpi, about two words
SURE_INK_PIXELS = 1500  # ... and a few lines
PROMINENCE_FLOOR, PROMINENCE_SURE = 0.4, 0.8
SIDEWAYS_MARGIN = 1.15  # lines down the page must be this much sharper to win
SIDEWAYS_STEP_DEG = 1.5
LINES_SHARE = 0.3  # long marks (rules, grids, frames) over this share of the ink: ask the text
AGREE_DEG = 0.3  # ... and keep the lines' skew when the text's is this close to it
TEXT_STROKE_MM = 6.0  # the text's map: marks up to a line of text high
FRAME_CONFIDENCE = 0.8  # a ruled frame is as sure a level as lines of text
UNSURE = 0.1  # below what any profile acts on: the page is left as it lies


@dataclass(frozen=True)
class _Peak:
    angle_deg: float
    score: float


def detect_skew(
    image: np.ndarray,
    dpi: float,
    max_angle: float = 15.0,
    text_decides: bool = True,
    shared: PageInk | None = None,
) -> SkewResult:
    """The content's rotation on the glass, counter-clockwise positive, within +-max_angle.

    Text lines decide when the page has both text and many long lines (a map grid, a drawing
    drawn askew to its labels): the skew of the long lines is taken only when the text agrees.
    With long lines and too little text, the sheet's frame decides; without a frame the result
    is unsure (a slanted grid or hatching is no level).
    `text_decides=False` keeps the whole page's reading: a part of a sheet scanned in pieces
    is levelled by the sheet's own lines, which a few labels on one part read less surely.
    `shared`: page_ink(image, dpi), when the caller has it already."""
    if image.size == 0 or min(image.shape[:2]) < 8:
        return SkewResult(0.0, 0.0)
    found_ink = shared or page_ink(image, dpi)
    page, ink = found_ink.page, found_ink.ink
    max_angle = min(abs(float(max_angle)), 45.0)
    found = _skew_of(ink, page.dpi, max_angle)
    total = cv2.countNonZero(ink)
    if not text_decides or total - text_ink(ink, page.dpi) < LINES_SHARE * total:
        return found
    # Letters of a large sheet analysed at ~40 dpi are solid blobs, as wide as the lines of text
    # are high: the text's own map takes marks that thick.
    text = text_marks(ink_map(page.gray, page.dpi, TEXT_STROKE_MM), page.dpi)
    if cv2.countNonZero(text) < SURE_INK_PIXELS * (page.dpi / 150.0) ** 2:
        return _by_frame(ink, max_angle, found)
    by_text = _skew_of(text, page.dpi, max_angle)
    if abs(by_text.angle_deg - found.angle_deg) <= AGREE_DEG:
        return found
    # No surer than the whole page reads: blobs in a halftone photo line up by chance.
    return SkewResult(by_text.angle_deg, min(by_text.confidence, found.confidence))


def _by_frame(ink: np.ndarray, max_angle: float, lines: SkewResult) -> SkewResult:
    """A sheet of long lines with too little text: its frame levels it; without one, the lines
    may be a grid or hatching slanted on the sheet, so the reading is too unsure to act on."""
    angle = frame_skew(ink, max_angle)
    if angle is None:
        return SkewResult(lines.angle_deg, min(lines.confidence, UNSURE))
    return SkewResult(angle, FRAME_CONFIDENCE)


def _skew_of(ink: np.ndarray, dpi: float, max_angle: float) -> SkewResult:
    if cv2.countNonZero(ink) < MIN_INK_PIXELS * (dpi / 150.0) ** 2:
        return SkewResult(0.0, 0.0)
    angles = np.arange(-max_angle, max_angle + 1e-9, SWEEP_STEP_DEG)
    sideways, sweep = _sweep_both_ways(ink, angles)
    lines = cv2.transpose(ink) if sideways else ink
    peaks = [_refine(lines, angle) for angle in _candidates(angles, sweep)]
    best = max(peaks, key=lambda peak: peak.score)
    angle = -best.angle_deg if sideways else best.angle_deg
    angle = float(np.clip(angle, -max_angle, max_angle))
    amount = cv2.countNonZero(ink) / (SURE_INK_PIXELS * (dpi / 150.0) ** 2)
    return SkewResult(angle, _confidence(sweep, best, peaks, amount))


def _sweep_both_ways(ink: np.ndarray, angles: np.ndarray) -> tuple[bool, np.ndarray]:
    """Whether the lines run down the page (a sheet fed sideways), and the sweep along them.
    Down the page is first tried on a sparse sweep, as it is rare."""
    small = _sweep_ink(ink)
    across = _sweep(small, angles)
    turned = cv2.transpose(small)
    sparse = np.arange(angles[0], angles[-1] + 1e-9, SIDEWAYS_STEP_DEG)
    if _sweep(turned, sparse).max() > SIDEWAYS_MARGIN * across.max():
        down = _sweep(turned, angles)
        if down.max() > SIDEWAYS_MARGIN * across.max():
            return True, down
    return False, across


def _sweep_ink(ink: np.ndarray) -> np.ndarray:
    """The ink reduced (by halves) to about SWEEP_LONG_SIDE pixels."""
    small = ink
    while max(small.shape) > SWEEP_LONG_SIDE * 1.5:
        small = halve(small)
    return small


def _sweep(small: np.ndarray, angles: np.ndarray) -> np.ndarray:
    sums, centres = strip_sums(small, max(SWEEP_STRIP, small.shape[1] // SWEEP_STRIPS))
    return sweep_scores(sums, centres, np.tan(np.radians(angles)))


def _candidates(angles: np.ndarray, scores: np.ndarray) -> list[float]:
    """Local maxima of the sweep, best first, within CANDIDATE_SHARE of the best."""
    padded = np.concatenate(([-np.inf], scores, [-np.inf]))
    is_peak = (scores >= padded[:-2]) & (scores >= padded[2:])
    order = [i for i in np.argsort(-scores) if is_peak[i]]
    top = scores[order[0]]
    return [float(angles[i]) for i in order[:CANDIDATES] if scores[i] >= CANDIDATE_SHARE * top]


def _refine(ink: np.ndarray, angle_deg: float) -> _Peak:
    """Shears the ink by the candidate slope (whole pixels per column: no blur), then finds the
    residual slope that maximises the shift-invariant fine profile."""
    half_range = math.tan(math.radians(FINE_RANGE_DEG))
    base = math.tan(math.radians(angle_deg))
    height, width = ink.shape
    lift = int(math.ceil(abs(base) * width / 2)) + 1
    if base == 0:  # the shear only moves the ink down by `lift` rows: pad its strips instead
        sums, centres = strip_sums(ink, FINE_STRIP)
        sums = np.pad(sums, ((0, 0), (lift, lift)))
    else:
        matrix = np.array([[1.0, 0.0, 0.0], [-base, 1.0, -lift + base * width / 2]], np.float32)
        sheared = cv2.warpAffine(
            ink,
            matrix,
            (width, height + 2 * lift),
            flags=cv2.INTER_NEAREST | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=0,
        )
        sums, centres = strip_sums(sheared, FINE_STRIP)
    fine = FineProfile(sums, centres, float(np.abs(centres).max()) * half_range * 1.2)
    residual = _maximise(fine.score, half_range)
    return _Peak(math.degrees(math.atan(base + residual)), fine.score(residual))


def _maximise(score: Callable[[float], float], half_range: float) -> float:
    """Grid over [-half_range, half_range], then golden-section search around the best."""
    grid = np.linspace(-half_range, half_range, 17)
    values = [score(float(x)) for x in grid]
    i = int(np.argmax(values))
    step = grid[1] - grid[0]
    low, high = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
    ratio = (math.sqrt(5) - 1) / 2
    a, b = low + (1 - ratio) * (high - low), low + ratio * (high - low)
    fa, fb = score(a), score(b)
    while high - low > step / 32:
        if fa >= fb:
            high, b, fb = b, a, fa
            a = low + (1 - ratio) * (high - low)
            fa = score(a)
        else:
            low, a, fa = a, b, fb
            b = low + ratio * (high - low)
            fb = score(b)
    return float((low + high) / 2)


def _confidence(sweep: np.ndarray, best: _Peak, peaks: list[_Peak], ink_share: float) -> float:
    """How far the peak stands out of the sweep (text: 0.8-1; photos, drawings, grain: under
    0.4), less when there is little ink or when another skew almost as sharp competes (several
    items lying at different angles)."""
    top = float(sweep.max())
    if top <= 0:
        return 0.0
    prominence = 1.0 - float(np.median(sweep)) / top
    confidence = (prominence - PROMINENCE_FLOOR) / (PROMINENCE_SURE - PROMINENCE_FLOOR)
    confidence *= min(1.0, ink_share)
    rivals = [p.score for p in peaks if abs(p.angle_deg - best.angle_deg) > 1.0]
    if rivals and best.score > 0:
        confidence *= min(1.0, 5.0 * (1.0 - max(rivals) / best.score))
    return float(np.clip(confidence, 0.0, 1.0))


def deskew(
    image: np.ndarray, angle_deg: float, fill: int | tuple[int, int, int] | None = None
) -> np.ndarray:
    """Rotates by -angle_deg so the content is level, on a canvas grown to keep all of it; the
    new corners get `fill`, by default the colour along the image's border (the paper)."""
    if angle_deg == 0 or image.size == 0:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2.0, height / 2.0), -angle_deg, 1.0)
    rad = math.radians(angle_deg)
    new_w = int(math.ceil(abs(width * math.cos(rad)) + abs(height * math.sin(rad)) - 1e-6))
    new_h = int(math.ceil(abs(width * math.sin(rad)) + abs(height * math.cos(rad)) - 1e-6))
    matrix[0, 2] += (new_w - width) / 2.0
    matrix[1, 2] += (new_h - height) / 2.0
    colour = border_colour(image) if fill is None else fill
    if isinstance(colour, (int, np.integer)):
        colour = (int(colour),) * 4
    return cv2.warpAffine(
        image,
        matrix,
        (new_w, new_h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=tuple(int(v) for v in colour),
    )


def border_colour(image: np.ndarray) -> tuple[int, ...]:
    """Median colour of a thin frame along the image's edges: the paper, once the page is
    cropped (or the scanner's background when it is not, which then continues unbroken)."""
    height, width = image.shape[:2]
    band = max(2, min(height, width) // 50)
    step = max(1, max(height, width) // 2000)
    pixels = [
        image[:band, ::step],
        image[-band:, ::step],
        image[::step, :band].swapaxes(0, 1),
        image[::step, -band:].swapaxes(0, 1),
    ]
    channels = 1 if image.ndim == 2 else image.shape[2]
    frame = np.concatenate([p.reshape(-1, channels) for p in pixels])
    return tuple(int(v) for v in np.median(frame, axis=0))

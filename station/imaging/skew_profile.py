"""Projection profiles of an ink map under vertical shear.

Shearing by t = tan(a) (y' = y + x*t) makes every line drawn at angle a counter-clockwise
horizontal, so the row profile of the sheared ink is sharpest when t matches the text lines.
The ink is cut into vertical strips whose row sums are shifted as a whole.

Two ways to shift the strips:
- `sweep_scores` (the wide coarse sweep) lets OpenCV shear the small strip matrix with bilinear
  interpolation: fast, but a shift that lands on whole rows blurs less than one that does not,
  which favours a few special slopes slightly. Good enough to find where the peak is.
- `FineProfile` (the refinement) shifts strips by sampled Gaussians: the energy of a sampled
  Gaussian with sigma >= 0.8 px does not depend on its sub-pixel position (to 1e-8), so no slope
  is favoured and the peak can be located to a few thousandths of a degree.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from station.native import kernels

SIGMA_PX = 1.0  # Gaussian smoothing of the fine profiles
PHASES = 16  # sub-pixel shift quantum of the fine profiles: 1/16 px


def strip_sums(ink: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """(strips, rows) float32 ink per row within each vertical strip, and the x of each strip's
    centre from the middle of the image."""
    height, total = ink.shape
    count = max(1, total // max(1, width))
    width = total // count
    left = (total - count * width) // 2
    block = ink[:, left : left + count * width]
    # INTER_AREA by an integer factor is an exact box mean, and fast
    means = cv2.resize(block, (count, height), interpolation=cv2.INTER_AREA)
    centres = left + width * (np.arange(count) + 0.5) - total / 2.0
    sums = cv2.transpose(means).astype(np.float32) * np.float32(width / 255.0)
    return sums, centres


def strip_sums_across(ink: np.ndarray, height: int) -> np.ndarray:
    """strip_sums(cv2.transpose(ink), height)[0] without turning the ink: ink per column within
    each horizontal strip, (strips, columns)."""
    total = ink.shape[0]
    count = max(1, total // max(1, height))
    height = total // count
    top = (total - count * height) // 2
    block = ink[top : top + count * height]
    means = cv2.resize(block, (ink.shape[1], count), interpolation=cv2.INTER_AREA)
    sums: np.ndarray = means.astype(np.float32) * np.float32(height / 255.0)
    return sums


def _sharpness(profile: np.ndarray) -> float:
    diff = np.diff(profile)
    return float(np.dot(diff, diff))


def sweep_scores(sums: np.ndarray, centres: np.ndarray, slopes: np.ndarray) -> np.ndarray:
    """Sharpness of the sheared profile for each slope (bilinear shifts, for the coarse sweep).

    Each strip also gets a fixed dither of under a pixel, so that no slope (0 included) shifts
    every strip by whole rows at once and escapes the interpolation blur the others get."""
    count, rows = sums.shape
    reach = float(np.abs(centres).max() * np.abs(slopes).max()) if len(slopes) else 0.0
    margin = int(math.ceil(reach)) + 3
    length = rows + 2 * margin
    dither = _dither(count)
    # output (strip s, row y) reads the strip's row y - margin - slope * x(s) + dither(s)
    lifts = [(margin + slope * centres - dither).astype(np.float32) for slope in slopes]
    if kernels is not None and len(slopes):
        profiles = np.empty((len(slopes), length), np.float32)
        kernels.shear_profiles(np.ascontiguousarray(sums, np.float32), np.array(lifts), profiles)
        return np.array([_sharpness(profile) for profile in profiles], np.float64)
    columns = np.arange(length, dtype=np.float32)[None, :]
    strip_rows = np.repeat(np.arange(count, dtype=np.float32)[:, None], length, axis=1)
    out = np.empty(len(slopes))
    for i, lift in enumerate(lifts):
        sheared = cv2.remap(
            sums,
            columns - lift[:, None],
            strip_rows,
            cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=0,
        )
        out[i] = _sharpness(cv2.reduce(sheared, 0, cv2.REDUCE_SUM).ravel())
    return out


def _dither(count: int) -> np.ndarray:
    """Sub-pixel offsets spread evenly (golden-ratio sequence), with no trend across the strips
    (a trend would act as a slope of its own)."""
    index = np.arange(count, dtype=np.float64)
    values = (index * 0.6180339887498949) % 1.0
    if count > 1:
        values -= np.polyval(np.polyfit(index, values, 1), index)
    return values


class FineProfile:
    """Sheared profiles of strips with shift-invariant (sampled Gaussian) sub-pixel shifts,
    for slopes small enough that no strip moves more than `reach` rows."""

    def __init__(self, sums: np.ndarray, centres: np.ndarray, reach: float):
        count, rows = sums.shape
        radius = int(math.ceil(4 * SIGMA_PX)) + 1
        self.margin = int(math.ceil(reach)) + radius + 2
        self.length = rows + 2 * self.margin
        self.centres = centres
        padded = np.zeros((count, rows + 2 * radius + 2), np.float32)
        padded[:, radius + 1 : radius + 1 + rows] = sums
        taps = np.arange(-radius, radius + 1, dtype=np.float64)
        self.bank = np.empty((PHASES, count, padded.shape[1]), np.float32)
        for phase in range(PHASES):
            kernel = np.exp(-0.5 * ((taps - phase / PHASES) / SIGMA_PX) ** 2)
            kernel = (kernel / kernel.sum())[::-1].astype(np.float32)  # filter2D correlates
            self.bank[phase] = cv2.filter2D(
                padded, -1, kernel[None, :], borderType=cv2.BORDER_CONSTANT
            )
        self.offset = self.margin - radius - 1

    def profile(self, slope: float) -> np.ndarray:
        shifts = self.centres * slope
        whole = np.floor(shifts)
        phase = np.rint((shifts - whole) * PHASES).astype(int)
        whole = whole.astype(int) + phase // PHASES
        phase %= PHASES
        if kernels is not None:
            out = np.empty(self.length, np.float32)
            picks = np.stack([phase, self.offset + whole], axis=1).astype(np.int32)
            kernels.place_strips(self.bank, picks, out)
            return out
        out = np.zeros(self.length, np.float32)
        width = self.bank.shape[2]
        for strip, (w, p) in enumerate(zip(whole, phase, strict=True)):
            start = self.offset + w
            out[start : start + width] += self.bank[p, strip]
        return out

    def score(self, slope: float) -> float:
        return _sharpness(self.profile(slope))

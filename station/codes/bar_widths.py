"""A linear code's bars and spaces in whole modules, from its profile across the bars.

For coarse lineart (station.codes.reader): the scanner blurred the page and then thresholded it
above the middle, so every bar grew by the same width and a one-module space between two bars
often closed. Averaged along the bars, an open space still crosses half the profile's height,
and a closed one shows as a faint peak where, on some rows, it stayed open. Then:
- an open space's edges are where the profile crosses half its height; a faint peak is a
  one-module space (a wider one does not close), centred on the peak;
- the module is what the distances from one bar's leading edge to the next are whole multiples
  of (the growth does not change them);
- the growth is what makes the most bar and space widths whole;
- every width is rounded to modules, and the code drawn again clean for the decoder.
A width rounded wrong gives a symbol the decoder's checks refuse, not another text.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

HALF = 127.5
MODULE_PX = 4  # of the clean drawing
QUIET_MODULES = 12
MIN_PAIRS = 8  # bar-and-space pairs with open edges needed to measure the module
MIN_MODULE = 1.5  # profile pixels


@dataclass(frozen=True)
class Spaces:
    """The light elements between the first and last bar, in profile pixels: (left, right)
    edges of the open ones, the centre (left == right) of the closed ones."""

    edges: list[tuple[float, float]]
    closed: list[bool]
    first: float  # the first bar's leading edge
    last: float  # the last bar's trailing edge


def light_runs(profile: np.ndarray, reach: int, contrast: float) -> np.ndarray:
    """Light where the profile is above halfway between the darkest and lightest within
    `reach` pixels, where those differ by more than `contrast`; elsewhere light above HALF."""
    row = profile.astype(np.float32)[None, :]
    kernel = np.ones((1, reach), np.uint8)
    light = cv2.dilate(row, kernel)[0]
    dark = cv2.erode(row, kernel)[0]
    edged = light - dark > contrast
    return np.where(edged, 2 * profile > light + dark, profile > HALF)


def spaces(profile: np.ndarray, light: np.ndarray) -> Spaces | None:
    dark = np.flatnonzero(~light)
    if dark.size < 2:
        return None
    start, end = int(dark[0]), int(dark[-1])
    inside = light[start : end + 1]
    change = np.flatnonzero(inside[1:] != inside[:-1]) + 1 + start
    edges, closed = [], []
    for a, b in zip(change[::2], change[1::2], strict=True):
        run = profile[a:b]
        if run.max() > HALF:
            above = np.flatnonzero(run > HALF) + a
            left, right = int(above[0]), int(above[-1]) + 1
            edges.append((_crossing(profile, left), _crossing(profile, right)))
            closed.append(False)
        else:
            weight = run - run.min()
            total = float(weight.sum())
            centre = float((np.arange(a, b) * weight).sum() / total) if total else (a + b - 1) / 2
            edges.append((centre, centre))
            closed.append(True)
    first = start
    while first > 0 and profile[first - 1] <= HALF:
        first -= 1
    last = end
    while last < len(profile) - 1 and profile[last + 1] <= HALF:
        last += 1
    lead = _crossing(profile, first) if first > 0 else float(first)
    trail = _crossing(profile, last + 1) if last < len(profile) - 1 else float(last + 1)
    return Spaces(edges, closed, lead, trail)


def modules(found: Spaces) -> list[int] | None:
    """Bar, space, bar, ... widths in modules, or None when the module cannot be measured."""
    leading = [found.first] + [right for _, right in found.edges]  # each bar's leading edge
    trailing = [left for left, _ in found.edges] + [found.last]
    open_lead = [True] + [not c for c in found.closed]
    open_trail = [not c for c in found.closed] + [True]
    pitch = np.array(
        [
            leading[k + 1] - leading[k]
            for k in range(len(leading) - 1)
            if open_lead[k] and open_lead[k + 1]
        ]
    )
    if pitch.size < MIN_PAIRS:
        return None
    module = _module(pitch)
    if module is None:
        return None
    half = module / 2
    # a closed space is one module centred on its peak: its edges are not grown
    bars = np.array(
        [
            trailing[k]
            + (0.0 if open_trail[k] else -half)
            - leading[k]
            - (0.0 if open_lead[k] else half)
            for k in range(len(leading))
        ]
    )
    grown_sides = np.array(open_lead, float) + np.array(open_trail, float)
    open_spaces = np.array(
        [right - left for (left, right), c in zip(found.edges, found.closed, strict=True) if not c]
    )
    growth = _growth(bars, grown_sides, open_spaces, module)
    widths: list[int] = []
    for k, bar in enumerate(bars):
        widths.append(max(1, round((bar - grown_sides[k] * growth) / module)))
        if k < len(found.edges):
            left, right = found.edges[k]
            closed = found.closed[k]
            widths.append(1 if closed else max(1, round((right - left + 2 * growth) / module)))
    return widths


def drawing(widths: list[int], rows: int) -> np.ndarray:
    """The code drawn clean, MODULE_PX pixels a module, with quiet zones."""
    row = [255] * (QUIET_MODULES * MODULE_PX)
    for k, width in enumerate(widths):
        row += [0 if k % 2 == 0 else 255] * (width * MODULE_PX)
    row += [255] * (QUIET_MODULES * MODULE_PX)
    return np.repeat(np.array(row, np.uint8)[None, :], rows, axis=0)


def _module(pitch: np.ndarray) -> float | None:
    """The module the pitches are whole multiples of (each at least two modules): the
    strongest period above a quarter of the shortest pitch, then fitted; None when the pitches
    are too short for a module of MIN_MODULE pixels."""
    candidates = np.arange(max(MIN_MODULE, 0.27 * pitch.min()), 1.2 * pitch.min(), 0.005)
    if candidates.size == 0:
        return None
    phases = np.exp(2j * np.pi * pitch[None, :] / candidates[:, None])
    module = float(candidates[int(np.argmax(np.abs(phases.sum(axis=1))))])
    counts = np.round(pitch / module)
    return float((pitch * counts).sum() / (counts * counts).sum())


def _growth(bars: np.ndarray, sides: np.ndarray, spaces: np.ndarray, module: float) -> float:
    """How much each grown bar edge moved out: what leaves the widths closest to whole."""
    growths = np.arange(-0.5 * module, 0.5 * module, 0.02)
    bar = (bars[:, None] - sides[:, None] * growths[None, :]) / module
    space = (spaces[:, None] + 2 * growths[None, :]) / module
    cost = np.square(bar - np.round(bar)).sum(axis=0) + np.square(space - np.round(space)).sum(
        axis=0
    )
    return float(growths[int(np.argmin(cost))])


def _crossing(profile: np.ndarray, i: int) -> float:
    """Where the profile crosses HALF between pixels i - 1 and i."""
    a, b = float(profile[i - 1]), float(profile[i])
    return i - 1 + (HALF - a) / (b - a) if b != a else i - 0.5

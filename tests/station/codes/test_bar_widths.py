"""A linear code's widths in whole modules from a profile whose bars grew and whose narrow
spaces partly closed, as coarse lineart leaves them."""

from __future__ import annotations

import numpy as np
import zxingcpp

from station.codes import bar_widths
from tests.station.codes.synth import symbol

TEXT = "000.00.14.H05-250601-0042"
MODULE = 3.9  # working pixels: a 0.33 mm module at 150 dpi, doubled
QUIET = 10  # modules zxing-cpp draws on each side


def true_widths() -> list[int]:
    row = symbol(TEXT, "Code128", module_px=1)[0] > 127
    edges = np.flatnonzero(row[1:] != row[:-1]) + 1
    return np.diff(edges).tolist()


def profile(widths: list[int], growth: float, closed: set[int]) -> np.ndarray:
    """Light share of each pixel across the bars (x 255): every bar `growth` pixels wider on
    each side; the spaces numbered in `closed` (odd element indexes) only a faint peak."""
    edges = QUIET * MODULE + MODULE * np.concatenate([[0], np.cumsum(widths)])
    size = int(edges[-1] + QUIET * MODULE)
    light = np.ones(size * 8)  # eight samples a pixel
    x = (np.arange(size * 8) + 0.5) / 8
    for k in range(0, len(widths), 2):
        light[(x >= edges[k] - growth) & (x < edges[k + 1] + growth)] = 0
    pixels = light.reshape(size, 8).mean(axis=1) * 255
    for k in closed:
        inside = (np.arange(size) + 0.5 >= edges[k] - growth) & (
            np.arange(size) + 0.5 < edges[k + 1] + growth
        )
        middle = (edges[k] + edges[k + 1]) / 2
        pixels[inside] = 0
        pixels[int(middle)] = 9.0  # open on a few of the rows only
    return pixels


def test_grown_bars_and_closed_spaces_come_back_whole() -> None:
    widths = true_widths()
    narrow = [k for k in range(1, len(widths), 2) if widths[k] == 1]
    pixels = profile(widths, growth=1.2, closed=set(narrow[::3]))
    spaces = bar_widths.spaces(pixels, bar_widths.light_runs(pixels, 9, 3.0))
    assert spaces is not None and sum(spaces.closed) == len(narrow[::3])
    assert bar_widths.modules(spaces) == widths


def test_the_clean_drawing_reads_as_the_code() -> None:
    drawn = bar_widths.drawing(true_widths(), rows=16)
    formats = zxingcpp.BarcodeFormat.Code128
    assert [b.text for b in zxingcpp.read_barcodes(drawn, formats=formats)] == [TEXT]


def test_a_profile_without_enough_bars_gives_no_widths() -> None:
    pixels = profile([2, 1, 3], growth=0.0, closed=set())
    spaces = bar_widths.spaces(pixels, bar_widths.light_runs(pixels, 9, 3.0))
    assert spaces is not None and bar_widths.modules(spaces) is None

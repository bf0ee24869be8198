"""A drawn A0 plan for memory and skew checks: text blocks, a red seal and a map grid slanted
against the text, the whole content turned on the sheet. Drawn straight at its final angle (no
full-size warp), so even a 600 dpi sheet costs one canvas.

Everything is laid out in millimetres on the upright content, then each shape's points are
turned about the sheet's centre and scaled to pixels.
"""

from __future__ import annotations

import math
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

A0_MM = (841.0, 1189.0)
PAPER = (238, 244, 247)  # BGR, a slightly warm white
INK = (35, 32, 30)
GRID = (150, 110, 70)
SEAL = (40, 40, 200)
MAP_BOX = (40.0, 40.0, 800.0, 900.0)  # mm: left, top, right, bottom of the map


@dataclass(frozen=True)
class Sheet:
    content_deg: float = 1.5  # the content's counter-clockwise turn on the sheet
    grid_deg: float = 1.2  # the map grid's turn against the text
    grid_mm: float = 40.0
    seed: int = 3
    text: bool = True  # text blocks, place names and the seal
    frame: bool = False  # the map's border drawn round the grid


def draw_sheet(dpi: int, sheet: Sheet = Sheet()) -> np.ndarray:
    """BGR uint8 A0 portrait at `dpi`."""
    width, height = (round(mm / 25.4 * dpi) for mm in A0_MM)
    canvas = np.empty((height, width, 3), np.uint8)
    canvas[:] = PAPER
    place = _Placer(dpi, width, height, sheet.content_deg)
    _grid(canvas, place, sheet)
    if sheet.frame:
        _frame(canvas, place, MAP_BOX)
    if not sheet.text:
        return canvas
    rng = np.random.default_rng(sheet.seed)
    _text_block(canvas, place, rng, (60.0, 930.0, 500.0, 1130.0), 3.5)  # notes under the map
    _text_block(canvas, place, rng, (580.0, 930.0, 790.0, 1130.0), 2.5)  # the title block
    _labels(canvas, place, rng, (60.0, 60.0, 780.0, 880.0))
    _seal(canvas, place, (700.0, 1060.0), 21.0)
    return canvas


def save_sheet(pixels: np.ndarray, path: Path, dpi: int) -> None:
    """JPEG (quality 90) or PNG (fast deflate) by the suffix, with the dpi recorded. OpenCV codes
    the BGR canvas as it is: an RGB copy and Pillow's 4-byte pixels would hold a 600 dpi sheet
    three times over (5 GB)."""
    png = path.suffix.lower() == ".png"
    params = [cv2.IMWRITE_PNG_COMPRESSION, 1] if png else [cv2.IMWRITE_JPEG_QUALITY, 90]
    ok, buffer = cv2.imencode(".png" if png else ".jpg", pixels, params)
    if not ok:
        raise RuntimeError(f"cannot encode {path.name}")
    coded = buffer.tobytes()
    del buffer
    path.write_bytes(_png_with_dpi(coded, dpi) if png else _jpeg_with_dpi(coded, dpi))


def _jpeg_with_dpi(coded: bytes, dpi: int) -> bytes:
    """The JFIF header's density set to `dpi` dots per inch."""
    if coded[2:4] != b"\xff\xe0" or coded[6:11] != b"JFIF\0":
        raise RuntimeError("JPEG without a JFIF header")
    density = bytes([1]) + dpi.to_bytes(2, "big") * 2  # units 1: dots per inch
    return coded[:13] + density + coded[18:]


def _png_with_dpi(coded: bytes, dpi: int) -> bytes:
    """A pHYs chunk (pixels per metre) after IHDR."""
    per_metre = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body))
    ihdr_end = 8 + 8 + 13 + 4  # signature, IHDR length and type, its data, its CRC
    return coded[:ihdr_end] + chunk + coded[ihdr_end:]


class _Placer:
    """Upright content millimetres -> sheet pixels, turned about the sheet's centre."""

    def __init__(self, dpi: int, width: int, height: int, angle_deg: float):
        self.scale = dpi / 25.4
        self.centre = np.array([A0_MM[0] / 2, A0_MM[1] / 2])
        self.pixel_centre = np.array([(width - 1) / 2, (height - 1) / 2])
        a = math.radians(angle_deg)  # counter-clockwise on screen: y runs down
        self.turn = np.array([[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]])

    def points(self, mm: np.ndarray) -> np.ndarray:
        turned = (np.asarray(mm, float) - self.centre) @ self.turn.T * self.scale
        return np.round((turned + self.pixel_centre) * 16).astype(np.int32)  # 4 fraction bits

    def px(self, mm: float) -> int:
        return max(1, round(mm * self.scale))


def _poly(canvas: np.ndarray, place: _Placer, mm: np.ndarray, colour: tuple[int, ...]) -> None:
    cv2.fillPoly(canvas, [place.points(mm)], colour, cv2.LINE_AA, shift=4)


def _line(canvas: np.ndarray, place: _Placer, a: tuple, b: tuple, width_mm: float, colour) -> None:
    p, q = place.points(np.array([a, b]))
    cv2.line(canvas, tuple(p), tuple(q), colour, place.px(width_mm), cv2.LINE_AA, shift=4)


def _grid(canvas: np.ndarray, place: _Placer, sheet: Sheet) -> None:
    """Lines every grid_mm both ways, turned by grid_deg, clipped to the map frame."""
    left, top, right, bottom = MAP_BOX
    a = math.radians(sheet.grid_deg)
    along = np.array([math.cos(a), -math.sin(a)])
    across = np.array([math.sin(a), math.cos(a)])
    middle = np.array([(left + right) / 2, (top + bottom) / 2])
    reach = math.hypot(right - left, bottom - top)
    steps = int(reach / sheet.grid_mm) + 1
    for direction, normal in ((along, across), (across, along)):
        for k in range(-steps, steps + 1):
            base = middle + normal * k * sheet.grid_mm
            ends = _clipped(
                base - direction * reach, base + direction * reach, (left, top, right, bottom)
            )
            if ends is not None:
                _line(canvas, place, ends[0], ends[1], 0.5, GRID)


def _frame(canvas: np.ndarray, place: _Placer, box: tuple[float, ...]) -> None:
    left, top, right, bottom = box
    corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
    for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
        _line(canvas, place, a, b, 0.7, INK)


def _clipped(p: np.ndarray, q: np.ndarray, box: tuple[float, ...]):
    """The part of segment p-q inside the box (Liang-Barsky), or None."""
    left, top, right, bottom = box
    d = q - p
    low, high = 0.0, 1.0
    for edge, delta in (
        (p[0] - left, -d[0]),
        (right - p[0], d[0]),
        (p[1] - top, -d[1]),
        (bottom - p[1], d[1]),
    ):
        if delta == 0:
            if edge < 0:
                return None
            continue
        t = edge / delta
        if delta < 0:
            low = max(low, t)
        else:
            high = min(high, t)
    if low >= high:
        return None
    return tuple(p + d * low), tuple(p + d * high)


def _words(rng: np.random.Generator, x: float, y: float, right: float, size: float):
    """Rectangles of word bars along one line from x to about `right`."""
    while x < right - 4 * size:
        length = float(rng.uniform(2.0, 9.0)) * size * 0.6
        yield np.array([(x, y), (x + length, y), (x + length, y + size), (x, y + size)])
        x += length + size * 0.6


def _text_block(canvas, place: _Placer, rng, box: tuple[float, ...], size: float) -> None:
    left, top, right, bottom = box
    y = top
    while y + size < bottom:
        line_right = right if rng.random() > 0.2 else float(rng.uniform(left + 40, right))
        for word in _words(rng, left, y, line_right, size):
            _poly(canvas, place, word, INK)
        y += size * 2.0


def _labels(canvas, place: _Placer, rng, box: tuple[float, ...]) -> None:
    """Place names across the map, level with the text (not with the grid)."""
    left, top, right, bottom = box
    for _ in range(90):
        x, y = float(rng.uniform(left, right - 60)), float(rng.uniform(top, bottom - 10))
        for word in _words(rng, x, y, x + float(rng.uniform(25, 60)), 3.0):
            _poly(canvas, place, word, INK)


def _seal(canvas, place: _Placer, centre: tuple[float, float], radius: float) -> None:
    cx, cy = centre
    for r, width in ((radius, 1.4), (radius * 0.72, 0.7)):
        angles = np.linspace(0, 2 * math.pi, 120)
        ring = np.stack([cx + r * np.cos(angles), cy + r * np.sin(angles)], axis=1)
        cv2.polylines(canvas, [place.points(ring)], True, SEAL, place.px(width), cv2.LINE_AA, 4)
    star = [
        (cx + (8 if i % 2 == 0 else 3.5) * math.sin(i * math.pi / 5),
         cy - (8 if i % 2 == 0 else 3.5) * math.cos(i * math.pi / 5))
        for i in range(10)
    ]  # fmt: skip
    _poly(canvas, place, np.array(star), SEAL)

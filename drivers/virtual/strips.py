"""Scan a scene strip by strip, the way a scanner's sensor sweeps the glass.

Each strip is cut into tiles; a tile's pixels come from the slightly larger, unrotated piece of
the sheet it sees, painted on demand and rotated into place with cv2.warpAffine. Nothing the
size of a page ever exists here, so an A0 sheet at 600 dpi costs no more memory than an A4.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import lru_cache

import cv2
import numpy as np

from drivers.virtual.pages import BED, Scene
from drivers.virtual.painter import SheetPainter
from station.paper import MM_PER_INCH

STRIP_ROWS = 192
TILE_COLUMNS = 1024
GRAIN_TILE = 512
GRAIN_SIGMA = 14.0  # grey levels of sensor noise at noise=1


@lru_cache(maxsize=1)
def _unit_grain() -> np.ndarray:
    """Seeded sensor noise: shared by all channels (luminance) plus a little per channel."""
    rng = np.random.default_rng(20250701)
    common = rng.standard_normal((GRAIN_TILE, GRAIN_TILE, 1), dtype=np.float32)
    colour = rng.standard_normal((GRAIN_TILE, GRAIN_TILE, 3), dtype=np.float32)
    return 0.85 * common + 0.5 * colour


@lru_cache(maxsize=4)
def _grain_tiles(level: float) -> tuple[np.ndarray, np.ndarray]:
    """The noise at `level` split into what it adds and what it takes away, as uint8."""
    noise = _unit_grain() * (level * GRAIN_SIGMA)
    plus = np.clip(noise, 0, 255).round().astype(np.uint8)
    minus = np.clip(-noise, 0, 255).round().astype(np.uint8)
    plus.flags.writeable = minus.flags.writeable = False
    return plus, minus


class Grain:
    """Adds the noise tile, shifted by a random offset per strip, with saturating uint8 maths."""

    def __init__(self, level: float, seed: int) -> None:
        self._plus, self._minus = _grain_tiles(level)
        self._rng = np.random.default_rng(seed)

    def apply(self, strip: np.ndarray) -> None:
        rows = strip.shape[0]
        dy, dx = (int(v) for v in self._rng.integers(0, GRAIN_TILE, 2))
        index = (np.arange(rows) + dy) % GRAIN_TILE
        plus = np.roll(self._plus[index], -dx, axis=1)
        minus = np.roll(self._minus[index], -dx, axis=1)
        for x in range(0, strip.shape[1], GRAIN_TILE):
            part = strip[:, x : x + GRAIN_TILE]
            width = part.shape[1]
            cv2.add(part, plus[:, :width], dst=part)
            cv2.subtract(part, minus[:, :width], dst=part)


class StripScanner:
    """RGB strips of a `width` x `height` pixel scan of `scene` at `dpi`."""

    def __init__(self, scene: Scene, width: int, height: int, dpi: int, noise: float) -> None:
        scale = dpi / MM_PER_INCH
        self.width, self.height = width, height
        self._painter = SheetPainter(scene.sheet, scale, BED)
        placement = scene.placement
        angle = math.radians(placement.angle)
        self._cos, self._sin = math.cos(angle), math.sin(angle)
        # sheet pixel = R(-angle) . (scan pixel - sheet centre in the scan) + sheet centre
        self._centre_scan = (placement.cx * scale, placement.cy * scale)
        self._centre_sheet = (self._painter.width / 2, self._painter.height / 2)
        self._straight = abs(placement.angle) < 1e-9
        self._grain = Grain(noise, scene.grain_seed) if noise > 0 else None

    def strips(self, rows: int = STRIP_ROWS) -> Iterator[np.ndarray]:
        for y in range(0, self.height, rows):
            height = min(rows, self.height - y)
            strip = np.empty((height, self.width, 3), np.uint8)
            for x in range(0, self.width, TILE_COLUMNS):
                width = min(TILE_COLUMNS, self.width - x)
                strip[:, x : x + width] = self._tile(x, y, width, height)
            if self._grain is not None:
                self._grain.apply(strip)
            self._painter.forget_above(self._top_of(y + height))
            yield strip

    def _to_sheet(self, u: float, v: float) -> tuple[float, float]:
        du, dv = u - self._centre_scan[0], v - self._centre_scan[1]
        return (
            self._cos * du + self._sin * dv + self._centre_sheet[0],
            -self._sin * du + self._cos * dv + self._centre_sheet[1],
        )

    def _top_of(self, y: int) -> int:
        """The highest sheet row any scan row from `y` down can still see."""
        if self._cos <= 1e-6:  # a card turned past upright: rows run up the sheet, keep all
            return -(2**31)
        corners = [self._to_sheet(u, y) for u in (0, self.width)]
        return math.floor(min(v for _, v in corners)) - 3

    def _tile(self, x: int, y: int, width: int, height: int) -> np.ndarray:
        if self._straight:
            sx, sy = self._to_sheet(x, y)
            return self._painter.paint(round(sx), round(sy), width, height)
        corners = [self._to_sheet(u, v) for u in (x, x + width) for v in (y, y + height)]
        left = math.floor(min(u for u, _ in corners)) - 2
        top = math.floor(min(v for _, v in corners)) - 2
        right = math.ceil(max(u for u, _ in corners)) + 2
        bottom = math.ceil(max(v for _, v in corners)) + 2
        source = self._painter.paint(left, top, right - left, bottom - top)
        ox, oy = self._to_sheet(x, y)
        matrix = np.array(
            [[self._cos, self._sin, ox - left], [-self._sin, self._cos, oy - top]], np.float64
        )
        return cv2.warpAffine(
            source,
            matrix,
            (width, height),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_REPLICATE,
        )

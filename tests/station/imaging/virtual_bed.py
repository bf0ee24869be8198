"""Sheets and cards scanned on the virtual A4 flatbed, with their true corners from the scene."""

from __future__ import annotations

import math
from dataclasses import dataclass
from unittest import mock

import cv2
import numpy as np

import drivers.virtual.strips as strips
from drivers.contract import CancelToken, ColorMode, ScanSettings, Side
from drivers.virtual.card import CARD_STOCK
from drivers.virtual.driver import VirtualDriver
from drivers.virtual.options import parse_virtual_options
from drivers.virtual.pages import build_scene
from station.paper import AUTO_PAPER, MM_PER_INCH, scan_area

A4_BED_MM = (215.9, 297.0)  # the `virtual` device's glass
DARK_BED = (34, 35, 38)
LIGHT_BED = (244, 245, 243)

Corners = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class BedScan:
    image: np.ndarray  # BGR or gray uint8, as the station sees a scan
    dpi: int
    corners: Corners  # TL, TR, BR, BL of the sheet's outer boundary, source pixels
    angle_ccw: float  # rotation of the sheet's top edge, counter-clockwise positive
    bed: tuple[int, int, int]  # RGB

    @property
    def px_per_mm(self) -> float:
        return self.dpi / MM_PER_INCH

    @property
    def card_stock(self) -> np.ndarray:
        return in_image_order(CARD_STOCK, self.image)

    @property
    def bed_colour(self) -> np.ndarray:
        return in_image_order(self.bed, self.image)


def scan_on_bed(
    content: str, seed: int, skew: float, dpi: int, mode: ColorMode, bed: tuple[int, int, int]
) -> BedScan:
    """One flatbed scan of the whole glass (paper `auto`) with `bed` as the lid's colour."""
    options = (("content", content), ("seed", str(seed)), ("skew", f"{skew:.3f}"))
    settings = ScanSettings(paper=AUTO_PAPER, dpi=dpi, mode=mode, options=options)
    with mock.patch.object(strips, "BED", bed):
        page = next(iter(VirtualDriver().scan("virtual", settings, CancelToken())))
    pixels = page.pixels
    if pixels.ndim == 3:
        pixels = cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR)
    corners, angle = sheet_corners(options, dpi)
    return BedScan(pixels, dpi, corners, angle, bed)


def sheet_corners(options: tuple[tuple[str, str], ...], dpi: int) -> tuple[Corners, float]:
    """Where the scanner put the sheet: the mapping drivers.virtual.strips paints with."""
    area = scan_area(AUTO_PAPER, A4_BED_MM)
    scene = build_scene(parse_virtual_options(options), area, True, 1, Side.FRONT)
    scale = dpi / MM_PER_INCH
    width, height = round(scene.sheet.width * scale), round(scene.sheet.height * scale)
    turn = math.radians(scene.placement.angle)  # clockwise on screen (y runs down)
    cos, sin = math.cos(turn), math.sin(turn)
    cx, cy = scene.placement.cx * scale, scene.placement.cy * scale
    right, bottom = width - 0.5, height - 0.5
    points = []
    for x, y in ((-0.5, -0.5), (right, -0.5), (right, bottom), (-0.5, bottom)):
        dx, dy = x - width / 2, y - height / 2
        points.append((cx + cos * dx - sin * dy, cy + sin * dx + cos * dy))
    return (points[0], points[1], points[2], points[3]), -scene.placement.angle


def in_image_order(rgb: tuple[int, int, int], image: np.ndarray) -> np.ndarray:
    """An RGB colour as the image holds it: BGR, or the gray the driver would have made."""
    if image.ndim == 2:
        r, g, b = rgb
        return np.array([0.299 * r + 0.587 * g + 0.114 * b])
    return np.array(rgb[::-1], np.float64)

"""What is printed on a sheet, described in mm from the sheet's top-left corner.

Elements know nothing about pixels: sprites.py rasterizes each one at the scan's dpi, so the same
layout scans identically at 100 and 600 dpi, and a strip only rasterizes what crosses it.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]
Point = tuple[float, float]
Bounds = tuple[float, float, float, float]  # left, top, right, bottom in mm

TONER = (32, 32, 32)  # neutral, so text sprites need one channel, not three
BLUE_INK = (32, 56, 150)
SEAL_RED = (206, 38, 48)


@dataclass(frozen=True)
class Text:
    """One line; `words` are (offset from x in mm, text) so a justified line stays one element."""

    x: float
    y: float  # baseline
    size: float  # em size in mm
    words: tuple[tuple[float, str], ...]
    width: float
    face: str = "serif"
    ink: RGB = TONER

    def bounds(self) -> Bounds:
        return (
            self.x - self.size,
            self.y - 1.4 * self.size,
            self.x + self.width + self.size,
            self.y + 0.6 * self.size,
        )


@dataclass(frozen=True)
class Rule:
    """A filled rectangle: table grid lines, underlines, the card's stripes."""

    x: float
    y: float
    w: float
    h: float
    ink: RGB = TONER

    def bounds(self) -> Bounds:
        return (self.x, self.y, self.x + self.w, self.y + self.h)


@dataclass(frozen=True)
class Strokes:
    """Pen strokes (signatures, hairs, guilloche); `pressure` varies the width along a stroke."""

    paths: tuple[tuple[Point, ...], ...]
    width: float
    ink: RGB = BLUE_INK
    pressure: bool = False

    def bounds(self) -> Bounds:
        xs = [x for path in self.paths for x, _ in path]
        ys = [y for path in self.paths for _, y in path]
        pad = 2 * self.width
        return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


@dataclass(frozen=True)
class Blob:
    """A filled ellipse: dust specks, the red disc of an emblem (with its star left unprinted)."""

    cx: float
    cy: float
    rx: float
    ry: float
    angle: float = 0.0
    ink: RGB = TONER
    knockout: tuple[Point, ...] = ()  # a polygon inside the ellipse that stays bare

    def bounds(self) -> Bounds:
        r = max(self.rx, self.ry)
        return (self.cx - r, self.cy - r, self.cx + r, self.cy + r)


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]
    ink: RGB = TONER

    def bounds(self) -> Bounds:
        xs = [x for x, _ in self.points]
        ys = [y for _, y in self.points]
        return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True)
class Seal:
    """A round red seal: two rings, the agency's name around, a star in the middle."""

    cx: float
    cy: float
    radius: float
    text: str
    seed: int
    ink: RGB = SEAL_RED

    def bounds(self) -> Bounds:
        r = self.radius * 1.05
        return (self.cx - r, self.cy - r, self.cx + r, self.cy + r)


@dataclass(frozen=True)
class Photo:
    """A synthetic portrait printed in colour (the ID card's photo)."""

    x: float
    y: float
    w: float
    h: float
    seed: int

    def bounds(self) -> Bounds:
        return (self.x, self.y, self.x + self.w, self.y + self.h)


@dataclass(frozen=True)
class Matrix:
    """A grid of dark modules (a QR-like code); `rows` are strings of '0' and '1'."""

    x: float
    y: float
    module: float
    rows: tuple[str, ...]
    ink: RGB = TONER
    text: str = ""  # what a real code holds ("" for a code-like pattern), for the tests

    def bounds(self) -> Bounds:
        side = self.module * len(self.rows)
        return (self.x, self.y, self.x + side, self.y + side)


@dataclass(frozen=True)
class Picture:
    """A page from an image or PDF file printed over the box (a sheet the tests feed in)."""

    x: float
    y: float
    w: float
    h: float
    path: str
    page: int = 0  # of a PDF, from 0

    def bounds(self) -> Bounds:
        return (self.x, self.y, self.x + self.w, self.y + self.h)


@dataclass(frozen=True)
class ShowThrough:
    """The front's print seen through the paper from the back: mirrored, faint and blurred."""

    inner: Text | Rule | Strokes | Blob | Polygon | Seal | Photo | Matrix | Picture
    sheet_width: float
    strength: float = 0.05
    blur: float = 0.45  # mm

    def bounds(self) -> Bounds:
        left, top, right, bottom = self.inner.bounds()
        pad = 3 * self.blur
        return (
            self.sheet_width - right - pad,
            top - pad,
            self.sheet_width - left + pad,
            bottom + pad,
        )


Element = Text | Rule | Strokes | Blob | Polygon | Seal | Photo | Matrix | Picture | ShowThrough


@dataclass(frozen=True)
class Sheet:
    """A physical sheet (or card): its size, paper colour, corner radius and what is printed."""

    width: float
    height: float
    paper: RGB
    elements: tuple[Element, ...]
    corner_radius: float = 0.0

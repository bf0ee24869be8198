"""Rasterize one element at a given scale into a small "sprite" placed in sheet pixels.

A sprite holds a transmittance factor (255 = the paper shows through, 0 = fully absorbed), so
printing is a multiply, as ink on paper is: a seal stamped over text darkens it, never hides it.
Sprite positions are integer sheet pixels whatever strip asks for them, so strips never seam.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw

from drivers.virtual.elements import (
    RGB,
    Blob,
    Element,
    Matrix,
    Photo,
    Picture,
    Polygon,
    Rule,
    Seal,
    ShowThrough,
    Strokes,
    Text,
)
from drivers.virtual.fonts import font
from drivers.virtual.printed import picture_pixels

_SHIFT = 4  # cv2 sub-pixel bits for polygons and lines
_ONE = 1 << _SHIFT


@dataclass
class Sprite:
    x: int  # left, sheet pixels
    y: int  # top, sheet pixels
    factor: np.ndarray  # h x w (grey ink) or h x w x 3 uint8

    @property
    def right(self) -> int:
        return self.x + self.factor.shape[1]

    @property
    def bottom(self) -> int:
        return self.y + self.factor.shape[0]


_COVER = np.arange(256, dtype=np.float64)


def inked(alpha: np.ndarray, ink: RGB) -> np.ndarray:
    """Transmittance of `alpha` (0..255 coverage) printed in `ink`: one channel for grey ink."""
    tables = [np.round(255 - _COVER * (255 - c) / 255).astype(np.uint8) for c in ink]
    if ink[0] == ink[1] == ink[2]:
        return cv2.LUT(alpha, tables[0])
    return cv2.LUT(cv2.merge((alpha, alpha, alpha)), np.stack(tables, axis=1)[None])


def rasterize(element: Element, scale: float) -> Sprite:
    """`scale` is pixels per mm (dpi / 25.4)."""
    match element:
        case Text():
            return _text(element, scale)
        case Rule():
            return _rule(element, scale)
        case Strokes():
            return _strokes(element, scale)
        case Blob():
            return _blob(element, scale)
        case Polygon():
            return _polygon(element, scale)
        case Seal():
            return _seal(element, scale)
        case Photo():
            return _photo(element, scale)
        case Matrix():
            return _matrix(element, scale)
        case Picture():
            return _picture(element, scale)
        case ShowThrough():
            return _show_through(element, scale)
    raise TypeError(f"not an element: {element!r}")


def _canvas(bounds: tuple[float, float, float, float], scale: float) -> tuple[int, int, int, int]:
    left, top, right, bottom = bounds
    x0, y0 = math.floor(left * scale), math.floor(top * scale)
    x1, y1 = math.ceil(right * scale) + 1, math.ceil(bottom * scale) + 1
    return x0, y0, max(1, x1 - x0), max(1, y1 - y0)


def _text(text: Text, scale: float) -> Sprite:
    face = font(text.face, round(text.size * scale))
    x0, y0, width, height = _canvas(text.bounds(), scale)
    image = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(image)
    baseline = round(text.y * scale) - y0
    for offset, word in text.words:
        draw.text((round((text.x + offset) * scale) - x0, baseline), word, 255, face, anchor="ls")
    return Sprite(x0, y0, inked(np.asarray(image), text.ink))


def _rule(rule: Rule, scale: float) -> Sprite:
    x0, y0 = round(rule.x * scale), round(rule.y * scale)
    width = max(1, round((rule.x + rule.w) * scale) - x0)
    height = max(1, round((rule.y + rule.h) * scale) - y0)
    return Sprite(x0, y0, inked(np.full((height, width), 255, np.uint8), rule.ink))


def _points(points, x0: int, y0: int, scale: float) -> np.ndarray:
    return np.array(
        [(round((x * scale - x0) * _ONE), round((y * scale - y0) * _ONE)) for x, y in points],
        np.int32,
    )


def _strokes(strokes: Strokes, scale: float) -> Sprite:
    x0, y0, width, height = _canvas(strokes.bounds(), scale)
    alpha = np.zeros((height, width), np.uint8)
    base = max(1.0, strokes.width * scale)
    for path in strokes.paths:
        points = _points(path, x0, y0, scale)
        if not strokes.pressure:
            cv2.polylines(alpha, [points], False, 255, round(base), cv2.LINE_AA, _SHIFT)
            continue
        count = len(points) - 1
        for i in range(count):  # the pen presses harder mid-stroke and lifts at both ends
            press = 0.45 + 0.75 * math.sin(math.pi * (i + 0.5) / count)
            thickness = max(1, round(base * press))
            start, end = tuple(points[i]), tuple(points[i + 1])
            cv2.line(alpha, start, end, 255, thickness, cv2.LINE_AA, _SHIFT)
    return Sprite(x0, y0, inked(alpha, strokes.ink))


def _blob(blob: Blob, scale: float) -> Sprite:
    x0, y0, width, height = _canvas(blob.bounds(), scale)
    alpha = np.zeros((height, width), np.uint8)
    centre = (round((blob.cx * scale - x0) * _ONE), round((blob.cy * scale - y0) * _ONE))
    axes = (max(1, round(blob.rx * scale * _ONE)), max(1, round(blob.ry * scale * _ONE)))
    cv2.ellipse(alpha, centre, axes, blob.angle, 0, 360, 255, -1, cv2.LINE_AA, _SHIFT)
    if blob.knockout:
        cv2.fillPoly(alpha, [_points(blob.knockout, x0, y0, scale)], 0, cv2.LINE_AA, _SHIFT)
    return Sprite(x0, y0, inked(alpha, blob.ink))


def _polygon(polygon: Polygon, scale: float) -> Sprite:
    x0, y0, width, height = _canvas(polygon.bounds(), scale)
    alpha = np.zeros((height, width), np.uint8)
    cv2.fillPoly(alpha, [_points(polygon.points, x0, y0, scale)], 255, cv2.LINE_AA, _SHIFT)
    return Sprite(x0, y0, inked(alpha, polygon.ink))


def star_points(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _seal(seal: Seal, scale: float) -> Sprite:
    x0, y0, width, height = _canvas(seal.bounds(), scale)
    alpha = Image.new("L", (width, height), 0)
    centre = seal.cx * scale - x0, seal.cy * scale - y0
    r = seal.radius * scale
    draw = ImageDraw.Draw(alpha)
    ring = max(1, round(0.045 * r))
    draw.ellipse(_box(centre, r), outline=255, width=ring)
    draw.ellipse(_box(centre, 0.66 * r), outline=255, width=max(1, ring // 2))
    draw.polygon(star_points(*centre, 0.3 * r, 0.12 * r), fill=255)
    _ring_text(alpha, seal.text, centre, 0.83 * r, round(0.21 * r))
    rng = np.random.default_rng(seal.seed)
    return Sprite(x0, y0, inked(_uneven_ink(np.asarray(alpha), rng), seal.ink))


def _box(centre: tuple[float, float], r: float) -> tuple[float, float, float, float]:
    return (centre[0] - r, centre[1] - r, centre[0] + r, centre[1] + r)


def _ring_text(
    canvas: Image.Image, text: str, centre: tuple[float, float], radius: float, size: int
) -> None:
    """Letters upright along the ring, reading clockwise from the lower left to the lower right."""
    face = font("sans-bold", max(4, size))
    widths = [face.getlength(ch) for ch in text]
    room = 1.75 * math.pi * radius  # leave a gap at the bottom of the ring
    if sum(widths) * 1.12 > room:  # a long agency name: smaller letters, as a seal maker would
        size = max(4, int(size * room / (sum(widths) * 1.12)))
        face = font("sans-bold", size)
        widths = [face.getlength(ch) for ch in text]
    span = sum(widths) * 1.12 / radius  # radians the text takes up
    angle = -span / 2  # clockwise from the top of the ring
    step = span / max(1.0, sum(widths))
    for ch, width in zip(text, widths, strict=True):
        mid = angle + width * step / 2
        angle += width * step
        if ch == " ":
            continue
        glyph = Image.new("L", (2 * size, 2 * size), 0)
        ImageDraw.Draw(glyph).text((size, size), ch, 255, face, anchor="mm")
        glyph = glyph.rotate(-math.degrees(mid), Image.BILINEAR)
        gx = centre[0] + radius * math.sin(mid) - size
        gy = centre[1] - radius * math.cos(mid) - size
        canvas.paste(255, (round(gx), round(gy)), glyph)


def _uneven_ink(alpha: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Stamp ink is patchy: a smooth random field thins it, and a few spots stay almost bare."""
    height, width = alpha.shape
    coarse = (140 + 115 * rng.random((6, 6))).astype(np.uint8)
    strength = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_CUBIC)
    bare = (rng.random((max(2, height // 3), max(2, width // 3))) > 0.93).astype(np.uint8) * 64
    strength = cv2.subtract(strength, cv2.resize(bare, (width, height)))
    return cv2.multiply(alpha, strength, scale=1 / 255)


def _photo(photo: Photo, scale: float) -> Sprite:
    x0, y0 = round(photo.x * scale), round(photo.y * scale)
    width, height = max(8, round(photo.w * scale)), max(8, round(photo.h * scale))
    rng = np.random.default_rng(photo.seed)
    top = np.array([196, 214, 236], np.float32)  # studio backdrop, lighter at the top
    bottom = np.array([150, 176, 214], np.float32)
    ramp = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None, None]
    image = np.ascontiguousarray(
        np.broadcast_to(top + (bottom - top) * ramp, (height, width, 3)).astype(np.uint8)
    )
    skin = tuple(int(v) for v in rng.integers((200, 150, 120), (240, 190, 160)))
    hair = tuple(int(v) for v in rng.integers(15, 50, 3))
    shirt = tuple(int(v) for v in rng.integers(20, 110, 3))
    cx = width * (0.5 + rng.uniform(-0.04, 0.04))

    def ellipse(fx: float, fy: float, rx: float, ry: float, colour: tuple[int, ...]) -> None:
        centre = (round(cx + fx * width), round(fy * height))
        axes = (max(1, round(rx * width)), max(1, round(ry * height)))
        cv2.ellipse(image, centre, axes, 0, 0, 360, colour, -1, cv2.LINE_AA)

    ellipse(0, 1.02, 0.52, 0.3, shirt)  # shoulders
    ellipse(0, 0.72, 0.11, 0.14, skin)  # neck
    ellipse(0, 0.36, 0.27, 0.26, hair)  # hair behind the face
    ellipse(0, 0.45, 0.23, 0.25, skin)  # face
    ellipse(0, 0.27, 0.25, 0.1, hair)  # fringe
    for side in (-1, 1):
        ellipse(side * 0.09, 0.44, 0.035, 0.018, (40, 30, 30))  # eyes
    ellipse(0, 0.6, 0.06, 0.015, (150, 70, 70))  # mouth
    blur = max(1, round(0.15 * scale)) | 1
    image = cv2.GaussianBlur(image, (blur, blur), 0)
    return Sprite(x0, y0, image)


def _matrix(matrix: Matrix, scale: float) -> Sprite:
    bits = np.array([[255 if ch == "1" else 0 for ch in row] for row in matrix.rows], np.uint8)
    side = max(len(matrix.rows), round(matrix.module * len(matrix.rows) * scale))
    alpha = cv2.resize(bits, (side, side), interpolation=cv2.INTER_NEAREST)
    return Sprite(round(matrix.x * scale), round(matrix.y * scale), inked(alpha, matrix.ink))


def _picture(picture: Picture, scale: float) -> Sprite:
    x0, y0 = round(picture.x * scale), round(picture.y * scale)
    width, height = max(1, round(picture.w * scale)), max(1, round(picture.h * scale))
    # white prints nothing and black absorbs all: the pixels are the transmittance
    pixels = picture_pixels(picture.path, picture.page, width, height)
    return Sprite(x0, y0, pixels)


def _show_through(element: ShowThrough, scale: float) -> Sprite:
    inner = rasterize(element.inner, scale)
    pad = max(1, round(3 * element.blur * scale))
    absorbed = cv2.copyMakeBorder(
        cv2.bitwise_not(inner.factor), pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0
    )
    blurred = cv2.GaussianBlur(absorbed, (0, 0), max(0.5, element.blur * scale))
    faint = np.round(255 - _COVER * element.strength).astype(np.uint8)
    factor = cv2.flip(cv2.LUT(blurred, faint), 1)  # 1: mirror left to right
    mirrored_x = round(element.sheet_width * scale) - (inner.right + pad)
    return Sprite(mirrored_x, inner.y - pad, factor)

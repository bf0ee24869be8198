"""What lies on the glass for each page of a batch: which sheet, where, how skewed, and its back."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from drivers.contract import Side
from drivers.virtual.card import (
    CARD_HEIGHT,
    CARD_WIDTH,
    card_back,
    card_front,
    card_front_2024,
)
from drivers.virtual.document import continuation, document_front
from drivers.virtual.elements import (
    Blob,
    Element,
    Matrix,
    Picture,
    Rule,
    Sheet,
    ShowThrough,
    Strokes,
)
from drivers.virtual.options import VirtualOptions
from drivers.virtual.papers import paper_front, paper_of
from drivers.virtual.printed import inserted

A4_MM = (210.0, 297.0)
MAX_RANDOM_SKEW = 8.0
BED = (34, 35, 38)  # the scanner's dark lid / backing

# Independent random streams per sheet, so a change to one never shifts the others.
_FRONT, _BACK, _GEOMETRY, _DUST, _GRAIN = range(5)


@dataclass(frozen=True)
class Placement:
    """Where the sheet's centre lies in the scan area (mm) and its rotation (degrees)."""

    cx: float
    cy: float
    angle: float


@dataclass(frozen=True)
class Scene:
    sheet: Sheet
    placement: Placement
    grain_seed: int


def stream(seed: int, sheet: int, side: Side, purpose: int) -> np.random.Generator:
    return np.random.default_rng([seed, sheet, 0 if side is Side.FRONT else 1, purpose])


def build_scene(
    options: VirtualOptions, area: tuple[float, float], whole_bed: bool, sheet: int, side: Side
) -> Scene:
    """`whole_bed` (paper `auto`): the sheet lies near the corner guide with the bed around it."""
    geometry = stream(options.seed, sheet, Side.FRONT, _GEOMETRY)
    skew = options.skew
    if skew is None:
        skew = float(geometry.triangular(-MAX_RANDOM_SKEW, 0.0, MAX_RANDOM_SKEW))
    if options.content == "card":
        front = _card(options, sheet)
        placement = _card_placement(geometry, area, skew)
        paper = front if side is Side.FRONT else card_back(stream(options.seed, sheet, side, _BACK))
    else:
        width, height = (min(A4_MM[0], area[0]), min(A4_MM[1], area[1])) if whole_bed else area
        paper = _paper(options, width, height, sheet, side, geometry)
        placement = _paper_placement(geometry, area, (width, height), whole_bed, skew)
    if side is Side.BACK:  # seen from below: mirrored left to right
        placement = Placement(area[0] - placement.cx, placement.cy, -placement.angle)
    dust = _dust(stream(options.seed, sheet, side, _DUST), paper.width, paper.height)
    sheet_on_glass = Sheet(
        paper.width, paper.height, paper.paper, paper.elements + tuple(dust), paper.corner_radius
    )
    grain = int(stream(options.seed, sheet, side, _GRAIN).integers(2**62))
    return Scene(sheet_on_glass, placement, grain)


def card_qr_text(options: VirtualOptions, sheet: int) -> str:
    """What the QR of the card on sheet `sheet` holds ("" when it holds nothing real)."""
    front = _card(options, sheet)
    codes = [e.text for e in front.elements if isinstance(e, Matrix) and e.text]
    return codes[0] if codes else ""


def _card(options: VirtualOptions, sheet: int) -> Sheet:
    build = card_front_2024 if options.card == "2024" else card_front
    return build(stream(options.seed, sheet, Side.FRONT, _FRONT), options.card_qr)


def _paper(
    options: VirtualOptions,
    width: float,
    height: float,
    sheet: int,
    side: Side,
    geometry: np.random.Generator,
) -> Sheet:
    shade = geometry.integers(-5, 4)
    paper = (int(246 + shade), int(244 + shade), int(236 + shade + geometry.integers(-3, 3)))
    given = inserted(options.insert, sheet)
    if given is not None:  # printed on one side only
        picture = Picture(0.0, 0.0, width, height, given.path, given.page)
        printed = [picture] if side is Side.FRONT else [ShowThrough(picture, width)]
        return Sheet(width, height, paper, tuple(printed + _edges(width, height)))
    if options.content == "blank":
        return Sheet(width, height, paper, tuple(_edges(width, height)))
    rng = stream(options.seed, sheet, Side.FRONT, _FRONT)
    if options.content == "papers":
        front = paper_front(paper_of(options.seed, sheet), rng, width, height)
    else:
        front = document_front(rng, width, height)
    if side is Side.FRONT:
        return Sheet(width, height, paper, tuple(front + _edges(width, height)))
    printed: list[Element] = []
    if not options.blank_backs:
        printed = continuation(stream(options.seed, sheet, side, _BACK), width, height, 2)
    show_through = [ShowThrough(element, width) for element in front]
    return Sheet(width, height, paper, tuple(show_through + printed + _edges(width, height)))


def _edges(width: float, height: float) -> list[Element]:
    """The faint shadow a scanner's lamp throws along a sheet's edges."""
    shadow, light = (150, 150, 150), (205, 205, 205)
    return [
        Rule(0, 0, width, 0.25, shadow),
        Rule(0, 0, 0.25, height, shadow),
        Rule(0, height - 0.2, width, 0.2, light),
        Rule(width - 0.2, 0, 0.2, height, light),
    ]


def _paper_placement(
    rng: np.random.Generator,
    area: tuple[float, float],
    size: tuple[float, float],
    whole_bed: bool,
    skew: float,
) -> Placement:
    if not whole_bed:  # a sheet the size of the scan window, fed or laid square on it
        return Placement(area[0] / 2, area[1] / 2, skew)
    centre = []
    for bed, paper in zip(area, size, strict=True):
        slack = bed - paper
        # a few mm from the corner guide, never flush against the far edge
        low, high = min(2.0, 0.25 * slack), min(6.0, 0.75 * slack)
        offset = float(rng.uniform(low, high)) if slack > 0 else slack / 2
        centre.append(offset + paper / 2)
    return Placement(centre[0], centre[1], skew)


def _card_placement(rng: np.random.Generator, area: tuple[float, float], skew: float) -> Placement:
    """Anywhere on the glass; turned upright when the window is too narrow for it lying down."""
    angle = skew
    if area[0] < CARD_WIDTH < area[1]:
        angle += 90.0
    rad = math.radians(angle)
    half_w = (abs(CARD_WIDTH * math.cos(rad)) + abs(CARD_HEIGHT * math.sin(rad))) / 2
    half_h = (abs(CARD_WIDTH * math.sin(rad)) + abs(CARD_HEIGHT * math.cos(rad))) / 2
    centre = []
    for bed, half in ((area[0], half_w), (area[1], half_h)):
        margin = min(3.0, bed / 2 - half) if bed > 2 * half else 0.0
        low, high = half + margin, bed - half - margin
        centre.append(float(rng.uniform(low, high)) if high > low else bed / 2)
    return Placement(centre[0], centre[1], angle)


def _dust(rng: np.random.Generator, width: float, height: float) -> list[Element]:
    """Specks and the odd hair on the glass or the sheet: sparse, dark, tiny."""
    area = width * height / (A4_MM[0] * A4_MM[1])
    elements: list[Element] = []
    for _ in range(min(400, int(rng.poisson(6 * area)))):
        r = float(rng.uniform(0.05, 0.2))
        grey = int(rng.integers(40, 120))
        elements.append(
            Blob(
                float(rng.uniform(0, width)),
                float(rng.uniform(0, height)),
                r,
                r * float(rng.uniform(0.5, 1.0)),
                float(rng.uniform(0, 180)),
                (grey, grey, grey),
            )
        )
    for _ in range(min(40, int(rng.poisson(0.7 * area)))):
        x, y = float(rng.uniform(0, width)), float(rng.uniform(0, height))
        length, heading = float(rng.uniform(3, 10)), float(rng.uniform(0, 2 * math.pi))
        bend = float(rng.uniform(-0.3, 0.3))
        points = []
        for k in range(12):
            t = k / 11
            angle = heading + bend * 4 * t
            points.append((x + length * t * math.cos(angle), y + length * t * math.sin(angle)))
        elements.append(Strokes((tuple(points),), width=0.06, ink=(90, 88, 86)))
    return elements

"""Geometric transforms as matrices, so a run of them costs one resampling of the full page.

Crop (of a sheet), deskew, quarter turns and manual crop boxes are each a projective map from
their input to their output pixels. Composed, a cropped, levelled and turned A4 page at 300 dpi
is resampled once instead of three times, which is both faster and sharper.

Pixel centres are at integer coordinates (OpenCV's convention), so a whole image spans
(-0.5, -0.5) .. (w - 0.5, h - 0.5).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from station.imaging.crop import paper_colour
from station.pipeline.linear_warp import warp_affine

Size = tuple[int, int]  # width, height


@dataclass(frozen=True)
class Step:
    matrix: np.ndarray  # 3 x 3, input pixel -> output pixel
    size: Size  # output width, height


def crop_step(corners: list[tuple[float, float]], size: Size) -> Step:
    """The quadrilateral (TL, TR, BR, BL) to an upright rectangle at its own size."""
    src = np.array(corners, np.float32)
    out_w = max(1, round((math.dist(src[0], src[1]) + math.dist(src[3], src[2])) / 2))
    out_h = max(1, round((math.dist(src[0], src[3]) + math.dist(src[1], src[2])) / 2))
    dst = np.array(
        [(-0.5, -0.5), (out_w - 0.5, -0.5), (out_w - 0.5, out_h - 0.5), (-0.5, out_h - 0.5)],
        np.float32,
    )
    return Step(cv2.getPerspectiveTransform(src, dst).astype(np.float64), (out_w, out_h))


def deskew_step(angle_deg: float, size: Size) -> Step:
    """Rotate by -angle_deg about the centre, keeping the page's size (its paper size)."""
    width, height = size
    affine = cv2.getRotationMatrix2D(((width - 1) / 2.0, (height - 1) / 2.0), -angle_deg, 1.0)
    return Step(np.vstack([affine, [0.0, 0.0, 1.0]]), size)


def quarter_turn_step(rotation: int, size: Size) -> Step:
    """Clockwise quarter turns, exactly as np.rot90 would place the pixels."""
    width, height = size
    turns = (rotation % 360) // 90
    matrices = {
        0: ([1, 0, 0], [0, 1, 0], (width, height)),
        1: ([0, -1, height - 1], [1, 0, 0], (height, width)),
        2: ([-1, 0, width - 1], [0, -1, height - 1], (width, height)),
        3: ([0, 1, 0], [-1, 0, width - 1], (height, width)),
    }
    row0, row1, out = matrices[turns]
    return Step(np.array([row0, row1, [0, 0, 1]], np.float64), out)


def box_step(box: tuple[int, int, int, int], size: Size) -> Step:
    x, y, w, h = box
    x, y = max(0, min(x, size[0] - 1)), max(0, min(y, size[1] - 1))
    w, h = max(1, min(w, size[0] - x)), max(1, min(h, size[1] - y))
    return Step(np.array([[1, 0, -x], [0, 1, -y], [0, 0, 1]], np.float64), (w, h))


def compose(steps: list[Step]) -> Step:
    matrix = np.eye(3)
    for step in steps:
        matrix = step.matrix @ matrix
    return Step(matrix, steps[-1].size)


def warp(image: np.ndarray, step: Step) -> np.ndarray:
    """Resample once; what falls outside the source gets the paper's colour."""
    matrix = step.matrix
    view = shifted_view(image, step)
    if view is not None:  # a crop box, or a crop and deskew that cancel out: no resampling
        return np.ascontiguousarray(view)
    turns = quarter_turns(matrix, image.shape, step.size)
    if turns is not None:
        return np.ascontiguousarray(np.rot90(image, k=-turns))
    return resample(image, step, fill_colour(image, matrix, step.size))


def resample(image: np.ndarray, step: Step, colour: tuple[float, ...]) -> np.ndarray:
    """Bilinear, with `colour` wherever the output falls outside the source."""
    width, height = step.size
    matrix = step.matrix
    if np.allclose(matrix[2], [0.0, 0.0, 1.0]):
        inverse = cv2.invertAffineTransform(matrix[:2])  # as warpAffine inverts it itself
        slow = _slow_way_round(inverse)
        used = _bottom_up(inverse, height) if slow else inverse
        return warp_affine(image, used, (width, height), colour, upward=slow)
    return cv2.warpPerspective(
        image, matrix, (width, height), flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT, borderValue=colour,
    )  # fmt: skip


def _slow_way_round(inverse: np.ndarray) -> bool:
    """Does each output row of a near-upright map read the source's rows in the direction the
    output rows advance (their index rising along the row while each row starts lower down, or
    falling on a page turned upside down)? OpenCV's warp walks the output row by row, and such
    a map takes up to twice as long (bench/warp.py) as the same map made bottom up (see
    _bottom_up), whose rows advance the other way."""
    along, down = inverse[1, 0], inverse[1, 1]
    return bool(abs(down) > abs(along) and along * down > 0)


def _bottom_up(inverse: np.ndarray, height: int) -> np.ndarray:
    """The inverse map with the output's rows in reverse order (row y is written as row
    height - 1 - y), to be flipped back. Each output pixel reads the same source coordinates:
    OpenCV adds a row's term (the second and third columns, in double) to each pixel's term
    (the first column), which is the same here; only the last bit of a double may differ, which
    on rare rows (4 of 366 maps of an A4 page in testing) moves one pixel by one level."""
    flipped = inverse.copy()
    flipped[:, 1] = -inverse[:, 1]
    flipped[:, 2] = inverse[:, 2] + inverse[:, 1] * (height - 1)
    return flipped


def shifted_view(image: np.ndarray, step: Step) -> np.ndarray | None:
    """The output as a view of the input, when the step only moves it by whole pixels."""
    width, height = step.size
    shift = integer_shift(step.matrix, step.size)
    if shift is None or shift[0] + width > image.shape[1] or shift[1] + height > image.shape[0]:
        return None
    x, y = shift
    return image[y : y + height, x : x + width]


def integer_shift(matrix: np.ndarray, size: Size) -> tuple[int, int] | None:
    """The whole-pixel offset this map amounts to, when no output pixel would move by half a
    pixel or more against it (a straight page: resampling would only blur it)."""
    width, height = size
    corners = np.array(
        [[(0.0, 0.0), (width - 1.0, 0.0), (width - 1.0, height - 1.0), (0.0, height - 1.0)]]
    )
    source = cv2.perspectiveTransform(corners, np.linalg.inv(matrix))[0]
    shift = np.round(source[0])
    if np.abs(source - corners[0] - shift).max() >= 0.5 or shift.min() < 0:
        return None
    return int(shift[0]), int(shift[1])


def quarter_turns(matrix: np.ndarray, shape: tuple[int, ...], size: Size) -> int | None:
    height, width = shape[:2]
    for turns in (1, 2, 3):
        expected = quarter_turn_step(turns * 90, (width, height))
        if expected.size == size and np.allclose(expected.matrix, matrix, atol=1e-9):
            return turns
    return None


def fill_colour(image: np.ndarray, matrix: np.ndarray, size: Size) -> tuple[float, ...]:
    """The paper colour inside the output's footprint on the source image."""
    width, height = size
    corners = np.array(
        [[(-0.5, -0.5), (width - 0.5, -0.5), (width - 0.5, height - 0.5), (-0.5, height - 0.5)]],
        np.float64,
    )
    source = cv2.perspectiveTransform(corners, np.linalg.inv(matrix))[0]
    colour = paper_colour(image, tuple((float(x), float(y)) for x, y in source))
    values = colour if isinstance(colour, tuple) else (colour,)
    return tuple(float(v) for v in values) + (0.0,) * (4 - len(values))

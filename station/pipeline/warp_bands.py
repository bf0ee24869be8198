"""A geometric step applied band by band: the warped page is handed to the encoder as rows it
asks for, so a large sheet exists once (the original) and never twice at full size.

Each output band reads only the source rectangle its corners map back to (plus two pixels for
the interpolation), through the same matrix shifted to that rectangle: the pixels are the ones
`geometry.warp` gives for the whole page.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from station.pdf.bands import PageBands
from station.pipeline import geometry

_MARGIN = 2  # source pixels around a band's footprint: bilinear reads one neighbour


def warped_bands(image: np.ndarray, step: geometry.Step) -> PageBands:
    width, height = step.size
    channels = 1 if image.ndim == 2 else image.shape[2]
    view = geometry.shifted_view(image, step)
    if view is not None:
        return PageBands(width, height, channels, lambda top, end: view[top:end])
    turns = geometry.quarter_turns(step.matrix, image.shape, step.size)
    if turns is not None:
        turned = np.rot90(image, k=-turns)  # a view: each band is copied out of it
        return PageBands(
            width, height, channels, lambda top, end: np.ascontiguousarray(turned[top:end])
        )
    colour = geometry.fill_colour(image, step.matrix, step.size)
    return PageBands(width, height, channels, lambda top, end: _band(image, step, top, end, colour))


def _band(
    image: np.ndarray, step: geometry.Step, top: int, end: int, colour: tuple[float, ...]
) -> np.ndarray:
    width = step.size[0]
    corners = np.array(
        [[(-0.5, top - 0.5), (width - 0.5, top - 0.5), (width - 0.5, end - 0.5), (-0.5, end - 0.5)]]
    )
    source = cv2.perspectiveTransform(corners, np.linalg.inv(step.matrix))[0]
    height_in, width_in = image.shape[:2]
    left = max(0, math.floor(source[:, 0].min()) - _MARGIN)
    right = min(width_in, math.ceil(source[:, 0].max()) + _MARGIN + 1)
    upper = max(0, math.floor(source[:, 1].min()) - _MARGIN)
    lower = min(height_in, math.ceil(source[:, 1].max()) + _MARGIN + 1)
    if right <= left or lower <= upper:  # the band lies wholly outside the source
        shape = (end - top, width) if image.ndim == 2 else (end - top, width, image.shape[2])
        return np.full(shape, colour[: 1 if image.ndim == 2 else image.shape[2]], np.uint8)
    into_band = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, -top], [0.0, 0.0, 1.0]])
    from_piece = np.array([[1.0, 0.0, left], [0.0, 1.0, upper], [0.0, 0.0, 1.0]])
    band_step = geometry.Step(into_band @ step.matrix @ from_piece, (width, end - top))
    return geometry.resample(image[upper:lower, left:right], band_step, colour)

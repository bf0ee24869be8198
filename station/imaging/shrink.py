"""Shrinking an image to a given size fast, with every source pixel still counted."""

from __future__ import annotations

import cv2
import numpy as np

from station.native import kernels, readable, resizes_as_opencv


def shrink_to(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """`image` reduced to `size` (width, height), neither side larger than the image's.

    OpenCV's area average is fast only at whole ratios; at 300 to 200 dpi it takes seven times
    as long as bilinear on an A4 colour page. So: halvings by area while the ratio is 2 or more,
    then bilinear, which below a ratio of 2 still reads every source pixel into some output."""
    width, height = size
    source = image
    while source.shape[1] >= 2 * width and source.shape[0] >= 2 * height:
        half = (source.shape[1] // 2, source.shape[0] // 2)
        source = cv2.resize(source, half, interpolation=cv2.INTER_AREA)
    if (source.shape[1], source.shape[0]) == (width, height):
        return source if source is not image else image.copy()
    return resize_linear(source, (width, height))


def resize_linear(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """cv2.resize(image, size, interpolation=INTER_LINEAR), shrunk or scaled up.

    By the native kernel where it is built, can read the image and gives OpenCV's pixels on this
    install (station.native.resizes_as_opencv): each source row is combined along once, in
    vectors, and the rows ahead are asked for (an A4 colour page to 100 dpi: 0.9 against
    OpenCV's 2.5 ms; the paper level up to an A4 at 300 dpi: 0.5 against 1.6)."""
    width, height = size
    if kernels is not None and readable(image) and resizes_as_opencv():
        made = np.empty((height, width, *image.shape[2:]), np.uint8)
        if kernels.resize_linear(image, made):
            return made
    return cv2.resize(image, size, interpolation=cv2.INTER_LINEAR)

"""Scaling an image up (or a one-channel image either way) to a given size fast.

Used where a level off here and there changes nothing the page keeps: the rendering the fidelity
check reads (station.pdf.mrc). The maps a page's own layers are cut by stay with resize: scaled
so, the paper level moved the mask's edge pixels enough that Tesseract read two corpus pages
otherwise (bench/fidelity.py: w91frag's word agreement 0.774 against 0.821, below OCRmyPDF's).
"""

from __future__ import annotations

import cv2
import numpy as np


def stretch_to(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """`image` resampled bilinear to `size` (width, height), each output pixel's centre mapped
    back as cv2.resize's INTER_LINEAR maps it, the edges replicated.

    Through OpenCV's affine warp: its vectorised kernels take a third to a half of resize's time
    to scale a page up, and to scale a one-channel page down (bench/warp.py). They quantise the
    weights to 1/32 of a pixel, so a level may differ by one from resize's."""
    width, height = size
    scale_x, scale_y = width / image.shape[1], height / image.shape[0]
    matrix = np.array([[scale_x, 0.0, (scale_x - 1) / 2], [0.0, scale_y, (scale_y - 1) / 2]])
    stretched = cv2.warpAffine(
        image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return stretched.reshape(height, width, *image.shape[2:])  # OpenCV drops a lone channel

"""The bilinear warp of a page under an affine map, in the native kernel where it gives
OpenCV's pixels (station.native.warps_as_opencv), else in cv2.warpAffine: the kernel reads a
levelled colour page in runs of contiguous pixels where OpenCV gathers each sample alone, in
about half the time (bench/warp.py)."""

from __future__ import annotations

import cv2
import numpy as np

from station.native import kernels, readable, warps_as_opencv

# Below this a map's coefficient is taken for an exact zero (cos 90 degrees is 6e-17).
TURNED = 1e-9


def warp_affine(
    image: np.ndarray,
    inverse: np.ndarray,
    size: tuple[int, int],
    colour: tuple[float, ...],
    upward: bool = False,
) -> np.ndarray:
    """cv2.warpAffine(image, inverse, size, INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT,
    colour), flipped top to bottom when `upward` (a map made bottom up)."""
    if _native_fits(image, inverse):
        out = np.empty((size[1], size[0], 3), np.uint8)
        matrix = tuple(float(v) for v in inverse.ravel())
        try:
            kernels.warp_linear(image, matrix, _fill(colour), upward, out)
            return out
        except ValueError:  # the page maps too far off the source for its floors to be ints
            pass
    warped = cv2.warpAffine(
        image, inverse, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_CONSTANT, borderValue=colour,
    )  # fmt: skip
    return cv2.flip(warped, 0, dst=warped) if upward else warped


def _native_fits(image: np.ndarray, inverse: np.ndarray) -> bool:
    """A BGR page of 2 x 2 or more under a map that turns it by other than quarter turns.
    OpenCV resamples a map along the axes (a shift, a scale, a whole quarter turn) its own way,
    and weighs points that fall exactly on the source's last row or column in ways the kernel
    does not follow; a turned page's points land there only by such a map."""
    colour_page = image.ndim == 3 and image.shape[2] == 3 and readable(image)
    if kernels is None or not colour_page or min(image.shape[:2]) < 2:
        return False
    # (a map sending the page too far off the source, NaN included, the kernel refuses)
    return bool(np.all(np.abs(inverse[:, :2]) > TURNED)) and warps_as_opencv()


def _fill(colour: tuple[float, ...]) -> tuple[int, int, int]:
    """The border colour as OpenCV takes it: each value rounded (a half to even) and clipped."""
    levels = np.clip(np.rint(np.asarray(colour[:3], np.float64)), 0, 255)
    return (int(levels[0]), int(levels[1]), int(levels[2]))

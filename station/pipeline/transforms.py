"""Non-destructive edits: a page keeps its original and a list of transforms replayed on it.

A clerk can undo a deskew, rotate, re-crop or change the profile without scanning again:
the pipeline only ever appends or removes entries here, the original file never changes.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from station.imaging.crop import crop_document
from station.imaging.despeckle import despeckle
from station.imaging.results import CropResult, DocumentKind
from station.model import Transform
from station.pipeline import geometry

CROP = "crop"  # {"kind": "page"|"card", "corners": [[x, y] x 4], "angle_deg": a}
DESKEW = "deskew"  # {"angle_deg": a}: content rotated a degrees CCW on the glass
ORIENT = "orient"  # {"rotation": 0|90|180|270}: clockwise degrees to turn upright
DESPECKLE = "despeckle"  # {"max_speck_mm": m}
CROP_BOX = "crop_box"  # {"box": [x, y, w, h]}: a clerk's manual re-crop, in output pixels


def crop_transform(crop: CropResult) -> Transform:
    corners = [[round(x, 2), round(y, 2)] for x, y in crop.corners]
    return Transform(
        CROP, {"kind": crop.kind.value, "corners": corners, "angle_deg": crop.angle_deg}
    )


def deskew_transform(angle_deg: float) -> Transform:
    return Transform(DESKEW, {"angle_deg": round(angle_deg, 3)})


def orient_transform(rotation: int) -> Transform:
    return Transform(ORIENT, {"rotation": rotation % 360})


def apply_transform(image: np.ndarray, dpi: float, transform: Transform) -> np.ndarray:
    params = transform.params
    if transform.kind == CROP:
        tl, tr, br, bl = ((float(x), float(y)) for x, y in params["corners"])
        crop = CropResult(
            DocumentKind(params["kind"]),
            (tl, tr, br, bl),
            float(params.get("angle_deg", 0)),
            1.0,
        )
        return crop_document(image, crop)
    if transform.kind in (DESKEW, ORIENT, CROP_BOX):
        size = (image.shape[1], image.shape[0])
        step = _geometric_step(transform, size)
        assert step is not None
        return geometry.warp(image, step)
    if transform.kind == DESPECKLE:
        return despeckle(image, dpi, float(params.get("max_speck_mm", 0.3)))
    raise ValueError(f"unknown transform {transform.kind!r}")


def apply_transforms(image: np.ndarray, dpi: float, transforms: Iterable[Transform]) -> np.ndarray:
    """Replay the steps; each run of geometric ones is resampled once (see geometry)."""
    pending: list[geometry.Step] = []
    for transform in transforms:
        size = pending[-1].size if pending else (image.shape[1], image.shape[0])
        step = _geometric_step(transform, size)
        if step is not None:
            pending.append(step)
            continue
        if pending:
            image = geometry.warp(image, geometry.compose(pending))
            pending = []
        image = apply_transform(image, dpi, transform)  # the previous step's array is freed here
    if pending:
        image = geometry.warp(image, geometry.compose(pending))
    return image


def is_geometric(transform: Transform) -> bool:
    """A step that is a matrix (so runs of them compose into one resampling)."""
    return _geometric_step(transform, (2, 2)) is not None


def composed(image: np.ndarray, transforms: Iterable[Transform]) -> geometry.Step:
    """Geometric transforms only, as one step from the original's pixels."""
    steps: list[geometry.Step] = []
    for transform in transforms:
        size = steps[-1].size if steps else (image.shape[1], image.shape[0])
        step = _geometric_step(transform, size)
        if step is None:
            raise ValueError(f"{transform.kind!r} is not a geometric transform")
        steps.append(step)
    if not steps:
        return geometry.Step(np.eye(3), (image.shape[1], image.shape[0]))
    return geometry.compose(steps)


def _geometric_step(transform: Transform, size: geometry.Size) -> geometry.Step | None:
    """The step as a matrix, or None for those that need their own pass (a card's corners)."""
    params = transform.params
    if transform.kind == CROP and params["kind"] == DocumentKind.PAGE.value:
        return geometry.crop_step([(float(x), float(y)) for x, y in params["corners"]], size)
    if transform.kind == DESKEW:
        return geometry.deskew_step(float(params["angle_deg"]), size)
    if transform.kind == ORIENT:
        return geometry.quarter_turn_step(int(params["rotation"]), size)
    if transform.kind == CROP_BOX:
        x, y, w, h = (int(v) for v in params["box"])
        return geometry.box_step((x, y, w, h), size)
    return None

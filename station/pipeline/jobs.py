"""Page jobs for a process pool: each returns only compressed bytes and a small summary."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from station.imaging.colour import classify_colour
from station.imaging.results import ColourClass
from station.model import Transform
from station.pdf import EncodedPage, encode_page
from station.pdf.encode import is_bilevel
from station.pipeline import transforms as tf
from station.pipeline.heap import keep_freed_pages
from station.pipeline.process import (
    PageAnalysis,
    PagePlan,
    ProcessedPage,
    apply_plan,
    keeps_colour,
    plan_page,
    process_page,
    to_bilevel,
)
from station.pipeline.profile import Profile, get_profile
from station.pipeline.warp_bands import warped_bands

# Larger pages are warped and encoded band by band (an A2 at 300 dpi is 35 M px).
BANDED_PIXELS = 40_000_000


@dataclass
class PageOutcome:
    encoded: EncodedPage | None  # None when the profile drops the (blank) page
    summary: dict[str, Any]
    transforms: tuple[Transform, ...]


def run_page(
    image: np.ndarray,
    dpi: int,
    profile: Profile | str,
    initial: tuple[Transform, ...] = (),
    small: Callable[[], np.ndarray | None] | None = None,
) -> PageOutcome:
    """`small`: gives a large sheet's analysis copy decoded from its file (see plan_page), or
    None; asked for inside the analysis, so the copy is gone before the sheet is encoded. A page
    up to BANDED_PIXELS is always analysed from its own pixels."""
    chosen = get_profile(profile) if isinstance(profile, str) else profile
    if image.shape[0] * image.shape[1] > BANDED_PIXELS:
        plan = plan_page(image, dpi, chosen, initial, small() if small else None)
        if not plan.bilevel and all(tf.is_geometric(t) for t in plan.transforms):
            return _run_in_bands(image, dpi, chosen, plan)
        processed = apply_plan(image, dpi, plan)  # analysed once, not again
    else:
        processed = process_page(image, dpi, chosen, initial)
    del image
    blank = processed.analysis.blank
    if blank is not None and blank.blank and chosen.drop_blank:
        return PageOutcome(None, summarise(processed, 0), processed.transforms)
    encoded = encode_page(processed.image, dpi, processed.analysis.colour, chosen.encode)
    summary = summarise(processed, encoded.bytes)
    summary["upsampled_from"] = encoded.upsampled_from
    summary["regions_replaced"] = encoded.regions_replaced
    summary["min_image_ppi"] = round(encoded.min_image_ppi, 1)
    return PageOutcome(encoded, summary, processed.transforms)


def _run_in_bands(image: np.ndarray, dpi: int, profile: Profile, plan: PagePlan) -> PageOutcome:
    """A large sheet warped band by band straight into the encoder: the processed page is
    never whole in memory (an A0 at 300 dpi is 418 MB, at 600 dpi 1.7 GB)."""
    page = warped_bands(image, tf.composed(image, plan.transforms))
    size = (page.width, page.height)
    blank = plan.analysis.blank
    if blank is not None and blank.blank and profile.drop_blank:
        return PageOutcome(None, _summary(plan.analysis, plan.transforms, size, dpi, 0), ())
    encoded = encode_page(page, dpi, plan.analysis.colour, profile.encode)
    summary = _summary(plan.analysis, plan.transforms, size, dpi, encoded.bytes)
    summary["upsampled_from"] = encoded.upsampled_from
    summary["regions_replaced"] = encoded.regions_replaced
    summary["min_image_ppi"] = round(encoded.min_image_ppi, 1)
    return PageOutcome(encoded, summary, plan.transforms)


def run_loaded(load: Callable[[], np.ndarray], dpi: int, profile: Profile | str) -> PageOutcome:
    """run_page on pixels that only this call holds, so the original is freed as soon as the
    processed page exists: on an A0 sheet that is 400 MB less at the encoder's peak."""
    return run_page(load(), dpi, profile)


def replay_page(
    image: np.ndarray, dpi: int, profile: Profile | str, transforms: tuple[Transform, ...]
) -> EncodedPage:
    """Encode a page whose transforms are already known (analysed before, or edited by a clerk):
    the original is replayed, not analysed again."""
    chosen = get_profile(profile) if isinstance(profile, str) else profile
    bilevel = image.ndim == 2 and is_bilevel(image)
    page = tf.apply_transforms(image, dpi, transforms)
    if bilevel and not is_bilevel(page):
        page = to_bilevel(page, image)
    del image
    if bilevel:
        colour = ColourClass.BW
    elif keeps_colour(chosen, page):
        colour = ColourClass.COLOR
    else:
        colour = classify_colour(page, dpi)
    return encode_page(page, dpi, colour, chosen.encode)


def summarise(page: ProcessedPage, encoded_bytes: int) -> dict[str, Any]:
    size = (int(page.image.shape[1]), int(page.image.shape[0]))
    return _summary(page.analysis, page.transforms, size, page.dpi, encoded_bytes)


def _summary(
    analysis: PageAnalysis,
    transforms: tuple[Transform, ...],
    size: tuple[int, int],
    dpi: int,
    encoded_bytes: int,
) -> dict[str, Any]:
    crop = analysis.crop
    skew_deg = analysis.skew.angle_deg if analysis.skew else 0.0
    summary: dict[str, Any] = {
        "width_px": size[0],
        "height_px": size[1],
        "dpi": dpi,
        "colour": analysis.colour.value,
        "blank": bool(analysis.blank.blank) if analysis.blank else None,
        "bytes": encoded_bytes,
        "transforms": [t.kind for t in transforms],
    }
    if crop is not None and crop.kind.value != "none":
        xs = [x for x, _ in crop.corners]
        ys = [y for _, y in crop.corners]
        summary["crop"] = {
            "kind": crop.kind.value,
            "box": [
                round(min(xs)),
                round(min(ys)),
                round(max(xs) - min(xs)),
                round(max(ys) - min(ys)),
            ],
            "angle_deg": round(crop.angle_deg, 3),
        }
        skew_deg += crop.angle_deg  # the sheet's own rotation plus what the content still had
    else:
        summary["crop"] = None
    summary["skew_deg"] = round(skew_deg, 3)
    orientation = analysis.orientation
    summary["orientation"] = (
        {"rotation": orientation.rotation, "confidence": round(orientation.confidence, 3)}
        if orientation
        else None
    )
    return summary


def page_pool(workers: int | None = None) -> Executor:
    """Both cores by default; spawned processes, never the GUI thread's process state."""
    count = workers or os.cpu_count() or 1
    return ProcessPoolExecutor(
        max_workers=count,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=prepare_worker,
    )


def prepare_worker() -> None:
    """One OpenCV thread per worker (the pool already uses every core), and freed page buffers
    kept for the next page (see station.pipeline.heap)."""
    cv2.setNumThreads(1)
    keep_freed_pages()

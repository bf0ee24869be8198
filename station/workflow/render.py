"""Encode a dossier's stored pages for its PDFs, in this process or in a pool of processes.

A job carries only a path and a few fields, and reads the original itself, so a page's pixels
never cross a process boundary; a result carries only compressed bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Generator, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from station.errors import ErrorCode, StationError
from station.model import Page, Transform
from station.pdf import EncodedPage
from station.pipeline import transforms as tf
from station.pipeline.jobs import page_pool, replay_page, run_page
from station.pipeline.process import working_image
from station.pipeline.profile import Profile, get_profile, with_steps

STITCHED_DEVICE = "stitch"  # a stitched page's source device: "stitch:<its parts' device>"
# What stitching has already done to a stitched page, so finishing must not do it again.
STITCHED_DONE = (tf.CROP, tf.DESKEW)


@dataclass(frozen=True)
class PageJob:
    page_id: str
    path: str  # absolute path of the original
    sha256: str
    dpi: int
    profile: str
    transforms: tuple[Transform, ...]
    replay: bool  # the transforms are this profile's analysis: replay them, do not analyse
    stitched: bool = False  # a page stitched from parts: already levelled and on its paper


def is_stitched(page: Page) -> bool:
    return page.source_device.startswith(f"{STITCHED_DEVICE}:")


def stitched_steps(transforms: tuple[Transform, ...]) -> tuple[Transform, ...]:
    """A stitched page's transforms without those stitching has done already. Stitching levels
    the sheet and lays it on the whole paper at true scale; an automatic crop would cut it to
    the map's frame and a deskew would turn it by what the analysis took for skew. A clerk's
    own turns and crops stay."""
    return tuple(t for t in transforms if t.kind not in STITCHED_DONE)


def job_profile(job: PageJob) -> Profile:
    """The job's profile, without the steps stitching has done for a stitched page."""
    profile = get_profile(job.profile)
    return with_steps(profile, crop=False, deskew=False) if job.stitched else profile


@dataclass(frozen=True)
class PageResult:
    page_id: str
    encoded: EncodedPage | None  # None when the profile drops the (blank) page
    analysis: tuple[Transform, ...] | None  # transforms a fresh analysis found, to record
    error: tuple[str, dict[str, Any]] | None = None  # a StationError, as a pickle-safe pair


def decode_original(path: Path, sha256: str) -> np.ndarray:
    """The original as the pipeline takes it: 8-bit gray or BGR. OpenCV already turns a PNG's
    RGB (what scanners give and capture stores) into BGR."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StationError(
            ErrorCode.IMAGE_UNREADABLE, path=str(path), detail=exc.strerror or str(exc)
        ) from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        raise StationError(ErrorCode.IMAGE_UNREADABLE, path=str(path), detail="sha256 mismatch")
    pixels = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if pixels is None:
        raise StationError(ErrorCode.IMAGE_UNREADABLE, path=str(path), detail="not an image")
    return working_image(pixels)


def render_page(job: PageJob) -> PageResult:
    """Runs in a worker: errors come back as data, since a StationError does not unpickle."""
    try:
        image = decode_original(Path(job.path), job.sha256)
        if job.replay:
            encoded = replay_page(image, job.dpi, job.profile, job.transforms)
            return PageResult(job.page_id, encoded, None)
        outcome = run_page(image, job.dpi, job_profile(job), job.transforms)
        return PageResult(job.page_id, outcome.encoded, outcome.transforms)
    except StationError as exc:
        return PageResult(job.page_id, None, None, (exc.code.value, dict(exc.params)))


def render_pages(jobs: Sequence[PageJob], workers: int | None) -> Generator[PageResult, None, None]:
    """Results in the jobs' order; a process pool only when it can pay for its start-up."""
    if workers is None or workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield _checked(render_page(job))
        return
    pool = page_pool(min(workers, len(jobs)))
    try:
        futures = [pool.submit(render_page, job) for job in jobs]
        for job, future in zip(jobs, futures, strict=True):
            yield _checked(_result(job, future))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _result(job: PageJob, future: Future[PageResult]) -> PageResult:
    try:
        return future.result()
    except BrokenProcessPool:
        error = (ErrorCode.IMAGE_UNREADABLE.value, {"path": job.path, "detail": "worker died"})
        return PageResult(job.page_id, None, None, error)


def _checked(result: PageResult) -> PageResult:
    if result.error is not None:
        code, params = result.error
        raise StationError(ErrorCode(code), **params)
    return result

"""Reading as a process-pool job: a job carries a path and a few fields, never pixels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from station.model import Transform
from station.ocr.engine import read_page, read_title
from station.ocr.model import PageText
from station.pipeline import transforms as tf


@dataclass(frozen=True)
class ReadJob:
    page_id: str
    path: str  # absolute path of the original
    sha256: str
    dpi: int
    transforms: tuple[Transform, ...]
    title: bool = False  # only the top of the page (station.ocr.read_title), for a suggestion


def rotation_of(transforms: tuple[Transform, ...]) -> int:
    return sum(int(t.params.get("rotation", 0)) for t in transforms if t.kind == tf.ORIENT) % 360


def read_processed(
    image: np.ndarray, dpi: int, transforms: tuple[Transform, ...], title: bool = False
) -> PageText:
    """The page as analysed (its transforms replayed on the original), then read."""
    page = tf.apply_transforms(image, dpi, transforms)
    del image
    return (read_title if title else read_page)(page, dpi, rotation_of(transforms))


def read_job(job: ReadJob) -> PageText:
    """Runs in a worker process or thread."""
    # Imported here: station.workflow's finishing imports this package for its text layer.
    from station.workflow.render import decode_original

    image = decode_original(Path(job.path), job.sha256)
    return read_processed(image, job.dpi, job.transforms, job.title)

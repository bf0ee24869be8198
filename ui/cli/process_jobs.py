"""Pool jobs for `sohoa process`: decode a file in the worker, run each page, send bytes back."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from drivers.importer import ImportedPage, import_file
from drivers.importer.reduced import reduced_copy
from station.errors import StationError
from station.ocr.jobs import read_processed
from station.pipeline import transforms as tf
from station.pipeline.jobs import PageOutcome, run_page
from station.pipeline.process import analysis_factor, working_image

# EXIF orientation tag -> clockwise rotation that shows the photo as the camera meant it.
_EXIF_ROTATION = {3: 180, 6: 90, 8: 270}


def process_file(
    path: str, profile: str, ocr: bool = False
) -> list[tuple[int, PageOutcome | None, Any]]:
    """[(page index, outcome, None)] and, when the file breaks, a final (0, None, error).
    `ocr`: each page is also read, and its words go with it to the PDF's text layer."""
    results: list[tuple[int, PageOutcome | None, Any]] = []
    try:
        for imported in import_file(Path(path)):
            rgb = imported.pixels.ndim == 3
            image = working_image(imported.pixels, rgb=rgb, reuse=True)  # the page is ours
            rotation = _EXIF_ROTATION.get(imported.orientation, 0)
            initial = (tf.orient_transform(rotation),) if rotation else ()
            outcome = run_page(image, imported.dpi, profile, initial, partial(_small, imported))
            if ocr and outcome.encoded is not None:
                text = read_processed(image, imported.dpi, outcome.transforms)
                outcome.encoded = replace(outcome.encoded, text=text)
                outcome.summary.update(words=len(text.words), text_found=text.detected)
            outcome.summary.update(
                dpi_source=imported.dpi_source, file_dpi=imported.file_dpi, paper=imported.paper
            )
            results.append((imported.index, outcome, None))
    except StationError as exc:
        results.append((0, None, (exc.code.value, {k: str(v) for k, v in exc.params.items()})))
    return results


def _small(imported: ImportedPage) -> np.ndarray | None:
    """A large sheet's analysis copy decoded from its file at a reduced scale (a JPEG), so the
    analysis never shrinks the decoded sheet; None: the analysis makes its copy as usual.
    run_page asks for it only for a sheet above BANDED_PIXELS."""
    return reduced_copy(imported, analysis_factor(imported.pixels.shape, imported.dpi))

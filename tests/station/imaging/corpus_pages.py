"""The real scanned corpus, read as the pipeline reads originals (BGR or gray, with dpi)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from drivers.importer import import_file

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix.lower() not in (".tsv", ".md"))


def corpus_pages() -> Iterator[tuple[str, np.ndarray, int]]:
    """(name, first page's pixels, dpi or 300 when the file carries none) per corpus file."""
    for path in corpus_files():
        page = next(iter(import_file(path)))
        pixels = page.pixels
        if pixels.ndim == 3:
            pixels = cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR)
        yield path.name, pixels, page.dpi or 300

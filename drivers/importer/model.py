"""What an import yields: one page at a time, or a per-file error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from drivers.contract import ColorMode
from station.errors import ErrorCode, StationError

# A0 at 600 dpi is 19866 x 28087 = 558 M px; leave room for a scanner's over-scan margin.
MAX_PIXELS = 600_000_000
# What a page is taken to be when neither its file nor its picture tells (a typical office scan).
DEFAULT_DPI = 200
DPI_SOURCES = ("file", "inferred", "assumed")


@dataclass
class ImportedPage:
    pixels: np.ndarray  # H x W x 3 RGB or H x W gray; uint8 (uint16 for 16-bit sources)
    dpi: int
    mode: ColorMode
    source_name: str
    index: int  # 1-based page number within the file
    # The file's own bytes when the file is this one page and can be kept verbatim.
    original: bytes | None = None
    media_type: str | None = None  # of `original`: "image/jpeg" or "image/png"
    # EXIF orientation (1 = upright); pixels are as stored, never rotated silently.
    orientation: int = 1
    # Where `dpi` came from: the file, inferred from the picture (paper shape, letter size) or
    # assumed; a guessed dpi is never silent (see drivers.importer.paper_size).
    dpi_source: str = "file"
    file_dpi: int | None = None  # what the file claimed, when that was not used
    paper: str | None = None  # the paper an inferred dpi matched


@dataclass
class ImportResult:
    """One page of a file, or the error that ended that file (pages before it were yielded)."""

    path: Path
    page: ImportedPage | None = None
    error: StationError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def import_error(code: ErrorCode, path: Path, detail: str, **params: Any) -> StationError:
    return StationError(code, path=str(path), detail=detail, **params)


class ImportProblem(Exception):
    """Raised inside the readers, which do not know the path; `import_file` adds it."""

    code = ErrorCode.IMPORT_CORRUPT

    def __init__(self, detail: str, page: int | None = None) -> None:
        super().__init__(detail if page is None else f"page {page}: {detail}")
        self.detail = detail
        self.page = page


class Damaged(ImportProblem):
    code = ErrorCode.IMPORT_CORRUPT


class TooLarge(ImportProblem):
    code = ErrorCode.IMPORT_TOO_LARGE


class Unsupported(ImportProblem):
    code = ErrorCode.IMPORT_UNSUPPORTED


class Encrypted(ImportProblem):
    code = ErrorCode.IMPORT_ENCRYPTED


def check_pixels(width: int, height: int, max_pixels: int, page: int | None = None) -> None:
    """Refuse a page by its declared size, before anything is decoded or allocated."""
    if width <= 0 or height <= 0:
        raise Damaged(f"declared size {width} x {height} px", page)
    if width * height > max_pixels:
        raise TooLarge(f"{width} x {height} px is over the limit of {max_pixels} px", page)

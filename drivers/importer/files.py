"""Import page images from files: the format is told by content, never by the file's name."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
from PIL import Image

from drivers.importer.model import (
    MAX_PIXELS,
    ImportedPage,
    ImportProblem,
    ImportResult,
    import_error,
)
from drivers.importer.pdf import PDF_IMAGE_MODES, read_pdf
from drivers.importer.raster import read_single, read_tiff
from drivers.importer.sniff import (
    HEAD_BYTES,
    IMPORTABLE_SUFFIXES,
    FileKind,
    describe_foreign,
    sniff,
)
from station.errors import ErrorCode, StationError

# Single-image files are read whole: the bytes are kept as the page's original.
_READ_WHOLE = (FileKind.JPEG, FileKind.PNG, FileKind.GIF, FileKind.BMP)

# What decoders raise on a damaged file; Pillow's plugins raise almost anything.
_DECODER_ERRORS = (
    OSError,
    SyntaxError,
    EOFError,
    ValueError,
    TypeError,
    IndexError,
    KeyError,
    ZeroDivisionError,
    OverflowError,
    pikepdf.PdfError,
    pdfium.PdfiumError,
)


def import_file(
    path: Path,
    *,
    pdf_dpi: int = 300,
    pdf_images: str = "render",
    max_pixels: int = MAX_PIXELS,
) -> Iterator[ImportedPage]:
    """Yield the file's pages one at a time. A failure raises StationError(IMPORT_*) with `path`
    and `detail` (and `page` when one page is at fault); pages before the damage come first."""
    path = Path(path)
    _check_options(pdf_dpi, pdf_images, max_pixels)
    try:
        yield from _pages(path, pdf_dpi, pdf_images, max_pixels)
    except StationError:
        raise
    except ImportProblem as problem:
        params = {} if problem.page is None else {"page": problem.page}
        raise import_error(problem.code, path, problem.detail, **params) from problem
    except (FileNotFoundError, NotADirectoryError) as error:
        raise import_error(ErrorCode.IMPORT_NOT_FOUND, path, str(error)) from error
    except PermissionError as error:
        raise import_error(ErrorCode.IMPORT_NOT_FOUND, path, f"no permission: {error}") from error
    except (MemoryError, Image.DecompressionBombError) as error:
        detail = f"{type(error).__name__}: {error}"
        raise import_error(ErrorCode.IMPORT_TOO_LARGE, path, detail) from error
    except _DECODER_ERRORS as error:
        detail = f"{type(error).__name__}: {error}"
        raise import_error(ErrorCode.IMPORT_CORRUPT, path, detail) from error


def _check_options(pdf_dpi: int, pdf_images: str, max_pixels: int) -> None:
    """A caller's mistake is a ValueError, never mistaken for a bad file."""
    if pdf_images not in PDF_IMAGE_MODES:
        raise ValueError(f"pdf_images must be one of {PDF_IMAGE_MODES}, not {pdf_images!r}")
    if pdf_dpi <= 0 or max_pixels <= 0:
        raise ValueError("pdf_dpi and max_pixels must be positive")


def _pages(path: Path, pdf_dpi: int, pdf_images: str, max_pixels: int) -> Iterator[ImportedPage]:
    if path.is_dir():
        raise import_error(ErrorCode.IMPORT_UNSUPPORTED, path, "a folder, not a file")
    with open(path, "rb") as f:
        head = f.read(HEAD_BYTES)
        size = os.fstat(f.fileno()).st_size
        kind = sniff(head)
        data = head + f.read() if kind in _READ_WHOLE else b""
    if kind is None:
        raise _unknown(path, head, size)
    if kind is FileKind.PDF:
        yield from read_pdf(path, pdf_dpi, pdf_images, max_pixels)
    elif kind is FileKind.TIFF:
        yield from read_tiff(path, max_pixels)
    else:
        yield from read_single(path, kind, data, max_pixels)


def _unknown(path: Path, head: bytes, size: int) -> StationError:
    if size == 0:
        return import_error(ErrorCode.IMPORT_CORRUPT, path, "empty file")
    what = describe_foreign(head)
    if path.suffix.lower() in IMPORTABLE_SUFFIXES and what in ("unknown format", "text"):
        # Named like a scan but not one: damaged (or mis-saved) rather than a foreign format.
        return import_error(ErrorCode.IMPORT_CORRUPT, path, f"not a {path.suffix} file ({what})")
    return import_error(ErrorCode.IMPORT_UNSUPPORTED, path, what)


def import_files(
    paths: Iterable[Path],
    *,
    pdf_dpi: int = 300,
    pdf_images: str = "render",
    max_pixels: int = MAX_PIXELS,
) -> Iterator[ImportResult]:
    """Pages of several files in order; a file that fails yields one error result (after the
    pages it did give) and the next file goes on."""
    _check_options(pdf_dpi, pdf_images, max_pixels)
    for raw in paths:
        path = Path(raw)
        try:
            pages = import_file(path, pdf_dpi=pdf_dpi, pdf_images=pdf_images, max_pixels=max_pixels)
            for page in pages:
                yield ImportResult(path=path, page=page)
        except StationError as error:
            yield ImportResult(path=path, error=error)
        except Exception as error:  # a bug in one decoder must not stop the batch
            detail = f"{type(error).__name__}: {error}"
            yield ImportResult(
                path=path, error=import_error(ErrorCode.IMPORT_CORRUPT, path, detail)
            )

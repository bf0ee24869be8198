"""PDF files: each page rendered at the requested dpi with PDFium, or its scanned image taken as
stored (pikepdf) when the page is nothing but that image. One page is decoded at a time."""

from __future__ import annotations

import ctypes
import math
import tempfile
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pikepdf.models.image import (
    HifiPrintImageNotTranscodableError,
    InvalidPdfImageError,
    NotExtractableError,
    UnsupportedImageTypeError,
)

from drivers.contract import ColorMode
from drivers.importer.model import (
    Damaged,
    Encrypted,
    ImportedPage,
    Unsupported,
    check_pixels,
)
from drivers.importer.pdf_placement import sole_full_page_image
from drivers.importer.pdf_repair import inherited, salvage
from drivers.importer.pixels import square_pixels, to_array, usable_dpi

PDF_IMAGE_MODES = ("render", "embedded")
POINTS_PER_INCH = 72
_PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
# PDFium is not thread-safe: every call from this package holds this lock (never across a
# `yield`), so two imports on worker threads - the hot folder and a dropped file - cannot collide.
PDFIUM_LOCK = threading.RLock()
# pikepdf cannot hand these over as pixels; PDFium can still draw them.
_NOT_EXTRACTABLE = (
    UnsupportedImageTypeError,
    NotExtractableError,
    HifiPrintImageNotTranscodableError,
    InvalidPdfImageError,
    pikepdf.DependencyError,
    Unsupported,
)


def read_pdf(path: Path, dpi: int, images: str, max_pixels: int) -> Iterator[ImportedPage]:
    damage = None
    with ExitStack() as stack:
        pdf = stack.enter_context(_open_qpdf(path))
        doc = None if pdf.get_warnings() else _open_pdfium(path, required=False)
        if doc is None:  # qpdf had to rebuild the file, or PDFium cannot read it as it is
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sohoa-pdf-")))
            repaired = scratch / "repaired.pdf"
            damage = salvage(pdf, path, repaired)
            pdf = stack.enter_context(_open_qpdf(repaired))
            doc = _open_pdfium(repaired, required=True)
        assert doc is not None
        stack.callback(_close_pdfium, doc)
        with PDFIUM_LOCK:
            doc.init_forms()  # so filled-in form fields are drawn
        for number, page in enumerate(pdf.pages, start=1):
            yield _page(page, doc, number, path.name, dpi, images, max_pixels)
    if damage is not None:
        raise Damaged(damage)


def _open_qpdf(path: Path) -> pikepdf.Pdf:
    try:
        return pikepdf.open(path)
    except pikepdf.PasswordError as error:
        raise Encrypted("password required") from error
    except pikepdf.PdfError as error:
        if "encrypt" in str(error).lower():
            raise Encrypted(str(error)) from error
        raise Damaged(str(error)) from error


def _open_pdfium(path: Path, *, required: bool) -> pdfium.PdfDocument | None:
    try:
        with PDFIUM_LOCK:
            return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if error.err_code == _PDFIUM_PASSWORD_ERROR:
            raise Encrypted("password required") from error
        if required:
            raise Damaged(f"pdfium: {error}") from error
        return None


def _close_pdfium(doc: pdfium.PdfDocument) -> None:
    with PDFIUM_LOCK:
        doc.close()


def _page(
    page: pikepdf.Page,
    doc: pdfium.PdfDocument,
    number: int,
    name: str,
    dpi: int,
    images: str,
    max_pixels: int,
) -> ImportedPage:
    user_unit = _user_unit(page)
    if images == "embedded":
        embedded = _embedded(page, number, name, user_unit, max_pixels)
        if embedded is not None:
            return embedded
    pixels = _render(doc, number, dpi / POINTS_PER_INCH * user_unit, max_pixels)
    return ImportedPage(
        pixels=pixels, dpi=dpi, mode=ColorMode.COLOR, source_name=name, index=number
    )


def _user_unit(page: pikepdf.Page) -> float:
    """PDF 1.6 /UserUnit: how many 1/72 inch one unit is (large-format pages use it)."""
    try:
        unit = float(page.obj.get("/UserUnit", 1))
    except (TypeError, ValueError):
        return 1.0
    return unit if unit > 0 else 1.0


def _render(doc: pdfium.PdfDocument, number: int, scale: float, max_pixels: int) -> np.ndarray:
    """Render straight into a numpy array (RGB, white paper): no copy of a page-sized buffer."""
    with PDFIUM_LOCK:
        return _render_locked(doc, number, scale, max_pixels)


def _render_locked(
    doc: pdfium.PdfDocument, number: int, scale: float, max_pixels: int
) -> np.ndarray:
    try:
        page = doc[number - 1]
    except pdfium.PdfiumError as error:
        raise Damaged(f"pdfium cannot load the page ({error})", number) from error
    # pypdfium2 sizes the bitmap as ceil(points * scale): a hair under the scale keeps float
    # noise (216 pt * 150/72 = 450.00000000000006) from adding a pixel row.
    scale *= 1 - 1e-9
    try:
        # PDFium's width and height already account for /Rotate and the crop box.
        width = math.ceil(page.get_width() * scale)
        height = math.ceil(page.get_height() * scale)
        check_pixels(width, height, max_pixels, number)
        arrays: list[np.ndarray] = []

        def into_array(
            width: int, height: int, format: int, rev_byteorder: bool
        ) -> pdfium.PdfBitmap:
            if format != pdfium_c.FPDFBitmap_BGR:
                raise ValueError(f"unexpected PDFium bitmap format {format}")
            array = np.empty((height, width, 3), np.uint8)
            arrays.append(array)
            buffer = (ctypes.c_ubyte * array.nbytes).from_buffer(array.data)
            return pdfium.PdfBitmap.new_native(
                width, height, format, rev_byteorder, buffer=buffer, stride=width * 3
            )

        bitmap = page.render(
            scale=scale, rev_byteorder=True, bitmap_maker=into_array, draw_annots=True
        )
        bitmap.close()
        return arrays[0]
    finally:
        page.close()


def _embedded(
    page: pikepdf.Page, number: int, name: str, user_unit: float, max_pixels: int
) -> ImportedPage | None:
    """The page's one full-page image with its own pixels; None when the page must be rendered."""
    placement = sole_full_page_image(page)
    if placement is None:
        return None
    width, height = int(placement.image.get("/Width", 0)), int(placement.image.get("/Height", 0))
    check_pixels(width, height, max_pixels, number)
    dpi_x = usable_dpi(width / (placement.width_pt * user_unit / POINTS_PER_INCH))
    dpi_y = usable_dpi(height / (placement.height_pt * user_unit / POINTS_PER_INCH))
    if dpi_x is None or dpi_y is None:
        return None
    try:
        with pikepdf.PdfImage(placement.image).as_pil_image() as im:
            pixels, mode = to_array(im)
    except _NOT_EXTRACTABLE:
        return None
    except MemoryError:
        raise
    except Exception as error:  # the image's data itself is damaged
        raise Damaged(f"image data unreadable ({type(error).__name__}: {error})", number) from error
    pixels, dpi = square_pixels(pixels, mode, (dpi_x, dpi_y), max_pixels)
    rotation = _rotation(page)
    if rotation:
        pixels = np.ascontiguousarray(np.rot90(pixels, k=-(rotation // 90)))
    return ImportedPage(pixels=pixels, dpi=dpi, mode=mode, source_name=name, index=number)


def _rotation(page: pikepdf.Page) -> int:
    try:
        rotate = int(inherited(page.obj, "/Rotate") or 0)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0
    return rotate % 360 if rotate % 90 == 0 else 0

"""Reading written PDFs back: render with pdfium, find each drawn image and its resolution."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import cv2
import numpy as np
import pikepdf
import pypdfium2 as pdfium

from station.imaging.results import ColourClass
from station.pdf import EncodedPage, EncodeOptions, Encoding, PdfMetadata, encode_page, write_pdf

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ICT = timezone(timedelta(hours=7))

METADATA = PdfMetadata(
    dossier_code="000.00.14.H05-250701-0042",
    procedure="1.011442.000.00.00.H38",
    component="Tờ khai đăng ký khai sinh",
    station="Trạm Một cửa xã Thạch Hà",
    clerk="Nguyễn Thị Ánh",
    scan_time=datetime(2025, 7, 1, 9, 30, 15, tzinfo=ICT),
)


def corpus(name: str) -> np.ndarray:
    image = cv2.imread(str(CORPUS / name), cv2.IMREAD_UNCHANGED)
    assert image is not None, name
    return image


def pdf_of(pages: list[EncodedPage], pdfa: bool = False, metadata=METADATA) -> bytes:
    out = io.BytesIO()
    write_pdf(pages, metadata, out, pdfa=pdfa)
    return out.getvalue()


def one_page_pdf(
    image: np.ndarray, dpi: int, colour: ColourClass, encoding: Encoding = Encoding.MRC
) -> bytes:
    return pdf_of([encode_page(image, dpi, colour, EncodeOptions(encoding=encoding))])


def render(data: bytes, dpi: float, index: int = 0) -> np.ndarray:
    """Page `index` as RGB at `dpi`; a hair under dpi/72 because pdfium rounds the size up."""
    document = pdfium.PdfDocument(data)
    try:
        bitmap = document[index].render(scale=dpi / 72 * (1 - 1e-6), rev_byteorder=True)
        return bitmap.to_numpy()[:, :, :3].copy()
    finally:
        document.close()


@dataclass(frozen=True)
class Drawn:
    """One image drawn on a page: its XObject and the size it is drawn at, in points."""

    image: pikepdf.Stream
    width_pt: float
    height_pt: float

    @property
    def dpi(self) -> tuple[float, float]:
        return (
            int(self.image.Width) * 72 / self.width_pt,
            int(self.image.Height) * 72 / self.height_pt,
        )

    @property
    def colour_space(self) -> str:
        if self.image.get("/ImageMask"):
            return "stencil"
        return str(self.image.ColorSpace)


def drawn_images(page: pikepdf.Page) -> list[Drawn]:
    """Images in paint order, sized by the `cm` in force when each is drawn (q/Q respected)."""
    stack, matrix, found = [], pikepdf.Matrix(), []
    xobjects = page.Resources.XObject
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "q":
            stack.append(matrix)
        elif op == "Q":
            matrix = stack.pop()
        elif op == "cm":
            matrix = pikepdf.Matrix(*[float(v) for v in operands]) @ matrix
        elif op == "Do":
            width = float(np.hypot(matrix.a, matrix.b))
            height = float(np.hypot(matrix.c, matrix.d))
            found.append(Drawn(xobjects[operands[0]], width, height))
    return found


def media_box(page: pikepdf.Page) -> tuple[float, float]:
    box = [float(v) for v in page.MediaBox]
    return box[2] - box[0], box[3] - box[1]

"""Sheets the tests lay in the feeder: a page of an image or PDF file printed on paper.

`insert=3:/tmp/sheets.pdf#2+8:/tmp/patch.png` makes sheet 3 of the batch page 2 of the PDF and
sheet 8 the PNG, each printed to fill an A4 sheet; the other sheets are generated as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

_ITEM = re.compile(r"^\s*(\d+)\s*:\s*(.+?)(?:#(\d+))?\s*$")


@dataclass(frozen=True)
class Insert:
    sheet: int  # from 1, in feeding order
    path: str
    page: int = 0  # of a PDF, from 0


def parse_inserts(text: str) -> tuple[Insert, ...]:
    """`N:PATH[#PAGE]` items separated by `+` (the window splits its options on `;`); raises
    ValueError on a bad item or a missing file."""
    inserts = []
    for item in filter(str.strip, text.split("+")):
        match = _ITEM.match(item)
        if match is None:
            raise ValueError(item)
        sheet, path, page = int(match[1]), match[2], int(match[3] or 1) - 1
        if sheet < 1 or page < 0 or not Path(path).is_file():
            raise ValueError(item)
        inserts.append(Insert(sheet, path, page))
    return tuple(inserts)


def inserted(inserts: tuple[Insert, ...], sheet: int) -> Insert | None:
    return next((i for i in inserts if i.sheet == sheet), None)


@lru_cache(maxsize=4)
def picture_pixels(path: str, page: int, width: int, height: int) -> np.ndarray:
    """The page as RGB pixels of the given size (read-only: shared by every strip)."""
    if Path(path).suffix.lower() == ".pdf":
        pixels = _pdf_page(path, page, width)
    else:
        read = cv2.imread(path, cv2.IMREAD_COLOR)
        if read is None:
            raise ValueError(f"not an image: {path}")
        pixels = cv2.cvtColor(read, cv2.COLOR_BGR2RGB)
    resized = cv2.resize(pixels, (width, height), interpolation=cv2.INTER_AREA)
    resized.flags.writeable = False
    return resized


def _pdf_page(path: str, page: int, width: int) -> np.ndarray:
    document = pdfium.PdfDocument(path)
    try:
        sheet = document[page]
        scale = width / sheet.get_width()
        bitmap = sheet.render(scale=scale, fill_color=(255, 255, 255, 255))
        return np.array(bitmap.to_numpy()[..., :3])
    finally:
        document.close()

"""Reading a page with Tesseract's Vietnamese model, in this process (tesserocr).

tesserocr was chosen over pytesseract by measurement, on A4 virtual-scanner forms at 300 dpi
with `vie`, one core (median of 3, CPU time, the machine busy): 0.96 s per page through
tesserocr against 1.50 s through pytesseract, which starts a `tesseract` process per page
(loading `vie` each time), writes the page to a file and parses TSV back; on a lightly loaded
machine the wall times were 1.3 s against 1.6-2.2 s. tesserocr loads `vie` once per thread
(65 ms), takes the pixels from memory, releases the GIL while it recognises, and gives each
word's box and confidence from its result iterator at no extra cost. Its wheel carries
libtesseract 5.5; the language data come from the system's `tesseract-ocr-vie`.
"""

from __future__ import annotations

import glob
import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from station.errors import ErrorCode, StationError
from station.ocr.detect import DETECT_DPI, detect_text
from station.ocr.leaders import without_leaders
from station.ocr.model import PageText, Word, nfc
from station.ocr.quiet import silence_leptonica

LANGUAGE = "vie"
# Pages finer than this are read from a copy at this resolution: Tesseract's time grows with the
# pixels, and on the virtual forms a 300 dpi page read at 200 dpi took about half the time and
# lost no words (bench/ocr.py). Boxes are given back in the page's own pixels.
READ_DPI = 200
# A title read: only the top of the page, where a form's title sits, at a resolution its large
# type reads well at; enough for station.suggest (which looks no lower than its SUGGEST_TOP)
# and a fraction of a whole read's time. The cut is moved below any line of text it crosses.
TITLE_PART = 0.4
TITLE_MAX = 0.5
TITLE_DPI = 150
_SEARCHED = (
    "/usr/share/tesseract-ocr/*/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
_local = threading.local()


def tessdata_dir() -> str:
    """Where `vie.traineddata` lies: $TESSDATA_PREFIX, or where the distribution puts it."""
    candidates = [os.environ.get("TESSDATA_PREFIX", "")]
    for pattern in _SEARCHED:
        candidates.extend(sorted(glob.glob(pattern), reverse=True))
    for candidate in candidates:
        if candidate and (Path(candidate) / f"{LANGUAGE}.traineddata").is_file():
            return str(Path(candidate)) + os.sep
    raise StationError(ErrorCode.OCR_UNAVAILABLE, detail=f"{LANGUAGE}.traineddata")


def _engine() -> Any:  # tesserocr.PyTessBaseAPI; tesserocr has no type hints
    api = getattr(_local, "api", None)
    if api is None:
        try:
            import tesserocr
        except ImportError as exc:
            raise StationError(ErrorCode.OCR_UNAVAILABLE, detail="tesserocr") from exc
        silence_leptonica(tesserocr.__file__)
        api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang=LANGUAGE, psm=tesserocr.PSM.AUTO)
        _local.api = api
    return api


def read_page(image: np.ndarray, dpi: int, rotation: int = 0) -> PageText:
    """Detection first; only a page with lines of text is read. `image` is the page upright
    (8-bit gray or BGR) at `dpi`, as its analysis left it."""
    height, width = image.shape[:2]
    if not detect_text(image, dpi).found:
        return PageText(width, height, dpi, rotation, (), detected=False, engine=LANGUAGE)
    if dpi <= READ_DPI:
        return PageText(width, height, dpi, rotation, recognise(image, dpi), engine=LANGUAGE)
    scale = READ_DPI / dpi
    smaller = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    words = tuple(_scaled(word, 1 / scale) for word in recognise(smaller, READ_DPI))
    return PageText(width, height, dpi, rotation, words, engine=LANGUAGE)


def read_title(image: np.ndarray, dpi: int, rotation: int = 0) -> PageText:
    """The top of the page only (`extent` says how much); a page without text is read whole,
    since detection alone settles it."""
    height, width = image.shape[:2]
    found = detect_text(image, dpi)
    if not found.found:
        return PageText(width, height, dpi, rotation, (), detected=False, engine=LANGUAGE)
    cut = _title_cut(found.boxes, height, min(1.0, DETECT_DPI / dpi))
    top = image[:cut]
    if dpi <= TITLE_DPI:
        words = recognise(top, dpi)
    else:
        scale = TITLE_DPI / dpi
        smaller = cv2.resize(top, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        words = tuple(_scaled(word, 1 / scale) for word in recognise(smaller, TITLE_DPI))
    extent = round(cut / height, 3) if cut < height else 1.0
    return PageText(width, height, dpi, rotation, words, engine=LANGUAGE, extent=extent)


def _title_cut(boxes: tuple[tuple[int, int, int, int], ...], height: int, scale: float) -> int:
    """Rows of the page to read: TITLE_PART of it, moved down below the text lines it would
    cut through (detection's boxes, at `scale`), never past TITLE_MAX."""
    cut = round(TITLE_PART * height)
    limit = round(TITLE_MAX * height)
    moved = True
    while moved:
        moved = False
        for _, y, _, h in boxes:
            top, bottom = round(y / scale), round((y + h) / scale) + 2
            if top <= cut < bottom:
                cut, moved = min(bottom, limit), bottom < limit
    return min(cut, height)


def _scaled(word: Word, factor: float) -> Word:
    left, top = round(word.left * factor), round(word.top * factor)
    right = round((word.left + word.width) * factor)
    bottom = round((word.top + word.height) * factor)
    return replace(word, left=left, top=top, width=right - left, height=bottom - top)


def recognise(image: np.ndarray, dpi: int) -> tuple[Word, ...]:
    import tesserocr

    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    gray = np.ascontiguousarray(without_leaders(gray, dpi))
    api = _engine()
    api.SetImageBytes(gray.tobytes(), gray.shape[1], gray.shape[0], 1, gray.shape[1])
    api.SetSourceResolution(int(dpi))
    api.Recognize()
    words: list[Word] = []
    level = tesserocr.RIL.WORD
    iterator = api.GetIterator()
    line = -1
    if iterator is None:
        return ()
    for item in tesserocr.iterate_level(iterator, level):
        if item.IsAtBeginningOf(tesserocr.RIL.TEXTLINE):
            line += 1
        text = item.GetUTF8Text(level)
        box = item.BoundingBox(level)
        if not text or not text.strip() or box is None:
            continue
        x0, y0, x1, y1 = box
        words.append(
            Word(
                nfc(text.strip()),
                x0,
                y0,
                x1 - x0,
                y1 - y0,
                round(item.Confidence(level), 1),
                max(line, 0),
            )
        )
    api.Clear()
    return tuple(words)

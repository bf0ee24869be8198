"""The invisible text layer: each word lies over its box, in NFC, and draws nothing."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import numpy as np
import pikepdf
import pikepdf.pdfa

from station.imaging.results import ColourClass
from station.ocr.model import PageText, Word
from station.pdf import EncodeOptions, Encoding, encode_page
from tests.station.pdf.support import pdf_of, render

DPI = 200
WORDS = (  # text, left, top, width, height (pixels at 200 dpi), line
    ("TỜ", 300, 200, 60, 40, 0),
    ("KHAI", 380, 200, 110, 40, 0),
    ("Nguyễn", 200, 400, 150, 30, 1),
    ("Thị", 370, 400, 70, 30, 1),
    ("Hường", 460, 400, 130, 30, 1),
)


def _page() -> tuple[np.ndarray, PageText]:
    pixels = np.full((1000, 800, 3), 255, np.uint8)
    words = tuple(Word(t, x, y, w, h, 95.0, line) for t, x, y, w, h, line in WORDS)
    return pixels, PageText(800, 1000, DPI, words=words)


def _pdf(tmp_path: Path, pdfa: bool = False) -> Path:
    pixels, text = _page()
    encoded = encode_page(pixels, DPI, ColourClass.COLOR, EncodeOptions(encoding=Encoding.JPEG))
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf_of([replace(encoded, text=text)], pdfa=pdfa))
    return path


def _boxes(path: Path) -> list[tuple[str, float, float, float, float]]:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    )
    return [(t, float(a), float(b), float(c), float(d)) for a, b, c, d, t in found]


def test_each_word_lies_over_its_box(tmp_path: Path) -> None:
    boxes = _boxes(_pdf(tmp_path))
    assert [b[0] for b in boxes] == [w[0] for w in WORDS]
    to_pt = 72 / DPI
    for (text, x0, y0, x1, y1), (_, left, top, width, _height, _line) in zip(
        boxes, WORDS, strict=True
    ):
        assert unicodedata.is_normalized("NFC", text)
        assert abs(x0 - left * to_pt) < 1.0 and abs(x1 - (left + width) * to_pt) < 1.0
        bottom = max(w[2] + w[4] for w in WORDS if w[5] == _line) * to_pt  # the line's baseline
        tallest = max(w[4] for w in WORDS if w[5] == _line) * to_pt  # the line's font size
        assert abs(y1 - bottom) < 1.0 and abs(y0 - (bottom - tallest)) < 1.0
        assert y0 <= top * to_pt + 0.5  # the highlight covers the word's own box


def test_the_layer_draws_nothing(tmp_path: Path) -> None:
    page = render(_pdf(tmp_path).read_bytes(), DPI)
    assert page.min() > 200  # white paper only: the words are invisible


def test_the_font_is_embedded_and_the_file_stays_pdfa(tmp_path: Path) -> None:
    path = _pdf(tmp_path, pdfa=True)
    assert pikepdf.pdfa.validate_written(io.BytesIO(path.read_bytes()), "2b").findings == []
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "GlyphLessFont" in fonts and " yes " in fonts.splitlines()[-1]

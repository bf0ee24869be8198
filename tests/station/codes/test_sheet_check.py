"""The scan loop's separator check: the station's sheets are told apart on a reduced copy,
turned, in lineart, either end first; real scanned pages and other patch codes are not."""

from __future__ import annotations

import csv
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

from station.codes.model import Separator
from station.codes.patch import NARROW_MM, WIDE_MM
from station.codes.sheet_check import PatchT, separator_sign
from station.codes.sheets import separator_sheets

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _render(pdf: bytes, index: int, dpi: int) -> np.ndarray:
    document = pdfium.PdfDocument(pdf)
    try:
        pixels = document[index].render(scale=dpi / 72, grayscale=True).to_numpy()
    finally:
        document.close()
    return np.ascontiguousarray(pixels.squeeze())


def _turned(gray: np.ndarray, angle: float) -> np.ndarray:
    if angle % 90 == 0:  # a sheet fed sideways or tail first: nothing cut off
        return np.ascontiguousarray(np.rot90(gray, round(angle) // 90))
    h, w = gray.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, turn, (w, h), borderValue=255)


@pytest.fixture(scope="module")
def sheets() -> bytes:
    from station.catalog import bundled_catalog_dir, load_catalog

    return separator_sheets(load_catalog([bundled_catalog_dir()]).get("1.001193"), patch_t=True)


TURNS = [(150, 3, False), (200, -6, True), (300, 180, False), (300, 90, True)]


@pytest.mark.parametrize(("dpi", "angle", "lineart"), TURNS)
def test_the_stations_sheets_are_told_apart(sheets: bytes, dpi, angle, lineart) -> None:
    for index, expected in ((0, Separator("1.001193", "TP1")), (10, PatchT())):
        page = _turned(_render(sheets, index, dpi), angle)
        if lineart:
            page = np.where(page > 150, 255, 0).astype(np.uint8)
        assert separator_sign(page, dpi) == expected


def test_patch_2_is_not_a_transfer_patch() -> None:
    dpi, mm = 200, 200 / 25.4
    page = np.full((round(297 * mm), round(210 * mm)), 255, np.uint8)
    y = 30.0
    for bar in (WIDE_MM, NARROW_MM, NARROW_MM, WIDE_MM):  # patch 2
        page[round(y * mm) : round((y + bar) * mm), round(20 * mm) : round(190 * mm)] = 0
        y += bar + NARROW_MM
    assert separator_sign(page, dpi) is None


def test_no_page_of_the_scanned_corpus_is_a_separator() -> None:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as manifest:
        rows = list(csv.DictReader(manifest, delimiter="\t"))
    for row in rows:
        pixels = cv2.imread(str(CORPUS / row["filename"]), cv2.IMREAD_GRAYSCALE)
        dpi = int("".join(ch for ch in row["dpi"][:3] if ch.isdigit()) or 300)
        assert separator_sign(pixels, dpi) is None, row["filename"]

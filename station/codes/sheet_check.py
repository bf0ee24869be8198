"""Is this page a separator sheet? Asked of every page in the scan loop, so it reads a reduced
copy (about 75 dpi) and only looks for what the station's sheets carry: a large QR with the
separator text, or a transfer patch. A dossier's own small codes are read later, in full."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import zxingcpp

from station.codes.locate import shrink
from station.codes.model import Separator
from station.codes.patch import has_patch_t
from station.codes.reader import to_gray
from station.codes.separator import parse_separator

CHECK_DPI = 75  # a 60 mm separator QR has modules of about 5 px here


@dataclass(frozen=True)
class PatchT:
    """A transfer patch: the pages after it go to the next component in checklist order."""


SheetSign = Separator | PatchT


def separator_sign(pixels: np.ndarray, dpi: int) -> SheetSign | None:
    """What makes the page a separator sheet, or None for an ordinary page."""
    gray, reduced_dpi = reduced(pixels, dpi)
    qr = zxingcpp.barcode_formats_from_str("QRCode")  # not a global: nanobind frees it late
    for barcode in zxingcpp.read_barcodes(gray, formats=qr):
        separator = parse_separator(barcode.text) if barcode.valid else None
        if separator is not None:
            return separator
    return PatchT() if has_patch_t(gray, reduced_dpi) else None


def reduced(pixels: np.ndarray, dpi: int) -> tuple[np.ndarray, float]:
    """The page in gray at about CHECK_DPI, shrunk before the colour is dropped (cheaper)."""
    factor = max(1, round(dpi / CHECK_DPI))
    array = np.asarray(pixels)
    if array.dtype != np.uint8:
        array = to_gray(array)
    small = shrink(array, factor) if factor > 1 else array
    return to_gray(small), dpi / factor

"""Pages for pipeline tests, from the virtual scanner (BGR, as the pipeline reads originals)."""

from __future__ import annotations

import cv2
import numpy as np

from drivers.contract import CancelToken, ColorMode, ScanSettings, Source
from drivers.virtual.driver import VirtualDriver
from station.paper import parse_paper


def virtual_page(
    *options: tuple[str, str], paper: str = "A4", dpi: int = 150, device: str = "virtual",
    source: Source = Source.FLATBED, mode: ColorMode = ColorMode.COLOR, index: int = 0,
) -> np.ndarray:  # fmt: skip
    settings = ScanSettings(
        paper=parse_paper(paper), dpi=dpi, mode=mode, source=source, options=tuple(options)
    )
    pages = list(VirtualDriver().scan(device, settings, CancelToken()))
    pixels = np.asarray(pages[index].pixels)
    return cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR) if pixels.ndim == 3 else pixels

"""A page handed over in row bands, so a large sheet is never held twice at full size.

The pipeline warps the original band by band as the encoder asks for rows; an encoder that
cannot work in bands takes the whole page with `whole()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PageBands:
    width: int
    height: int
    channels: int  # 1 (gray) or 3 (BGR)
    read: Callable[[int, int], np.ndarray]  # rows top..bottom as uint8, H x W (x 3)

    @classmethod
    def of(cls, image: np.ndarray) -> PageBands:
        """An array already in memory: bands are views of it."""
        channels = 1 if image.ndim == 2 else image.shape[2]
        return cls(image.shape[1], image.shape[0], channels, lambda top, end: image[top:end])

    def bands(self, rows: int) -> Iterator[tuple[int, np.ndarray]]:
        """(top row, band) pairs of `rows` rows each (the last may be shorter)."""
        for top in range(0, self.height, max(1, rows)):
            yield top, self.read(top, min(self.height, top + rows))

    def whole(self) -> np.ndarray:
        return self.read(0, self.height)

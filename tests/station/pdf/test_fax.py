"""CCITT G4 through libtiff directly: the same stream as Pillow's TIFF writer, decoded back."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from station.pdf import fax
from station.pdf.codecs import _pillow_g4, g4


def _masks() -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    text = np.zeros((300, 517), bool)
    for _ in range(200):  # strokes of varying length and weight
        y, x = rng.integers(0, 290), rng.integers(0, 500)
        text[y : y + rng.integers(1, 9), x : x + rng.integers(1, 17)] = True
    return [
        text,
        rng.random((64, 77)) < 0.5,  # noise: the coder's worst case
        np.zeros((10, 8), bool),
        np.ones((9, 1), bool),
    ]


@pytest.mark.skipif(not fax.available(), reason="Pillow's own libtiff is not on this platform")
@pytest.mark.parametrize("mask", _masks(), ids=["text", "noise", "blank", "solid"])
def test_libtiff_codes_the_same_bytes_as_pillow(mask: np.ndarray) -> None:
    packed = np.packbits(mask, axis=1)
    assert fax.group4(packed, mask.shape[1]) == _pillow_g4(packed, mask.shape[1])


@pytest.mark.parametrize("mask", _masks(), ids=["text", "noise", "blank", "solid"])
def test_g4_decodes_back_to_the_mask(mask: np.ndarray) -> None:
    height, width = mask.shape
    raster = g4(np.packbits(mask, axis=1), width)
    # A bare G4 stream wrapped in a one-strip TIFF, decoded by Pillow: ink is black (0).
    tiff = _tiff(raster.data, width, height)
    decoded = np.asarray(Image.open(io.BytesIO(tiff)).convert("L")) == 0
    assert np.array_equal(decoded, mask)


def _tiff(strip: bytes, width: int, height: int) -> bytes:
    """A minimal little-endian TIFF around one G4 strip (MinIsWhite: a 1 bit is black)."""
    tags = [(256, 4, width), (257, 4, height), (258, 3, 1), (259, 3, 4), (262, 3, 0),
            (273, 4, 8), (277, 3, 1), (278, 4, height), (279, 4, len(strip))]  # fmt: skip
    ifd = len(tags).to_bytes(2, "little")
    for tag, kind, value in tags:
        ifd += tag.to_bytes(2, "little") + kind.to_bytes(2, "little") + (1).to_bytes(4, "little")
        ifd += value.to_bytes(4, "little")
    ifd += (0).to_bytes(4, "little")
    header = b"II*\x00" + (8 + len(strip)).to_bytes(4, "little")
    return header + strip + ifd

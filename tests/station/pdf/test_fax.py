"""CCITT G4 by the native coder and through libtiff directly: the same stream as Pillow's TIFF
writer, decoded back."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from station.pdf import fax
from station.pdf.codecs import _pillow_g4, g4


def _every_run(width: int) -> np.ndarray:
    """Rows holding every run length up to `width` in both colours, from the row's start (where
    libtiff reads the first change its own way) and from inside it."""
    rows = []
    for run in range(width + 1):
        black_first = np.zeros(width, bool)
        black_first[:run] = True
        inside = np.zeros(width, bool)
        inside[3 : 3 + run] = True
        rows += [black_first, ~black_first, inside, ~inside]
    return np.array(rows)


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


NO_LIBTIFF = "Pillow's own libtiff is not on this platform"
NO_PAIR = "the native coder (no C compiler) or Pillow's own libtiff is missing here"


@pytest.mark.skipif(fax._libtiff() is None, reason=NO_LIBTIFF)
@pytest.mark.parametrize("mask", _masks(), ids=["text", "noise", "blank", "solid"])
def test_libtiff_codes_the_same_bytes_as_pillow(mask: np.ndarray) -> None:
    packed = np.packbits(mask, axis=1)
    assert fax.libtiff_group4(packed, mask.shape[1]) == _pillow_g4(packed, mask.shape[1])


def test_the_native_coder_is_built() -> None:
    # scripts/setup.sh installs a C compiler, so installing the package builds it
    assert fax.native is not None


@pytest.mark.skipif(fax.native is None or fax._libtiff() is None, reason=NO_PAIR)
@pytest.mark.parametrize(
    "mask",
    [*_masks(), _every_run(2700), _every_run(5300)[::3], np.ones((3, 6000), bool)],
    ids=["text", "noise", "blank", "solid", "every-run", "long-runs", "wide-solid"],
)
def test_the_native_coder_gives_libtiffs_bytes(mask: np.ndarray) -> None:
    packed = np.packbits(mask, axis=1)
    assert fax.group4(packed, mask.shape[1]) == fax.libtiff_group4(packed, mask.shape[1])


@pytest.mark.skipif(fax.native is None or fax._libtiff() is None, reason=NO_PAIR)
def test_the_native_coder_reads_only_the_pixels_within_the_width() -> None:
    mask = np.random.default_rng(3).random((40, 21)) < 0.3
    packed = np.packbits(mask, axis=1)
    dirty = packed.copy()
    dirty[:, -1] |= 0b0000_0111  # the three bits past the 21st pixel
    assert fax.group4(dirty, 21) == fax.libtiff_group4(packed, 21)


@pytest.mark.skipif(fax.native is None, reason="built without a C compiler")
def test_the_native_coder_refuses_rows_that_do_not_match_the_width() -> None:
    packed = np.zeros((4, 3), np.uint8)
    with pytest.raises(ValueError, match="ceil"):
        fax.native.group4(packed, 30)
    with pytest.raises(ValueError, match="ceil"):
        fax.native.group4(packed.astype(np.uint16), 20)


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

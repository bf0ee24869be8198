from __future__ import annotations

import zlib

import cv2
import numpy as np
import pytest

from station.imaging.results import ColourClass
from station.pdf import EncodeOptions, Encoding, encode_page
from station.pdf import flate_bands as fb
from station.pdf import jpeg_bands as jb
from station.pdf.bands import PageBands
from station.pdf.codecs import SAMPLING, flate


def _page(shape: tuple[int, ...]) -> np.ndarray:
    noise = np.random.default_rng(1).integers(0, 255, shape, dtype=np.uint8)
    return cv2.GaussianBlur(noise, (5, 5), 0)


@pytest.mark.parametrize(
    ("shape", "subsampling"),
    [((1000, 777, 3), "4:2:0"), ((999, 501, 3), "4:2:2"), ((333, 100, 3), "4:4:4"),
     ((700, 333), "4:2:0")],
)  # fmt: skip
def test_a_jpeg_joined_from_bands_is_the_jpeg_of_the_whole_page(
    monkeypatch: pytest.MonkeyPatch, shape: tuple[int, ...], subsampling: str
) -> None:
    monkeypatch.setattr(jb, "MCU_ROWS_PER_BAND", 8)  # several bands even on a small page
    image = _page(shape)
    joined = jb.jpeg_in_bands(PageBands.of(image), 75, subsampling)
    mcu = 8 if image.ndim == 2 or subsampling == "4:4:4" else 16
    params = [
        cv2.IMWRITE_JPEG_QUALITY, 75, cv2.IMWRITE_JPEG_OPTIMIZE, 0,
        cv2.IMWRITE_JPEG_RST_INTERVAL, -(-shape[1] // mcu),
    ]  # fmt: skip
    if image.ndim == 3:
        params += [cv2.IMWRITE_JPEG_SAMPLING_FACTOR, SAMPLING[subsampling]]
    whole = cv2.imencode(".jpg", image, params)[1]
    decoded = cv2.imdecode(np.frombuffer(joined.data, np.uint8), cv2.IMREAD_UNCHANGED)
    assert np.array_equal(decoded, cv2.imdecode(whole, cv2.IMREAD_UNCHANGED))
    assert (joined.width, joined.height) == (shape[1], shape[0])


def test_a_page_in_bands_encodes_as_jpeg_without_being_whole() -> None:
    image = cv2.GaussianBlur(_page((600, 400, 3)), (0, 0), 3)
    asked: list[tuple[int, int]] = []

    def read(top: int, end: int) -> np.ndarray:
        asked.append((top, end))
        return image[top:end]

    page = PageBands(400, 600, 3, read)
    options = EncodeOptions(encoding=Encoding.JPEG)
    encoded = encode_page(page, 300, ColourClass.COLOR, options)
    assert len(encoded.layers) == 1 and (0, 600) not in asked
    shown = cv2.imdecode(np.frombuffer(encoded.layers[0].image.data, np.uint8), cv2.IMREAD_COLOR)
    assert np.abs(shown.astype(int) - image).mean() < 8


@pytest.mark.parametrize("shape", [(1000, 777, 3), (333, 100, 3), (700, 333)])
def test_a_flate_stream_from_bands_holds_the_rows_of_the_whole_page(
    monkeypatch: pytest.MonkeyPatch, shape: tuple[int, ...]
) -> None:
    """Band by band, the predictors and samples are the whole page's, byte for byte: each band's
    first row is predicted from the row above it, not from a row of zeros."""
    monkeypatch.setattr(fb, "BAND_PIXELS", 30_000)  # bands of a few dozen rows
    image = _page(shape)
    joined = fb.flate_in_bands(PageBands.of(image))
    whole = flate(image)
    assert zlib.decompress(joined.data) == zlib.decompress(whole.data)
    assert (joined.width, joined.height, joined.components) == (
        whole.width, whole.height, whole.components,
    )  # fmt: skip


def test_a_page_in_bands_encodes_lossless_without_being_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fb, "BAND_PIXELS", 40_000)
    image = _page((600, 400, 3))
    asked: list[tuple[int, int]] = []

    def read(top: int, end: int) -> np.ndarray:
        asked.append((top, end))
        return image[top:end]

    options = EncodeOptions(encoding=Encoding.LOSSLESS)
    encoded = encode_page(PageBands(400, 600, 3, read), 300, ColourClass.GRAY, options)
    assert len(encoded.layers) == 1 and (0, 600) not in asked and len(asked) > 1
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    assert zlib.decompress(encoded.layers[0].image.data) == zlib.decompress(flate(gray).data)


def test_cell_means_pad_only_the_partial_cells_and_match_padding_the_whole_image() -> None:
    import cv2

    from station.pdf.rows import downsample

    def padded_whole(image: np.ndarray, factor: int) -> np.ndarray:
        height, width = image.shape[:2]
        pad_y, pad_x = -height % factor, -width % factor
        image = cv2.copyMakeBorder(image, 0, pad_y, 0, pad_x, cv2.BORDER_REPLICATE)
        size = ((width + pad_x) // factor, (height + pad_y) // factor)
        return cv2.resize(image, size, interpolation=cv2.INTER_AREA)

    rng = np.random.default_rng(3)
    for shape in [(37, 53), (37, 53, 3), (36, 54), (5, 5, 3), (3, 7), (1, 9), (7, 5, 1)]:
        for factor in (2, 3, 6, 7):
            for dtype in (np.uint8, np.float32):
                image = (rng.random(shape) * 255).astype(dtype)
                expected = padded_whole(image, factor)
                found = downsample(image, factor)
                assert found.shape == expected.shape, (shape, factor, dtype)
                assert np.array_equal(found, expected), (shape, factor, dtype)

"""encode_page: one processed page image to the compressed layers of its PDF page."""

from __future__ import annotations

import cv2
import numpy as np

from station.imaging.results import ColourClass
from station.pdf import segment
from station.pdf.bands import PageBands
from station.pdf.codecs import flate, g4, jpeg
from station.pdf.flate_bands import flate_in_bands
from station.pdf.jpeg_bands import jpeg_in_bands
from station.pdf.mrc import STRIP_PIXELS, encode_mrc, encode_mrc_in_strips
from station.pdf.options import EncodeOptions, Encoding
from station.pdf.page import Box, EncodedPage, Layer
from station.pdf.segment import ink_bands, paper_model

_PACK_BAND_PIXELS = 4_000_000


def encode_page(
    image: np.ndarray | PageBands, dpi: int, colour: ColourClass, options: EncodeOptions
) -> EncodedPage:
    """Encode a BGR or gray uint8 page scanned at `dpi`, keeping its physical size.

    BW pages always become CCITT G4 (lossless for a bilevel page). COLOR pages keep a colour
    image whatever the encoding; a 2-D (gray) array cannot carry colour and is encoded as gray.
    A page given in bands is encoded band by band when its encoding allows (JPEG, lossless, MRC
    at or above min_dpi), else taken whole.
    """
    if isinstance(image, PageBands):
        if dpi > 0:
            streamed = _in_bands(image, dpi, colour, options)
            if streamed is not None:
                return streamed
        image = image.whole()
    image = _checked(image)
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, not {dpi}")
    scanned_dpi = dpi
    one_bit = (
        dpi < options.min_dpi and colour is ColourClass.BW and image.ndim == 2 and is_bilevel(image)
    )
    image, dpi = _at_least(image, dpi, options.min_dpi)
    if one_bit:  # the bicubic resample cut at mid-gray: smooth edges, still 1 bit
        image = cv2.threshold(image, 127, 255, cv2.THRESH_BINARY)[1]
    page = _encoded(image, dpi, colour, options, scanned_dpi)
    if dpi != scanned_dpi:  # bigger, not sharper: the caller reports it
        page = page.with_checks(upsampled_from=scanned_dpi)
    return page


def _encoded(
    image: np.ndarray, dpi: int, colour: ColourClass, options: EncodeOptions, scanned_dpi: int
) -> EncodedPage:
    if colour is ColourClass.BW:
        return _bilevel(image, dpi)
    grayscale = colour is ColourClass.GRAY or image.ndim == 2
    if options.encoding is Encoding.MRC:
        page = encode_mrc(image, dpi, grayscale, options, scanned_dpi)
        if page is not None:
            return page
        return _single(image, dpi, grayscale, options, Encoding.JPEG)
    return _single(image, dpi, grayscale, options, options.encoding)


def _in_bands(
    page: PageBands, dpi: int, colour: ColourClass, options: EncodeOptions
) -> EncodedPage | None:
    if colour is ColourClass.BW or dpi < options.min_dpi or page.width < 8 or page.height < 8:
        return None
    grayscale = colour is ColourClass.GRAY or page.channels == 1
    if options.encoding is Encoding.MRC:
        if page.width * page.height <= STRIP_PIXELS:
            return None  # one piece, as from an array
        return encode_mrc_in_strips(page, dpi, grayscale, options)
    if options.encoding is Encoding.JPEG:
        quality, subsampling = options.jpeg_quality, options.chroma_subsampling
        raster = jpeg_in_bands(page, quality, subsampling, grayscale)
        box = Box(0.0, 0.0, page.width / dpi * 72.0, page.height / dpi * 72.0)
        return EncodedPage.of(page.width, page.height, dpi, Encoding.JPEG, [Layer(raster, box)])
    if options.encoding is Encoding.LOSSLESS:
        raster = flate_in_bands(page, grayscale)
        box = Box(0.0, 0.0, page.width / dpi * 72.0, page.height / dpi * 72.0)
        return EncodedPage.of(page.width, page.height, dpi, Encoding.LOSSLESS, [Layer(raster, box)])
    return None


def _checked(image: np.ndarray) -> np.ndarray:
    if image.dtype != np.uint8:
        raise ValueError(f"page images must be uint8, not {image.dtype}")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    elif image.ndim == 3 and image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] != 3):
        raise ValueError(f"page images must be H x W or H x W x 3, not {image.shape}")
    if image.shape[0] == 0 or image.shape[1] == 0:
        raise ValueError("empty page image")
    return image


def _at_least(image: np.ndarray, dpi: int, min_dpi: int) -> tuple[np.ndarray, int]:
    """Pages scanned below min_dpi are resampled up to it; the physical size stays the same."""
    if dpi >= min_dpi:
        return image, dpi
    height, width = image.shape[:2]
    size = (max(1, round(width * min_dpi / dpi)), max(1, round(height * min_dpi / dpi)))
    return cv2.resize(image, size, interpolation=cv2.INTER_CUBIC), min_dpi


def is_bilevel(image: np.ndarray) -> bool:
    """Only black (0) and white (255) samples: a 1-bit scan."""
    return segment.is_bilevel(image)


def _box(image: np.ndarray, dpi: int) -> Box:
    height, width = image.shape[:2]
    return Box(0.0, 0.0, width / dpi * 72.0, height / dpi * 72.0)


def _single(
    image: np.ndarray, dpi: int, grayscale: bool, options: EncodeOptions, encoding: Encoding
) -> EncodedPage:
    """One full-resolution image: JPEG or lossless Flate."""
    pixels = image
    if grayscale and image.ndim == 3:
        pixels = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if encoding is Encoding.LOSSLESS:
        raster = flate(pixels)
    else:
        raster = jpeg(pixels, options.jpeg_quality, options.chroma_subsampling)
    height, width = image.shape[:2]
    return EncodedPage.of(width, height, dpi, encoding, [Layer(raster, _box(image, dpi))])


def _bilevel(image: np.ndarray, dpi: int) -> EncodedPage:
    """Black and white: the ink mask (background-normalised threshold) as CCITT G4; a page that
    is already 0/255 keeps exactly its bits. The mask is packed band by band into one array of
    a bit a pixel: a full-size mask of a byte a pixel would be 558 MB on an A0 at 600 dpi."""
    height, width = image.shape[:2]
    packed = np.empty((height, (width + 7) // 8), np.uint8)
    if image.ndim == 2 and is_bilevel(image):
        rows = max(1, _PACK_BAND_PIXELS // width)
        for top in range(0, height, rows):
            band = image[top : top + rows]
            packed[top : top + rows] = np.packbits(band < 128, axis=1)
    else:
        model = paper_model(image, dpi, find_photos=False)
        for start, stop, *_, ink in ink_bands(image, model, 1):
            packed[start:stop] = np.packbits(ink > 0, axis=1)
    layer = Layer(g4(packed, width), _box(image, dpi), fill=(0.0,))
    return EncodedPage.of(width, height, dpi, Encoding.LOSSLESS, [layer])

"""Mixed raster content: a sharp 1-bit ink mask over a low-resolution colour background.

Layers, bottom to top (all drawn over the whole page):
1. background: the page with the ink taken out (each cell is the mean colour of the pixels clear
   of ink, holes filled from around them), at `background_dpi`, JPEG;
2. ink: the full-resolution 1-bit mask (CCITT G4) painted either in one colour (a stencil, when
   all ink is neutral) or through a low-resolution foreground JPEG that carries the ink's colours
   (the image's /Mask is the stencil), so a red seal and a blue signature keep their colour.
The page's >= 200 dpi layer is the mask; the background only carries paper tone and photos.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from station.pdf.codecs import g4, jpeg
from station.pdf.fill import weighted_mean
from station.pdf.options import EncodeOptions, Encoding
from station.pdf.page import Box, EncodedPage, Layer, RasterImage
from station.pdf.rows import downsample, lcm
from station.pdf.segment import ink_bands, paper_model

FOREGROUND_DPI = 100  # colour of the ink; the shape comes from the mask
# A colour layer never holds more cells than this (an A2 page at 100 dpi): on an A0 land map
# the background and ink colours drop to ~50 dpi, which keeps memory and time in bounds, while
# the text mask stays at full resolution.
MAX_LAYER_CELLS = 4_000_000
FOREGROUND_QUALITY = 50
PHOTO_PAGE_SHARE = 0.5  # more photo than this: the whole page goes out as JPEG
NEUTRAL_CHROMA = 48  # max - min channel of an ink colour still read as black/gray ink
NEUTRAL_SNAP = 40  # neutral inks this close in lightness to the main ink take its colour
FOREGROUND_MIN_WEIGHT = 8.0  # mean darkness below threshold per cell, over 3 x 3 cells
COLOURED_INK_SHARE = 0.002  # less coloured ink than this (by weight) and one colour will do
BACKGROUND_MIN_WEIGHT = 0.2  # cells with less clear paper than this are filled from around


def encode_mrc(
    image: np.ndarray, dpi: int, grayscale: bool, options: EncodeOptions
) -> EncodedPage | None:
    """The MRC page, or None when the page is mostly photo (the caller then uses JPEG)."""
    height, width = image.shape[:2]
    model = paper_model(image, dpi)
    if model.photo_share > PHOTO_PAGE_SHARE:
        return None
    back_factor = _layer_factor(height, width, dpi, options.background_dpi)
    fore_factor = _layer_factor(height, width, dpi, FOREGROUND_DPI)
    halo_size = 2 * max(1, round(dpi / 200)) + 1
    halo = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (halo_size, halo_size))
    packed, back_sums, back_weights, fore_sums, fore_weights = [], [], [], [], []
    for start, stop, light, threshold, ink in ink_bands(
        image, model, lcm(model.factor, back_factor, fore_factor)
    ):
        pixels = image[start:stop]
        if grayscale and pixels.ndim == 3:
            pixels = cv2.cvtColor(pixels, cv2.COLOR_BGR2GRAY)
        packed.append(np.packbits(ink > 0, axis=1))
        # Background: mean colour of the pixels clear of the ink and of its anti-aliased rim,
        # as (cell mean of the masked pixels, cell share of clear pixels); all in 8 bits.
        clear = cv2.bitwise_not(cv2.dilate(ink, halo))
        back_sums.append(downsample(cv2.bitwise_and(pixels, pixels, mask=clear), back_factor))
        back_weights.append(downsample(clear, back_factor))
        del clear
        # Foreground: ink colour, weighted towards the stroke cores (darkest below threshold).
        weight = cv2.bitwise_and(cv2.subtract(threshold, light), ink)
        spread = weight if pixels.ndim == 2 else cv2.merge([weight, weight, weight])
        fore_sums.append(downsample(cv2.multiply(pixels, spread, dtype=cv2.CV_16U), fore_factor))
        fore_weights.append(downsample(weight, fore_factor))
        del pixels, weight, spread, light, threshold, ink
    mask = g4(np.vstack(packed), width)
    del packed
    page_box = Box(0.0, 0.0, width / dpi * 72.0, height / dpi * 72.0)
    background = weighted_mean(
        np.vstack(back_sums).astype(np.float32),
        np.vstack(back_weights).astype(np.float32) / 255.0,
        BACKGROUND_MIN_WEIGHT,
    )
    if background is None:  # ink everywhere: the background is never seen
        background = np.full((1, 1) if grayscale else (1, 1, 3), 255, np.uint8)
    layers = [Layer(jpeg(background, options.jpeg_quality, options.chroma_subsampling), page_box)]
    sums = np.vstack(fore_sums).astype(np.float32)
    weights = np.vstack(fore_weights).astype(np.float32)
    layers.append(_ink_layer(mask, sums, weights, page_box, grayscale))
    return EncodedPage.of(width, height, dpi, Encoding.MRC, layers)


def _layer_factor(height: int, width: int, dpi: int, layer_dpi: int) -> int:
    factor = max(1, round(dpi / layer_dpi))
    return max(factor, math.ceil(math.sqrt(height * width / MAX_LAYER_CELLS)))


def _ink_layer(
    mask: RasterImage, sums: np.ndarray, weights: np.ndarray, box: Box, grayscale: bool
) -> Layer:
    colours, known = _ink_colours(sums, weights)
    if colours is None:  # no ink on the page: an empty stencil keeps the full-resolution layer
        return Layer(mask, box, fill=(0.0,) if grayscale else (0.0, 0.0, 0.0))
    single = _single_colour(colours, known, weights, grayscale)
    if single is not None:
        return Layer(mask, box, fill=single)
    filled = weighted_mean(colours * known[:, :, None], known.astype(np.float32), 0.0)
    assert filled is not None
    return Layer(jpeg(filled, FOREGROUND_QUALITY, "4:4:4"), box, mask=mask)


def _ink_colours(sums: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
    """Per-cell ink colour (float32, H x W x C), smoothed over 3 x 3 cells, and where it is known.

    Cells holding only the faint rim of a stroke say little about the ink's colour: the
    neighbourhood average, weighted towards stroke cores, does. Near-neutral inks close to the
    page's main ink are snapped to it, so black text costs the JPEG nothing.
    """
    if sums.ndim == 2:
        sums = sums[:, :, None]
    total = cv2.blur(weights, (3, 3))
    known = total > FOREGROUND_MIN_WEIGHT
    if not known.any():
        return None, known
    colours = _as3d(cv2.blur(sums, (3, 3))) / np.maximum(total, 1e-6)[:, :, None]
    chroma = _channel_max(colours) - _channel_min(colours)
    neutral = known & (chroma <= NEUTRAL_CHROMA)
    if neutral.any():
        share = weights[neutral] / max(float(weights[neutral].sum()), 1e-6)
        main = (colours[neutral] * share[:, None]).sum(axis=0)
        level = _channel_mean(colours)
        close = neutral & (np.abs(level - float(main.mean())) <= NEUTRAL_SNAP)
        colours[close] = main
    return colours, known


# numpy reduces a short last axis slowly; channel by channel is many times faster.
def _channel_max(array: np.ndarray) -> np.ndarray:
    return np.maximum.reduce([array[..., k] for k in range(array.shape[-1])])


def _channel_min(array: np.ndarray) -> np.ndarray:
    return np.minimum.reduce([array[..., k] for k in range(array.shape[-1])])


def _channel_mean(array: np.ndarray) -> np.ndarray:
    return np.add.reduce([array[..., k] for k in range(array.shape[-1])]) / array.shape[-1]


def _as3d(array: np.ndarray) -> np.ndarray:
    return array if array.ndim == 3 else array[:, :, None]


def _single_colour(
    colours: np.ndarray, known: np.ndarray, weights: np.ndarray, grayscale: bool
) -> tuple[float, ...] | None:
    """One fill colour (0..1, RGB or gray) when nearly all ink has one colour, else None."""
    ink = colours[known]
    share = weights[known] / max(float(weights[known].sum()), 1e-6)
    main = (ink * share[:, None]).sum(axis=0)
    off = _channel_max(np.abs(ink - main)) > NEUTRAL_CHROMA / 2
    if share[off].sum() > COLOURED_INK_SHARE:
        return None
    values = [round(float(v) / 255.0, 4) for v in main]
    if grayscale:
        return (values[0],)
    blue, green, red = values
    return (red, green, blue)

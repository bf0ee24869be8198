"""Mixed raster content: a sharp 1-bit mask for solid neutral ink over a >= 200 ppi background.

Layers, bottom to top (all drawn over the whole page unless said otherwise):
1. background: the page at `background_dpi` (200 ppi by default, never above the scan), JPEG,
   with only the pixels the mask paints (and their one-pixel rim) filled from the paper around
   them. Everything the mask does not hold stays here as it was scanned: faint and thin strokes,
   coloured ink (red seals, blue signatures, handwriting in colour), photos, paper tone;
2. ink: the full-resolution 1-bit mask (CCITT G4) of solid neutral ink, one stencil colour;
3. patches: full-resolution JPEG copies of the original over every region where the rendered
   page would not show the same shapes as the scan (see station.pdf.fidelity), so no glyph can
   change.
The mask is grown from solid stroke cores into their faint continuations (hysteresis bounded by
the stroke width), so thin serifs and hairlines stay joined to their letters.
"""

from __future__ import annotations

import cv2
import numpy as np

from station.pdf.codecs import g4, jpeg
from station.pdf.fidelity import Patch, compare, patches
from station.pdf.fill import weighted_mean
from station.pdf.options import EncodeOptions, Encoding
from station.pdf.page import Box, EncodedPage, Layer
from station.pdf.rows import downsample
from station.pdf.segment import INK_RATIO, lightness, paper_model

PHOTO_PAGE_SHARE = 0.5  # more photo than this: the whole page goes out as JPEG
WEAK_RATIO = 0.80  # a faint stroke pixel: darker than 80% of the paper
GROW_PX_AT_300 = 0  # how far a solid core may grow into faint pixels (a hairline's width)
NEUTRAL_CHROMA = 40  # max - min channel (smoothed) of ink the neutral stencil may paint
FILL_CELL_MM = 2.0  # the paper colour is a mean over cells this wide
FLAT_RATIO = 0.92  # lighter than 92% of the local paper level: plain paper, drawn smooth
PATCH_QUALITY = 85
TINY_PX = 8  # smaller pages go out as one JPEG (OpenCV reads a 1 x 1 array as a scalar)


def encode_mrc(
    image: np.ndarray, dpi: int, grayscale: bool, options: EncodeOptions
) -> EncodedPage | None:
    """The MRC page, or None when the page is mostly photo (the caller then uses JPEG)."""
    height, width = image.shape[:2]
    if min(height, width) < TINY_PX:
        return None
    model = paper_model(image, dpi)
    if model.photo_share > PHOTO_PAGE_SHARE:
        return None
    if grayscale and image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    light = lightness(image)
    paper = cv2.resize(model.paper, (width, height), interpolation=cv2.INTER_LINEAR)
    mask = ink_mask(image, light, paper, model.photo, dpi)
    back_size = layer_size(width, height, dpi, options.background_dpi)
    background = _background(image, light, paper, mask, dpi, back_size)
    ink = _ink_colour(image, mask)
    render = _rendered_lightness(background, mask, ink, (width, height))
    failed = compare(light, render, paper, dpi)
    del render
    regions = patches(failed, height, width, dpi)
    for patch in regions:  # the patch shows the original there; its mask bits are never seen
        mask[patch.top : patch.bottom, patch.left : patch.right] = 0
    page_box = Box(0.0, 0.0, width / dpi * 72.0, height / dpi * 72.0)
    layers = [
        Layer(jpeg(background, options.background_quality, options.chroma_subsampling), page_box)
    ]
    del background
    fill = (round(float(ink[0]) / 255.0, 4),) if ink.size == 1 else _rgb(ink)
    layers.append(Layer(g4(np.packbits(mask > 0, axis=1), width), page_box, fill=fill))
    del mask
    layers.extend(_patch_layer(image, patch, dpi, height) for patch in regions)
    page = EncodedPage.of(width, height, dpi, Encoding.MRC, layers)
    return page.with_checks(regions_replaced=len(regions))


def layer_size(width: int, height: int, dpi: int, layer_dpi: int) -> tuple[int, int]:
    """A layer's pixel size at `layer_dpi` (at most the scan's own), rounded up so its
    resolution is never below what was asked. Only internal profiles ask for less than 200."""
    target = min(dpi, layer_dpi)
    if target >= dpi:
        return width, height
    return -(-width * target // dpi), -(-height * target // dpi)


def ink_mask(
    image: np.ndarray, light: np.ndarray, paper: np.ndarray, photo: np.ndarray, dpi: int
) -> np.ndarray:
    """uint8 0/255: solid neutral ink, grown into the faint pixels that continue its strokes."""
    strong = cv2.compare(light, cv2.convertScaleAbs(paper, alpha=INK_RATIO), cv2.CMP_LT)
    weak = cv2.compare(light, cv2.convertScaleAbs(paper, alpha=WEAK_RATIO), cv2.CMP_LT)
    steps = round(GROW_PX_AT_300 * dpi / 300)
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    mask = strong
    for _ in range(steps):  # hysteresis, bounded: a faint pixel joins only near a solid core
        mask = cv2.bitwise_and(cv2.dilate(mask, cross), weak)
    if image.ndim == 3:
        mask = cv2.bitwise_and(mask, cv2.bitwise_not(_coloured(image, dpi)))
    if photo.any():
        photo_full = cv2.resize(photo, (light.shape[1], light.shape[0]), cv2.INTER_NEAREST)
        mask = cv2.bitwise_and(mask, cv2.bitwise_not(photo_full))
    return mask


def _coloured(image: np.ndarray, dpi: int) -> np.ndarray:
    """Pixels whose neighbourhood is clearly coloured (seals, blue pens), judged smoothed so a
    scanner's colour fringe on black text does not count."""
    blue, green, red = cv2.split(image)
    high = cv2.max(cv2.max(blue, green), red)
    low = cv2.min(cv2.min(blue, green), red)
    size = max(3, round(dpi / 100)) | 1
    chroma = cv2.blur(cv2.subtract(high, low), (size, size))
    coloured = cv2.compare(chroma, NEUTRAL_CHROMA, cv2.CMP_GT)
    return cv2.dilate(coloured, np.ones((size, size), np.uint8))


def _background(
    image: np.ndarray,
    light: np.ndarray,
    paper: np.ndarray,
    mask: np.ndarray,
    dpi: int,
    size: tuple[int, int],
) -> np.ndarray:
    """The page at `size` with the masked ink and the plain paper replaced by a smooth paper
    colour: what stays is what the mask does not paint (rims, faint or coloured ink, photos),
    and JPEG spends nothing on the paper's grain."""
    plain = cv2.compare(light, cv2.convertScaleAbs(paper, alpha=FLAT_RATIO), cv2.CMP_GE)
    cell = max(2, round(FILL_CELL_MM / 25.4 * dpi))
    sums = downsample(cv2.bitwise_and(image, image, mask=plain), cell).astype(np.float32)
    share = downsample(plain, cell).astype(np.float32) / 255.0
    colour = weighted_mean(sums, share, 0.05)
    if colour is None:  # no plain paper anywhere: take the page's lightest tone
        colour = np.full((1, 1) if image.ndim == 2 else (1, 1, 3), 255, np.uint8)
    height, width = image.shape[:2]
    smooth = cv2.resize(colour, (width, height), interpolation=cv2.INTER_LINEAR)
    smooth = smooth.reshape(image.shape)  # OpenCV drops a lone channel axis
    replace = cv2.bitwise_or(plain, mask)
    del plain
    composite = image.copy()
    np.copyto(
        composite, smooth, where=(replace > 0) if image.ndim == 2 else (replace > 0)[:, :, None]
    )
    del smooth, replace
    if size == (width, height):
        return composite
    return cv2.resize(composite, size, interpolation=cv2.INTER_AREA)


def _size(image: np.ndarray) -> tuple[int, int]:
    return image.shape[1], image.shape[0]


def _as3d(array: np.ndarray) -> np.ndarray:
    return array if array.ndim == 3 else array[:, :, None]


def _ink_colour(image: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The stencil's colour: the median of the masked pixels (every 4th row and column)."""
    step = 4
    sample = mask[::step, ::step] > 0
    if not sample.any():
        sample = mask > 0
        step = 1
    if not sample.any():
        return np.zeros(1 if image.ndim == 2 else 3, np.float32)
    pixels = image[::step, ::step][sample]
    return np.median(pixels.reshape(len(pixels), -1), axis=0).astype(np.float32)


def _rgb(bgr: np.ndarray) -> tuple[float, float, float]:
    blue, green, red = (round(float(v) / 255.0, 4) for v in bgr)
    return (red, green, blue)


def _rendered_lightness(
    background: np.ndarray, mask: np.ndarray, ink: np.ndarray, size: tuple[int, int]
) -> np.ndarray:
    """What a viewer shows, as lightness at full resolution (before JPEG, whose error at these
    qualities moves tones, not shapes)."""
    shown = lightness(background)
    if shown.shape[::-1] != size:
        shown = cv2.resize(shown, size, interpolation=cv2.INTER_LINEAR)
    shown[mask > 0] = int(round(float(ink.min())))
    return shown


def _patch_layer(image: np.ndarray, patch: Patch, dpi: int, height: int) -> Layer:
    pixels = image[patch.top : patch.bottom, patch.left : patch.right]
    box = Box(
        patch.left / dpi * 72.0,
        (height - patch.bottom) / dpi * 72.0,
        (patch.right - patch.left) / dpi * 72.0,
        (patch.bottom - patch.top) / dpi * 72.0,
    )
    return Layer(jpeg(np.ascontiguousarray(pixels), PATCH_QUALITY, "4:4:4"), box)

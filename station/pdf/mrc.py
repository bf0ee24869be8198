"""Mixed raster content: a sharp 1-bit mask for solid ink over a >= 200 ppi background.

Layers, bottom to top (all drawn over the whole page unless said otherwise):
1. background: the page at the scan's resolution up to `background_dpi` (200), JPEG, with
   the plain paper (away from any mark) drawn as a smooth paper colour. Every mark stays here
   as it was scanned (under the mask too, when the layer is below the scan's resolution):
   faint and thin strokes, the soft edges of every stroke, ink of another colour (red seals,
   blue signatures, handwriting in colour), photos. A page whose thin strokes a 200 ppi layer
   would fade gets it at up to 300 ppi instead (see thins_strokes);
2. ink: the full-resolution 1-bit mask (CCITT G4) of solid ink in the page's main colour (black
   print, or sepia on an old page), one stencil colour;
3. patches: full-resolution JPEG copies of the original over every region where the rendered
   page would not show the same shapes as the scan (see station.pdf.fidelity), so no glyph can
   change.
A page scanned below 200 dpi arrives resampled up: its background's JPEG quality is scaled by
the share of the pixels the scan really holds, and the fidelity check looks at the scan's own
resolution, so the interpolated pixels neither bloat the file nor count as detail to patch;
its strokes, interpolated soft, stay whole in the background (as on a background below the
scan's resolution) and the mask takes only their inner core, eroded by a pixel: cut out under a
mask of the whole soft stroke, the rims left round it cost words (congress.jpg at 150 dpi read
0.70 of its words against OCRmyPDF's 0.72, contrast-orig-60.jpg at 100 dpi 0.15 against 0.18).
A 1-bit page below 200 dpi is resampled bicubic and cut at mid-gray (station.pdf.encode), so its
strokes keep their weight.
The mask takes only stroke cores (darker than 62% of the local paper), painted in the cores'
colour; the stroke's soft edge and faint continuations stay in the background as scanned, so the
stencil can neither thin a hairline away nor join two letters (it did both when it had to hold
whole strokes at one threshold: "1860" read "1S60").
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial, reduce
from typing import cast

import cv2
import numpy as np

from station.imaging.histogram import (
    channel_percentiles,
    counts_percentile,
    grid_counts,
    median,
    percentile,
)
from station.imaging.lightness import lightness
from station.imaging.shrink import resize_linear, shrink_to
from station.imaging.stretch import stretch_to
from station.native import kernels, percent, readable, resizes_as_opencv
from station.pdf.bands import PageBands
from station.pdf.codecs import g4, jpeg
from station.pdf.fidelity import Patch, Thinning, compare, patches
from station.pdf.fill import weighted_mean
from station.pdf.options import EncodeOptions, Encoding
from station.pdf.page import Box, EncodedPage, Layer, RasterImage
from station.pdf.rows import CACHE_BAND_PIXELS, bands, downsample, every, upsample_rows
from station.pdf.segment import INK_RATIO, paper_model

PHOTO_PAGE_SHARE = 0.5  # more photo than this: the whole page goes out as JPEG
HUE_DPI = 100
OTHER_INK_HUE = 40  # opponent-colour distance from the main ink of ink the stencil leaves out
FILL_CELL_MM = 2.0  # the paper colour is a mean over cells this wide ...
FILL_SAMPLES = 8  # ... of at least this many pixels a side, every so many rows and columns
FLAT_RATIO = 0.92  # a mark: darker than 92% of the local paper level; the rest is paper...
EDGE_PX_AT_300 = 2  # ... unless this close to a mark
# Less of the page's marks than this in the mask: the background carries the text and gets the
# JPEG page quality.
TEXT_IN_BACKGROUND = 0.1
PATCHED_PAGE_SHARE = 0.4
# A resampled page's background quality: scaled by (scan dpi / page dpi), squared (the share of
# real pixels) below LEGIBLE_SCAN_DPI. Squared at 150 dpi it cost words (congress, c02-22); at
# 45-75 dpi there are hardly any words to keep, and unsquared a 45 dpi page grew threefold.
LEGIBLE_SCAN_DPI = 100
INTERPOLATED_MIN_QUALITY = 10
# A background at `background_dpi` that fades thin strokes is made at up to this instead.
SHARP_BACKGROUND_DPI = 300
PATCH_QUALITY = 90  # patches are small; they must pass the check they were made for
CORE_PERCENTILE = 20
CORE_BAND = 0.35  # cores: within this share of the way from the core's tone to the paper
STRIP_PIXELS = 40_000_000  # larger pages are encoded in strips (an A2 at 300 dpi is 35 M)
STRIP_SIZE = 4_000_000  # ... of about this many pixels: ~75 MB of working copies each
STRIP_MIN_ROWS = 64
TINY_PX = 8  # smaller pages go out as one JPEG (OpenCV reads a 1 x 1 array as a scalar)
_LEVELS = np.arange(256, dtype=np.uint8).reshape(1, 256)


def encode_mrc(
    image: np.ndarray,
    dpi: int,
    grayscale: bool,
    options: EncodeOptions,
    scanned_dpi: int | None = None,
) -> EncodedPage | None:
    """The MRC page, or None when the page is mostly photo or the layers would need patching
    over most of it (the caller then uses one JPEG).

    `scanned_dpi` below `dpi`: the page was resampled up from that, so the fidelity check looks
    at the scan's own pixels (the rendering shrunk back to them), not at interpolated ones."""
    height, width = image.shape[:2]
    if min(height, width) < TINY_PX:
        return None
    if height * width > STRIP_PIXELS and height >= 2 * STRIP_MIN_ROWS:
        return encode_mrc_in_strips(PageBands.of(image), dpi, grayscale, options)
    if grayscale and image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    light = lightness(image)  # every map below is read off this one gray copy
    model = paper_model(light, dpi)
    if model.photo_share > PHOTO_PAGE_SHARE:
        return None
    paper = resize_linear(model.paper, (width, height))
    mask = ink_mask(image, light, paper, model.photo, dpi)
    if scanned_dpi is not None and scanned_dpi < dpi:  # interpolated strokes: their inner core
        mask = cv2.erode(mask, np.ones((2, 2), np.uint8))
    kept, fill_colour, marks = _background(image, light, paper, dpi)
    quality = options.background_quality
    if np.count_nonzero(mask) < TEXT_IN_BACKGROUND * marks:
        quality = max(quality, options.jpeg_quality)
    quality = interpolated_quality(quality, scanned_dpi or dpi, dpi)
    ink = _ink_colour(image, mask)
    back_dpi = options.background_dpi
    size = layer_size(width, height, dpi, back_dpi)
    # Cut out only where the background is at the scan's own resolution: on a page resampled up,
    # the rims of the interpolated strokes left round the cut-out cores cost words.
    cut_out = back_dpi >= dpi and (scanned_dpi is None or scanned_dpi >= dpi)
    composite = _composite(image, kept, fill_colour, size, mask if cut_out else None)
    back, render = _background_layer(composite, quality, options, mask, ink)
    sharper = options.min_dpi <= back_dpi < min(dpi, SHARP_BACKGROUND_DPI)
    # Thinning is tallied in the fidelity check's own pass over the rendering when that is at
    # the scan's resolution (the pages it concerns); a page it finds thinned is checked again.
    del composite  # made again from `kept` if the page is found thinned
    at_scan = (scanned_dpi or dpi) >= dpi
    tally = Thinning(ink) if sharper and at_scan else None
    regions = _failed_regions(light, render, paper, dpi, scanned_dpi or dpi, tally)
    thinned = (
        tally.thins if tally is not None else sharper and thins_strokes(light, render, paper, ink)
    )
    if thinned:
        back_dpi = SHARP_BACKGROUND_DPI
        size = layer_size(width, height, dpi, back_dpi)
        composite = _composite(image, kept, fill_colour, size, mask)
        back, render = _background_layer(composite, quality, options, mask, ink)
        del composite
        regions = _failed_regions(light, render, paper, dpi, scanned_dpi or dpi)
    del kept, render
    patched = sum((p.bottom - p.top) * (p.right - p.left) for p in regions)
    if patched > PATCHED_PAGE_SHARE * height * width:
        return None  # layers that fail over most of the page: one faithful JPEG instead
    for patch in regions:  # the patch shows the original there; its mask bits are never seen
        mask[patch.top : patch.bottom, patch.left : patch.right] = 0
    page_box = Box(0.0, 0.0, width / dpi * 72.0, height / dpi * 72.0)
    layers = [Layer(back, page_box)]
    fill = (round(float(ink[0]) / 255.0, 4),) if ink.size == 1 else _rgb(ink)
    layers.append(Layer(g4(np.packbits(mask, axis=1), width), page_box, fill=fill))  # 0/255
    del mask
    layers.extend(_patch_layer(image, patch, dpi, height) for patch in regions)
    page = EncodedPage.of(width, height, dpi, Encoding.MRC, layers)
    return page.with_checks(regions_replaced=len(regions))


def _background_layer(
    pixels: np.ndarray, quality: int, options: EncodeOptions, mask: np.ndarray, ink: np.ndarray
) -> tuple[RasterImage, np.ndarray]:
    """(The background JPEG of `pixels` (the composite at the layer's size), the page a viewer
    shows with it as lightness at the mask's (full) resolution: JPEG losses included, as the
    check must see them)."""
    back = jpeg(pixels, quality, options.chroma_subsampling)
    shown = cv2.imdecode(np.frombuffer(back.data, np.uint8), cv2.IMREAD_UNCHANGED)
    if shown is None:
        raise RuntimeError("JPEG decoder failed")
    return back, _rendered_lightness(shown, mask, ink, _size(mask))


def thins_strokes(
    light: np.ndarray, render: np.ndarray, paper: np.ndarray, ink: np.ndarray
) -> bool:
    """Does the rendering thin the scan's strokes away (see fidelity.Thinning)? Hairlines and
    1-pixel strokes that the mask leaves in the background fade so at 200 ppi ("26" on a
    300 dpi receipt no longer read). Band by band (see fidelity.compare), which can tally this
    along its own pass."""
    tally = Thinning(ink)
    height, width = light.shape
    for start, stop in bands(height, width, 1, CACHE_BAND_PIXELS):
        top, bottom = max(0, start - 1), min(height, stop + 1)
        rows = slice(top, bottom)
        tally(light[rows], render[rows], paper[rows], slice(start - top, stop - top))
    return tally.thins


def interpolated_quality(quality: int, scanned_dpi: int, dpi: int) -> int:
    """The background's JPEG quality on a page resampled up from `scanned_dpi`: scaled by the
    share of its pixels the scan really holds. Interpolated pixels carry no detail of their own,
    and JPEG spent as many bits on them as on real ones (a 45 dpi page grew six times over the
    file it came from); the fidelity check, judged at the scan's resolution, still patches any
    shape this loses."""
    if scanned_dpi >= dpi:
        return quality
    share = scanned_dpi / dpi
    if scanned_dpi < LEGIBLE_SCAN_DPI:
        share *= share
    return max(INTERPOLATED_MIN_QUALITY, round(quality * share))


def _failed_regions(
    light: np.ndarray,
    render: np.ndarray,
    paper: np.ndarray,
    dpi: int,
    scanned_dpi: int,
    thinning: Thinning | None = None,
) -> list[Patch]:
    """The regions (in `light`'s pixels) where the rendering fails the fidelity check, judged
    at `scanned_dpi`: on a page resampled up, at the resolution that holds real detail.
    `thinning` is tallied along, at the scan's resolution only (see fidelity.compare)."""
    height, width = light.shape
    if scanned_dpi >= dpi:
        return patches(compare(light, render, paper, dpi, thinning), height, width, dpi)
    if thinning is not None:
        raise ValueError("thinning is tallied along only at the scan's own resolution")
    size = (max(1, round(width * scanned_dpi / dpi)), max(1, round(height * scanned_dpi / dpi)))

    def shrunk(layer: np.ndarray) -> np.ndarray:
        return shrink_to(layer, size)

    counts = compare(shrunk(light), shrunk(render), shrunk(paper), scanned_dpi)
    found = patches(counts, size[1], size[0], scanned_dpi)
    up_x, up_y = width / size[0], height / size[1]
    return [
        Patch(
            top=int(p.top * up_y),
            left=int(p.left * up_x),
            bottom=min(height, math.ceil(p.bottom * up_y)),
            right=min(width, math.ceil(p.right * up_x)),
        )
        for p in found
    ]


def encode_mrc_in_strips(
    page: PageBands, dpi: int, grayscale: bool, options: EncodeOptions
) -> EncodedPage:
    """A large sheet (an A0 plan) as horizontal strips, each its own layers: the working copies
    of one strip, not of the sheet, bound the memory. Strips come from `page` one at a time, so
    the sheet itself need not be in memory either."""
    width, height = page.width, page.height
    count = max(2, -(-height * width // min(STRIP_PIXELS, STRIP_SIZE)))
    rows = max(STRIP_MIN_ROWS, -(-height // count))
    layers, replaced = [], 0
    for top, strip in page.bands(rows):
        if grayscale and strip.ndim == 3:
            strip = cv2.cvtColor(strip, cv2.COLOR_BGR2GRAY)
        encoded = encode_mrc(strip, dpi, grayscale, options)
        if encoded is None:  # a photo strip: one JPEG
            encoded = _photo_strip(strip, dpi, options)
        lift = (height - top - strip.shape[0]) / dpi * 72.0  # PDF y runs up from the bottom
        for layer in encoded.layers:
            box = Box(layer.box.x, layer.box.y + lift, layer.box.width, layer.box.height)
            layers.append(Layer(layer.image, box, layer.fill, layer.mask))
        replaced += encoded.regions_replaced
    return EncodedPage.of(width, height, dpi, Encoding.MRC, layers).with_checks(
        regions_replaced=replaced
    )


def _photo_strip(strip: np.ndarray, dpi: int, options: EncodeOptions) -> EncodedPage:
    height, width = strip.shape[:2]
    box = Box(0.0, 0.0, width / dpi * 72.0, height / dpi * 72.0)
    raster = jpeg(np.ascontiguousarray(strip), options.jpeg_quality, options.chroma_subsampling)
    return EncodedPage.of(width, height, dpi, Encoding.JPEG, [Layer(raster, box)])


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
    """uint8, nonzero on stroke cores in the page's main ink colour, outside photos (255, or
    less where cells of another ink fade in: the mask is read as zero and nonzero).

    A core is darker than 62% of the paper and within the darkest third between the page's
    typical core and the paper: a mid-gray line or a faded stamp stays whole in the background
    instead of being cut into black dashes wherever it dips under one threshold.

    The typical core and the main ink's hues are read off sparse grids of pixels, then the mask
    is made band by band (see fidelity.compare)."""
    height, width = light.shape
    core = _typical_core(light, paper)
    other, factor = None, 1
    if image.ndim == 3:
        other, factor = _other_ink(image, light, paper, core, dpi)
    photo_full = None
    if photo.any():
        # Bilinear, as this has always run: INTER_NEAREST used to sit in the `dst` slot.
        photo_full = resize_linear(photo, (width, height))
    mask = np.empty_like(light)
    threshold = _core_threshold(core, int(cv2.minMaxLoc(paper)[0]))
    for start, stop in bands(height, width, 1, CACHE_BAND_PIXELS):
        band = mask[start:stop]
        cv2.compare(light[start:stop], threshold(paper[start:stop]), cv2.CMP_LT, dst=band)
        # The hue cells scaled up bilinear, these rows only (as the whole map would be), where
        # any cell they reach holds another ink (most bands hold only the main ink).
        reach = slice(max(0, start // factor - 1), (stop - 1) // factor + 2)
        if other is not None and cv2.countNonZero(other[reach]):
            off = upsample_rows(other, factor, start, stop, width)
            cv2.subtract(band, off, dst=band)  # 0 where `other` is 255
        if photo_full is not None:
            cv2.bitwise_and(band, cv2.bitwise_not(photo_full[start:stop]), dst=band)
    return mask


def _typical_core(light: np.ndarray, paper: np.ndarray) -> float | None:
    """The typical stroke core's tone: the CORE_PERCENTILE of the cores (see _cores) on every
    4th row and column; None when there are none."""
    counts = grid_counts(light, 4, light, paper, _core_table(None))
    if counts is not None:  # the same values, counted in one native pass
        return counts_percentile(counts[0], 0, CORE_PERCENTILE) if counts.any() else None
    sparse = light[::4, ::4]
    sample = sparse[_cores(sparse, paper[::4, ::4], None) > 0]
    return percentile(sample, CORE_PERCENTILE) if sample.size else None


def _cores(
    light: np.ndarray, paper: np.ndarray, core: float | None, out: np.ndarray | None = None
) -> np.ndarray:
    """0/255: darker than INK_RATIO of the paper, and with the page's typical `core` known,
    within CORE_BAND of the way from it to the paper (into `out` when given)."""
    threshold = cv2.LUT(np.ascontiguousarray(paper), _core_table(core))
    if out is None:
        return cv2.compare(light, threshold, cv2.CMP_LT)
    return cv2.compare(light, threshold, cv2.CMP_LT, dst=out)


def _core_table(core: float | None) -> np.ndarray:
    """The cores' threshold for each paper level: the lower of the two (a pixel darker than
    both is darker than the lower), one table look-up a pixel instead of two scalings."""
    return reduce(cv2.min, _line_tables(core))


def _core_threshold(core: float | None, lowest: int) -> Callable[[np.ndarray], np.ndarray]:
    """The cores' threshold map (see _core_table) of a paper map whose levels are `lowest` or
    more. Where one of the two lines is the lower at every such level (the paper is lighter
    than about 2.4 times the core's tone), that line's scaling gives the same map in less than
    half of the look-up's time (OpenCV's look-up is scalar code)."""
    tables = _line_tables(core)
    lower = reduce(cv2.min, tables)
    for (alpha, beta), table in zip(_lines(core), tables, strict=True):
        if np.array_equal(table[:, lowest:], lower[:, lowest:]):
            return partial(cv2.convertScaleAbs, alpha=alpha, beta=beta)
    return partial(cv2.LUT, lut=lower)


def _lines(core: float | None) -> list[tuple[float, float]]:
    """(alpha, beta) of the cores' threshold lines: darker than INK_RATIO of the paper, and with
    the page's typical `core` known, within CORE_BAND of the way from it to the paper."""
    ink = (INK_RATIO, 0.0)
    return [ink] if core is None else [ink, (CORE_BAND, (1 - CORE_BAND) * core)]


def _line_tables(core: float | None) -> list[np.ndarray]:
    """Each of _lines' thresholds for every paper level, as a look-up table."""
    return [cv2.convertScaleAbs(_LEVELS, alpha=alpha, beta=beta) for alpha, beta in _lines(core)]


def _other_ink(
    image: np.ndarray, light: np.ndarray, paper: np.ndarray, core: float | None, dpi: int
) -> tuple[np.ndarray, int]:
    """(Cells (uint8 0/255, `factor` pixels wide) whose neighbourhood has a hue clearly off the
    page's main ink (a red seal or a blue pen on black print; black print on a page written in
    sepia), `factor`), judged on opponent colour (red-green, yellow-blue) at ~100 dpi, so a
    scanner's colour fringe does not count."""
    height, width = light.shape
    factor = max(1, round(dpi / HUE_DPI))
    # Bilinear, as this has always run: INTER_AREA used to sit in the `dst` slot.
    small = resize_linear(image, (-(-width // factor), -(-height // factor)))
    red_green, yellow_blue = _opponent(small)
    main = _main_hue(light, paper, core, factor, red_green, yellow_blue)
    if main is None:
        return np.zeros(small.shape[:2], np.uint8), factor
    main_rg, main_yb = main
    off = cv2.add(_distance(red_green, main_rg), _distance(yellow_blue, main_yb))
    hue = cv2.compare(off, cast("cv2.typing.MatLike", OTHER_INK_HUE), cv2.CMP_GT)
    return cv2.dilate(hue, np.ones((3, 3), np.uint8)), factor


def _opponent(small: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(red - green, (red + green) // 2 - blue) of a BGR image, each blurred 3 x 3, int16: in
    one pass of the native kernel where it is built, else OpenCV's split, arithmetic and
    blurs (the same values)."""
    height, width = small.shape[:2]
    if kernels is not None and readable(small) and small.shape[2] == 3:
        maps = np.empty((2, height, width), np.int16)
        kernels.opponent(small, maps[0], maps[1])
        return maps[0], maps[1]
    blue, green, red = cv2.split(small)
    red_green = cv2.blur(cv2.subtract(red, green, dtype=cv2.CV_16S), (3, 3))
    warm = cv2.add(red, green, dtype=cv2.CV_16S)
    np.right_shift(warm, 1, out=warm)  # (red + green) // 2: the sum is never negative
    yellow_blue = cv2.blur(cv2.subtract(warm, blue, dtype=cv2.CV_16S), (3, 3))
    return red_green, yellow_blue


def _main_hue(
    light: np.ndarray,
    paper: np.ndarray,
    core: float | None,
    factor: int,
    red_green: np.ndarray,
    yellow_blue: np.ndarray,
) -> tuple[float, float] | None:
    """The medians of the two opponent colours over the cells whose centre is a stroke core
    (see _cell_centres), or None when none is. The native kernel counts their values in one
    pass where it is built; else numpy picks them."""
    if kernels is not None and readable(light) and readable(paper):
        counts = np.zeros((2, 2 * 255 + 1), np.int32)
        table = _core_table(core)
        if not kernels.centre_counts(light, paper, table, factor, red_green, yellow_blue, counts):
            return None
        return counts_percentile(counts[0], -255, 50.0), counts_percentile(counts[1], -255, 50.0)
    sample = _cell_centres(light, paper, core, factor, red_green.shape) > 0
    if not sample.any():
        return None
    return median(red_green[sample]), median(yellow_blue[sample])


def _cell_centres(
    light: np.ndarray, paper: np.ndarray, core: float | None, factor: int, shape: tuple[int, ...]
) -> np.ndarray:
    """The cores (see _cores) at the centre of each factor x factor cell, on a grid of `shape`:
    the cores only choose which hues are the main ink's, so a sample of them does (a cell mean
    of the full mask cost a pass over every pixel)."""
    centres = np.zeros(shape[:2], np.uint8)
    picked = _cores(light[factor // 2 :: factor, factor // 2 :: factor],
                    paper[factor // 2 :: factor, factor // 2 :: factor], core)  # fmt: skip
    rows, cols = min(shape[0], picked.shape[0]), min(shape[1], picked.shape[1])
    centres[:rows, :cols] = picked[:rows, :cols]
    return centres


def _distance(values: np.ndarray, centre: float) -> np.ndarray:
    """|values - centre|, saturated to the dtype of `values`."""
    # OpenCV takes a scalar operand here; its stubs list only arrays.
    return cv2.absdiff(values, cast("cv2.typing.MatLike", centre))


def _background(
    image: np.ndarray, light: np.ndarray, paper: np.ndarray, dpi: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """(Where the page keeps its scanned pixels in the background: every mark with its faint
    edge, 0/255; the paper colour, one value per cell; how many pixels are marks, not paper).

    Elsewhere the plain paper is drawn as a smooth paper colour, so JPEG spends nothing on the
    paper's grain (see _composite). The ink under the mask stays for a background below the
    scan's resolution: cut out, each glyph left a thin ring of rim there, two sharp edges that
    cost JPEG more than the whole stroke and that blurred away at 200 ppi; whole, the stroke's
    soft edge survives 200 ppi and the mask paints its sharp core. At the scan's resolution it
    is cut out (see _cut_out)."""
    # Paper next to a mark is the faint edge of a stroke: it stays as scanned; a lone speck of
    # the paper's grain does not. Band by band (see fidelity.compare).
    edge = max(1, round(EDGE_PX_AT_300 * dpi / 300))
    near = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * edge + 1, 2 * edge + 1))
    kept, count = _marks_kept(light, paper, near)
    # The paper colour of each cell: the mean of its plain pixels on a grid of every `step`-th
    # row and column (a smooth mean needs no more: at 300 dpi 64 of a cell's 576 pixels).
    cell = max(2, round(FILL_CELL_MM / 25.4 * dpi))
    step = max(
        (d for d in range(2, cell) if cell % d == 0 and cell // d >= FILL_SAMPLES), default=1
    )
    plain = cv2.bitwise_not(kept[::step, ::step])
    pixels = every(image, step)
    sums = downsample(cv2.bitwise_and(pixels, pixels, mask=plain), cell // step)
    share = downsample(plain, cell // step).astype(np.float32) / 255.0
    colour = weighted_mean(sums.astype(np.float32), share, 0.05)
    if colour is None:  # no plain paper anywhere: take the page's lightest tone
        colour = np.full((1, 1) if image.ndim == 2 else (1, 1, 3), 255, np.uint8)
    return kept, colour, count


def _marks_kept(light: np.ndarray, paper: np.ndarray, near: np.ndarray) -> tuple[np.ndarray, int]:
    """(The marks, pixels darker than FLAT_RATIO of the paper, dilated by `near` (0/255); how
    many marks.) In one pass of the native kernel where it is built, else band by band (see
    fidelity.compare)."""
    kept = np.empty_like(light)
    reaches, flat = _reaches(near), percent(FLAT_RATIO)
    readable_maps = readable(light) and readable(paper)
    if kernels is not None and reaches is not None and flat is not None and readable_maps:
        return kept, kernels.marks_kept(light, paper, flat, reaches, kept)
    height, width = light.shape
    edge = near.shape[0] // 2
    count = 0
    for start, stop in bands(height, width, 1, CACHE_BAND_PIXELS):
        top, bottom = max(0, start - edge), min(height, stop + edge)
        cut = cv2.convertScaleAbs(paper[top:bottom], alpha=FLAT_RATIO)
        marks = cv2.compare(light[top:bottom], cut, cv2.CMP_LT)
        inner = slice(start - top, stop - top)
        count += cv2.countNonZero(marks[inner])
        kept[start:stop] = cv2.dilate(marks, near)[inner]
    return kept, count


def _reaches(near: np.ndarray) -> bytes | None:
    """How far the element reaches either way along each of its rows, when each row is one run
    centred on the element's middle column (an ellipse's are); else None."""
    middle = near.shape[1] // 2
    reaches = [int(np.count_nonzero(row)) // 2 for row in near]
    for row, reach in zip(near, reaches, strict=True):
        run = row[middle - reach : middle + reach + 1]
        if not run.all() or np.count_nonzero(row) != run.size:
            return None
    return bytes(reaches)


def _composite(
    image: np.ndarray,
    kept: np.ndarray,
    colour: np.ndarray,
    size: tuple[int, int],
    cut: np.ndarray | None,
) -> np.ndarray:
    """The background's pixels at `size`: the scan where `kept`, the smooth paper colour
    elsewhere, and with `cut` (a mask) the ink under it drawn as paper too (see _cut_out).
    Composed at the scan's size, then shrunk: composed at 200 ppi from a shrunk page and a
    shrunk `kept`, the paper's grain came through around the marks and cost words."""
    made = _native_composite(image, kept, colour, size, cut)
    if made is not None:
        return made
    composite = _spread(colour, image.shape)
    shown = kept if cut is None else _cut_out(kept, cut)
    cv2.copyTo(image, shown, composite)  # the marks and their edges as scanned
    return composite if size == _size(image) else shrink_to(composite, size)


def _native_composite(
    image: np.ndarray,
    kept: np.ndarray,
    colour: np.ndarray,
    size: tuple[int, int],
    cut: np.ndarray | None,
) -> np.ndarray | None:
    """_composite in one pass of the native kernel (see linear_resize.c: the page-sized composite
    is never made), where it is built, can read the maps and gives OpenCV's pixels on this
    install; else None. The kernel declines a layer under half the page's size."""
    maps = [image, kept, colour] if cut is None else [image, kept, colour, cut]
    if kernels is None or not all(readable(m) for m in maps) or colour.ndim != image.ndim:
        return None
    if (image.ndim == 3 and image.shape[2] != 3) or not resizes_as_opencv():
        return None
    made = np.empty((size[1], size[0], *image.shape[2:]), np.uint8)
    return made if kernels.composite(image, kept, cut, colour, made) else None


def _cut_out(kept: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Where the scan shows on a background at (or near) the scan's own resolution: what
    `kept` keeps, less the ink under the mask, which is drawn as paper. There the rims come
    through as scanned, and a viewer never sees what the mask covers, so JPEG need not spend
    on it."""
    # OpenCV takes a scalar operand here; its stubs list only arrays.
    free = cv2.compare(mask, cast("cv2.typing.MatLike", 0), cv2.CMP_EQ)
    return cv2.bitwise_and(kept, free)


def _spread(colour: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """The paper colour of each cell, smoothly spread over a page of `shape`."""
    smooth = resize_linear(colour, (shape[1], shape[0]))
    return smooth.reshape(shape)  # OpenCV drops a lone channel axis


def _size(image: np.ndarray) -> tuple[int, int]:
    return image.shape[1], image.shape[0]


def _as3d(array: np.ndarray) -> np.ndarray:
    return array if array.ndim == 3 else array[:, :, None]


def _ink_colour(image: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The stencil's colour: the stroke cores' (the darkest fifth of the masked pixels, every 4th
    row and column); a median would take the stroke edges' lighter tone and grey the text."""
    counted = _counted_ink_colour(image, mask)
    if counted is not None:
        return counted
    step = 4
    sample = mask[::step, ::step] > 0
    if not sample.any():
        sample = mask > 0
        step = 1
    if not sample.any():
        return np.zeros(1 if image.ndim == 2 else 3, np.float32)
    pixels = image[::step, ::step][sample]
    cores = channel_percentiles(pixels.reshape(len(pixels), -1), CORE_PERCENTILE)
    return cores.astype(np.float32)


def _counted_ink_colour(image: np.ndarray, mask: np.ndarray) -> np.ndarray | None:
    """_ink_colour from the native counts of the masked pixels' values (the same tones), or
    None where the kernel cannot count them."""
    for step in (4, 1):
        counts = grid_counts(image, step, None, mask, _LEVELS)  # where 0 < mask
        if counts is None:
            return None
        if counts.any():
            tones = [counts_percentile(channel, 0, CORE_PERCENTILE) for channel in counts]
            return np.array(tones, np.float32)
    return np.zeros(1 if image.ndim == 2 else 3, np.float32)


def _rgb(bgr: np.ndarray) -> tuple[float, float, float]:
    blue, green, red = (round(float(v) / 255.0, 4) for v in bgr)
    return (red, green, blue)


def _rendered_lightness(
    background: np.ndarray, mask: np.ndarray, ink: np.ndarray, size: tuple[int, int]
) -> np.ndarray:
    """What a viewer shows, as lightness at full resolution (scaled up by stretch_to, in half
    of resize's time; see station.imaging.stretch)."""
    shown = lightness(background)
    if shown.shape[::-1] != size:
        shown = stretch_to(shown, size)
    _paint(shown, mask, int(round(float(ink.min()))))
    return shown


def _paint(shown: np.ndarray, mask: np.ndarray, tone: int) -> None:
    """The stencil's tone (0..255) wherever the mask has ink, in place: in one native pass
    where it is built, else OpenCV's masked arithmetic (several times faster than np.putmask
    on a full page): saturate to 0, then add the tone."""
    if kernels is not None and readable(shown) and readable(mask) and shown.ndim == 2:
        kernels.paint(shown, mask, tone)
        return
    # OpenCV takes scalar operands here; its stubs list only arrays.
    cv2.subtract(shown, cast("cv2.typing.MatLike", 255), dst=shown, mask=mask)
    cv2.add(shown, cast("cv2.typing.MatLike", tone), dst=shown, mask=mask)


def _patch_layer(image: np.ndarray, patch: Patch, dpi: int, height: int) -> Layer:
    pixels = image[patch.top : patch.bottom, patch.left : patch.right]
    box = Box(
        patch.left / dpi * 72.0,
        (height - patch.bottom) / dpi * 72.0,
        (patch.right - patch.left) / dpi * 72.0,
        (patch.bottom - patch.top) / dpi * 72.0,
    )
    return Layer(jpeg(np.ascontiguousarray(pixels), PATCH_QUALITY, "4:4:4"), box)

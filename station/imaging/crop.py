"""Find the document on the scanner bed (a sheet with dark margins, or a card anywhere) and cut it.

Corners are in source pixels with OpenCV's convention (pixel i's centre at i), and they mark the
document's outer boundary, so a whole image is (-0.5, -0.5) .. (w - 0.5, h - 0.5). Analysis runs
on a ~50 dpi copy; the fitted edges are sub-pixel there (about 0.1 mm), which is enough to cut a
card within a fraction of a millimetre at any resolution.
"""

from __future__ import annotations

import math
from typing import cast

import cv2
import numpy as np

from station.imaging.components import components_with_stats
from station.imaging.crop_fit import RotatedBox, fit_box, refine_sides
from station.imaging.crop_sampling import as_uint8, reduce, sane_dpi, to_gray, whole_cells
from station.imaging.histogram import median_u8
from station.imaging.results import CropResult, DocumentKind, Point

ANALYSIS_DPI = 50.0
MM_PER_INCH = 25.4
CARD_MM = (85.6, 54.0)  # ID-1: citizen ID, driving licence, bank card
CARD_CORNER_MM = 3.18
CARD_FRAME_MM = 0.8  # along a card's edges, bed-coloured pixels are painted over
# ID-1 and ID-2 cards (up to 105 x 74 mm) lie free on the bed; anything bigger is a sheet.
CARD_MAX_MM = (112.0, 80.0)
MAX_ANALYSIS_PIXELS = 1_500_000  # whatever the dpi claims (72 dpi metadata on a 300 dpi scan)
MIN_DOCUMENT_MM = 20.0  # anything smaller is dust, a clip or a stamp, not a document
DARK_BED = 110  # gray level under which a border pixel can be the scanner's lid or backing
DARK_BED_MEDIAN = 75  # and a dark bed is darker than this on the whole
MIN_EDGE_STEP = 10  # grey levels between bed and document for an edge to be placed by them
MIN_MARGIN_MM = 0.1  # less bed than this on average around the sheet: it fills the image
FILL_MIN_LIGHT_PAGE = 0.96
FILL_MIN = 0.9  # share of the fitted rectangle the document must cover
CLUTTER_MAX_DARK = 0.5  # share of the bed that may hold other things (a clip, the next page)
CLUTTER_MAX_LIGHT = 0.004  # a light bed must be nearly empty: else it is paper with a picture


def detect_document(image: np.ndarray, dpi: float) -> CropResult:
    if image.dtype not in (np.uint8, np.uint16):
        image = as_uint8(image)  # OpenCV cannot shrink these; 16-bit and BGRA shrink first
    height, width = image.shape[:2]
    whole = CropResult(DocumentKind.NONE, image_corners(width, height), 0.0, 0.0)
    dpi_f = sane_dpi(dpi)
    factor = analysis_factor(image.shape, dpi_f, ANALYSIS_DPI)
    cut = whole_cells(image, factor)
    small = as_uint8(reduce(cut, factor))
    sh, sw = small.shape[:2]
    if min(sh, sw) < 8:
        return whole
    sx, sy = cut.shape[1] / sw, cut.shape[0] / sh
    mm_per_px = MM_PER_INCH / dpi_f * math.sqrt(sx * sy)
    small = cv2.GaussianBlur(small, (3, 3), 0)
    found = _segment(small, mm_per_px)
    if found is None:
        return whole
    document, contrast, light_bed = found
    box = fit_box(document)
    if box is None:
        return whole
    box = refine_sides(box, contrast, MIN_EDGE_STEP)
    kind, confidence = _judge(document, box, light_bed, mm_per_px)
    if kind is DocumentKind.NONE:
        return whole
    corners = [(float((x + 0.5) * sx - 0.5), float((y + 0.5) * sy - 0.5)) for x, y in box.corners()]
    ordered = _order(corners, landscape=kind is DocumentKind.CARD)
    return CropResult(kind, ordered, _edge_angle(ordered), confidence)


def analysis_factor(shape: tuple[int, ...], dpi: float, target_dpi: float) -> int:
    """How many times to shrink for analysis: to `target_dpi`, and never above the pixel budget."""
    pixels = shape[0] * shape[1]
    return max(1, int(dpi // target_dpi), math.ceil(math.sqrt(pixels / MAX_ANALYSIS_PIXELS)))


def image_corners(width: int, height: int) -> tuple[Point, Point, Point, Point]:
    w, h = width - 0.5, height - 0.5
    return ((-0.5, -0.5), (w, -0.5), (w, h), (-0.5, h))


def _ring(small: np.ndarray, width: int) -> np.ndarray:
    """The pixels of the image's outer frame, `width` pixels deep, one per row (gray or BGR)."""
    r = width
    channels = 1 if small.ndim == 2 else small.shape[2]
    parts = (small[:r], small[-r:], small[:, :r], small[:, -r:])
    return np.concatenate([part.reshape(-1, channels) for part in parts])


def _bed_colour(small: np.ndarray, ring_px: int) -> tuple[np.ndarray, float, bool] | None:
    """The bed's colour along the image's edges, how far it strays, and whether it is light."""
    ring = _ring(small, ring_px)
    ring_gray = _ring(to_gray(small), ring_px)[:, 0]
    chosen = ring_gray < DARK_BED
    light = False
    if chosen.mean() < 0.05:
        middle = int(np.median(ring_gray))
        chosen = np.abs(ring_gray.astype(np.int16) - middle) <= 12
        light = True
        if chosen.mean() < 0.75:
            return None
    if not light:
        # thin slivers of bed are blurred with the paper: the darkest half shows its colour
        chosen &= ring_gray <= np.median(ring_gray[chosen])
        if float(np.median(ring_gray[chosen])) > DARK_BED_MEDIAN:
            return None  # a gutter shadow or a dark picture, not a scanner's black backing
    bed = ring[chosen].astype(np.float32)
    colour = np.median(bed, axis=0)
    spread = np.abs(bed - colour).max(axis=1)
    return colour, max(8.0, float(np.percentile(spread, 95)) + 6.0), light


def _distance(small: np.ndarray, colour: np.ndarray) -> np.ndarray:
    """Per pixel, the largest channel difference from `colour` (uint8)."""
    if small.ndim == 2:
        return cv2.absdiff(small, np.full_like(small, int(round(float(colour[0])))))
    # Against a scalar: numpy takes longer to fill an image with the colour than OpenCV takes
    # for the whole difference (its stubs list only arrays for the operand).
    reference = cast("cv2.typing.MatLike", (*(float(v) for v in np.round(colour[:3])), 0.0))
    first, second, third = cv2.split(cv2.absdiff(small, reference))
    return cv2.max(cv2.max(first, second), third)


def _segment(small: np.ndarray, mm_per_px: float) -> tuple[np.ndarray, np.ndarray, bool] | None:
    """The mask of the largest thing lying on the bed (holes filled), each pixel's difference
    from the bed's colour, and whether the bed is light.

    None when the edges of the image show no consistent bed (the page fills the image).
    """
    ring_px = max(1, round(1.0 / mm_per_px))
    found = _bed_colour(small, ring_px)
    if found is None:
        return None
    colour, bed_tol, light_bed = found
    dist = _distance(small, colour)
    candidates = dist > bed_tol
    min_px = (MIN_DOCUMENT_MM / mm_per_px) ** 2
    if candidates.sum() < min_px:
        return None
    level = median_u8(dist, candidates)
    foreground = (dist > max(bed_tol, level / 2)).astype(np.uint8)
    # The bed is what is bed-coloured and reaches the image's edge; everything else (dark print
    # inside a sheet included) belongs to something lying on it. Framed in a ring of bed, every
    # part of the bed that reaches the edge is one component, the ring's.
    framed = cv2.copyMakeBorder(1 - foreground, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=1)
    _, labels = cv2.connectedComponents(framed, connectivity=4)
    bed = labels[1:-1, 1:-1] == labels[0, 0]
    solid = (~bed).astype(np.uint8)
    # Cut the thin bridges (a hair, an edge shadow) that tie the document to other things.
    size = max(3, 2 * round(0.75 / mm_per_px) + 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    opened = cv2.morphologyEx(solid, cv2.MORPH_OPEN, kernel)
    count, labels, stats, _ = components_with_stats(opened, connectivity=8)
    if count < 2:
        return None
    best = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    if stats[best, cv2.CC_STAT_AREA] < min_px:
        return None
    document = labels == best
    bed_px = int(bed.sum())
    margin_mm = bed_px * mm_per_px / (2 * (small.shape[0] + small.shape[1]))
    if margin_mm < MIN_MARGIN_MM:
        return None
    # Other things on the bed: a clean bed holds the document and little else.
    near = cv2.dilate(document.astype(np.uint8), kernel, iterations=2).astype(bool)
    clutter = int(np.count_nonzero(solid.astype(bool) & ~near))
    limit = CLUTTER_MAX_LIGHT if light_bed else CLUTTER_MAX_DARK
    if clutter > limit * max(bed_px, 1):
        return None
    return document, dist, light_bed


def _judge(
    document: np.ndarray, box: RotatedBox, light_bed: bool, mm_per_px: float
) -> tuple[DocumentKind, float]:
    area = float(np.count_nonzero(document))
    inside = box.area_in(document.shape)
    if inside <= 0:
        return DocumentKind.NONE, 0.0
    fill = min(1.0, area / inside)
    if fill < FILL_MIN:
        return DocumentKind.NONE, 0.0
    long_mm = max(box.width, box.height) * mm_per_px
    short_mm = min(box.width, box.height) * mm_per_px
    if short_mm < MIN_DOCUMENT_MM or box.supported < 2:
        return DocumentKind.NONE, 0.0  # a dark band along one edge is print, not the bed
    card = not box.clipped and long_mm <= CARD_MAX_MM[0] and short_mm <= CARD_MAX_MM[1]
    if light_bed and not card and (box.clipped or fill < FILL_MIN_LIGHT_PAGE):
        return DocumentKind.NONE, 0.0  # on a light lid only a whole, clean sheet stands out
    confidence = float(np.clip((fill - FILL_MIN) / (0.98 - FILL_MIN), 0.0, 1.0))
    confidence *= float(np.clip(1.0 - box.residual / 1.5, 0.2, 1.0))
    if card:
        error = max(abs(long_mm - CARD_MM[0]) / CARD_MM[0], abs(short_mm - CARD_MM[1]) / CARD_MM[1])
        if error > 0.1:  # not ID-1: still a small document, but say so
            confidence *= 0.8
        return DocumentKind.CARD, confidence
    return DocumentKind.PAGE, confidence


def _order(corners: list[Point], landscape: bool) -> tuple[Point, Point, Point, Point]:
    """TL, TR, BR, BL going clockwise on screen, the top edge the one nearest to level.

    A card is wider than tall, so its top edge is a long one, even when it lies turned up.
    """
    pts = list(corners)
    # shoelace with y down: positive is clockwise on screen
    area = sum(pts[i][0] * pts[(i + 1) % 4][1] - pts[(i + 1) % 4][0] * pts[i][1] for i in range(4))
    if area < 0:
        pts.reverse()
    best: tuple[float, int] | None = None
    for start in range(4):
        tl, tr, br = pts[start], pts[(start + 1) % 4], pts[(start + 2) % 4]
        top = math.dist(tl, tr)
        side = math.dist(tr, br)
        angle = abs(math.degrees(math.atan2(tr[1] - tl[1], tr[0] - tl[0])))
        if landscape and top < side - 1e-6:
            angle += 1000.0
        if best is None or angle < best[0] - 1e-9:
            best = (angle, start)
    start = best[1] if best else 0
    ordered = [pts[(start + k) % 4] for k in range(4)]
    return (ordered[0], ordered[1], ordered[2], ordered[3])


def _edge_angle(corners: tuple[Point, Point, Point, Point]) -> float:
    """Counter-clockwise positive rotation of the top edge (image y runs down)."""
    (x0, y0), (x1, y1) = corners[0], corners[1]
    return -math.degrees(math.atan2(y1 - y0, x1 - x0))


def crop_document(
    image: np.ndarray, crop: CropResult, fill: int | tuple[int, ...] | None = None
) -> np.ndarray:
    """The quadrilateral warped upright at its own size; a card's rounded corners get `fill`."""
    height, width = image.shape[:2]
    src = np.array(crop.corners, np.float32)
    if not np.all(np.isfinite(src)) or height == 0 or width == 0:
        return image.copy()
    if np.allclose(src, np.array(image_corners(width, height), np.float32), atol=1e-3):
        return image.copy()
    out_w = max(1, round((math.dist(src[0], src[1]) + math.dist(src[3], src[2])) / 2))
    out_h = max(1, round((math.dist(src[0], src[3]) + math.dist(src[1], src[2])) / 2))
    dst = np.array(
        [(-0.5, -0.5), (out_w - 0.5, -0.5), (out_w - 0.5, out_h - 0.5), (-0.5, out_h - 0.5)],
        np.float32,
    )
    colour = _fill_colour(image, crop, fill)
    try:
        matrix = cv2.getPerspectiveTransform(src, dst)
    except cv2.error:
        return image.copy()
    border = colour if isinstance(colour, tuple) else (colour,)
    border_value = tuple(float(c) for c in border) + (0.0,) * (4 - len(border))
    if np.allclose(matrix[2], [0.0, 0.0, 1.0]):  # a rectangle: affine, as the full page's warp
        warped = cv2.warpAffine(
            image, matrix[:2], (out_w, out_h), flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT, borderValue=border_value,
        )  # fmt: skip
    else:
        warped = cv2.warpPerspective(
            image, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT, borderValue=border_value,
        )  # fmt: skip
    if crop.kind is DocumentKind.CARD:
        px_per_mm = max(out_w, out_h) / CARD_MM[0]
        radius = CARD_CORNER_MM * px_per_mm
        bed = _colour_around(image, src, 1.5 * px_per_mm)
        if bed is not None:
            depth = max(1, round(CARD_FRAME_MM * px_per_mm))
            clean_outline(warped, depth, radius, bed, colour)
        round_corners(warped, radius, colour)
    return warped


def _colour_around(image: np.ndarray, corners: np.ndarray, distance: float) -> np.ndarray | None:
    """The median colour just outside the quadrilateral: the bed the document lies on."""
    centre = corners.mean(axis=0)
    points = []
    for k in range(4):
        a, b = corners[k], corners[(k + 1) % 4]
        for t in np.linspace(0.1, 0.9, 40):
            p = a + (b - a) * t
            outward = p - centre
            points.append(p + outward / max(np.linalg.norm(outward), 1e-6) * distance)
    xy = np.round(np.array(points)).astype(int)
    height, width = image.shape[:2]
    inside = (xy[:, 0] >= 0) & (xy[:, 0] < width) & (xy[:, 1] >= 0) & (xy[:, 1] < height)
    if np.count_nonzero(inside) < 20:
        return None
    values = image[xy[inside, 1], xy[inside, 0]].reshape(np.count_nonzero(inside), -1)
    median: np.ndarray = np.median(values.astype(np.float32), axis=0)
    return median


def clean_outline(
    image: np.ndarray, depth: int, radius: float, bed: np.ndarray, colour: int | tuple[int, ...]
) -> None:
    """Take the bed out of the pixels within `depth` of the card's rounded outline.

    The fitted edge is good to a few tenths of a millimetre, and the scan's edge pixels are part
    card, part bed: left alone they draw a grey line along the edges and round the corners. Each
    pixel's bed share, judged by how close it is to the bed, is swapped for card stock.
    """
    paint = np.array(colour if isinstance(colour, tuple) else (colour,), np.float32)
    contrast = float(np.abs(paint - bed).max())
    if contrast < 30:  # a light bed under light card stock: nothing shows
        return
    height, width = image.shape[:2]
    depth = min(depth, height // 2, width // 2)
    for strip in (
        image[:depth],
        image[height - depth :],
        image[:, :depth],
        image[:, width - depth :],
    ):
        _unmix(strip, bed, paint, contrast, None)
    size = min(math.ceil(radius), width // 2, height // 2)
    if size < 1:
        return
    inward = radius - _corner_distance(radius, size)  # how far inside the corner's arc
    band = ((inward > -1.0) & (inward < depth + 0.5)).astype(np.float32)
    for patch in _corner_patches(image, size):
        _unmix(patch, bed, paint, contrast, band)


def _unmix(
    patch: np.ndarray,
    bed: np.ndarray,
    paint: np.ndarray,
    contrast: float,
    weight: np.ndarray | None,
) -> None:
    pixels = patch.astype(np.float32)
    if pixels.ndim == 2:
        pixels = pixels[..., None]
    share = 1.0 - np.clip(np.abs(pixels - bed).max(axis=2, keepdims=True) / contrast, 0.0, 1.0)
    if weight is not None:
        share *= weight[..., None]
    # a pixel a * card + (1 - a) * bed becomes a * card + (1 - a) * paint
    cleaned = pixels + share * (paint - bed)
    if np.issubdtype(patch.dtype, np.integer):
        limits = np.iinfo(patch.dtype)
        cleaned = np.clip(np.round(cleaned), limits.min, limits.max)
    patch[:] = cleaned.astype(patch.dtype).reshape(patch.shape)


def _corner_distance(radius: float, size: int) -> np.ndarray:
    """Per pixel of a `size` square corner patch, the distance from the corner circle's centre."""
    d = radius - (np.arange(size, dtype=np.float32) + 0.5)
    return np.sqrt(d[None, :] ** 2 + d[:, None] ** 2)


def _corner_patches(image: np.ndarray, size: int) -> list[np.ndarray]:
    """Views of the four `size` square corners, flipped so that row 0, column 0 is the corner."""
    height, width = image.shape[:2]
    patches = []
    for flip_y, flip_x in ((False, False), (False, True), (True, False), (True, True)):
        rows = slice(height - 1, height - 1 - size, -1) if flip_y else slice(0, size)
        cols = slice(width - 1, width - 1 - size, -1) if flip_x else slice(0, size)
        patches.append(image[rows, cols])
    return patches


def _fill_colour(
    image: np.ndarray, crop: CropResult, fill: int | tuple[int, ...] | None
) -> int | tuple[int, ...]:
    channels = 1 if image.ndim == 2 else image.shape[2]
    if fill is None:
        return paper_colour(image, crop.corners)
    if isinstance(fill, int | float | np.integer | np.floating):
        value = int(fill)
        return value if channels == 1 else tuple([value] * channels)
    values = tuple(int(v) for v in fill)
    if channels == 1:
        return values[0] if values else 255
    return (values + values[-1:] * channels)[:channels] if values else tuple([255] * channels)


def paper_colour(image: np.ndarray, corners: tuple[Point, ...]) -> int | tuple[int, ...]:
    """The typical light colour inside the quadrilateral: the document's paper or card stock."""
    height, width = image.shape[:2]
    xs = [min(max(x, 0), width - 1) for x, _ in corners]
    ys = [min(max(y, 0), height - 1) for _, y in corners]
    cx, cy = sum(xs) / 4, sum(ys) / 4
    # the middle half of the quadrilateral's box, sampled on a sparse grid
    x0, x1 = int((min(xs) + cx) / 2), int((max(xs) + cx) / 2) + 1
    y0, y1 = int((min(ys) + cy) / 2), int((max(ys) + cy) / 2) + 1
    step = max(1, int(math.sqrt((x1 - x0) * (y1 - y0) / 20000)))
    sample = image[y0:y1:step, x0:x1:step]
    values = sample.reshape(-1, 1 if image.ndim == 2 else image.shape[2])
    if values.size == 0:
        return 255 if image.ndim == 2 else tuple([255] * image.shape[2])
    light = values.astype(np.int32).sum(axis=1)
    chosen = values[light >= np.percentile(light, 60)]
    colour = np.median(chosen, axis=0).round().astype(int)
    return int(colour[0]) if image.ndim == 2 else tuple(int(c) for c in colour)


def round_corners(image: np.ndarray, radius: float, colour: int | tuple[int, ...]) -> None:
    """Paint `colour` outside a rounded-rectangle outline of `radius` pixels, anti-aliased."""
    height, width = image.shape[:2]
    size = min(math.ceil(radius), width // 2, height // 2)
    if size < 1:
        return
    paint = np.array(colour if isinstance(colour, tuple) else (colour,), np.float32)
    inside = np.clip(radius - _corner_distance(radius, size) + 0.5, 0.0, 1.0)
    if image.ndim == 3:
        inside = inside[..., None]
    for patch in _corner_patches(image, size):
        blended = patch.astype(np.float32) * inside + paint * (1.0 - inside)
        patch[:] = np.round(blended).astype(image.dtype).reshape(patch.shape)

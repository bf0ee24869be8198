"""One page through the pipeline: analyse, record transforms, apply them, classify."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import cv2
import numpy as np

from station.imaging.blank import detect_blank, lightness_map
from station.imaging.colour import classify_colour, colour_copy
from station.imaging.crop import crop_document, detect_document, paper_colour
from station.imaging.crop_sampling import reduce
from station.imaging.orientation import orientation_of_ink
from station.imaging.results import (
    BlankResult,
    ColourClass,
    CropResult,
    DocumentKind,
    OrientationResult,
    SkewResult,
)
from station.imaging.skew import detect_skew
from station.imaging.skew_ink import PageInk, ink_map, working_gray
from station.model import Transform
from station.pdf.encode import is_bilevel
from station.pipeline import geometry
from station.pipeline import transforms as tf
from station.pipeline.heap import release_freed_pages
from station.pipeline.profile import Profile

ANALYSIS_DPI = 150  # every analysis step looks at 150 dpi or less...
ANALYSIS_PIXELS = 6_000_000  # ... and at no more pixels than an A3 at 150 dpi (A0 300 dpi: 50)
SWAP_BAND_PIXELS = 4_000_000
RELEASE_PIXELS = 40_000_000  # a page this large hands its analysis memory back step by step
REINK_DEG = 1.0  # a page levelled by this much or more gets its ink map made again


@dataclass(frozen=True)
class PageAnalysis:
    colour: ColourClass
    skew: SkewResult | None = None
    crop: CropResult | None = None
    orientation: OrientationResult | None = None
    blank: BlankResult | None = None


@dataclass
class ProcessedPage:
    image: np.ndarray
    dpi: int
    analysis: PageAnalysis
    transforms: tuple[Transform, ...] = field(default_factory=tuple)


def working_image(pixels: np.ndarray, rgb: bool = False, reuse: bool = False) -> np.ndarray:
    """8-bit gray or BGR, the form every step takes (16-bit scans keep their top byte).

    `reuse`: the caller gives up `pixels`, so 8-bit RGB is turned to BGR in place (on an A0
    sheet a second 418 MB copy is what pushed the peak over a gigabyte)."""
    if reuse and rgb and _swappable(pixels):
        return _to_bgr_in_place(pixels)
    if pixels.dtype == np.uint16:
        pixels = (pixels >> 8).astype(np.uint8)
    elif pixels.dtype == bool:
        pixels = pixels.astype(np.uint8) * 255
    elif pixels.dtype != np.uint8:
        pixels = np.clip(pixels, 0, 255).astype(np.uint8)
    if pixels.ndim == 3 and pixels.shape[2] == 4:
        pixels = cv2.cvtColor(pixels, cv2.COLOR_RGBA2BGR if rgb else cv2.COLOR_BGRA2BGR)
    elif pixels.ndim == 3 and pixels.shape[2] == 1:
        pixels = pixels[:, :, 0]
    elif pixels.ndim == 3 and rgb:
        pixels = cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR)
    return np.ascontiguousarray(pixels)


@dataclass(frozen=True)
class PagePlan:
    """What analysis decided for a page, before any full-size pixel is touched."""

    analysis: PageAnalysis
    transforms: tuple[Transform, ...]
    bilevel: bool  # a 1-bit scan, which stays 1-bit


def _to_bgr_in_place(pixels: np.ndarray) -> np.ndarray:
    """Band by band: OpenCV copies a source that is also its destination, so one call over the
    whole page would hold it twice (3.2 GB for an A0 at 600 dpi)."""
    rows = max(1, SWAP_BAND_PIXELS // max(1, pixels.shape[1]))
    for top in range(0, pixels.shape[0], rows):
        band = pixels[top : top + rows]
        cv2.cvtColor(band, cv2.COLOR_RGB2BGR, dst=band)
    return pixels


def _swappable(pixels: np.ndarray) -> bool:
    return (
        pixels.dtype == np.uint8
        and pixels.ndim == 3
        and pixels.shape[2] == 3
        and pixels.flags.c_contiguous
        and pixels.flags.writeable
    )


def process_page(
    image: np.ndarray, dpi: int, profile: Profile, initial: tuple[Transform, ...] = ()
) -> ProcessedPage:
    """Analyse a ~150 dpi copy, record the transforms, then resample the full page once.

    `initial` holds transforms known before analysis (e.g. a JPEG's EXIF orientation).
    """
    return apply_plan(image, dpi, plan_page(image, dpi, profile, initial))


def apply_plan(image: np.ndarray, dpi: int, plan: PagePlan) -> ProcessedPage:
    """The full page with the plan's transforms applied (the original is left as it is)."""
    page = tf.apply_transforms(image, dpi, plan.transforms) if plan.transforms else image
    if plan.bilevel and not is_bilevel(page):
        page = to_bilevel(page, image)
    return ProcessedPage(page, dpi, plan.analysis, plan.transforms)


def to_bilevel(page: np.ndarray, original: np.ndarray) -> np.ndarray:
    """A 1-bit scan stays 1-bit: the interpolated rotation is cut back at mid-gray, which keeps
    each stroke's position to a fraction of a pixel. In place when `page` is a new array of its
    own: an A0 at 600 dpi is 558 MB a copy, and a third whole page set the sheet's peak."""
    own = (
        page.flags.c_contiguous
        and page.flags.writeable
        and page.dtype == np.uint8
        and not np.may_share_memory(page, original)
    )
    if own:
        cv2.threshold(page, 127, 255, cv2.THRESH_BINARY, dst=page)
        return page
    return cv2.threshold(page, 127, 255, cv2.THRESH_BINARY)[1]


def plan_page(
    image: np.ndarray,
    dpi: int,
    profile: Profile,
    initial: tuple[Transform, ...] = (),
    small: np.ndarray | None = None,
) -> PagePlan:
    """The analysis and the transforms for the page, found on a small copy only: `initial` is
    applied to that copy, never to the full page.

    `small`: that copy already made at `analysis_factor`, decoded from the page's file at a
    reduced scale (a JPEG's DCT scaling), in the working form of `image`; else it is shrunk from
    `image`.

    Each step reads the copy it needs, made from the ~150 dpi analysis copy and cut to the
    document found on it: skew and orientation a gray copy's ink map, the blank check a ~100 dpi
    darkest-channel map, the colour check (where the class can change the encoding, see
    keeps_colour) a ~75 dpi colour copy. Levelling and quarter turns change neither blankness
    nor colour, so those two read their cropped copies as they lie."""
    bilevel = image.ndim == 2 and is_bilevel(image)
    # On a large sheet each step's freed memory goes back to the kernel before the next step,
    # so the steps' peaks do not pile up on top of the sheet's own pixels.
    settle = release_freed_pages if image.shape[0] * image.shape[1] > RELEASE_PIXELS else _stay
    settle()  # what decoding the file left
    small, scale = _analysis_copy(image, dpi) if small is None else (small, _ratio(image, small))
    small_dpi = dpi / scale
    full_shape = _shape_after(image.shape, initial)
    small = tf.apply_transforms(small, small_dpi, initial)
    steps = list(initial)
    crop = skew = orientation = blank = None
    found = None  # the document on the analysis copy
    paper: int | tuple[int, ...] = 255  # the colour of its paper
    usable = min(full_shape[:2]) > 1 and min(small.shape[:2]) > 1
    if profile.crop and usable:
        document = detect_document(small, small_dpi)
        if document.kind is not DocumentKind.NONE:
            found = document
            crop = _scaled(document, full_shape, small.shape)
            steps.append(tf.crop_transform(crop))
            paper = _paper(small, document)
        settle()
    if (profile.deskew or profile.orient) and usable:
        page = working_gray(small, small_dpi)
        page = replace(page, gray=_cut(page.gray, found, small.shape, _gray(paper)))
        ink = PageInk(page, ink_map(page.gray, page.dpi))
        if profile.deskew:
            skew = detect_skew(page.gray, page.dpi, profile.max_skew_deg, shared=ink)
            if (
                abs(skew.angle_deg) >= profile.min_skew_deg
                and skew.confidence >= profile.skew_confidence
            ):
                steps.append(tf.deskew_transform(skew.angle_deg))
                # Orientation reads lines of text in strips a few words wide, so under a degree
                # of skew changes nothing for it; more, and it reads the levelled page's own
                # ink, made again (the ink map turned as it is reads it less surely).
                if abs(skew.angle_deg) >= REINK_DEG:
                    page = replace(page, gray=tf.apply_transform(page.gray, page.dpi, steps[-1]))
                    ink = PageInk(page, ink_map(page.gray, page.dpi))
            settle()
        if profile.orient:
            orientation = orientation_of_ink(ink.ink, page.dpi)
            if orientation.rotation and orientation.confidence >= profile.orientation_confidence:
                steps.append(tf.orient_transform(orientation.rotation))
        del ink, page
        settle()
    if profile.despeckle:
        steps.append(Transform(tf.DESPECKLE, {"max_speck_mm": 0.3}))
    if profile.detect_blank:
        light, light_dpi = lightness_map(small, small_dpi)
        blank = detect_blank(
            _cut(light, found, small.shape, _darkest(paper)), light_dpi, quick=True
        )
        del light
        settle()
    if bilevel:
        colour = ColourClass.BW
    elif keeps_colour(profile, small):
        colour = ColourClass.COLOR
    else:
        tinted, tinted_dpi = colour_copy(small, small_dpi)
        colour = classify_colour(_cut(tinted, found, small.shape, paper), tinted_dpi)
        del tinted
    settle()
    analysis = PageAnalysis(colour, skew, crop, orientation, blank)
    return PagePlan(analysis, tuple(steps), bilevel)


def keeps_colour(profile: Profile, pixels: np.ndarray) -> bool:
    """Whether the page is encoded in colour whatever its content: a colour scan under a profile
    that never reduces colour (the rules ask for colour). Its content's colour class would
    change nothing, so it is not looked for, and the page is reported as colour, as encoded."""
    return not profile.reduce_colour and pixels.ndim == 3


def _cut(
    copy: np.ndarray,
    found: CropResult | None,
    analysed: tuple[int, ...],
    paper: int | tuple[int, ...],
) -> np.ndarray:
    """A copy of the analysis copy (of shape `analysed`, perhaps at another scale) cut to the
    document found on it, what lies outside the copy painted `paper`.

    A sheet is cut as the analysis copy would be and then shrunk: the cut's pixels cover the
    same spots of the sheet, to the same edge, whatever the copy's scale."""
    if found is None:
        return copy
    if found.kind is not DocumentKind.PAGE:  # a card's corners are rounded: its own pass
        return crop_document(copy, _scaled(found, copy.shape, analysed), paper)
    sx, sy = analysed[1] / copy.shape[1], analysed[0] / copy.shape[0]
    cut = geometry.crop_step(list(found.corners), (analysed[1], analysed[0]))
    size = (max(1, int(cut.size[0] / sx)), max(1, int(cut.size[1] / sy)))
    # pixel (x, y) of the copy covers (x + 0.5) * sx - 0.5 of the analysis copy, and so on out
    scale = np.array([[sx, 0.0, (sx - 1) / 2], [0.0, sy, (sy - 1) / 2], [0.0, 0.0, 1.0]])
    step = geometry.Step(np.linalg.inv(scale) @ cut.matrix @ scale, size)
    values = paper if isinstance(paper, tuple) else (paper,)
    return geometry.resample(copy, step, (tuple(float(v) for v in values) + (0.0,) * 4)[:4])


def _paper(small: np.ndarray, document: CropResult) -> int | tuple[int, ...]:
    """The document's paper colour in 8-bit levels, as the cut copies hold their pixels (a
    16-bit scan keeps its top byte there)."""
    colour = paper_colour(small, document.corners)
    if small.dtype != np.uint16:
        return colour
    return colour >> 8 if isinstance(colour, int) else tuple(c >> 8 for c in colour)


def _gray(colour: int | tuple[int, ...]) -> int:
    if isinstance(colour, int):
        return colour
    pixel = np.array([[colour[:3]]], np.uint8)
    return int(cv2.cvtColor(pixel, cv2.COLOR_BGR2GRAY)[0, 0])


def _darkest(colour: int | tuple[int, ...]) -> int:
    return colour if isinstance(colour, int) else min(colour)


def _stay() -> bool:
    return False


def _shape_after(shape: tuple[int, ...], initial: tuple[Transform, ...]) -> tuple[int, ...]:
    """The page's shape once the initial quarter turns are applied."""
    turns = sum(int(t.params.get("rotation", 0)) for t in initial if t.kind == tf.ORIENT)
    if turns % 180:
        return (shape[1], shape[0], *shape[2:])
    return shape


def analysis_factor(shape: tuple[int, ...], dpi: int) -> int:
    """How many times the analysis copy of a page of `shape` at `dpi` is smaller in each
    direction (1: the page as it is); the copy is `shape // factor`."""
    by_pixels = math.ceil(math.sqrt(shape[0] * shape[1] / ANALYSIS_PIXELS))
    by_pixels += by_pixels % 2 if by_pixels > 1 else 0  # even factors reduce by fast halvings
    factor = max(1, round(dpi / ANALYSIS_DPI), by_pixels)
    return 1 if min(shape[:2]) < 2 * factor else factor


def _analysis_copy(image: np.ndarray, dpi: int) -> tuple[np.ndarray, float]:
    """The page at about ANALYSIS_DPI (never upsampled) and the linear factor it was shrunk by."""
    factor = analysis_factor(image.shape, dpi)
    if factor == 1:
        return image, 1.0
    small = reduce(image, factor)
    return small, _ratio(image, small)


def _ratio(image: np.ndarray, small: np.ndarray) -> float:
    return math.sqrt(image.shape[0] * image.shape[1] / (small.shape[0] * small.shape[1]))


def _scaled(crop: CropResult, full: tuple[int, ...], small: tuple[int, ...]) -> CropResult:
    """Corners found on the analysis copy, in the full page's pixels (outer boundaries kept)."""
    sx, sy = full[1] / small[1], full[0] / small[0]
    corners = tuple(((x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5) for x, y in crop.corners)
    return replace(crop, corners=corners)  # type: ignore[arg-type]

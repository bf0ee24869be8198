"""Scanning in parts: a sheet larger than the bed, scanned in overlapping parts, stored as one
page of the chosen paper at true scale whose originals are the stored parts.

The one stitching use case, run by the window's parts dialog and by `sohoa import --stitch`,
and for pages already stored by the window's page actions and `sohoa page`.
Each part is a page of the dossier as soon as it is scanned (nothing is lost if the station
stops); a part that overlaps none of those before it is refused and leaves the dossier.
Assembling puts the stitched page in the parts' place; separating (undo) gives them back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import BinaryIO

import cv2
import numpy as np
from PIL import Image

from station.errors import ErrorCode, StationError
from station.model import Page
from station.paper import MM_PER_INCH, PRESETS, PaperSize
from station.png_writer import write_png
from station.stitch import Part, StitchCode, StitchOptions, StitchResult, stitch_parts
from station.stitch.coverage import Coverage, coverage_as_laid, laid_turn_deg
from station.stitch.features import PartFeatures, detect
from station.stitch.pairs import PairMatch, match_pair
from station.stitch.plan import PartPlan, fits_on_bed, plan_parts
from station.stitch.stitch import stitch_matched
from station.store import NewPage, Store
from station.workflow import delete_pages
from station.workflow.render import STITCHED_DEVICE, decode_original
from station.workflow.render import is_stitched as is_stitched  # the window asks it here

PREVIEW_DPI = 75  # the preview and the overlap check work on copies reduced to this


@dataclass(frozen=True)
class PartAccepted:
    page: Page
    parts: int  # parts accepted so far


@dataclass(frozen=True)
class PartRefused:
    page: Page  # removed from the dossier again (soft-deleted, so nothing is lost)
    code: StitchCode


@dataclass(frozen=True)
class Preview:
    """The parts so far, assembled at PREVIEW_DPI (BGR or gray) on the page of the paper, and
    how they cover the sheet's grid of parts."""

    image: np.ndarray = field(repr=False)
    page_mm: tuple[float, float]
    parts: int
    coverage: Coverage


def needs_parts(paper: PaperSize, bed_mm: tuple[float, float]) -> bool:
    if paper.width_mm is None or paper.height_mm is None:
        return False
    return not fits_on_bed((paper.width_mm, paper.height_mm), bed_mm)


def sheet_plan(paper: PaperSize, bed_mm: tuple[float, float]) -> PartPlan:
    if paper.width_mm is None or paper.height_mm is None:
        raise StationError(ErrorCode.INVALID_PAPER, value=paper.name, presets="A0, A1, A2, A3")
    return plan_parts((paper.width_mm, paper.height_mm), bed_mm)


@dataclass(frozen=True)
class PaperChoice:
    papers: tuple[PaperSize, ...]  # the A sizes larger than every page, smallest first
    suggested: PaperSize  # one of them: the sheet the pages most likely are


def paper_choice(store: Store, page_ids: Sequence[str]) -> PaperChoice:
    """The papers stored pages could be stitched into, and the smallest the parts dialog would
    scan in at least as many parts on a bed the size of the largest page (with its overlap):
    four A4 scans make an A3, eight an A2. Reads only the files' headers."""
    sizes = [_size_mm(store, _live(store, page_id)) for page_id in page_ids]
    largest = max(sizes, key=lambda size: size[0] * size[1])
    a_series = sorted(
        (PaperSize(name, *mm) for name, mm in PRESETS.items() if name.startswith("A")),
        key=_area,
    )
    papers = [p for p in a_series if not any(fits_on_bed(_sides(p), size) for size in sizes)]
    if not papers:  # pages as large as A0 already: A0 is the most a counter stores
        papers = a_series[-1:]
    suggested = next(
        (p for p in papers if len(plan_parts(_sides(p), largest).cells) >= len(sizes)), papers[-1]
    )
    return PaperChoice(tuple(papers), suggested)


class PartsSession:
    """The parts of one sheet as they arrive (any order, turned, shifted). Not thread-safe:
    one worker at a time offers parts and asks for the preview."""

    def __init__(
        self,
        store: Store,
        paper: PaperSize,
        options: StitchOptions | None = None,
        plan: PartPlan | None = None,
    ) -> None:
        """`plan`: the grid the clerk is shown; by default the one for a bed the size of the
        first part."""
        self.store = store
        self.paper = paper
        self.options = options or StitchOptions()
        self.plan = plan
        self.parts: list[Page] = []
        self._small: list[Part] = []
        self._features: list[PartFeatures] = []
        self._matches: list[PairMatch] = []
        self._preview: StitchResult | None = None

    def offer(self, page: Page) -> PartAccepted | PartRefused:
        """Check the stored part against the parts before it; a refused one leaves the
        dossier (soft-deleted) so the clerk can scan it again. Features and matches are kept,
        so each part costs one detection and one match per part before it."""
        options = _preview_options(self.options)
        small = _reduced(self.store, page)
        features = detect(small, options)
        index = len(self._small)
        found = [match_pair(i, index, f, features, options) for i, f in enumerate(self._features)]
        matches = [m for m in found if m is not None]
        if self._small and not matches:
            delete_pages(self.store, [page.id])
            return PartRefused(page, StitchCode.PART_ISOLATED)
        self.parts.append(page)
        self._small.append(small)
        self._features.append(features)
        self._matches.extend(matches)
        self._preview = None
        return PartAccepted(page, len(self.parts))

    def remove(self, page_id: str) -> None:
        """The clerk takes a part back (to scan it again): it leaves the session and the dossier."""
        if page_id not in {p.id for p in self.parts}:
            return
        delete_pages(self.store, [page_id])
        index = [p.id for p in self.parts].index(page_id)
        del self.parts[index], self._small[index], self._features[index]
        # Matches name parts by position: those of the later parts move down by one.
        kept = [m for m in self._matches if index not in (m.i, m.j)]
        self._matches = [replace(m, i=m.i - (m.i > index), j=m.j - (m.j > index)) for m in kept]
        self._preview = None

    def preview(self) -> Preview | None:
        if not self._small:
            return None
        first = self._small[0]
        plan = self.plan or sheet_plan(self.paper, _mm(first))
        if len(self._small) == 1:
            width, height = _mm(first)
            outline = np.array([[0.0, 0.0], [width, 0.0], [width, height], [0.0, height]])
            coverage = coverage_as_laid([outline], 0.0, _mm(first), plan)
            turns = round(laid_turn_deg(_mm(first), plan) / 90)  # clockwise, as the drawing
            pixels = np.ascontiguousarray(np.rot90(first.pixels, -turns))
            return Preview(pixels, _mm(Part(pixels, first.dpi)), 1, coverage)
        if self._preview is None:  # shown as the drawing stands, the sheet as it was laid
            self._preview = stitch_matched(
                self._small, self._features, self._matches, self.paper,
                _preview_options(self.options), turn_deg=laid_turn_deg(_mm(first), plan),
                from_top_left=True,
            )  # fmt: skip
        result = self._preview
        turn = result.placements[0].rotation_deg
        coverage = coverage_as_laid(list(result.outlines_mm), turn, _mm(first), plan)
        return Preview(result.image, result.page_mm, len(self._small), coverage)

    def assemble(self) -> Page:
        """The stitched page, stored in the parts' place (they stay, as its originals)."""
        return stitch_stored(self.store, [p.id for p in self.parts], self.paper, self.options)


def stitch_stored(
    store: Store, page_ids: Sequence[str], paper: PaperSize, options: StitchOptions | None = None
) -> Page:
    """Stitch stored pages of one dossier into one page that replaces them."""
    pages = [_live(store, page_id) for page_id in page_ids]
    strangers = [p.id for p in pages if p.dossier_code != pages[0].dossier_code]
    if strangers:  # said before the seconds of stitching, not after
        raise StationError(ErrorCode.PAGE_NOT_FOUND, page=", ".join(strangers))
    parts = [Part(_original(store, page), page.dpi) for page in pages]
    result = stitch_parts(parts, paper, options)
    del parts
    return store_stitched(store, pages, result)


def store_stitched(store: Store, pages: Sequence[Page], result: StitchResult) -> Page:
    first = pages[0]
    new = NewPage(
        data=partial(_write_rgb, pixels=result.image, dpi=result.dpi),
        media_type="image/png",
        dpi=result.dpi,
        source_device=f"{STITCHED_DEVICE}:{first.source_device}",
        paper_size=result.paper,
        component_code=first.component_code,
    )
    return store.add_page(first.dossier_code, new, parts=[p.id for p in pages])


def separate(store: Store, page_id: str) -> list[Page]:
    """Undo a stitch: the parts are pages again, in its place."""
    return store.separate_parts(page_id)


def separate_unless_done(store: Store, page_id: str) -> list[Page]:
    """An undo kept since the stitch: nothing to do when the page was separated meanwhile
    (by the pages' own action), rather than "page not found"."""
    if not store.parts_of(page_id):  # none for a page gone, nor for one never stitched
        return []
    return separate(store, page_id)


def restitch(
    store: Store, page_id: str, paper: PaperSize, options: StitchOptions | None = None
) -> Page:
    """Stitch the page's parts again (another paper, newer stitching): the old page goes."""
    parts = store.parts_of(page_id)
    if not parts:
        raise StationError(ErrorCode.PAGE_NOT_FOUND, page=page_id)
    separate(store, page_id)  # should stitching fail now, the parts stay as pages
    return stitch_stored(store, [p.id for p in parts], paper, options)


def _preview_options(options: StitchOptions) -> StitchOptions:
    return StitchOptions(
        detector=options.detector,
        feature_dpi=PREVIEW_DPI,
        max_features=options.max_features,
        min_inliers=options.min_inliers,
        ransac_px=options.ransac_px,
        level=False,  # the preview only shows where the parts go
        min_coverage=0.0,  # and how much of the sheet they cover so far
    )


def _live(store: Store, page_id: str) -> Page:
    page = store.page(page_id)
    if page is None or page.deleted_at is not None:
        raise StationError(ErrorCode.PAGE_NOT_FOUND, page=page_id)
    return page


def _original(store: Store, page: Page) -> np.ndarray:
    pixels = decode_original(store.layout.absolute(page.original.path), page.original.sha256)
    if pixels.dtype != np.uint8:
        pixels = (pixels >> 8).astype(np.uint8)
    return pixels


def _reduced(store: Store, page: Page) -> Part:
    pixels = _original(store, page)
    if page.dpi <= PREVIEW_DPI:
        return Part(pixels, page.dpi)
    scale = PREVIEW_DPI / page.dpi
    size = (max(1, round(pixels.shape[1] * scale)), max(1, round(pixels.shape[0] * scale)))
    return Part(cv2.resize(pixels, size, interpolation=cv2.INTER_AREA), PREVIEW_DPI)


def _size_mm(store: Store, page: Page) -> tuple[float, float]:
    path = store.layout.absolute(page.original.path)
    try:
        with Image.open(path) as image:  # the header only
            width, height = image.size
    except Image.DecompressionBombError:  # larger than Pillow opens: a large sheet already
        return PRESETS.get(page.paper_size, PRESETS["A0"])
    except OSError as exc:
        raise StationError(ErrorCode.IMAGE_UNREADABLE, path=str(path), detail=str(exc)) from exc
    return width * MM_PER_INCH / page.dpi, height * MM_PER_INCH / page.dpi


def _sides(paper: PaperSize) -> tuple[float, float]:
    assert paper.width_mm is not None and paper.height_mm is not None
    return paper.width_mm, paper.height_mm


def _area(paper: PaperSize) -> float:
    width, height = _sides(paper)
    return width * height


def _mm(part: Part) -> tuple[float, float]:
    height, width = part.pixels.shape[:2]
    return width * 25.4 / part.dpi, height * 25.4 / part.dpi


def _write_rgb(out: BinaryIO, pixels: np.ndarray, dpi: int) -> None:
    """Stitching works in BGR like the rest of the pipeline; PNG stores RGB. The channels are
    turned in a view, which the writer copies a strip at a time: a whole RGB copy of the page
    was another 105 MB on an A2 at 300 dpi, 1.2 GB on an A0."""
    write_png(out, pixels[:, :, ::-1] if pixels.ndim == 3 else pixels, dpi)

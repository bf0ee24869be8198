"""stitch_parts: overlapping flatbed scans of one large sheet assembled into one page at true
scale. Register pairs on reduced copies, adjust all poses together, level the sheet, centre it on
the paper, match exposures and blend the seams."""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np

from station.paper import MM_PER_INCH, PaperSize, mm_to_px
from station.stitch.adjust import adjust, chained_poses, check_connected, residuals_px
from station.stitch.compose import compose, footprint
from station.stitch.coverage import incomplete, sheet_coverage
from station.stitch.errors import StitchCode, StitchError
from station.stitch.exposure import part_gains
from station.stitch.features import PartFeatures, detect
from station.stitch.level import glass_levelling, levelling, upright_turn
from station.stitch.model import Part, Placement, StitchOptions, StitchResult
from station.stitch.pairs import PairMatch, match_pair
from station.stitch.plan import plan_parts
from station.stitch.rigid import Rigid

# Parts may reach this far past the sheet's edges in all (the bed's lid around it, a part laid
# askew whose corners stick out): still "fits" when choosing the paper's way round.
LID_MM = 30.0


def stitch_parts(
    parts: list[Part], paper: PaperSize, options: StitchOptions | None = None
) -> StitchResult:
    options = options or StitchOptions()
    _common_dpi(parts)
    if paper.width_mm is None or paper.height_mm is None:
        raise ValueError("stitching needs a paper of fixed size, not auto")
    features = [detect(part, options) for part in parts]
    matches = _matches(features, options)
    return stitch_matched(parts, features, matches, paper, options)


def stitch_matched(
    parts: list[Part],
    features: list[PartFeatures],
    matches: list[PairMatch],
    paper: PaperSize,
    options: StitchOptions,
    turn_deg: float = 0.0,
    from_top_left: bool = False,
) -> StitchResult:
    """The steps after registration, for a caller that keeps features and matches as parts
    arrive one by one (the parts dialog) instead of finding them all again. Without levelling,
    `turn_deg` turns the assembly from the first part's frame to the sheet's as it was laid;
    `from_top_left` lays parts spanning less than the paper from its top-left corner, where the
    grid of parts is numbered from, rather than centred."""
    dpi = _common_dpi(parts)
    check_connected(len(parts), matches)
    poses = adjust(chained_poses(len(parts), matches), matches)
    if options.level:
        turn = levelling(parts, poses)
        poses = [pose.then(turn) for pose in poses]
        upright = upright_turn(parts, poses)
        poses = [pose.then(upright) for pose in poses]
    else:  # no lines read: the parts' own tilts on the glass average out
        turn = glass_levelling(poses)
        turn = Rigid(turn.angle + math.radians(turn_deg))
        poses = [pose.then(turn) for pose in poses]
    page_mm, content_mm, poses = _on_page(parts, poses, paper, dpi, from_top_left)
    outlines = [
        (footprint(p, pose) + 0.5) * MM_PER_INCH / dpi for p, pose in zip(parts, poses, strict=True)
    ]
    coverage = sheet_coverage(outlines, plan_parts(page_mm, _bed_mm(parts)))
    if not coverage.enough(options.min_coverage):
        raise incomplete(coverage, paper.name)
    gains = part_gains(features, poses, matches)
    size = (mm_to_px(page_mm[0], dpi), mm_to_px(page_mm[1], dpi))
    image = compose(parts, poses, gains, size, options.compose_band_rows)
    return StitchResult(
        image=image,
        dpi=dpi,
        page_mm=page_mm,
        paper=paper.name,
        placements=_placements(poses, matches, dpi),
        content_mm=content_mm,
        gains=tuple(gains),
        outlines_mm=tuple(outlines),
        coverage=coverage,
    )


def _common_dpi(parts: list[Part]) -> int:
    if len(parts) < 2:
        raise StitchError(StitchCode.TOO_FEW_PARTS, count=len(parts))
    for index, part in enumerate(parts):
        if part.dpi != parts[0].dpi:
            raise StitchError(StitchCode.DPI_MISMATCH, part=index, dpi=part.dpi, first=parts[0].dpi)
    return parts[0].dpi


def _bed_mm(parts: list[Part]) -> tuple[float, float]:
    """The bed the parts were scanned on: the largest part (a flatbed scans its whole glass)."""
    sides = [sorted(part.pixels.shape[:2]) for part in parts]
    short, long = max(side[0] for side in sides), max(side[1] for side in sides)
    return short * MM_PER_INCH / parts[0].dpi, long * MM_PER_INCH / parts[0].dpi


def _matches(features: list[PartFeatures], options: StitchOptions) -> list[PairMatch]:
    found = []
    for i, j in combinations(range(len(features)), 2):
        match = match_pair(i, j, features[i], features[j], options)
        if match is not None:
            found.append(match)
    return found


def _on_page(
    parts: list[Part], poses: list[Rigid], paper: PaperSize, dpi: int, from_top_left: bool
) -> tuple[tuple[float, float], tuple[float, float], list[Rigid]]:
    """The page (paper turned to the sheet's orientation) and the poses moved so the assembled
    parts sit centred on it."""
    corners = np.vstack([footprint(part, pose) for part, pose in zip(parts, poses, strict=True)])
    low, high = corners.min(axis=0), corners.max(axis=0)
    content_mm = tuple(float(v) for v in (high - low) * MM_PER_INCH / dpi)
    if paper.width_mm is None or paper.height_mm is None:
        raise ValueError("stitching needs a paper with a size")  # the CLI never passes `auto`
    page_mm = _turned_to(content_mm, (paper.width_mm, paper.height_mm))
    page_px = np.array([mm_to_px(page_mm[0], dpi), mm_to_px(page_mm[1], dpi)])
    # Pixel edges run from -0.5 to size - 0.5, so the centre of the page is (size - 1) / 2.
    shift = (page_px - 1) / 2 - (low + high) / 2
    if from_top_left:
        shift = np.where(high - low < page_px, -0.5 - low, shift)
    moved = [Rigid(p.angle, p.tx + float(shift[0]), p.ty + float(shift[1])) for p in poses]
    return page_mm, (content_mm[0], content_mm[1]), moved


def _turned_to(content_mm: tuple[float, ...], paper_mm: tuple[float, float]) -> tuple[float, float]:
    """The paper upright or across, whichever the parts overflow less; parts that fit either
    way (some are missing) keep the paper as it was named."""
    turned = (paper_mm[1], paper_mm[0])

    def overflow(page: tuple[float, float]) -> float:
        return sum(max(0.0, c - p - LID_MM) for c, p in zip(content_mm, page, strict=True))

    if abs(overflow(paper_mm) - overflow(turned)) < 1.0:
        across = content_mm[0] > content_mm[1]
        fits = overflow(paper_mm) < 1.0
        return paper_mm if fits or across == (paper_mm[0] > paper_mm[1]) else turned
    return paper_mm if overflow(paper_mm) < overflow(turned) else turned


def _placements(poses: list[Rigid], matches: list[PairMatch], dpi: int) -> tuple[Placement, ...]:
    residuals = residuals_px(poses, matches)
    mm = MM_PER_INCH / dpi
    placements = []
    for index, (pose, residual) in enumerate(zip(poses, residuals, strict=True)):
        neighbours = sorted({m.j if m.i == index else m.i for m in matches if index in (m.i, m.j)})
        placements.append(
            Placement(
                index=index,
                # The part's top-left pixel edge, as a ruler on the page would find it.
                x_mm=float(pose.apply(np.array([[-0.5, -0.5]]))[0, 0] + 0.5) * mm,
                y_mm=float(pose.apply(np.array([[-0.5, -0.5]]))[0, 1] + 0.5) * mm,
                rotation_deg=math.degrees(pose.angle),
                residual_px=residual,
                residual_mm=residual * mm,
                neighbours=tuple(neighbours),
            )
        )
    return tuple(placements)

"""Levelling: the turn that makes the sheet's own lines (text, grid, frame) run level on the page.

Part 0's pose is arbitrary (the clerk laid it down a little askew), so the assembly inherits its
tilt. Each part's content skew, carried into the assembly's frame, is one estimate of that tilt;
their confident median is taken."""

from __future__ import annotations

import math

import numpy as np

from station.imaging.orientation import detect_orientation
from station.imaging.skew import detect_skew
from station.stitch.model import Part
from station.stitch.rigid import Rigid

MAX_SKEW_DEG = 10.0
MIN_CONFIDENCE = 0.3
MIN_UPRIGHT_CONFIDENCE = 0.5


def levelling(parts: list[Part], poses: list[Rigid]) -> Rigid:
    """The rotation (about the assembly's origin) to apply after every part's pose."""
    estimates, weights = [], []
    for part, pose in zip(parts, poses, strict=True):
        skew = detect_skew(part.pixels, part.dpi, max_angle=MAX_SKEW_DEG, text_decides=False)
        if skew.confidence < MIN_CONFIDENCE:
            continue
        # skew is counter-clockwise as seen; pose angles turn clockwise as seen (y points down).
        estimates.append(_quarter_wrap(math.radians(skew.angle_deg) - pose.angle))
        weights.append(skew.confidence)
    if not estimates:
        return glass_levelling(poses)
    return Rigid(_weighted_median(np.array(estimates), np.array(weights)))


def glass_levelling(poses: list[Rigid]) -> Rigid:
    """Without lines to go by: the parts' own tilts on the glass average out."""
    turns = np.array([_quarter_wrap(-pose.angle) for pose in poses])
    return Rigid(_weighted_median(turns, np.ones(len(turns))))


def _quarter_wrap(angle: float) -> float:
    """The same line direction within (-45, 45] degrees: lines a quarter turn apart are alike."""
    quarter = math.pi / 2
    return angle - quarter * round(angle / quarter)


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def upright_turn(parts: list[Part], poses: list[Rigid]) -> Rigid:
    """The quarter turn (about the assembly's origin) that sets the sheet's text upright.

    Part 0 decides the assembly's frame, and the clerk may have laid it turned: on an A4 bed
    an A2 sheet's parts lie across the glass. Each part's text says which quarter turn makes
    it upright; carried into the assembly's frame, the confident votes choose one turn, and
    without a clear majority the assembly is left as it is."""
    votes = np.zeros(4)
    for part, pose in zip(parts, poses, strict=True):
        found = detect_orientation(part.pixels, part.dpi)
        if found.confidence < MIN_UPRIGHT_CONFIDENCE:
            continue
        quarter = round((found.rotation - math.degrees(pose.angle)) / 90) % 4
        votes[quarter] += found.confidence
    winner = int(np.argmax(votes))
    if votes[winner] <= votes.sum() / 2 or votes[winner] == 0:
        return Rigid()
    return Rigid(math.radians(90 * winner) if winner else 0.0)

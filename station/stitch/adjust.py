"""Global adjustment: every part's pose at once, from all pairwise matches, so errors spread
over the whole sheet instead of piling up along a chain of parts."""

from __future__ import annotations

import math
from collections import deque

import numpy as np

from station.stitch.errors import StitchCode, StitchError
from station.stitch.pairs import PairMatch
from station.stitch.rigid import Rigid

ITERATIONS = 10
CONVERGED_PX = 1e-3  # translation steps smaller than this end the iteration


def check_connected(count: int, matches: list[PairMatch]) -> None:
    """Every part must be joined to the others through overlaps; the first part outside the
    largest joined group is refused."""
    groups = [_reachable(start, count, matches) for start in range(count)]
    largest = max(groups, key=len)
    for index in range(count):
        if index not in largest:
            raise StitchError(StitchCode.PART_ISOLATED, part=index)


def chained_poses(count: int, matches: list[PairMatch]) -> list[Rigid]:
    """A first guess: part 0 where it is, each other part reached through its strongest links."""
    poses: list[Rigid | None] = [None] * count
    poses[0] = Rigid()
    for match in sorted(matches, key=lambda m: -m.inliers) * count:
        pose_i, pose_j = poses[match.i], poses[match.j]
        if pose_i is not None and pose_j is None:
            poses[match.j] = match.j_to_i.then(pose_i)
        elif pose_j is not None and pose_i is None:
            poses[match.i] = match.j_to_i.inverse().then(pose_j)
    return [pose if pose is not None else Rigid() for pose in poses]


def adjust(poses: list[Rigid], matches: list[PairMatch]) -> list[Rigid]:
    """Gauss-Newton over all matched point pairs: pose_i(p) = pose_j(q); part 0 stays fixed."""
    params = np.array([[p.angle, p.tx, p.ty] for p in poses], dtype=np.float64)
    for _ in range(ITERATIONS):
        residual, jacobian = _linearise(params, matches)
        step = np.linalg.lstsq(jacobian[:, 3:], -residual, rcond=None)[0]
        params[1:] += step.reshape(-1, 3)
        moves = step.reshape(-1, 3)
        if np.abs(moves[:, 1:]).max() < CONVERGED_PX and np.abs(moves[:, 0]).max() < 1e-7:
            break
    return [Rigid(float(a), float(x), float(y)) for a, x, y in params]


def residuals_px(poses: list[Rigid], matches: list[PairMatch]) -> list[float]:
    """Each part's RMS disagreement with its neighbours over all its matched points."""
    squares = [0.0] * len(poses)
    counts = [0] * len(poses)
    for match in matches:
        gap = poses[match.i].apply(match.points_i) - poses[match.j].apply(match.points_j)
        total = float(np.sum(gap**2))
        for index in (match.i, match.j):
            squares[index] += total
            counts[index] += len(gap)
    return [math.sqrt(s / c) if c else 0.0 for s, c in zip(squares, counts, strict=True)]


def _linearise(params: np.ndarray, matches: list[PairMatch]) -> tuple[np.ndarray, np.ndarray]:
    rows = sum(2 * m.inliers for m in matches)
    residual = np.empty(rows)
    jacobian = np.zeros((rows, params.size))
    row = 0
    for match in matches:
        n = match.inliers
        block = slice(row, row + 2 * n)
        mapped_i, turned_i = _mapped(params[match.i], match.points_i)
        mapped_j, turned_j = _mapped(params[match.j], match.points_j)
        residual[block] = (mapped_i - mapped_j).ravel()
        for index, turned, sign in ((match.i, turned_i, 1.0), (match.j, turned_j, -1.0)):
            columns = 3 * index
            jacobian[block, columns] = sign * turned.ravel()
            jacobian[row : row + 2 * n : 2, columns + 1] = sign
            jacobian[row + 1 : row + 2 * n : 2, columns + 2] = sign
        row += 2 * n
    return residual, jacobian


def _mapped(param: np.ndarray, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The points moved by the pose, and their derivative with respect to its angle."""
    c, s = math.cos(param[0]), math.sin(param[0])
    x, y = points[:, 0], points[:, 1]
    mapped = np.column_stack((c * x - s * y + param[1], s * x + c * y + param[2]))
    turned = np.column_stack((-s * x - c * y, c * x - s * y))
    return mapped, turned


def _reachable(start: int, count: int, matches: list[PairMatch]) -> set[int]:
    links: dict[int, set[int]] = {index: set() for index in range(count)}
    for match in matches:
        links[match.i].add(match.j)
        links[match.j].add(match.i)
    reached, queue = {start}, deque([start])
    while queue:
        for other in links[queue.popleft()] - reached:
            reached.add(other)
            queue.append(other)
    return reached

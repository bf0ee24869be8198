"""Geometric steps as matrices: exact quarter turns and boxes, one resampling for a run of steps."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from station.pipeline import geometry
from station.pipeline import transforms as tf
from tests.station.pipeline.pages import virtual_page


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return virtual_page(("seed", "4"), ("skew", "0"), dpi=100)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_quarter_turns_are_exact(page: np.ndarray, rotation: int) -> None:
    turned = tf.apply_transforms(page, 100, (tf.orient_transform(rotation),))
    assert np.array_equal(turned, np.rot90(page, k=-rotation // 90))


def test_a_crop_box_is_a_plain_slice(page: np.ndarray) -> None:
    box = tf.Transform(tf.CROP_BOX, {"box": [10, 20, 300, 400]})
    assert np.array_equal(tf.apply_transforms(page, 100, (box,)), page[20:420, 10:310])


def test_deskew_keeps_the_paper_size_and_fills_with_paper(page: np.ndarray) -> None:
    level = tf.apply_transforms(page, 100, (tf.deskew_transform(5.0),))
    assert level.shape == page.shape
    assert level[0, 0].min() > 200  # the corner brought in is paper-coloured, not black


def test_a_run_of_steps_is_resampled_once_and_matches_the_steps_one_by_one(page) -> None:
    height, width = page.shape[:2]
    corners = [[20, 30], [width - 40, 25], [width - 35, height - 20], [25, height - 15]]
    steps = (
        tf.Transform(tf.CROP, {"kind": "page", "corners": corners, "angle_deg": 0.3}),
        tf.deskew_transform(1.5),
        tf.orient_transform(90),
    )
    fused = tf.apply_transforms(page, 100, steps)
    one_by_one = page
    for step in steps:
        one_by_one = tf.apply_transform(one_by_one, 100, step)
    assert fused.shape == one_by_one.shape
    inner = (slice(10, -10), slice(10, -10))
    difference = np.abs(fused[inner].astype(int) - one_by_one[inner].astype(int))
    assert difference.mean() < 3.0  # two resamplings blur a little more than one


def test_compose_follows_the_order_of_steps() -> None:
    size = (200, 100)
    turn = geometry.quarter_turn_step(90, size)
    box = geometry.box_step((10, 0, 50, 200), turn.size)
    combined = geometry.compose([turn, box])
    assert combined.size == (50, 200)
    # source pixel (0, 0) goes to (99, 0) after the turn, then to (89, 0) after the box
    point = combined.matrix @ np.array([0.0, 0.0, 1.0])
    assert point[:2].tolist() == [89.0, 0.0]


def test_a_straight_crop_is_cut_out_without_resampling(page: np.ndarray) -> None:
    corners = [[9.5, 19.5], [309.5, 19.5], [309.5, 419.5], [9.5, 419.5]]
    crop = tf.Transform(tf.CROP, {"kind": "page", "corners": corners, "angle_deg": 0.0})
    assert np.array_equal(tf.apply_transforms(page, 100, (crop,)), page[20:420, 10:310])


@pytest.mark.parametrize(
    ("angle", "slow"), [(-2.5, True), (-0.4, True), (0.4, False), (2.5, False)]
)
def test_a_page_levelled_either_way_is_the_warp_opencv_gives(
    page: np.ndarray, angle: float, slow: bool
) -> None:
    """Half of these angles are resampled bottom up and flipped back (the faster way round for
    them); each must give OpenCV's own warp of the map, up to a level on a stray pixel."""
    step = geometry.deskew_step(angle, (page.shape[1], page.shape[0]))
    step = geometry.compose(
        [step, geometry.Step(np.array([[1, 0, -3.3], [0, 1, 2.7], [0, 0, 1]]), step.size)]
    )
    assert geometry._slow_way_round(cv2.invertAffineTransform(step.matrix[:2])) is slow
    colour = (250.0, 250.0, 250.0, 0.0)
    ours = geometry.resample(page, step, colour)
    theirs = cv2.warpAffine(
        page, step.matrix[:2], step.size, flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT, borderValue=colour,
    )  # fmt: skip
    difference = np.abs(ours.astype(int) - theirs.astype(int))
    assert difference.max() <= 1
    assert np.count_nonzero(difference) <= 2


def test_the_bottom_up_map_reads_each_row_where_the_plain_map_reads_it() -> None:
    inverse = np.array([[0.999, 0.035, -20.0], [-0.035, 0.999, 40.0]])
    assert not geometry._slow_way_round(inverse)
    other_way = inverse * np.array([[1.0, -1.0, 1.0], [-1.0, 1.0, 1.0]])  # levelled the other way
    assert geometry._slow_way_round(other_way)
    flipped = geometry._bottom_up(other_way, 1000)
    for x, y in ((0.0, 0.0), (123.0, 456.0), (999.0, 999.0)):
        plain = other_way @ np.array([x, y, 1.0])
        bottom_up = flipped @ np.array([x, 999.0 - y, 1.0])
        assert np.allclose(plain, bottom_up, atol=1e-9)

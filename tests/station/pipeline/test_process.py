from __future__ import annotations

import cv2
import numpy as np
import pytest

from drivers.contract import Source
from station.errors import ErrorCode, StationError
from station.imaging.results import ColourClass, DocumentKind
from station.model import Transform
from station.paper import mm_to_px
from station.pipeline import jobs, process
from station.pipeline import transforms as tf
from station.pipeline.jobs import run_page
from station.pipeline.process import plan_page, process_page, to_bilevel, working_image
from station.pipeline.profile import PROFILES, get_profile, with_steps
from tests.station.pipeline.pages import virtual_page

DPI = 150


@pytest.mark.parametrize("skew", ["-4", "2.5", "7"])
def test_a_sheet_on_the_bed_is_cropped_levelled_and_kept_at_paper_size(skew: str) -> None:
    original = virtual_page(("skew", skew), ("seed", "5"), paper="auto", dpi=DPI)
    page = process_page(original, DPI, get_profile("standard"))
    crop = page.analysis.crop
    assert crop is not None and crop.kind is DocumentKind.PAGE
    height, width = page.image.shape[:2]
    assert abs(width - mm_to_px(210, DPI)) <= mm_to_px(2, DPI)
    assert abs(height - mm_to_px(297, DPI)) <= mm_to_px(2, DPI)
    total = crop.angle_deg + (page.analysis.skew.angle_deg if page.analysis.skew else 0.0)
    assert abs(abs(total) - abs(float(skew))) < 0.3
    assert page.analysis.colour is ColourClass.COLOR  # a colour scan stays colour


def test_a_colour_scan_is_classified_only_where_its_class_may_reduce_it(monkeypatch) -> None:
    seals = virtual_page(("seed", "5"), dpi=DPI)
    neutral = cv2.cvtColor(cv2.cvtColor(seals, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    reducing = with_steps(get_profile("standard"), reduce_colour=True)
    assert plan_page(seals, DPI, reducing).analysis.colour is ColourClass.COLOR  # red, blue
    assert plan_page(neutral, DPI, reducing).analysis.colour is not ColourClass.COLOR

    def unwanted(*args: object) -> ColourClass:
        raise AssertionError("the colour class of a page kept in colour was looked for")

    # The rules keep a colour scan in colour: its content's class would change nothing.
    monkeypatch.setattr(process, "classify_colour", unwanted)
    monkeypatch.setattr(jobs, "classify_colour", unwanted)
    outcome = run_page(neutral, DPI, "standard")
    assert outcome.summary["colour"] == "color"
    assert outcome.encoded is not None and outcome.encoded.layers[0].image.components == 3
    replayed = jobs.replay_page(neutral, DPI, "standard", outcome.transforms)
    assert replayed.layers[0].image.components == 3


def test_replaying_the_transforms_on_the_original_gives_the_processed_page() -> None:
    original = virtual_page(("skew", "3"), ("seed", "8"), paper="auto", dpi=DPI)
    page = process_page(original, DPI, get_profile("standard"))
    assert page.transforms, "a skewed sheet on the bed needs transforms"
    replayed = tf.apply_transforms(original, DPI, page.transforms)
    assert np.array_equal(replayed, page.image)


def test_a_clerk_can_undo_the_deskew_without_rescanning() -> None:
    original = virtual_page(("skew", "0"), ("seed", "9"), dpi=DPI)
    steps = (tf.deskew_transform(2.0), tf.orient_transform(90))
    rotated = tf.apply_transforms(original, DPI, steps)
    undone = tf.apply_transforms(original, DPI, tuple(t for t in steps if t.kind != tf.DESKEW))
    assert undone.shape[:2] == original.shape[1::-1][:2]  # only the quarter turn is left
    assert not np.array_equal(rotated, undone)


def test_raw_profile_changes_nothing() -> None:
    original = virtual_page(("skew", "3"), dpi=DPI)
    page = process_page(original, DPI, get_profile("raw"))
    assert page.transforms == () and np.array_equal(page.image, original)


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((1, 1, 3), np.uint8),
        np.zeros((400, 300), np.uint8),
        np.full((400, 300, 3), 255, np.uint8),
        np.full((5, 5), 128, np.uint8),
    ],
    ids=["1x1", "black", "white", "tiny"],
)
@pytest.mark.parametrize("profile", list(PROFILES))
def test_degenerate_images_go_through_every_profile(image: np.ndarray, profile: str) -> None:
    outcome = run_page(image, 200, profile)
    assert outcome.encoded is None or outcome.encoded.bytes > 0
    assert outcome.summary["colour"] in {c.value for c in ColourClass}


def test_working_image_converts_what_scanners_and_files_deliver() -> None:
    sixteen = np.full((4, 4), 0xABCD, np.uint16)
    assert working_image(sixteen).dtype == np.uint8 and working_image(sixteen)[0, 0] == 0xAB
    rgba = np.zeros((4, 4, 4), np.uint8)
    rgba[..., 0] = 200  # red in RGBA
    assert working_image(rgba, rgb=True)[0, 0].tolist() == [0, 0, 200]  # BGR
    assert working_image(np.ones((3, 3), bool))[0, 0] == 255


def test_unknown_profile_is_a_typed_error() -> None:
    with pytest.raises(StationError) as caught:
        get_profile("nope")
    assert caught.value.code is ErrorCode.UNKNOWN_PROFILE


def test_transforms_record_what_was_found() -> None:
    original = virtual_page(("skew", "5"), ("seed", "4"), paper="auto", dpi=DPI)
    page = process_page(original, DPI, get_profile("standard"))
    kinds = [t.kind for t in page.transforms]
    assert kinds[0] == tf.CROP
    assert all(isinstance(t, Transform) for t in page.transforms)


def test_replaying_known_transforms_encodes_the_same_page_size() -> None:
    from station.pipeline.jobs import replay_page

    original = virtual_page(("skew", "3"), ("seed", "8"), paper="auto", dpi=DPI)
    outcome = run_page(original, DPI, "standard")
    assert outcome.encoded is not None
    replayed = replay_page(original, DPI, "standard", outcome.transforms)
    assert (replayed.width_pt, replayed.height_pt) == (
        outcome.encoded.width_pt,
        outcome.encoded.height_pt,
    )
    assert replayed.bytes > 0


def test_working_image_turns_a_given_up_rgb_page_to_bgr_in_its_own_buffer(monkeypatch) -> None:
    """Band by band: one OpenCV call over the whole page would copy it first."""
    from station.pipeline import process

    monkeypatch.setattr(process, "SWAP_BAND_PIXELS", 500)  # many bands on a small page
    rng = np.random.default_rng(5)
    rgb = rng.integers(0, 256, (301, 97, 3), dtype=np.uint8)
    expected = rgb[:, :, ::-1].copy()
    bgr = working_image(rgb, rgb=True, reuse=True)
    assert np.shares_memory(bgr, rgb)
    assert np.array_equal(bgr, expected)


def test_a_turned_1_bit_page_is_cut_back_to_1_bit_in_place_leaving_the_original() -> None:
    original = np.where(np.random.default_rng(1).random((60, 80)) < 0.2, 0, 255).astype(np.uint8)
    turned = tf.apply_transform(original, 300, tf.deskew_transform(2.0))
    expected = np.where(turned > 127, 255, 0).astype(np.uint8)
    kept = original.copy()
    result = to_bilevel(turned, original)
    assert result is turned and np.array_equal(result, expected)
    view = original[:, :]  # the original's own pixels are never overwritten
    assert to_bilevel(view, original) is not view and np.array_equal(original, kept)


def test_a_blank_back_is_found_blank_and_its_front_is_not() -> None:
    standard = get_profile("standard")
    front, back = (
        virtual_page(("seed", "4"), dpi=200, source=Source.DUPLEX, index=side) for side in (0, 1)
    )
    front_plan, back_plan = plan_page(front, 200, standard), plan_page(back, 200, standard)
    assert back_plan.analysis.blank is not None and back_plan.analysis.blank.blank
    assert front_plan.analysis.blank is not None and not front_plan.analysis.blank.blank
    assert front_plan.analysis.colour is ColourClass.COLOR  # a colour scan stays colour


@pytest.mark.parametrize("skew", ["0.4", "3"])
def test_a_page_upside_down_is_levelled_and_turned_upright(skew: str) -> None:
    # no crop: the page's own skew is levelled (by 3 degrees its ink map is made again)
    profile = with_steps(get_profile("standard"), crop=False)
    upright = virtual_page(("skew", skew), ("seed", "6"), dpi=200)
    plan = plan_page(np.ascontiguousarray(upright[::-1, ::-1]), 200, profile)
    assert [t.kind for t in plan.transforms] == [tf.DESKEW, tf.ORIENT]
    assert plan.transforms[1].params["rotation"] == 180
    assert plan.analysis.skew is not None
    assert abs(abs(plan.analysis.skew.angle_deg) - float(skew)) < 0.3

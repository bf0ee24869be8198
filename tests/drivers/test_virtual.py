"""The virtual scanner: sizes A7 to A0, modes and depths, batches, content, faults and cancel."""

from __future__ import annotations

import threading
import time

import cv2
import numpy as np
import pytest

from drivers.contract import (
    CancelToken,
    ColorMode,
    PageProgress,
    PageStarted,
    ScannedPage,
    ScanSettings,
    Side,
    Source,
)
from drivers.virtual import RESOLUTIONS, VirtualDriver
from station.errors import ErrorCode, StationError
from station.paper import PRESETS, mm_to_px, parse_paper, px_to_mm

DRIVER = VirtualDriver()


def scan(device: str = "virtual:a0", **settings) -> list[ScannedPage]:
    options = tuple(settings.pop("options", {}).items())
    if "paper" in settings:
        settings["paper"] = parse_paper(settings["paper"])
    return list(DRIVER.scan(device, ScanSettings(options=options, **settings), CancelToken()))


def error_of(device: str = "virtual:a0", **settings) -> StationError:
    with pytest.raises(StationError) as caught:
        scan(device, **settings)
    return caught.value


def grey(page: ScannedPage) -> np.ndarray:
    return page.pixels.mean(axis=2) if page.pixels.ndim == 3 else page.pixels


# --- devices and capabilities -------------------------------------------------------------
def test_lists_the_large_format_and_the_a4_device() -> None:
    devices = {device.id: device for device in DRIVER.list_devices()}
    assert set(devices) == {"virtual", "virtual:a3", "virtual:a0"}
    assert devices["virtual"].name == "Máy quét ảo / Virtual scanner"
    assert all(device.driver == "virtual" for device in devices.values())


def test_capabilities_cover_every_preset_on_the_large_device_and_a4_on_the_small_one() -> None:
    large, small = DRIVER.capabilities("virtual:a0"), DRIVER.capabilities("virtual")
    assert large.max_area_mm == (841.0, 1189.0)
    assert small.max_area_mm == (215.9, 297.0)
    assert set(large.sources) == {Source.FLATBED, Source.ADF, Source.DUPLEX}
    assert large.resolutions == (75, 100, 150, 200, 300, 400, 600) == RESOLUTIONS
    assert set(large.color_modes) == {ColorMode.COLOR, ColorMode.GRAY, ColorMode.LINEART}
    assert set(large.bit_depths) == {1, 8, 16}
    names = {option.name for option in large.options}
    assert names == {
        "seed", "content", "skew", "sheets", "noise", "blank-backs", "jam-after",
        "cover-open-after", "disconnect-after", "delay", "sheet", "part", "turn", "insert",
        "card-qr", "card",
    }  # fmt: skip
    content = next(option for option in large.options if option.name == "content")
    assert content.constraint == ["document", "card", "blank", "papers"]


def test_unknown_device_is_refused_by_capabilities_and_scan() -> None:
    with pytest.raises(StationError) as caught:
        DRIVER.capabilities("virtual:a9")
    assert caught.value.code is ErrorCode.DEVICE_NOT_FOUND
    assert caught.value.params == {"device": "virtual:a9"}
    assert error_of("nope").code is ErrorCode.DEVICE_NOT_FOUND


# --- sizes --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("paper", "dpi"),
    [(name, 100) for name in PRESETS] + [("A7", 600), ("A4", 600), ("A4", 300)],
)
def test_every_preset_comes_out_within_a_millimetre_of_its_size(paper: str, dpi: int) -> None:
    width_mm, height_mm = PRESETS[paper]
    [page] = scan(paper=paper, dpi=dpi, mode=ColorMode.GRAY, options={"noise": "0"})
    height, width = page.pixels.shape
    assert (width, height) == (mm_to_px(width_mm, dpi), mm_to_px(height_mm, dpi))
    assert abs(px_to_mm(width, dpi) - width_mm) <= 1.0
    assert abs(px_to_mm(height, dpi) - height_mm) <= 1.0
    assert page.paper == paper and page.dpi == dpi


def test_a3_is_refused_by_the_a4_scanner_but_taken_by_the_large_one() -> None:
    error = error_of("virtual", paper="A3", dpi=75)
    assert error.code is ErrorCode.PAPER_TOO_LARGE
    assert error.params["paper"] == "A3"
    [page] = scan("virtual:a0", paper="A3", dpi=75)
    assert page.pixels.shape[:2] == (mm_to_px(420, 75), mm_to_px(297, 75))


def test_auto_scans_the_whole_bed_with_the_sheet_near_the_corner_and_dark_bed_around() -> None:
    [page] = scan("virtual", dpi=100, options={"skew": "0", "noise": "0"})
    assert page.pixels.shape[:2] == (mm_to_px(297, 100), mm_to_px(215.9, 100))
    image = grey(page)
    assert image[:, :3].mean() < 60  # the bed shows left of the sheet
    assert image[:, -3:].mean() < 60  # and right of it
    assert np.median(image[:, image.shape[1] // 2]) > 200  # paper in the middle


# --- modes and depths ---------------------------------------------------------------------
def test_colour_is_rgb_uint8_with_red_seal_and_blue_signature_ink() -> None:
    [page] = scan(paper="A5", dpi=100, options={"seed": "3"})
    pixels = page.pixels.astype(int)
    assert page.pixels.dtype == np.uint8 and page.pixels.shape[2] == 3
    assert page.mode is ColorMode.COLOR and page.depth == 8
    red = (pixels[..., 0] > 150) & (pixels[..., 1] < 110) & (pixels[..., 2] < 120)
    blue = (pixels[..., 2] > 120) & (pixels[..., 0] < 90)
    assert red.sum() > 100 and blue.sum() > 100


def test_grey_is_one_channel_uint8() -> None:
    [page] = scan(paper="A6", dpi=100, mode=ColorMode.GRAY)
    assert page.pixels.ndim == 2 and page.pixels.dtype == np.uint8
    assert len(np.unique(page.pixels)) > 50


def test_lineart_holds_only_black_and_white_and_says_one_bit() -> None:
    [page] = scan(paper="A6", dpi=150, mode=ColorMode.LINEART)
    assert page.pixels.ndim == 2 and page.pixels.dtype == np.uint8
    assert set(np.unique(page.pixels).tolist()) == {0, 255}
    assert page.depth == 1


@pytest.mark.parametrize("mode", [ColorMode.GRAY, ColorMode.COLOR])
def test_sixteen_bit_spans_the_full_range(mode: ColorMode) -> None:
    [page] = scan(paper="A7", dpi=100, mode=mode, depth=16)
    assert page.pixels.dtype == np.uint16 and page.depth == 16
    assert page.pixels.ndim == (3 if mode is ColorMode.COLOR else 2)
    assert page.pixels.max() > 255 * 200
    assert not (page.pixels % 257).any()  # 8-bit samples scaled to 0..65535


@pytest.mark.parametrize(
    ("settings", "setting"),
    [
        ({"dpi": 123}, "dpi"),
        ({"mode": ColorMode.LINEART, "depth": 16}, "depth"),
        ({"mode": ColorMode.GRAY, "depth": 1}, "depth"),
        ({"count": 0}, "count"),
    ],
)
def test_settings_the_device_cannot_do_are_refused(settings: dict, setting: str) -> None:
    error = error_of(paper="A7", **settings)
    assert error.code is ErrorCode.UNSUPPORTED_SETTING
    assert error.params["setting"] == setting


# --- determinism and content --------------------------------------------------------------
def test_same_seed_gives_identical_pages_and_another_seed_differs() -> None:
    settings = {"paper": "A6", "dpi": 100, "source": Source.DUPLEX, "count": 2}
    first = scan(**settings, options={"seed": "7"})
    again = scan(**settings, options={"seed": "7"})
    other = scan(**settings, options={"seed": "8"})
    assert len(first) == 4
    for a, b, c in zip(first, again, other, strict=True):
        assert a.pixels.tobytes() == b.pixels.tobytes()
        assert a.pixels.tobytes() != c.pixels.tobytes()
    assert first[0].pixels.tobytes() != first[2].pixels.tobytes()  # sheet 2 is another paper


def test_skew_option_fixes_the_angle() -> None:
    straight = grey(scan(paper="A6", dpi=100, options={"skew": "0", "noise": "0"})[0])
    skewed = grey(scan(paper="A6", dpi=100, options={"skew": "6", "noise": "0"})[0])
    corners = (slice(1, 5), slice(1, 5)), (slice(-5, -1), slice(-5, -1))  # inside the edge shadow
    assert all(straight[c].mean() > 200 for c in corners)  # paper right into the corners
    assert all(skewed[c].mean() < 80 for c in corners)  # a turned sheet shows the bed there


def test_fronts_carry_ink_and_blank_backs_are_paper_with_faint_show_through() -> None:
    front, back = scan(
        paper="A5", dpi=100, source=Source.DUPLEX, count=1, mode=ColorMode.GRAY,
        options={"skew": "0", "seed": "4", "noise": "0"},
    )  # fmt: skip
    [blank] = scan(
        paper="A5", dpi=100, mode=ColorMode.GRAY,
        options={"skew": "0", "seed": "4", "noise": "0", "content": "blank"},
    )  # fmt: skip
    assert (front.side, back.side) == (Side.FRONT, Side.BACK)
    assert (front.pixels < 128).mean() > 0.02
    assert (back.pixels < 128).mean() < 0.001  # a dust speck here and there
    assert np.median(back.pixels) > 215

    def faint(page: ScannedPage) -> float:
        return float((page.pixels < np.median(page.pixels) - 4).mean())

    assert faint(back) > 0.015 > 0.01 > faint(blank)  # the front's print shows through


def test_backs_carry_text_when_blank_backs_is_off() -> None:
    pages = scan(
        paper="A5", dpi=100, source=Source.DUPLEX, count=1, mode=ColorMode.GRAY,
        options={"skew": "0", "blank-backs": "0"},
    )  # fmt: skip
    assert (pages[1].pixels < 128).mean() > 0.02


def test_blank_content_is_bare_paper() -> None:
    [page] = scan(
        paper="A5", dpi=100, mode=ColorMode.GRAY, options={"content": "blank", "skew": "0"}
    )
    assert (page.pixels < 128).mean() < 0.001


def test_a_card_lies_on_the_dark_bed_somewhere_that_depends_on_the_seed() -> None:
    dpi, centres = 100, []
    card = sorted((mm_to_px(85.6, dpi), mm_to_px(54, dpi)))
    for seed in ("1", "2"):
        [page] = scan(paper="A5", dpi=dpi, options={"content": "card", "seed": seed})
        image = grey(page)
        bright = (image > 120).astype(np.uint8)
        contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        centre, size, _angle = cv2.minAreaRect(max(contours, key=cv2.contourArea))
        assert sorted(size) == pytest.approx(card, abs=3)  # the card, rounded corners and all
        assert np.median(image[bright == 0]) < 60  # on a dark bed
        centres.append(centre)
    assert centres[0] != pytest.approx(centres[1], abs=5)


# --- batches ------------------------------------------------------------------------------
def test_flatbed_scans_one_sheet_unless_a_count_is_given() -> None:
    assert [p.sheet for p in scan(paper="A7", dpi=75)] == [1]
    assert [p.sheet for p in scan(paper="A7", dpi=75, count=3)] == [1, 2, 3]


def test_the_feeder_holds_five_sheets_and_stops_when_empty() -> None:
    pages = scan(paper="A7", dpi=75, source=Source.ADF)
    assert [p.sheet for p in pages] == [1, 2, 3, 4, 5]
    assert all(p.source is Source.ADF and p.side is Side.FRONT for p in pages)
    assert len(scan(paper="A7", dpi=75, source=Source.ADF, count=9, options={"sheets": "2"})) == 2
    assert len(scan(paper="A7", dpi=75, source=Source.ADF, count=2, options={"sheets": "8"})) == 2


def test_duplex_yields_front_then_back_of_each_sheet() -> None:
    pages = scan(paper="A7", dpi=75, source=Source.DUPLEX, options={"sheets": "3"})
    assert [(p.sheet, p.side) for p in pages] == [
        (1, Side.FRONT), (1, Side.BACK), (2, Side.FRONT), (2, Side.BACK),
        (3, Side.FRONT), (3, Side.BACK),
    ]  # fmt: skip
    assert all(p.device_id == "virtual:a0" and p.paper == "A7" for p in pages)


def test_an_empty_feeder_reports_no_documents() -> None:
    error = error_of(paper="A7", dpi=75, source=Source.ADF, options={"sheets": "0"})
    assert error.code is ErrorCode.SCANNER_NO_DOCS


def test_events_report_each_page_start_and_its_rows() -> None:
    seen: list = []
    settings = ScanSettings(paper=parse_paper("A5"), dpi=100, source=Source.DUPLEX, count=1)
    pages = list(DRIVER.scan("virtual:a0", settings, CancelToken(), seen.append))
    for page in pages:
        events = [e for e in seen if e.sheet == page.sheet and e.side == page.side]
        assert events[0] == PageStarted(page.sheet, page.side)
        progress = [e for e in events[1:] if isinstance(e, PageProgress)]
        rows = [e.rows for e in progress]
        assert len(rows) > 1 and rows == sorted(rows)
        assert progress[-1].rows == progress[-1].total_rows == page.pixels.shape[0]


# --- faults, cancel, options --------------------------------------------------------------
@pytest.mark.parametrize(
    ("option", "code"),
    [
        ("jam-after", ErrorCode.SCANNER_JAMMED),
        ("cover_open_after", ErrorCode.SCANNER_COVER_OPEN),
        ("disconnect-after", ErrorCode.SCANNER_DISCONNECTED),
    ],
)
def test_a_fault_stops_the_batch_after_the_pages_of_the_earlier_sheets(option, code) -> None:
    settings = ScanSettings(
        paper=parse_paper("A7"), dpi=75, source=Source.DUPLEX, options=((option, "2"),)
    )
    received = []
    with pytest.raises(StationError) as caught:
        for page in DRIVER.scan("virtual:a0", settings, CancelToken()):
            received.append((page.sheet, page.side))
    assert received == [(1, Side.FRONT), (1, Side.BACK), (2, Side.FRONT), (2, Side.BACK)]
    assert caught.value.code is code
    assert caught.value.params == {"device": "virtual:a0", "sheet": 3}


def test_a_fault_after_zero_sheets_strikes_before_the_first_page() -> None:
    assert error_of(paper="A7", options={"jam_after": "0"}).code is ErrorCode.SCANNER_JAMMED


def test_cancel_mid_page_raises_scan_cancelled() -> None:
    cancel = CancelToken()
    progress: list[PageProgress] = []

    def on_event(event) -> None:
        if isinstance(event, PageProgress):
            progress.append(event)
            cancel.cancel()

    settings = ScanSettings(paper=parse_paper("A4"), dpi=150)
    with pytest.raises(StationError) as caught:
        list(DRIVER.scan("virtual:a0", settings, cancel, on_event))
    assert caught.value.code is ErrorCode.SCAN_CANCELLED
    assert len(progress) == 1 and progress[0].rows < progress[0].total_rows


def test_cancel_interrupts_a_slow_scanners_wait() -> None:
    cancel = CancelToken()
    settings = ScanSettings(paper=parse_paper("A7"), dpi=75, options=(("delay", "30"),))
    threading.Timer(0.2, cancel.cancel).start()
    started = time.monotonic()
    with pytest.raises(StationError) as caught:
        list(DRIVER.scan("virtual:a0", settings, cancel))
    assert caught.value.code is ErrorCode.SCAN_CANCELLED
    assert time.monotonic() - started < 10  # far less than one 30 s strip


@pytest.mark.parametrize(
    ("pair", "params"),
    [
        (("colour", "red"), {"option": "colour"}),
        (("content", "poster"), {"option": "content", "value": "poster"}),
        (("seed", "x"), {"option": "seed", "value": "x"}),
        (("noise", "2"), {"option": "noise", "value": "2"}),
        (("skew", "nan"), {"option": "skew", "value": "nan"}),
        (("blank-backs", "maybe"), {"option": "blank-backs", "value": "maybe"}),
        (("insert", "2:/no/such/sheet.png"), {"option": "insert", "value": "2:/no/such/sheet.png"}),
        (("card-qr", "poster"), {"option": "card-qr", "value": "poster"}),
    ],
)
def test_unknown_options_and_bad_values_are_refused(pair, params) -> None:
    error = error_of(paper="A7", options=dict([pair]))
    assert error.code is ErrorCode.INVALID_OPTION
    assert error.params == params


def test_option_names_take_dashes_or_underscores() -> None:
    dashed = scan(paper="A7", dpi=75, options={"blank-backs": "0", "seed": "3"})
    underscored = scan(paper="A7", dpi=75, options={"blank_backs": "0", "seed": "3"})
    assert dashed[0].pixels.tobytes() == underscored[0].pixels.tobytes()


# --- a large sheet in parts ---------------------------------------------------------------
def test_a_large_sheet_lies_on_the_a4_and_a3_beds_part_by_part() -> None:
    def part(device: str, number: int, turn: int = 0) -> np.ndarray:
        options = {"sheet": "A2", "part": str(number), "turn": str(turn), "seed": "3"}
        (page,) = scan(device, paper="auto", dpi=75, source=Source.FLATBED, options=options)
        return np.asarray(page.pixels)

    a4, a3 = part("virtual", 1), part("virtual:a3", 1)
    assert a4.shape[:2] == (round(297 / 25.4 * 75), round(215.9 / 25.4 * 75))
    assert a3.shape[:2] == (round(420 / 25.4 * 75), round(297 / 25.4 * 75))
    assert not np.array_equal(part("virtual", 1), part("virtual", 2))
    assert not np.array_equal(part("virtual", 1), part("virtual", 1, turn=180))
    assert np.array_equal(part("virtual", 2), part("virtual", 2))  # the seed decides


def test_a_part_beyond_the_sheets_grid_is_refused() -> None:
    refused = error_of("virtual", paper="auto", dpi=75, source=Source.FLATBED,
                       options={"sheet": "A3", "part": "9"})  # fmt: skip
    assert refused.code is ErrorCode.INVALID_OPTION


def test_a_sheet_printed_from_a_file_is_fed_where_asked(tmp_path) -> None:
    sheet = np.full((297, 210), 255, np.uint8)
    sheet[100:200, 50:160] = 0  # a black box in the middle of the page
    path = tmp_path / "box.png"
    cv2.imwrite(str(path), sheet)
    pages = scan(
        "virtual", paper="A4", dpi=75, source=Source.ADF, mode=ColorMode.GRAY,
        options={"sheets": "3", "insert": f"2:{path}", "skew": "0", "noise": "0"},
    )  # fmt: skip
    middle = [float(page.pixels[330:560, 170:450].mean()) for page in pages]  # 75 dpi
    assert middle[1] < 60 and middle[0] > 100 and middle[2] > 100

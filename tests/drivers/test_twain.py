"""The TWAIN driver against the fake pytwain: negotiation, capabilities, batches, transfers,
count, cancel and a missing pytwain. Condition codes are in test_twain_conditions.py."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from drivers.contract import (
    CancelToken,
    ColorMode,
    PageProgress,
    PageStarted,
    ScanSettings,
    Side,
    Source,
)
from drivers.twain import TwainDriver
from station.errors import ErrorCode, StationError
from station.paper import parse_paper
from tests.fakes import twain as tw
from tests.fakes.twain import simulator
from tests.fakes.twain.scanner import Fault
from tests.fakes.twain.testing import (
    assert_closed,
    expected,
    feeder,
    flatbed,
    installer,
    scan_all,
    source,
)

FEEDER = "twain:Fake DR-C225"
FLATBED = "twain:Fake Flatbed"


@pytest.fixture
def install():
    yield from installer()


def settings(**overrides) -> ScanSettings:
    values = {"paper": parse_paper("A6"), "dpi": 75, "source": Source.DUPLEX}
    return ScanSettings(**{**values, **overrides})


# Devices and capabilities -------------------------------------------------------------------
def test_lists_each_twain_source_as_a_device(install) -> None:
    driver = install(flatbed(), feeder())
    devices = driver.list_devices()
    assert [(d.id, d.name, d.driver) for d in devices] == [
        (FLATBED, "Fake Flatbed", "twain"),
        (FEEDER, "Fake DR-C225", "twain"),
    ]


def test_no_source_installed_lists_nothing(install) -> None:
    assert install().list_devices() == []


def test_capabilities_of_a_flatbed_with_a_duplex_feeder(install) -> None:
    driver = install(feeder(flatbed=True, feeder_in=(8.5, 14.0), flatbed_in=(8.5, 11.7)))
    caps = driver.capabilities(FEEDER)
    assert caps.sources == (Source.FLATBED, Source.ADF, Source.DUPLEX)
    assert caps.resolutions == (75, 100, 150, 200, 300, 600)
    assert caps.color_modes == (ColorMode.COLOR, ColorMode.GRAY, ColorMode.LINEART)
    assert caps.bit_depths == (1, 8, 16)  # 24/48-bit RGB reported per sample
    assert caps.max_area_mm == pytest.approx((215.9, 355.6), abs=0.01)  # the feeder's, longer
    transfer = caps.options[0]
    assert (transfer.name, transfer.constraint, transfer.value) == (
        "transfer",
        ["memory", "native"],
        "memory",
    )
    contrast = next(o for o in caps.options if o.name == "ICAP_CONTRAST")
    assert (contrast.type, contrast.constraint) == ("fixed", (-1000.0, 1000.0, 1.0))
    assert_closed(source())


def test_capabilities_of_a_simplex_feeder_with_a_resolution_range(install) -> None:
    scanner = feeder(
        duplex=False,
        resolution_range=(50.0, 500.0, 1.0),
        bit_depths={tw.TWPT_GRAY: (8,)},
        xfer_mechs=(tw.TWSX_NATIVE,),
    )
    caps = install(scanner).capabilities(FEEDER)
    assert caps.sources == (Source.ADF,)
    assert caps.resolutions == (75, 100, 150, 200, 240, 300, 400)
    assert caps.color_modes == (ColorMode.GRAY,)
    assert caps.bit_depths == (8,)
    assert caps.options[0].constraint == ["native"]


def test_capabilities_of_an_unknown_device(install) -> None:
    with pytest.raises(StationError) as caught:
        install(flatbed()).capabilities("twain:Nowhere")
    assert caught.value.code is ErrorCode.DEVICE_NOT_FOUND


# Negotiation --------------------------------------------------------------------------------
def test_settings_are_set_on_the_source(install) -> None:
    driver = install(feeder())
    chosen = settings(
        paper=parse_paper("A5"), dpi=150, mode=ColorMode.GRAY, depth=16, source=Source.ADF
    )
    pages = scan_all(driver, FEEDER, chosen)
    ds = source()
    log = dict(ds.log)
    assert log[tw.CAP_FEEDERENABLED] is True
    assert log[tw.CAP_DUPLEXENABLED] is False
    assert log[tw.ICAP_XFERMECH] == tw.TWSX_MEMORY
    assert log[tw.ICAP_UNITS] == tw.TWUN_INCHES
    assert log[tw.ICAP_PIXELTYPE] == tw.TWPT_GRAY
    assert log[tw.ICAP_BITDEPTH] == 16
    assert log[tw.ICAP_XRESOLUTION] == log[tw.ICAP_YRESOLUTION] == 150.0
    assert log[tw.ICAP_SUPPORTEDSIZES] == tw.TWSS_A5
    assert log[tw.CAP_XFERCOUNT] == -1
    assert len(pages) == 3
    assert pages[0].pixels.shape == parse_paper("A5").pixels(150)[::-1]
    assert pages[0].pixels.dtype == np.uint16 and pages[0].depth == 16
    assert np.array_equal(pages[2].pixels, expected(pages[2]))


def test_a_size_the_source_does_not_list_is_framed_in_inches(install) -> None:
    driver = install(flatbed())
    pages = scan_all(driver, FLATBED, settings(paper=parse_paper("100x150"), source=Source.FLATBED))
    ds = source()
    assert tw.ICAP_SUPPORTEDSIZES not in dict(ds.log)
    assert ds.layouts == [pytest.approx((0.0, 0.0, 100 / 25.4, 150 / 25.4), abs=1e-4)]
    assert [p.pixels.shape for p in pages] == [(443, 295, 3)]  # 150 and 100 mm at 75 dpi
    assert (pages[0].sheet, pages[0].side, pages[0].source) == (1, Side.FRONT, Source.FLATBED)


def test_a_source_without_image_layout_is_framed_through_icap_frames(install) -> None:
    driver = install(flatbed(image_layout=False))
    pages = scan_all(driver, FLATBED, settings(paper=parse_paper("100x150"), source=Source.FLATBED))
    frame = dict(source().log)[tw.ICAP_FRAMES]
    assert frame == pytest.approx((0.0, 0.0, 100 / 25.4, 150 / 25.4), abs=1e-4)
    assert [p.pixels.shape for p in pages] == [(443, 295, 3)]


def test_a3_on_an_a4_bed_is_refused_before_scanning(install) -> None:
    driver = install(flatbed(flatbed_in=(8.5, 11.7)))
    with pytest.raises(StationError) as caught:
        scan_all(driver, FLATBED, settings(paper=parse_paper("A3"), source=Source.FLATBED))
    assert caught.value.code is ErrorCode.PAPER_TOO_LARGE
    assert caught.value.params["paper"] == "A3"
    assert source().messages == []  # never enabled
    assert_closed(source())


@pytest.mark.parametrize(
    ("scanner", "chosen", "setting", "value"),
    [
        (flatbed(), settings(dpi=250, source=Source.FLATBED), "dpi", "250"),
        (feeder(duplex=False), settings(source=Source.DUPLEX), "source", "duplex"),
        (flatbed(), settings(source=Source.ADF), "source", "adf"),
        (feeder(flatbed=False), settings(source=Source.FLATBED), "source", "flatbed"),
        (
            flatbed(bit_depths={tw.TWPT_RGB: (24,), tw.TWPT_GRAY: (8,)}),
            settings(mode=ColorMode.LINEART, source=Source.FLATBED),
            "mode",
            "lineart",
        ),
        (
            flatbed(bit_depths={tw.TWPT_RGB: (24,)}),
            settings(depth=16, source=Source.FLATBED),
            "depth",
            "16",
        ),
        (
            flatbed(),
            settings(depth=16, source=Source.FLATBED, options=(("transfer", "native"),)),
            "depth",
            "16",
        ),
        (
            flatbed(xfer_mechs=(tw.TWSX_NATIVE,)),
            settings(source=Source.FLATBED, options=(("transfer", "memory"),)),
            "transfer",
            "memory",
        ),
    ],
)
def test_a_setting_the_source_lacks_is_unsupported(install, scanner, chosen, setting, value):
    driver = install(scanner)
    with pytest.raises(StationError) as caught:
        scan_all(driver, f"twain:{scanner.name}", chosen)
    assert caught.value.code is ErrorCode.UNSUPPORTED_SETTING
    assert (caught.value.params["setting"], caught.value.params["value"]) == (setting, value)
    assert_closed(source())


def test_a_source_that_refuses_a_set_value_is_unsupported(install) -> None:
    scanner = flatbed(faults=[Fault(tw.TWCC_BADVALUE, at="set", cap=tw.ICAP_PIXELTYPE)])
    with pytest.raises(StationError) as caught:
        scan_all(install(scanner), FLATBED, settings(source=Source.FLATBED))
    assert caught.value.code is ErrorCode.UNSUPPORTED_SETTING
    assert caught.value.params["setting"] == "mode"


def test_resolution_from_a_range(install) -> None:
    driver = install(flatbed(resolution_range=(50.0, 1200.0, 1.0)))
    pages = scan_all(driver, FLATBED, settings(dpi=96, source=Source.FLATBED))
    assert pages[0].dpi == 96
    assert pages[0].pixels.shape[:2] == parse_paper("A6").pixels(96)[::-1]
    with pytest.raises(StationError) as caught:
        scan_all(driver, FLATBED, settings(dpi=40, source=Source.FLATBED))
    assert caught.value.code is ErrorCode.UNSUPPORTED_SETTING


# Batches and transfers ----------------------------------------------------------------------
def test_duplex_feeder_run_numbers_sheets_and_sides(install) -> None:
    driver = install(feeder(sheets=3))
    seen = []
    pages = scan_all(driver, FEEDER, settings(), events=seen.append)
    assert [(p.sheet, p.side) for p in pages] == [
        (1, Side.FRONT),
        (1, Side.BACK),
        (2, Side.FRONT),
        (2, Side.BACK),
        (3, Side.FRONT),
        (3, Side.BACK),
    ]
    width, height = parse_paper("A6").pixels(75)
    for page in pages:
        assert page.pixels.shape == (height, width, 3)
        assert (page.dpi, page.mode, page.depth, page.source) == (
            75,
            ColorMode.COLOR,
            8,
            Source.DUPLEX,
        )
        assert page.device_id == FEEDER and page.paper == "A6"
        assert np.array_equal(page.pixels, expected(page))
    back_of_two = pages[3].pixels  # the pattern's formulas, written out independently
    assert tuple(back_of_two[10, 20]) == ((20 + 3 * 2) % 256, (10 + 50) % 256, (10 + 3 + 14) % 256)
    started = [e for e in seen if isinstance(e, PageStarted)]
    assert started == [PageStarted(p.sheet, p.side) for p in pages]
    progress = [e for e in seen if isinstance(e, PageProgress) and e.sheet == 1]
    assert len(progress) > 2  # several strips per side
    assert progress[-1] == PageProgress(1, Side.BACK, height, height)
    assert source().scanner.sheets == 0
    assert_closed(source())


@pytest.mark.parametrize("mode", [ColorMode.COLOR, ColorMode.GRAY, ColorMode.LINEART])
@pytest.mark.parametrize("palette_count", [True, False])
def test_native_and_memory_transfers_give_identical_pixels(install, mode, palette_count):
    chosen = {"paper": parse_paper("53x31"), "mode": mode, "source": Source.ADF}  # odd widths
    results = {}
    for transfer in ("native", "memory"):
        driver = install(feeder(sheets=2, dib_palette_count=palette_count, row_align=1))
        scanned = scan_all(driver, FEEDER, settings(**chosen, options=(("transfer", transfer),)))
        assert dict(source().log)[tw.ICAP_XFERMECH] == getattr(tw, f"TWSX_{transfer.upper()}")
        results[transfer] = scanned
    width, height = parse_paper("53x31").pixels(75)
    for native, memory in zip(results["native"], results["memory"], strict=True):
        shape = (height, width, 3) if mode is ColorMode.COLOR else (height, width)
        assert native.pixels.shape == memory.pixels.shape == shape
        assert np.array_equal(native.pixels, memory.pixels)
        assert np.array_equal(memory.pixels, expected(memory))
        assert native.mode == memory.mode == mode
    if mode is ColorMode.LINEART:
        assert set(np.unique(results["memory"][0].pixels)) == {0, 255}
        assert results["memory"][0].depth == 1


def test_vanilla_pixel_flavor_is_read_the_right_way_round(install) -> None:
    driver = install(feeder(sheets=1, pixel_flavor=tw.TWPF_VANILLA))
    for mode in (ColorMode.GRAY, ColorMode.LINEART):
        page = scan_all(driver, FEEDER, settings(mode=mode, source=Source.ADF))[0]
        assert np.array_equal(page.pixels, expected(page))
        source().scanner.sheets = 1


def test_memory_transfer_of_unknown_length(install) -> None:
    driver = install(feeder(sheets=1, length_known=False))
    seen = []
    pages = scan_all(driver, FEEDER, settings(source=Source.ADF), events=seen.append)
    assert np.array_equal(pages[0].pixels, expected(pages[0]))
    totals = {e.total_rows for e in seen if isinstance(e, PageProgress)}
    assert totals == {None}


def test_source_that_announces_transfers_through_messages(install) -> None:
    driver = install(feeder(sheets=2, xfer_ready="event"))
    pages = scan_all(driver, FEEDER, settings())
    assert len(pages) == 4
    assert_closed(source())


@pytest.mark.parametrize("honours", [True, False])
def test_count_limits_the_sheets_taken(install, honours) -> None:
    driver = install(feeder(sheets=5, honours_xfercount=honours))
    pages = scan_all(driver, FEEDER, settings(count=2))
    assert [(p.sheet, p.side) for p in pages][-1] == (2, Side.BACK)
    assert len(pages) == 4
    assert dict(source().log)[tw.CAP_XFERCOUNT] == 4  # images, two per duplex sheet
    assert source().scanner.sheets == 3  # the rest stay in the feeder
    assert_closed(source())


def test_flatbed_gives_one_page(install) -> None:
    pages = scan_all(install(flatbed()), FLATBED, settings(source=Source.FLATBED))
    assert [(p.sheet, p.side) for p in pages] == [(1, Side.FRONT)]
    assert dict(source().log)[tw.CAP_XFERCOUNT] == 1


def test_empty_feeder_is_no_docs_before_enabling(install) -> None:
    with pytest.raises(StationError) as caught:
        scan_all(install(feeder(sheets=0)), FEEDER, settings())
    assert caught.value.code is ErrorCode.SCANNER_NO_DOCS
    assert caught.value.params["sheet"] == 1
    assert_closed(source())


def test_passthrough_capabilities_are_set_as_given(install) -> None:
    driver = install(flatbed())
    options = (
        ("ICAP_CONTRAST", "10"),
        ("CAP_INDICATORS", "false"),
        ("ICAP_PIXELFLAVOR", "TWPF_VANILLA"),
        ("ICAP_THRESHOLD", "99"),
    )
    scan_all(driver, FLATBED, settings(source=Source.FLATBED, options=options))
    log = dict(source().log)
    assert log[tw.ICAP_CONTRAST] == 10.0
    assert log[tw.CAP_INDICATORS] is False
    assert log[tw.ICAP_PIXELFLAVOR] == tw.TWPF_VANILLA
    assert log[tw.ICAP_THRESHOLD] == 99.0


@pytest.mark.parametrize(
    ("option", "code"),
    [
        (("ICAP_NOSUCHTHING", "1"), ErrorCode.INVALID_OPTION),
        (("resolution", "300"), ErrorCode.INVALID_OPTION),
        (("transfer", "file"), ErrorCode.INVALID_OPTION),
        (("ICAP_CONTRAST", "high"), ErrorCode.INVALID_OPTION),
        (("ICAP_GAMMA", "2.2"), ErrorCode.UNSUPPORTED_SETTING),  # TWAIN has it, this source not
        (("ICAP_PHYSICALWIDTH", "20"), ErrorCode.UNSUPPORTED_SETTING),  # read-only
    ],
)
def test_bad_passthrough_options(install, option, code) -> None:
    with pytest.raises(StationError) as caught:
        scan_all(install(flatbed()), FLATBED, settings(source=Source.FLATBED, options=(option,)))
    assert caught.value.code is code
    assert option[0] in str(caught.value.params)


# Cancel -------------------------------------------------------------------------------------
def test_cancel_between_pages_keeps_the_pages_already_scanned(install) -> None:
    driver = install(feeder(sheets=4))
    cancel = CancelToken()
    received = []
    with pytest.raises(StationError) as caught:
        for page in driver.scan(FEEDER, settings(), cancel):
            received.append(page)
            if len(received) == 3:
                cancel.cancel()
    assert caught.value.code is ErrorCode.SCAN_CANCELLED
    assert caught.value.params["sheet"] == 2
    assert [(p.sheet, p.side) for p in received] == [
        (1, Side.FRONT),
        (1, Side.BACK),
        (2, Side.FRONT),
    ]
    assert source().scanner.sheets == 2  # pending sheets were reset, not fed
    assert_closed(source())


def test_cancel_between_memory_strips(install) -> None:
    driver = install(feeder(sheets=3))
    cancel = CancelToken()

    def cancel_mid_page(event) -> None:
        if isinstance(event, PageProgress) and (event.sheet, event.side) == (2, Side.FRONT):
            cancel.cancel()

    received = []
    with pytest.raises(StationError) as caught:
        for page in driver.scan(FEEDER, settings(), cancel, events=cancel_mid_page):
            received.append(page)
    assert caught.value.code is ErrorCode.SCAN_CANCELLED
    assert len(received) == 2
    image = source().image
    assert image is None  # the transfer in progress was ended (MSG_ENDXFER in state 7)
    assert_closed(source())


def test_already_cancelled_scan_never_feeds(install) -> None:
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(StationError) as caught:
        scan_all(install(feeder()), FEEDER, settings(), cancel=cancel)
    assert caught.value.code is ErrorCode.SCAN_CANCELLED
    assert source().scanner.sheets == 3
    assert_closed(source())


def test_stopping_the_iteration_early_unwinds_the_source(install) -> None:
    scan = install(feeder(sheets=3)).scan(FEEDER, settings(), CancelToken())
    first = next(scan)
    scan.close()
    assert (first.sheet, first.side) == (1, Side.FRONT)
    assert_closed(source())


# Without pytwain ----------------------------------------------------------------------------
def test_without_pytwain_every_call_is_driver_unavailable(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "twain", None)  # import twain -> ImportError
    driver = TwainDriver()
    calls = [
        driver.list_devices,
        lambda: driver.capabilities(FEEDER),
        lambda: list(driver.scan(FEEDER, settings(), CancelToken())),
    ]
    for call in calls:
        with pytest.raises(StationError) as caught:
            call()
        assert caught.value.code is ErrorCode.DRIVER_UNAVAILABLE
        assert caught.value.params["driver"] == "twain"


def test_without_a_source_manager_dll_the_driver_is_unavailable() -> None:
    simulator.uninstall()  # pytwain imports, but twaindsm.dll is missing
    with pytest.raises(StationError) as caught:
        TwainDriver(twain_module=tw).list_devices()
    assert caught.value.code is ErrorCode.DRIVER_UNAVAILABLE
    assert "SMLoadFileFailed" in caught.value.params["detail"]

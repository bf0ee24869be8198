"""The fake pytwain answers as pytwain 2.3.0 on a TWAIN 1.x source does: same shapes, same
exceptions for the same misuse. If these drift, the driver tests prove nothing."""

from __future__ import annotations

import logging

import pytest

from tests.fakes import twain as tw
from tests.fakes.twain import simulator
from tests.fakes.twain.scanner import Fault
from tests.fakes.twain.testing import feeder, flatbed


@pytest.fixture
def manager():
    simulator.install(flatbed(), feeder(sheets=2, flatbed=True))
    before = tw.live_handles()
    sm = tw.SourceManager(None)
    yield sm
    sm.close()
    simulator.uninstall()
    assert tw.live_handles() == before


def test_source_list_and_identity(manager) -> None:
    assert manager.source_list == ["Fake Flatbed", "Fake DR-C225"]
    with manager.open_source("Fake DR-C225") as ds:
        assert ds.name == "Fake DR-C225"
        assert ds.identity["Manufacturer"] == "SoHoa Test Devices"
        assert not ds.is_twain2()


def test_opening_an_absent_source_is_no_data_source(manager) -> None:
    with pytest.raises(tw.exceptions.NoDataSourceError):
        manager.open_source("Nowhere")


def test_without_the_dsm_library_source_manager_fails_to_load() -> None:
    simulator.uninstall()
    with pytest.raises(tw.exceptions.SMLoadFileFailed):
        tw.SourceManager(None)


def test_capability_answers_have_pytwain_shapes(manager) -> None:
    ds = manager.open_source("Fake DR-C225")
    item_type, (current, default, items) = ds.get_capability(tw.ICAP_XRESOLUTION)
    assert item_type == tw.TWTY_FIX32
    assert isinstance(items[0], tw.structs.TW_FIX32)  # not converted, as in pytwain
    assert [tw.structs.fix2float(i) for i in items][current] == 200.0
    assert ds.get_capability(tw.CAP_FEEDERENABLED) == (tw.TWTY_BOOL, (0, 0, [0, 1]))
    assert ds.get_capability_current(tw.CAP_FEEDERENABLED) == (tw.TWTY_BOOL, False)
    assert ds.get_capability_current(tw.ICAP_PHYSICALWIDTH) == (tw.TWTY_FIX32, 8.5)
    contrast = ds.get_capability(tw.ICAP_CONTRAST)
    assert set(contrast) == {"MinValue", "MaxValue", "StepSize", "DefaultValue", "CurrentValue"}
    assert contrast["MinValue"] == 0xFC18  # TW_FIX32(-1000, 0) read as a TW_UINT32
    assert contrast["MaxValue"] == 1000


def test_misuse_raises_what_pytwain_raises(manager) -> None:
    ds = manager.open_source("Fake Flatbed")
    with pytest.raises(tw.exceptions.SequenceError):
        ds.xfer_image_natively()  # before request_acquire
    with pytest.raises(tw.exceptions.SequenceError):
        _ = ds.image_info
    with pytest.raises(tw.exceptions.CapUnsupported):
        ds.get_capability(tw.CAP_FEEDERENABLED)  # a flatbed has no feeder
    with pytest.raises(ValueError):
        ds.set_capability(tw.ICAP_PIXELTYPE, tw.TWTY_UINT16, tw.TWPT_CMYK)  # TWCC_BADVALUE
    with pytest.raises(tw.exceptions.CapBadOperation):
        ds.set_capability(tw.ICAP_PHYSICALWIDTH, tw.TWTY_FIX32, 20.0)
    with pytest.raises(tw.exceptions.CheckStatus):
        ds.set_capability(tw.ICAP_XRESOLUTION, tw.TWTY_FIX32, 301.0)  # snapped to 300
    with pytest.raises(tw.exceptions.CheckStatus):
        ds.set_image_layout((0.0, 0.0, 20.0, 20.0))  # clipped to the bed
    ds.request_acquire(show_ui=False, modal_ui=False)
    with pytest.raises(tw.exceptions.SequenceError):
        ds.set_capability(tw.ICAP_PIXELTYPE, tw.TWTY_UINT16, tw.TWPT_GRAY)  # state 6
    with pytest.raises(tw.exceptions.SequenceError):
        ds.hide_ui()  # MSG_DISABLEDS in state 6
    handle, more = ds.xfer_image_natively()
    assert isinstance(handle, int) and more == 0
    bmp = tw.dib_to_bm_file(handle)
    assert bmp[:2] == b"BM"
    tw.global_handle_free(handle)
    with pytest.raises(OSError):
        tw.global_handle_free(handle)
    ds.hide_ui()


def test_a_feeder_reports_an_unknown_pending_count(manager) -> None:
    ds = manager.open_source("Fake DR-C225")
    ds.set_capability(tw.CAP_FEEDERENABLED, tw.TWTY_BOOL, True)
    ds.request_acquire(False, False)
    counts = []
    for _ in range(2):
        handle, more = ds.xfer_image_natively()
        tw.global_handle_free(handle)
        counts.append(more)
    assert counts == [65535, 0]  # -1 read through pytwain's unsigned TW_PENDINGXFERS.Count
    ds.hide_ui()


def test_condition_codes_become_pytwain_exceptions(manager) -> None:
    ds = manager.open_source("Fake DR-C225")
    scanner = simulator.opened[-1].scanner
    scanner.faults = [Fault(24, at="enable")]
    with pytest.raises(tw.exceptions.UnknownError, match="ConditionCode = 24"):
        ds.request_acquire(False, False)
    scanner.faults = [Fault(tw.TWCC_LOWMEMORY, at="enable")]
    with pytest.raises(MemoryError):
        ds.request_acquire(False, False)
    scanner.faults = [Fault(tw.TWCC_PAPERJAM, at="enable")]
    with pytest.raises(tw.exceptions.PaperJam):
        ds.request_acquire(False, False)


def test_event_driven_source_needs_the_message_loop(manager) -> None:
    ds = manager.open_source("Fake Flatbed")
    simulator.opened[-1].scanner.xfer_ready = "event"
    ds.request_acquire(False, False)
    with pytest.raises(tw.exceptions.SequenceError):
        ds.xfer_image_natively()  # still state 5: MSG_XFERREADY not yet delivered
    ds.modal_loop()
    assert ds._state == "ready"
    handle, more = ds.xfer_image_natively()
    tw.global_handle_free(handle)
    assert (more, ds._state) == (0, "enabled")
    ds.hide_ui()


def test_pytwain_close_cannot_unwind_a_direct_transfer_loop(manager, caplog) -> None:
    # Why the driver tracks TWAIN states itself: pytwain's shadow state stays "enabled" while
    # the source sits in state 6, so close() sends MSG_DISABLEDS, fails, and leaves it open.
    ds = manager.open_source("Fake DR-C225")
    ds.set_capability(tw.CAP_FEEDERENABLED, tw.TWTY_BOOL, True)
    ds.request_acquire(False, False)
    handle, more = ds.xfer_image_natively()
    tw.global_handle_free(handle)
    assert more == 65535
    with caplog.at_level(logging.WARNING, logger="twain"):
        ds.close()
    assert "Failed to disable" in caplog.text
    assert simulator.opened[-1].state == 6
    ds._end_all_xfers()  # what the driver does first
    ds.close()
    assert simulator.opened[-1].state == 3

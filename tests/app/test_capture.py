"""The capture session: the station's one scan loop, into the store, with plain events."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from app.analysis import analyse_page, processed_pixels
from app.capture import (
    CaptureRequest,
    CaptureSession,
    PageCaptured,
    ScanEnded,
    ScanProgress,
    Target,
    capture,
    fixed_target,
)
from app.counter import CounterSession
from drivers.bridge import InProcessBridge
from drivers.contract import ColorMode, Source
from station.errors import ErrorCode, StationError
from tests.app.support import Recorder, batch
from tests.station.workflow.support import CODE, new_dossier


@pytest.fixture
def bridge():
    opened = InProcessBridge()
    yield opened
    opened.close()


def test_virtual_batch_goes_into_a_draft_dossier_made_on_the_first_page(bridge, store) -> None:
    events = Recorder()
    ended = capture(bridge, store, CaptureRequest("virtual", batch(3), fixed_target(None)), events)
    assert (ended.pages, ended.error, ended.cancelled) == (3, None, False)
    pages = store.pages(ended.dossier_code)
    assert [p.order for p in pages] == [1, 2, 3]
    assert [e.page.id for e in events.of(PageCaptured)] == [p.id for p in pages]
    assert events[-1] == ended and len(events.of(ScanEnded)) == 1
    assert events.of(ScanProgress)[0].fraction == 0.0
    assert len(store.dossiers()) == 1  # one draft, not one per page


def test_sane_test_device_pages_are_stored_with_their_size(bridge, store, catalog) -> None:
    new_dossier(store, catalog)
    events = Recorder()
    settings = replace(batch(2, 50), options=(("test-picture", "Grid"),))
    request = CaptureRequest("sane:test:0", settings, fixed_target(CODE, "TP1"), keep_small=True)
    ended = capture(bridge, store, request, events)
    assert (ended.pages, ended.error) == (2, None)
    captured = events.of(PageCaptured)
    assert {(e.width, e.dpi) for e in captured} == {(206, 50)}  # A6: 105 mm wide
    assert all(e.small is not None and max(e.small.shape[:2]) <= 200 for e in captured)
    assert [p.component_code for p in store.pages(CODE)] == ["TP1", "TP1"]


def test_no_page_means_no_draft_dossier(bridge, store) -> None:
    session = CaptureSession(bridge, store, CaptureRequest("virtual", batch(3), fixed_target(None)))
    session.cancel()
    ended = session.run()
    assert (ended.pages, ended.error, ended.cancelled) == (0, None, True)
    assert store.dossiers() == []


def test_cancel_mid_batch_keeps_the_pages_already_stored(bridge, store, catalog) -> None:
    new_dossier(store, catalog)
    request = CaptureRequest("virtual", batch(50, 75, ("delay", "0.01")), fixed_target(CODE))
    events = Recorder()
    session = CaptureSession(bridge, store, request, events)

    def listener(event: object) -> None:
        events(event)
        if len(events.of(PageCaptured)) == 2:
            threading.Thread(target=session.cancel).start()

    session.listener = listener
    ended = session.run()
    assert ended.cancelled and ended.error is None
    assert 2 <= ended.pages < 50
    assert len(store.pages(CODE)) == ended.pages == len(session.pages)


def test_the_component_is_asked_for_every_page(bridge, store, catalog) -> None:
    new_dossier(store, catalog)
    components = iter(["TP1", "TP1", "KQ1"])
    request = CaptureRequest("virtual", batch(3), lambda: Target(CODE, next(components)))
    capture(bridge, store, request)
    assert [p.component_code for p in store.pages(CODE)] == ["TP1", "TP1", "KQ1"]


def test_a_dossier_closed_at_the_counter_gets_no_more_pages(bridge, store, catalog) -> None:
    counter = CounterSession(catalog)
    counter.open(new_dossier(store, catalog))
    request = CaptureRequest("virtual", batch(10), counter.target_for(CODE))
    events = Recorder()

    def listener(event: object) -> None:
        events(event)
        if isinstance(event, PageCaptured) and len(events.of(PageCaptured)) == 2:
            counter.next_citizen()

    ended = capture(bridge, store, request, listener)
    assert ended.pages == 2 and ended.cancelled
    assert len(store.pages(CODE)) == 2


def test_rescan_and_replace_takes_one_page(bridge, store, catalog) -> None:
    new_dossier(store, catalog)
    request = CaptureRequest("virtual", batch(5), fixed_target(CODE), replaces="old-page")
    events = Recorder()
    ended = capture(bridge, store, request, events)
    assert ended.pages == 1
    assert events.of(PageCaptured)[0].replaces == "old-page"


def test_a_closed_dossier_is_an_error_and_nothing_is_stored(bridge, store, catalog) -> None:
    ended = capture(bridge, store, CaptureRequest("virtual", batch(2), fixed_target("NO-SUCH")))
    assert isinstance(ended.error, StationError)
    assert ended.error.code is ErrorCode.DOSSIER_NOT_FOUND
    assert ended.pages == 0


def test_an_unknown_device_ends_with_its_error(bridge, store) -> None:
    ended = capture(bridge, store, CaptureRequest("nothing:here", batch(1), fixed_target(None)))
    assert ended.error is not None and ended.pages == 0


@pytest.mark.parametrize("mode", ["color", "gray"])
def test_kept_pixels_are_what_the_analysis_would_read_back_from_disk(
    bridge, store, catalog, mode
) -> None:
    new_dossier(store, catalog)
    events = Recorder()
    settings = replace(batch(1), mode=ColorMode(mode))
    request = CaptureRequest("virtual", settings, fixed_target(CODE), keep_pixels=True)
    capture(bridge, store, request, events)
    [captured] = events.of(PageCaptured)
    from_disk = processed_pixels(store, captured.page)
    assert captured.pixels is not None and captured.pixels.dtype == from_disk.dtype
    assert captured.pixels.shape == from_disk.shape
    assert (captured.pixels == from_disk).all()  # the stored PNG, pixel for pixel
    analysed = analyse_page(store, captured.page.id, "standard", pixels=captured.pixels)
    assert analysed is not None and not analysed.failed
    assert analysed.page.transforms  # analysed on the kept pixels: crop and deskew found


def test_pixels_are_not_kept_unless_asked(bridge, store, catalog) -> None:
    new_dossier(store, catalog)
    events = Recorder()
    capture(bridge, store, CaptureRequest("virtual", batch(1), fixed_target(CODE)), events)
    assert events.of(PageCaptured)[0].pixels is None


def test_each_page_of_a_duplex_batch_keeps_the_side_it_was_scanned_from(bridge, store, catalog):
    new_dossier(store, catalog)
    settings = replace(batch(2), source=Source.DUPLEX)
    ended = capture(bridge, store, CaptureRequest("virtual", settings, fixed_target(CODE)))
    assert ended.pages == 4
    assert [p.side for p in store.pages(CODE)] == ["front", "back", "front", "back"]

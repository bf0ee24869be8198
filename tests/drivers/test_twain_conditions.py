"""Every TWAIN condition the fake source can report maps to a typed StationError, the pages
scanned before it reach the caller, and the source is stepped back and closed."""

from __future__ import annotations

import pytest

from drivers.contract import CancelToken, ScanSettings, Side, Source
from drivers.twain import errors
from station.errors import ErrorCode, StationError
from station.paper import parse_paper
from tests.fakes import twain as tw
from tests.fakes.twain.scanner import CANCEL, Fault
from tests.fakes.twain.testing import assert_closed, feeder, installer, source

FEEDER = "twain:Fake DR-C225"

# (condition the source reports, station error, detail the error carries)
CONDITIONS = [
    (tw.TWCC_PAPERJAM, ErrorCode.SCANNER_JAMMED, "TWCC_PAPERJAM"),
    (tw.TWCC_PAPERDOUBLEFEED, ErrorCode.SCANNER_DOUBLE_FEED, "TWCC_PAPERDOUBLEFEED"),
    (errors.TWCC_INTERLOCK, ErrorCode.SCANNER_COVER_OPEN, "TWCC_INTERLOCK"),
    (errors.TWCC_DAMAGEDCORNER, ErrorCode.SCANNER_JAMMED, "TWCC_DAMAGEDCORNER"),
    (errors.TWCC_NOMEDIA, ErrorCode.SCANNER_NO_DOCS, "TWCC_NOMEDIA"),
    (errors.TWCC_DOCTOOLIGHT, ErrorCode.SCANNER_IO_ERROR, "TWCC_DOCTOOLIGHT"),
    (errors.TWCC_FOCUSERROR, ErrorCode.SCANNER_IO_ERROR, "TWCC_FOCUSERROR"),
    (tw.TWCC_MAXCONNECTIONS, ErrorCode.SCANNER_BUSY, "TWCC_MAXCONNECTIONS"),
    (tw.TWCC_LOWMEMORY, ErrorCode.SCANNER_NO_MEMORY, "TWCC_LOWMEMORY"),
    (tw.TWCC_DENIED, ErrorCode.SCANNER_ACCESS_DENIED, "TWCC_DENIED"),
    (tw.TWCC_CHECKDEVICEONLINE, ErrorCode.SCANNER_DISCONNECTED, "TWCC_CHECKDEVICEONLINE"),
    (tw.TWCC_NODS, ErrorCode.SCANNER_DISCONNECTED, "TWCC_NODS"),
    (tw.TWCC_CAPUNSUPPORTED, ErrorCode.SCANNER_UNSUPPORTED, "TWCC_CAPUNSUPPORTED"),
    (tw.TWCC_BADCAP, ErrorCode.SCANNER_UNSUPPORTED, "TWCC_BADCAP"),
    (tw.TWCC_BADVALUE, ErrorCode.SCANNER_UNSUPPORTED, "TWCC_BADVALUE"),
    (tw.TWCC_SEQERROR, ErrorCode.SCANNER_INVALID, "TWCC_SEQERROR"),
    (tw.TWCC_BADPROTOCOL, ErrorCode.SCANNER_INVALID, "TWCC_BADPROTOCOL"),
    (tw.TWCC_BADDEST, ErrorCode.SCANNER_INVALID, "TWCC_BADDEST"),
    (tw.TWCC_CAPSEQERROR, ErrorCode.SCANNER_INVALID, "TWCC_CAPSEQERROR"),
    (tw.TWCC_BUMMER, ErrorCode.SCANNER_IO_ERROR, "TWCC_BUMMER"),
    (tw.TWCC_OPERATIONERROR, ErrorCode.SCANNER_IO_ERROR, "TWCC_OPERATIONERROR"),
    (tw.TWCC_FILEWRITEERROR, ErrorCode.SCANNER_IO_ERROR, "TWCC_FILEWRITEERROR"),
    (tw.TWCC_FILENOTFOUND, ErrorCode.SCANNER_IO_ERROR, "TWCC_FILENOTFOUND"),
    (777, ErrorCode.SCANNER_IO_ERROR, "TWCC 777"),
    (CANCEL, ErrorCode.SCAN_CANCELLED, "TWRC_CANCEL"),
]
IDS = [detail for _, _, detail in CONDITIONS]


@pytest.fixture
def install():
    yield from installer()


def duplex(transfer: str) -> ScanSettings:
    return ScanSettings(
        paper=parse_paper("A7"),
        dpi=75,
        source=Source.DUPLEX,
        options=(("transfer", transfer),),
    )


def run(driver, chosen: ScanSettings) -> tuple[list, StationError]:
    pages = []
    with pytest.raises(StationError) as caught:
        for page in driver.scan(FEEDER, chosen, CancelToken()):
            pages.append(page)
    return pages, caught.value


@pytest.mark.parametrize("transfer", ["native", "memory"])
@pytest.mark.parametrize(("condition", "code", "detail"), CONDITIONS, ids=IDS)
def test_condition_at_a_sheet_keeps_the_pages_before_it(install, transfer, condition, code, detail):
    driver = install(feeder(sheets=4, faults=[Fault(condition, at="transfer", sheet=3)]))
    pages, error = run(driver, duplex(transfer))
    assert [(p.sheet, p.side) for p in pages] == [
        (1, Side.FRONT),
        (1, Side.BACK),
        (2, Side.FRONT),
        (2, Side.BACK),
    ]
    assert error.code is code
    assert error.params == {"device": FEEDER, "sheet": 3, "detail": detail}
    assert_closed(source())


@pytest.mark.parametrize(
    ("condition", "code"),
    [
        (tw.TWCC_PAPERJAM, ErrorCode.SCANNER_JAMMED),
        (tw.TWCC_PAPERDOUBLEFEED, ErrorCode.SCANNER_DOUBLE_FEED),
        (errors.TWCC_INTERLOCK, ErrorCode.SCANNER_COVER_OPEN),
        (CANCEL, ErrorCode.SCAN_CANCELLED),
    ],
)
def test_condition_in_the_middle_of_a_memory_transfer_drops_only_that_page(
    install, condition, code
):
    driver = install(feeder(sheets=3, faults=[Fault(condition, at="strip", sheet=2, side=1)]))
    pages, error = run(driver, duplex("memory"))
    assert [(p.sheet, p.side) for p in pages] == [(1, Side.FRONT), (1, Side.BACK), (2, Side.FRONT)]
    assert (error.code, error.params["sheet"]) == (code, 2)
    assert_closed(source())  # MSG_ENDXFER in state 7, MSG_RESET, MSG_DISABLEDS, close


@pytest.mark.parametrize(
    ("condition", "code"),
    [
        (tw.TWCC_MAXCONNECTIONS, ErrorCode.SCANNER_BUSY),
        (tw.TWCC_DENIED, ErrorCode.SCANNER_ACCESS_DENIED),
        (tw.TWCC_CHECKDEVICEONLINE, ErrorCode.SCANNER_DISCONNECTED),
        (tw.TWCC_LOWMEMORY, ErrorCode.SCANNER_NO_MEMORY),
    ],
)
def test_condition_when_opening_the_source(install, condition, code) -> None:
    driver = install(feeder(faults=[Fault(condition, at="open")]))
    with pytest.raises(StationError) as caught:
        driver.capabilities(FEEDER)
    assert caught.value.code is code
    assert caught.value.params["sheet"] == 0


def test_a_source_already_in_use_is_busy(install) -> None:
    driver = install(feeder())
    scan = driver.scan(FEEDER, duplex("memory"), CancelToken())
    next(scan)
    with pytest.raises(StationError) as caught:
        driver.capabilities(FEEDER)
    assert caught.value.code is ErrorCode.SCANNER_BUSY
    scan.close()


@pytest.mark.parametrize(
    ("condition", "code"),
    [
        (errors.TWCC_INTERLOCK, ErrorCode.SCANNER_COVER_OPEN),
        (errors.TWCC_NOMEDIA, ErrorCode.SCANNER_NO_DOCS),
        (tw.TWCC_CHECKDEVICEONLINE, ErrorCode.SCANNER_DISCONNECTED),
        (tw.TWCC_PAPERJAM, ErrorCode.SCANNER_JAMMED),
    ],
)
def test_condition_when_enabling_the_source(install, condition, code) -> None:
    driver = install(feeder(faults=[Fault(condition, at="enable")]))
    pages, error = run(driver, duplex("native"))
    assert pages == []
    assert (error.code, error.params["sheet"]) == (code, 1)
    assert_closed(source())


def test_empty_feeder_without_a_paper_sensor_is_no_docs(install) -> None:
    driver = install(feeder(sheets=0, unsupported=frozenset({tw.CAP_FEEDERLOADED})))
    pages, error = run(driver, duplex("memory"))
    assert (pages, error.code, error.params["detail"]) == (
        [],
        ErrorCode.SCANNER_NO_DOCS,
        "TWCC_NOMEDIA",
    )
    assert_closed(source())


def test_a_condition_while_negotiating_is_typed_too(install) -> None:
    fault = Fault(tw.TWCC_CHECKDEVICEONLINE, at="set", cap=tw.ICAP_XRESOLUTION)
    pages, error = run(install(feeder(faults=[fault])), duplex("memory"))
    assert (pages, error.code) == ([], ErrorCode.SCANNER_DISCONNECTED)
    assert_closed(source())


def test_the_mapping_reads_pytwain_exceptions_and_unknown_condition_codes() -> None:
    cases = {
        tw.exceptions.PaperJam(): ErrorCode.SCANNER_JAMMED,
        tw.exceptions.excTWCC_PAPERDOUBLEFEED(): ErrorCode.SCANNER_DOUBLE_FEED,
        tw.exceptions.UnknownError("ConditionCode = 24"): ErrorCode.SCANNER_COVER_OPEN,
        tw.exceptions.UnknownError("ConditionCode = 29"): ErrorCode.SCANNER_NO_DOCS,
        tw.exceptions.TwainError(): ErrorCode.SCANNER_IO_ERROR,
        tw.exceptions.SMLoadFileFailed(OSError("twain_32.dll")): ErrorCode.DRIVER_UNAVAILABLE,
        MemoryError(): ErrorCode.SCANNER_NO_MEMORY,
        RuntimeError("Unexpected result: 9"): ErrorCode.SCANNER_IO_ERROR,
    }
    for exc, code in cases.items():
        assert errors.scan_error(tw, exc, FEEDER, 2).code is code, exc

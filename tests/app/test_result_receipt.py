"""A result batch that begins with the receipt (app.results.ReceiptFirst): the receipt sheet,
both its sides, is read for the dossier code and never passed on; a sheet without a code, or
one whose dossier is refused, ends the batch with nothing passed on."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import pytest

from app.results import ReceiptFirst, receipt_code_in_file
from drivers.bridge import InProcessBridge
from drivers.contract import CancelToken, Side, Source
from station.errors import ErrorCode, StationError
from tests.app.support import batch
from tests.station.codes.synth import PageSpec, make_page

CODE = "000.00.14.H05-251122-0001"


def _sheet(folder: Path, text: str) -> Path:
    path = folder / "receipt.png"
    cv2.imwrite(str(path), make_page(PageSpec(text, "QRCode", 300, 4, "gray", None, 0, 0, 5)))
    return path


def _scan(found, receipt: Path, source: Source = Source.ADF) -> tuple[ReceiptFirst, list, bool]:
    bridge = InProcessBridge()
    wrapped = ReceiptFirst(bridge, found)
    settings = replace(batch(3, 150, ("insert", f"1:{receipt}"), paper="A4"), source=source)
    cancel = CancelToken()
    try:
        pages = []
        for page in wrapped.scan("virtual", settings, cancel):
            pages.append((page.sheet, page.side))
            page.close()
        return wrapped, pages, cancel.cancelled
    finally:
        bridge.close()


def test_the_receipt_sheet_and_its_back_are_read_not_passed_on(tmp_path) -> None:
    heard: list[str] = []
    wrapped, pages, cancelled = _scan(
        lambda code: heard.append(code) or True, _sheet(tmp_path, CODE), Source.DUPLEX
    )
    assert heard == [CODE] and wrapped.read and wrapped.code == CODE
    assert pages == [(2, Side.FRONT), (2, Side.BACK), (3, Side.FRONT), (3, Side.BACK)]
    assert not cancelled


def test_a_first_sheet_without_a_code_ends_the_batch(tmp_path) -> None:
    heard: list[str] = []
    wrapped, pages, cancelled = _scan(
        lambda code: heard.append(code) or True, _sheet(tmp_path, "no dossier here")
    )
    assert heard == []
    assert wrapped.read and wrapped.code is None and pages == [] and cancelled


def test_a_refused_dossier_cancels_the_scan_and_raises(tmp_path) -> None:
    def refuse(code: str) -> bool:
        raise StationError(ErrorCode.DOSSIER_NOT_FOUND, code=code)

    with pytest.raises(StationError) as caught:
        _scan(refuse, _sheet(tmp_path, CODE))
    assert caught.value.code is ErrorCode.DOSSIER_NOT_FOUND


def test_an_imported_receipt_names_its_dossier_from_its_first_page(tmp_path) -> None:
    assert receipt_code_in_file(_sheet(tmp_path, CODE)) == CODE
    plain = tmp_path / "plain.png"
    cv2.imwrite(str(plain), make_page(PageSpec("x", "QRCode", 300, 0, "gray", None, 0, 0, 1)))
    assert receipt_code_in_file(plain) is None

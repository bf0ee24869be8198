"""A citizen ID card scanned into the open dossier with the card profile: its QR fills the
applicant's name and ID number for the clerk to confirm with Enter; the other fields are shown,
never stored; a card whose QR does not parse or whose number fails the check fills nothing.
The QR's raw text reaches no file of the station: database, log or page JSON."""

from __future__ import annotations

import logging
import unicodedata

import pytest
from PySide6.QtCore import Qt

from drivers.virtual.options import VirtualOptions
from drivers.virtual.pages import card_qr_text
from station.codes import CodeKind
from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier, scan_with_f5, settle
from ui.scan.controls import select_data

CODE = "000.00.14.H05-251204-0009"
# what the virtual card of seed 3 holds (drivers/virtual/card.py): known content
RAW = (
    "082069221207||ĐỖ HỮU NHUNG|12101969|Nam|Số 11 đường Nguyễn Du, xã Vĩnh Linh, Quảng Trị"
    "|13102022"
)
NAME, NUMBER, ADDRESS = "ĐỖ HỮU NHUNG", "082069221207", "Số 11 đường Nguyễn Du"
# Single words printed on the card's face (a page's read text is kept word by word, so a
# phrase could never be found there): the card is not read, so none of them is stored.
PRINTED = ("12/10/1969", "Nguyễn", "Identity", "Nationality")


def test_the_virtual_card_holds_the_known_content() -> None:
    assert card_qr_text(VirtualOptions(seed=3, content="card"), 1) == RAW


def _scan_card(qtbot, window, card_qr: str = "holder", expected: int = 1) -> None:
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "", "")
    choose_scan(window, dpi=300, source="flatbed", options=f"content=card seed=3 card-qr={card_qr}",
                paper="auto")  # fmt: skip
    assert select_data(window.scan_controls.profile, "card")
    scan_with_f5(qtbot, window, expected)


def test_the_card_fills_name_and_number_and_enter_keeps_only_them(
    qtbot, window, store, home, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    _scan_card(qtbot, window)
    panel = window.dossier_panel
    qtbot.waitUntil(lambda: panel.applicant.text() == NAME, timeout=WAIT_MS)
    assert unicodedata.is_normalized("NFC", panel.applicant.text())
    assert panel.id_number.text() == NUMBER and panel.id_number.hasFocus()
    details = panel.card_details.text()
    for shown in ("12/10/1969", ADDRESS, "13/10/2022"):
        assert shown in details
    assert panel.card_details.isVisible()

    qtbot.keyClick(panel.id_number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.dossier(CODE).applicant_id_number == NUMBER, timeout=WAIT_MS)
    dossier = store.dossier(CODE)
    assert dossier.applicant_name == NAME
    (page,) = store.pages(CODE)
    (kept,) = store.page_codes(page.id)  # where the QR is, without its text
    assert (kept.format, kept.kind, kept.text) == ("QRCode", CodeKind.ID_CARD, "")
    assert len({(p.x, p.y) for p in kept.position}) == 4
    qtbot.waitUntil(lambda: not panel.card_details.isVisible(), timeout=WAIT_MS)
    settle(qtbot, window)

    # the applicant known, the form reads no more cards: the page's analysis keeps the place
    window.grid.setFocus()
    scan_with_f5(qtbot, window, 2)
    settle(qtbot, window)
    window.services.tasks.wait()
    later = next(p for p in store.pages(CODE) if p.id != page.id)
    (again,) = store.page_codes(later.id)
    assert (again.format, again.kind, again.text) == ("QRCode", CodeKind.ID_CARD, "")
    assert store.dossier(CODE).applicant_name == NAME  # nothing refilled, nothing asked

    for path in home.rglob("*"):  # the database, its WAL, logs, settings, page files
        if path.is_file():
            data = path.read_bytes()
            for secret in (RAW, ADDRESS, "12101969", "13102022", *PRINTED):
                assert secret.encode() not in data, (path, secret)
    assert RAW not in caplog.text and ADDRESS not in caplog.text


@pytest.mark.parametrize(
    ("card_qr", "said"), [("not-cccd", "not a citizen ID"), ("bad-number", "fails the check")]
)
def test_a_card_that_does_not_check_out_is_reported_and_fills_nothing(
    qtbot, window, store, card_qr: str, said: str
) -> None:
    _scan_card(qtbot, window, card_qr)
    qtbot.waitUntil(lambda: said in window.statusBar().currentMessage(), timeout=WAIT_MS)
    panel = window.dossier_panel
    assert panel.applicant.text() == "" and panel.id_number.text() == ""
    assert not panel.card_details.isVisible()
    assert store.dossier(CODE).applicant_id_number == ""

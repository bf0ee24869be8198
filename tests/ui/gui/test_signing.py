"""Signing in the finish step: the password is asked once per shift, every file is signed, and
a wrong one is refused with nothing left in the outbox and the next finish asking again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from station.pades.verify import verify_pdf
from station.workflow.signing import SigningSetup, save_setup
from tests.station.pades.support import CLERK, PASSWORD, CaBundle, pkcs12_file
from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier, scan_with_f5, type_text

FIRST = "000.00.15.H29-250101-0051"


@pytest.fixture(scope="module")
def ca(signing_ca: CaBundle) -> CaBundle:
    return signing_ca


@pytest.fixture
def signing(store, ca: CaBundle, tmp_path: Path) -> SigningSetup:
    setup = SigningSetup("pkcs12", pkcs12_path=str(pkcs12_file(tmp_path, ca.clerk, ca)))
    save_setup(store, setup)
    return setup


def _scan_two_pages(qtbot, window, code: str) -> None:
    open_new_dossier(qtbot, window, code, "dang ky khai sinh", "Lê Văn Cường", "001204567891")
    choose_scan(window, dpi=100, source="duplex", options="sheets=1 seed=5")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    scan_with_f5(qtbot, window, 2)
    qtbot.waitUntil(lambda: window.services.tasks.busy == 0, timeout=WAIT_MS)
    window.finish.start()
    qtbot.waitUntil(lambda: window.finish.override is not None, timeout=WAIT_MS)
    type_text(window.finish.override.reason, "Bổ sung sau")
    window.finish.override.accept()


def _answer_pin(qtbot, window, secret: str) -> None:
    qtbot.waitUntil(
        lambda: window.finish.pin_dialog is not None and window.finish.pin_dialog.isVisible(),
        timeout=WAIT_MS,
    )
    dialog = window.finish.pin_dialog
    assert dialog.secret.echoMode() == dialog.secret.EchoMode.Password
    type_text(dialog.secret, secret)
    dialog.accept()


def test_the_password_is_asked_and_every_file_is_signed(qtbot, window, store, signing, ca) -> None:
    with qtbot.waitSignal(window.finish.finished, timeout=WAIT_MS) as finished:
        _scan_two_pages(qtbot, window, FIRST)
        _answer_pin(qtbot, window, PASSWORD)
    receipt = finished.args[0]
    for f in receipt.files:
        result = verify_pdf(store.layout.absolute(f.path), [ca.root_pem])
        assert result.intact and result.trusted and result.signer == CLERK
    assert CLERK in window.finish.receipt.signed_note.text()  # the receipt says who signed
    assert window.finish.pins.get() == PASSWORD  # held for the shift, in memory only
    assert PASSWORD not in " ".join(store.settings("").values())


def test_a_wrong_password_is_refused_and_asked_again(qtbot, window, store, signing) -> None:
    with qtbot.waitSignal(window.finish.error, timeout=WAIT_MS) as failed:
        _scan_two_pages(qtbot, window, FIRST)
        _answer_pin(qtbot, window, "not the password")
    assert failed.args[0].code.value == "sign_pkcs12_unreadable"
    assert store.dossier(FIRST).state.value == "open"
    assert not list(store.layout.finished_files.rglob("*.pdf"))
    assert window.finish.pins.get() is None  # forgotten: the next finish asks again

"""An agency's electronic result imported on the result screen (Ctrl+I with a dossier open):
a PDF the agency signed already is kept as it is and asks for no PIN; an unsigned one asks for
the clerk's PIN first, and Esc there imports nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from station.model import utc_now
from station.pades.keys import Pkcs12Key, open_session
from station.pades.sign import Stamp, sign_pdf
from station.pades.verify import verify_pdf
from station.workflow.signing import SigningSetup, save_setup
from tests.station.pades.support import CLERK, PASSWORD, CaBundle, pkcs12_file
from tests.station.workflow.support import CODE
from tests.ui.gui.flow import WAIT_MS, type_text
from tests.ui.gui.result_support import (
    agency_pdf,
    finished_dossier,
    import_with_ctrl_i,
    shown_screen,
)


@pytest.fixture
def signing(store, catalog, signing_ca: CaBundle, tmp_path: Path) -> CaBundle:
    """The dossier received before signing was set up; its result is signed."""
    finished_dossier(store, catalog, CODE)
    p12 = pkcs12_file(tmp_path, signing_ca.clerk, signing_ca)
    save_setup(store, SigningSetup("pkcs12", pkcs12_path=str(p12)))
    return signing_ca


def _signed_by_agency(folder: Path, ca: CaBundle) -> Path:
    """Signed before it reaches the counter (here with a key of the test CA)."""
    path = agency_pdf(folder, "signed.pdf")
    key_folder = folder / "agency-key"
    key_folder.mkdir()
    key = Pkcs12Key(pkcs12_file(key_folder, ca.clerk, ca), PASSWORD.encode())
    with open_session(key) as session:
        sign_pdf(path, session, Stamp(session.subject_name(), utc_now()))
    return path


class DialogWatch:
    """Notes and closes every modal dialog but the file dialog and those named in `let`, as a
    clerk without the token at hand would: a dialog that blocks (QInputDialog.getText) is
    closed from inside its own loop."""

    def __init__(self, *let: str) -> None:
        self.let = let
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._look)

    def _look(self) -> None:
        shown = QApplication.activeModalWidget()
        if shown is None or isinstance(shown, QFileDialog) or shown.objectName() in self.let:
            return
        self.seen.append(shown.objectName() or type(shown).__name__)
        shown.reject()


@pytest.fixture
def watch(services) -> Iterator[DialogWatch]:
    """Watching until the screen's tasks are done (a PIN asked late would block the run)."""
    watching = DialogWatch("pinDialog")
    watching.timer.start()
    yield watching
    services.tasks.wait()
    watching.timer.stop()


def _open_dossier(qtbot, screen) -> None:
    qtbot.keyClicks(screen.code, CODE)
    qtbot.keyClick(screen.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.components.count() == 2, timeout=WAIT_MS)  # KQ1, KQ2
    qtbot.waitUntil(lambda: screen.import_button.text().startswith("Import PDF"), timeout=WAIT_MS)


def _unsigned_imported(qtbot, services, tmp_path: Path):
    """(The result screen, an unsigned agency PDF) once Ctrl+I has chosen it for the dossier."""
    issued = agency_pdf(tmp_path / "agency", "unsigned.pdf")
    screen = shown_screen(qtbot, services)
    _open_dossier(qtbot, screen)
    import_with_ctrl_i(qtbot, screen, issued)
    return screen, issued


def _result_files(store) -> list:
    return [f for f in store.dossier_files(CODE) if f.addendum_id]


def test_a_signed_agency_pdf_is_imported_without_a_pin(
    qtbot, services, store, signing, watch, tmp_path
) -> None:
    issued = _signed_by_agency(tmp_path / "agency", signing)
    original = issued.read_bytes()
    screen = shown_screen(qtbot, services)
    _open_dossier(qtbot, screen)

    import_with_ctrl_i(qtbot, screen, issued)
    qtbot.waitUntil(
        lambda: bool(screen.last_outcome or watch.seen or screen.last_error),
        timeout=WAIT_MS,
    )
    assert watch.seen == [], "a PDF the agency signed asked for the clerk's PIN"
    assert screen.last_error is None, screen.last_error
    [kept] = screen.last_outcome.receipt.files
    assert (kept.component_code, kept.file_name) == ("KQ1", f"{CODE}.2.pdf")
    stored = store.layout.absolute(kept.path)
    assert stored.read_bytes() == original  # not signed again
    assert screen.last_outcome.signer is None
    qtbot.waitUntil(lambda: f"digitized: {CODE}.2.pdf" in screen.components.item(0).text(),
                    timeout=WAIT_MS)  # fmt: skip
    services.tasks.wait()


def test_an_unsigned_agency_pdf_asks_the_pin_and_is_signed_by_the_clerk(
    qtbot, services, store, signing, watch, tmp_path
) -> None:
    # Esc on the PIN: nothing imported, and the screen says why.
    screen, issued = _unsigned_imported(qtbot, services, tmp_path)
    qtbot.waitUntil(lambda: bool(getattr(screen, "pin_dialog", None) or watch.seen),
                    timeout=WAIT_MS)  # fmt: skip
    assert watch.seen == [], "the PIN was asked in a dialog the keyboard test cannot reach"
    qtbot.waitUntil(screen.pin_dialog.isVisible, timeout=WAIT_MS)
    qtbot.keyClick(screen.pin_dialog.secret, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not screen.pin_dialog.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "not imported" in screen.status.text(), timeout=WAIT_MS)
    services.tasks.wait()
    assert _result_files(store) == [] and screen.last_outcome is None

    # Again, the password typed and Enter: the clerk signs the agency's file.
    cancelled = screen.pin_dialog
    import_with_ctrl_i(qtbot, screen, issued)
    _type_pin(qtbot, screen, PASSWORD, cancelled)
    assert screen.pin_dialog.secret.echoMode() == screen.pin_dialog.secret.EchoMode.Password
    qtbot.waitUntil(lambda: bool(screen.last_outcome or screen.last_error), timeout=WAIT_MS)
    assert screen.last_error is None, screen.last_error
    [kept] = screen.last_outcome.receipt.files
    assert kept.component_code == "KQ1"
    stored = store.layout.absolute(kept.path)
    assert stored.read_bytes() != issued.read_bytes()
    verified = verify_pdf(stored, [signing.root_pem])
    assert verified.intact and verified.signer == CLERK
    assert screen.last_outcome.signer and CLERK in screen.last_outcome.signer
    services.tasks.wait()


def _type_pin(qtbot, screen, secret: str, before) -> None:
    """The PIN dialog that follows `before` (the one shown last), answered with `secret`."""
    qtbot.waitUntil(lambda: screen.pin_dialog is not before, timeout=WAIT_MS)
    dialog = screen.pin_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    dialog.activateWindow()  # a window manager does this; the offscreen platform does not
    type_text(dialog.secret, secret)
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)


def test_the_pin_is_held_for_the_shift_unless_the_key_refuses_it(
    qtbot, services, store, signing, watch, tmp_path
) -> None:
    # A wrong PIN: refused by the key, nothing imported, and not held.
    screen, issued = _unsigned_imported(qtbot, services, tmp_path)
    _type_pin(qtbot, screen, "not the password", None)
    qtbot.waitUntil(lambda: screen.last_error is not None, timeout=WAIT_MS)
    services.tasks.wait()
    assert screen.last_error.code.value.startswith("sign")
    assert _result_files(store) == [] and services.pins.get() is None

    # Asked again: the right one signs the file and is held for the shift.
    refused = screen.pin_dialog
    import_with_ctrl_i(qtbot, screen, issued)
    _type_pin(qtbot, screen, PASSWORD, refused)
    qtbot.waitUntil(lambda: screen.last_outcome is not None, timeout=WAIT_MS)
    assert services.pins.get() == PASSWORD

    # The next unsigned file is signed with the PIN held: no dialog this time.
    asked, first = screen.pin_dialog, screen.last_outcome
    screen.last_error = None
    second = agency_pdf(tmp_path / "agency-2", "unsigned.pdf")
    import_with_ctrl_i(qtbot, screen, second)
    qtbot.waitUntil(lambda: screen.last_outcome is not first or screen.last_error, timeout=WAIT_MS)
    assert screen.last_error is None, screen.last_error
    assert screen.pin_dialog is asked and not asked.isVisible() and watch.seen == []
    [kept] = screen.last_outcome.receipt.files
    verified = verify_pdf(store.layout.absolute(kept.path), [signing.root_pem])
    assert verified.intact and verified.signer == CLERK
    services.tasks.wait()

"""What the result screen's tests share: the screen shown and active, a finished dossier
awaiting its result, sheets that carry a code for the virtual feeder, importing a file with
Ctrl+I, and reading the codes back from a result PDF."""

from __future__ import annotations

from pathlib import Path

import cv2
import pikepdf
import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.finishing import finish
from station.codes import read_codes
from station.dossiers import DossierRequest, open_dossier
from tests.station.codes.synth import PageSpec, make_page
from tests.station.workflow.support import scanned_page
from tests.ui.gui.flow import WAIT_MS, pick_file


def shown_screen(qtbot, services):
    """The result screen on its own, active, its code field focused."""
    from ui.results.screen import ResultsScreen

    screen = ResultsScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    screen.activateWindow()  # a window manager does this; the offscreen platform does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen, timeout=WAIT_MS)
    screen.code.setFocus()
    return screen


def import_with_ctrl_i(qtbot, screen, path: Path) -> None:
    """Ctrl+I, the file's path pasted into the name field, Enter."""
    screen.activateWindow()  # back from the last dialog, as a window manager does
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen, timeout=WAIT_MS)
    qtbot.keyClick(screen.code, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.isVisible(),
                    timeout=WAIT_MS)  # fmt: skip
    pick_file(qtbot, screen.dialog, path)


def agency_pdf(folder: Path, name: str) -> Path:
    """A one-page A4 PDF as an agency might issue a result electronically (no signature)."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.save(path)
    return path


def finished_dossier(store, catalog, code: str) -> None:
    """A birth registration (1.001193): its result is KQ1, the certificate, and KQ2, copies."""
    open_dossier(store, catalog, DossierRequest(code, "1.001193", clerk_id="lan"))
    scanned_page(store, code, "A6", "TP1")
    finish(store, catalog, code, profile="jpeg", workers=1, override_reason="kiểm tra riêng")


def coded_sheet(folder: Path, text: str, seed: int = 5, format_name: str = "QRCode") -> Path:
    """An A4 page at 300 dpi carrying `text` in a code, for `insert=N:PATH` or the importer."""
    folder.mkdir(exist_ok=True)
    path = folder / f"{seed}-{format_name}.png"
    cv2.imwrite(str(path), make_page(PageSpec(text, format_name, 300, 4, "gray", None, 0, 0, seed)))
    return path


def codes_in_pdf(path: Path) -> list[set[str]]:
    """The codes read on each page of the PDF, rendered at 150 dpi."""
    document = pdfium.PdfDocument(str(path))
    try:
        found = []
        for page in document:
            pixels = page.render(scale=150 / 72, grayscale=True).to_numpy()
            found.append({code.text for code in read_codes(pixels.squeeze())})
        return found
    finally:
        document.close()


def pdf_page_sizes(path: Path) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(str(path))
    try:
        return [page.get_size() for page in document]
    finally:
        document.close()

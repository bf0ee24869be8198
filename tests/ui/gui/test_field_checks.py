"""Doubtful codes and ID numbers: the warning sits next to the field while it is typed and
stays in the dossier's summary once the clerk opened it anyway."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.gui.flow import WAIT_MS, type_text


def test_a_short_id_number_is_flagged_until_corrected_and_kept_once_accepted(qtbot, window) -> None:
    panel = window.dossier_panel
    qtbot.keyClicks(panel.code, "HS-7")
    assert panel.code_check.isVisible() and "YYMMDD" in panel.code_check.text()
    qtbot.keyClick(panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.search.hasFocus, timeout=WAIT_MS)
    assert panel.code_check.isVisible()  # still there after Enter, no timeout
    type_text(panel.search, "khai sinh")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    type_text(panel.applicant, "Mai Văn K")
    qtbot.keyClick(panel.applicant, Qt.Key.Key_Return)

    qtbot.keyClicks(panel.id_number, "12345")
    assert panel.id_check.isVisible() and panel.id_check.property("warning")
    assert "12" in panel.id_check.text() and "9" in panel.id_check.text()
    qtbot.keyClicks(panel.id_number, "6789012")  # 123456789012: 123 is no province
    assert "123" in panel.id_check.text() and panel.id_check.property("warning")
    for _ in range(12):
        qtbot.keyClick(panel.id_number, Qt.Key.Key_Backspace)
    qtbot.keyClicks(panel.id_number, "001390000003")  # born in 2090: digit 4 mistyped
    assert panel.id_check.property("warning") and "2090" in panel.id_check.text()
    for _ in range(12):
        qtbot.keyClick(panel.id_number, Qt.Key.Key_Backspace)
    qtbot.keyClicks(panel.id_number, "001190000003")
    assert not panel.id_check.property("warning")
    assert "Hà Nội" in panel.id_check.text() and "1990" in panel.id_check.text()
    for _ in range(12):
        qtbot.keyClick(panel.id_number, Qt.Key.Key_Backspace)
    assert not panel.id_check.isVisible()

    qtbot.keyClicks(panel.id_number, "12345")
    qtbot.keyClick(panel.id_number, Qt.Key.Key_Return)  # accepted: the dossier opens
    qtbot.waitUntil(lambda: window.dossier.code == "HS-7", timeout=WAIT_MS)
    summary = panel.summary.text()
    assert "YYMMDD" in summary and "passport" in summary

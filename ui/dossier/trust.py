"""How far the clerk can trust the chosen procedure's entry: an entry nobody checked against the
law's text or the province's announcement says so beside the procedure, its reason as tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from station.model import Procedure
from ui.dossier.field_checks import WARNING_STYLE


class ProcedureTrust(QLabel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("procedureTrust")
        self.setWordWrap(True)
        self.setStyleSheet(WARNING_STYLE)
        self.setVisible(False)

    def show_procedure(self, procedure: Procedure | None) -> None:
        """Shown for an unverified entry only; a verified one (or none) needs no word."""
        if procedure is None or procedure.provenance.verified:
            self.clear()
            self.setToolTip("")
            self.setVisible(False)
            return
        self.setText(self.tr("⚠ Unverified: the papers may differ from the law in force"))
        self.setToolTip(self._reason(procedure))
        self.setVisible(True)

    def _reason(self, procedure: Procedure) -> str:
        provenance = procedure.provenance
        lines = [
            self.tr(
                "Entry %1 was not checked against the legal text or the province's list."
            ).replace("%1", procedure.code),
            provenance.reason,
        ]
        if provenance.valid_from or provenance.valid_until:
            start = provenance.valid_from.isoformat() if provenance.valid_from else "…"
            end = provenance.valid_until.isoformat() if provenance.valid_until else "…"
            lines.append(self.tr("Applies: %1 to %2").replace("%1", start).replace("%2", end))
        return "\n".join(line for line in lines if line)

"""How far the clerk can trust the chosen procedure's entry: an entry nobody checked against the
law's text or the province's announcement says so beside the procedure, its reason as tooltip;
an entry outside its valid_from…valid_until dates says that first, verified or not."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel

from station.dossiers import DossierWarning, validity_warnings
from station.model import Procedure
from ui.dossier.field_checks import WARNING_STYLE


class ProcedureTrust(QLabel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("procedureTrust")
        self.setWordWrap(True)
        self.setStyleSheet(WARNING_STYLE)
        self.setVisible(False)

    def show_procedure(self, procedure: Procedure | None, today: date | None = None) -> None:
        """Shown for an unverified entry, or one not in force `today`; a verified entry in
        force (or none) needs no word."""
        dated = validity_warnings(procedure, today or date.today()) if procedure else []
        if procedure is None or (procedure.provenance.verified and not dated):
            self.clear()
            self.setToolTip("")
            self.setVisible(False)
            return
        self.setText(self._headline(procedure, dated))
        self.setToolTip(self._reason(procedure))
        self.setVisible(True)

    def _headline(self, procedure: Procedure, dated: list[DossierWarning]) -> str:
        provenance = procedure.provenance
        if DossierWarning.ENTRY_EXPIRED in dated and provenance.valid_until:
            return self.tr("⚠ Expired: this entry applied until %1").replace(
                "%1", provenance.valid_until.isoformat()
            )
        if DossierWarning.ENTRY_NOT_YET_VALID in dated and provenance.valid_from:
            return self.tr("⚠ Not in force yet: this entry applies from %1").replace(
                "%1", provenance.valid_from.isoformat()
            )
        return self.tr("⚠ Unverified: the papers may differ from the law in force")

    def _reason(self, procedure: Procedure) -> str:
        provenance = procedure.provenance
        lines = [
            ""
            if provenance.verified
            else self.tr(
                "Entry %1 was not checked against the legal text or the province's list."
            ).replace("%1", procedure.code),
            provenance.reason,
        ]
        if provenance.valid_from or provenance.valid_until:
            start = provenance.valid_from.isoformat() if provenance.valid_from else "…"
            end = provenance.valid_until.isoformat() if provenance.valid_until else "…"
            lines.append(self.tr("Applies: %1 to %2").replace("%1", start).replace("%2", end))
        return "\n".join(line for line in lines if line)

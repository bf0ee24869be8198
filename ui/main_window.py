"""Placeholder main window: station, data directory and open dossiers (the workflow comes later)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station.catalog import Catalog
from station.model import DossierState
from station.store import Store


class MainWindow(QMainWindow):
    def __init__(self, store: Store, catalog: Catalog) -> None:
        super().__init__()
        self._store = store
        self._catalog = catalog
        self.setWindowTitle(self.tr("SoHoa Station — Digitization station"))
        self.resize(960, 600)
        station = store.station()
        header = QLabel(self.tr("Station: %1").replace("%1", station.name))
        header.setObjectName("stationHeader")
        self.dossier_table = QTableWidget(0, 4)
        self.dossier_table.setHorizontalHeaderLabels(
            [self.tr("Dossier code"), self.tr("Procedure"), self.tr("Applicant"), self.tr("Pages")]
        )
        header_view = self.dossier_table.horizontalHeader()
        for column in range(4):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == 1
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header_view.setSectionResizeMode(column, mode)
        self.dossier_table.setWordWrap(False)
        self.dossier_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout()
        layout.addWidget(header)
        layout.addWidget(QLabel(self.tr("Open dossiers")))
        layout.addWidget(self.dossier_table)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.statusBar().showMessage(
            self.tr("Data directory: %1 — %2 procedures in the catalog")
            .replace("%1", str(store.layout.home))
            .replace("%2", str(len(catalog)))
        )
        self.refresh()

    def refresh(self) -> None:
        dossiers = self._store.dossiers(DossierState.OPEN)
        self.dossier_table.setRowCount(len(dossiers))
        for row, dossier in enumerate(dossiers):
            procedure = self._catalog.procedures.get(dossier.procedure_code)
            cells = [
                dossier.code,
                procedure.name if procedure else dossier.procedure_code,
                dossier.applicant_name,
                str(len(self._store.pages(dossier.code))),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.dossier_table.setItem(row, column, item)

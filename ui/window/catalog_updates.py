"""The catalog new dossiers are opened against, in the status bar, and a version the sender
fetched taken at once: the screens that open dossiers and list procedures get it, while every
dossier already open keeps the version it records (`Catalog.for_version`)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal

from app.catalogs import StationCatalogs
from station.catalog import Catalog
from station.catalog_builtin import is_built_in
from sync.worker_events import SyncEvent, WorkerEventKind
from ui.dossier.panel import DossierPanel
from ui.status import StatusController
from ui.window.services import Services


class HoldsCatalog(Protocol):
    catalog: Catalog


class CatalogUpdates(QObject):
    error = Signal(object)  # a reload that failed, for the window to show

    def __init__(
        self,
        services: Services,
        status: StatusController,
        panel: DossierPanel,
        holders: list[HoldsCatalog],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.status = status
        self.panel = panel
        self.holders = holders  # the screens' controllers that open or check dossiers
        self._catalogs = StationCatalogs(services.home, lambda: services.store)
        services.events.sync_event.connect(self.follow_sync)
        self._show(services.catalog)

    def follow_sync(self, event: SyncEvent) -> None:
        if event.kind is not WorkerEventKind.CATALOG_UPDATED:
            return
        self.services.tasks.db(self._catalogs.reload).success(
            lambda catalog: self._use(catalog, event.version)
        ).failure(self.error.emit).run()

    def _use(self, catalog: Catalog, version: str) -> None:
        self.services.catalog = catalog
        for holder in (self.services.counter, *self.holders):
            holder.catalog = catalog
        self.panel.use_catalog(catalog)
        self._show(catalog)
        text = self.tr(
            "Procedure catalog updated: version %1. New dossiers use it; open dossiers keep the"
            " version they were opened under."
        ).replace("%1", version)
        self.status.show_message(text, 30000)

    def _show(self, catalog: Catalog) -> None:
        name = self.tr("built-in") if is_built_in(catalog.version) else catalog.version
        text = self.tr("Catalog: %1").replace("%1", name)
        if catalog.local:
            text += " + " + self.tr("%1 added here").replace("%1", str(len(catalog.local)))
        tips = [self.tr("New dossiers are checked against this catalog."), catalog.version]
        if catalog.ignored:
            text = "⚠ " + text
            tips += [self._ignored(own.path, own.code) for own in catalog.ignored]
        self.status.show_catalog(text, "\n".join(tips))

    def _ignored(self, path: str, code: str) -> str:
        return (
            self.tr(
                "Ignored: the station's own file %1 names procedure %2, which the catalog already"
                " holds; the station follows the catalog. A change belongs in the province's"
                " catalog."
            )
            .replace("%1", path)
            .replace("%2", code)
        )

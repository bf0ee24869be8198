"""What the screens are given: the store, the catalog, the scanner bridge, the counter session,
the background task runner, the core-to-Qt adapter, the settings, the upload worker and the
clerk's PIN for the shift. Built once at start (or by a test). The upload worker is started by
its screen once sync is configured."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.context import make_bridge
from app.counter import CounterSession
from app.prerender import Prerenderer
from drivers.bridge import Bridge
from station.catalog import Catalog
from station.store import Store
from station.workflow.signing import PinCache
from sync.worker import SyncWorker, WorkerOptions
from ui.application import pin_singletons
from ui.events import CoreEvents
from ui.settings.keeper import SettingsKeeper
from ui.settings.values import load_station_settings, user_config_file
from ui.tasks import TaskRunner


@dataclass
class Services:
    store: Store
    catalog: Catalog
    bridge: Bridge
    counter: CounterSession  # the active dossier and component: one at a time
    tasks: TaskRunner
    events: CoreEvents
    settings: SettingsKeeper
    user_config: Path  # where the choice of data directory is kept
    sync: SyncWorker  # its events reach `events`; not running until sync is configured
    prerender: Prerenderer  # analysed pages encoded ahead of Finish
    # The signed-in clerk's PIN (or PKCS#12 password) for their shift, in memory only: Finish
    # and the result screen ask it once, and it goes when the clerk signs out or another signs in.
    pins: PinCache = field(default_factory=PinCache)

    @property
    def home(self) -> Path:
        return Path(self.store.layout.home)

    def close(self) -> None:
        """Wait for background work (a scan is cancelled by its screen first), stop the upload
        worker (its current job stays queued) and the driver worker. The store is closed by
        whoever opened it."""
        self.tasks.shutdown()
        self.prerender.close()
        self.sync.stop()
        self.bridge.close()


def create_services(
    store: Store,
    catalog: Catalog,
    bridge: Bridge | None = None,
    user_config: Path | None = None,
    sync_options: WorkerOptions | None = None,
) -> Services:
    pin_singletons()
    home = Path(store.layout.home)
    tasks = TaskRunner()
    events = CoreEvents()
    # The facts for the hub are judged against the catalog the window uses, whichever version
    # it has taken since (`CatalogUpdates` replaces `services.catalog`).
    sync = SyncWorker(
        home, options=sync_options, catalog=lambda: services.catalog, database=store.database
    )
    sync.subscribe(events.post)
    settings = SettingsKeeper(home, load_station_settings(home), tasks, store)
    services = Services(
        store=store,
        catalog=catalog,
        bridge=bridge if bridge is not None else make_bridge(home),
        counter=CounterSession(catalog, lambda code: settings.update(last_dossier=code)),
        tasks=tasks,
        events=events,
        settings=settings,
        user_config=user_config if user_config is not None else user_config_file(),
        sync=sync,
        prerender=Prerenderer(store, settings.value.profile),
    )
    return services

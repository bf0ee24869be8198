"""The counter session: the one dossier the clerk is working on and the component new pages
are tagged with. One dossier is active at a time; "next citizen" parks it (it stays open in the
store, to be taken up again), so no more pages go to it, and the component target starts again
from none. While a scan batch runs into the active dossier, no other dossier can be taken up
and the active one cannot be parked: its pages would have nowhere to go. A batch started with no
dossier active waits for its first page, a receipt, to name one (`claim_batch`).

State only: the frontend reads the store on its own thread (`find_dossier`, `dossier_to_resume`)
and tells the session what it found.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.capture import Target
from station.catalog import Catalog
from station.errors import ErrorCode, StationError
from station.model import Dossier, DossierState, Procedure
from station.store import Store


class ScanRunning(Exception):
    """Another dossier was asked for while a batch runs into the active one."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Active:
    dossier: Dossier
    procedure: Procedure | None


class CounterSession:
    """Thread-safe reads (`target` is asked by the scanning thread for every page)."""

    def __init__(self, catalog: Catalog, remember: Callable[[str], None] = lambda _code: None):
        self.catalog = catalog
        self._remember = remember  # where the active dossier's code is kept across a restart
        self._lock = threading.Lock()
        self._active: Active | None = None
        self._component: str | None = None
        # The dossier a running scan batch goes into; "" while its receipt has yet to name it.
        self._batch: str | None = None

    @property
    def dossier(self) -> Dossier | None:
        active = self._active
        return active.dossier if active is not None else None

    @property
    def procedure(self) -> Procedure | None:
        active = self._active
        return active.procedure if active is not None else None

    @property
    def code(self) -> str | None:
        dossier = self.dossier
        return dossier.code if dossier is not None else None

    @property
    def component(self) -> str | None:
        return self._component

    @property
    def scanning(self) -> bool:
        return self._batch is not None

    def open(self, dossier: Dossier) -> Active:
        """Make the dossier the active one (switching from another parks that one)."""
        if dossier.state is not DossierState.OPEN:
            raise StationError(ErrorCode.DOSSIER_FINISHED, code=dossier.code)
        catalog = self.catalog.for_version(dossier.catalog_version)
        procedure = catalog.procedures.get(dossier.procedure_code)
        with self._lock:
            switching = self._active is None or self._active.dossier.code != dossier.code
            if switching and self._batch is not None and self._batch != dossier.code:
                raise ScanRunning(self._batch)
            self._active = Active(dossier, procedure)
            known = {c.code for c in procedure.components} if procedure is not None else set()
            if switching or self._component not in known:
                self._component = None
        self._remember(dossier.code)
        return self._active

    def set_component(self, code: str | None) -> None:
        procedure = self.procedure
        if code is not None and (procedure is None or procedure.component(code) is None):
            raise StationError(
                ErrorCode.UNKNOWN_COMPONENT,
                procedure=procedure.code if procedure else "",
                code=code,
            )
        with self._lock:
            self._component = code

    def close(self) -> None:
        """Next citizen (or the dossier was finished): nothing is active any more."""
        with self._lock:
            if self._batch is not None:
                raise ScanRunning(self._batch)
            self._active = None
            self._component = None
        self._remember("")

    next_citizen = close

    def start_batch(self) -> Callable[[], Target | None]:
        """A scan batch into the active dossier begins: the target its pages ask for. With no
        dossier active, the batch's receipt names it (see claim_batch)."""
        code = self.code
        with self._lock:
            self._batch = code if code is not None else ""
        return self.target_for(code) if code is not None else self._receipt_target

    def claim_batch(self, dossier_code: str) -> None:
        """The receipt on top of a batch started with no dossier named this one: the batch is
        its, and no other dossier can be taken up until it ends."""
        with self._lock:
            if self._batch == "":
                self._batch = dossier_code

    def _receipt_target(self) -> Target | None:
        with self._lock:
            batch, active = self._batch, self._active
            if batch is None:
                return None
            if batch == "":
                return Target(None)  # the capture reads the receipt
            if active is None or active.dossier.code != batch:
                return Target(batch)  # named by the receipt, not shown yet
            return Target(batch, self._component, active.procedure, self.set_component)

    def end_batch(self) -> None:
        with self._lock:
            self._batch = None

    def target_for(self, dossier_code: str) -> Callable[[], Target | None]:
        """For a scan batch started on `dossier_code`: where each page goes, or None once that
        dossier is no longer the active one."""

        def target() -> Target | None:
            with self._lock:
                active = self._active
                if active is None or active.dossier.code != dossier_code:
                    return None
                return Target(dossier_code, self._component, active.procedure, self.set_component)

        return target


def find_dossier(store: Store, code: str) -> Dossier | None:
    try:
        return store.dossier(code)
    except StationError as exc:
        if exc.code is ErrorCode.DOSSIER_NOT_FOUND:
            return None
        raise


def dossier_to_resume(store: Store, remembered: str) -> Dossier | None:
    """The dossier left open last time, else the most recent open one."""
    dossier = find_dossier(store, remembered) if remembered else None
    if dossier is not None and dossier.state is DossierState.OPEN:
        return dossier
    still_open = store.dossiers(DossierState.OPEN)
    return still_open[0] if still_open else None


def scan_target(
    store: Store, catalog: Catalog, dossier_code: str, component: str | None
) -> Dossier:
    """The open dossier pages scanned or imported by code go to, its component checked."""
    dossier = store.dossier(dossier_code.strip())
    if dossier.state is not DossierState.OPEN:
        raise StationError(ErrorCode.DOSSIER_CLOSED, code=dossier.code)
    if component is not None:
        own = catalog.for_version(dossier.catalog_version)  # the version it was opened under
        procedure = own.procedures.get(dossier.procedure_code)
        if procedure is None or procedure.component(component) is None:
            raise StationError(
                ErrorCode.UNKNOWN_COMPONENT, procedure=dossier.procedure_code, code=component
            )
    return dossier

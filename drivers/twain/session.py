"""One open TWAIN data source and the state we drove it to, so that any exit unwinds it.

TWAIN is a state machine: 4 open, 5 enabled, 6 transfers pending, 7 transferring. pytwain keeps
only a shadow of it ("open"/"enabled"/"ready") that a direct xfer_image_natively loop never moves
to "ready", so its own close() tries MSG_DISABLEDS on a source still in state 6, fails, and leaves
the source open. We track the real state and step back through it ourselves: MSG_ENDXFER in 7,
MSG_RESET of pending transfers in 6, MSG_DISABLEDS in 5, then close. Those steps go through
pytwain's private Source._end_xfer / _end_all_xfers (2.3.0 has no public equivalent).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum
from types import ModuleType
from typing import Any, TypeVar

from drivers.twain.errors import refuses_setting, scan_error, twain_errors
from drivers.twain.values import Allowed, allowed
from station.errors import ErrorCode, StationError

PREFIX = "twain:"
log = logging.getLogger(__name__)
T = TypeVar("T")


class Stage(IntEnum):
    OPEN = 4
    ENABLED = 5
    READY = 6
    TRANSFERRING = 7


def source_name(device_id: str) -> str:
    if not device_id.startswith(PREFIX) or len(device_id) == len(PREFIX):
        raise StationError(ErrorCode.DEVICE_NOT_FOUND, device=device_id)
    return device_id[len(PREFIX) :]


@contextmanager
def source_manager(twain: ModuleType, parent_window: Any) -> Iterator[Any]:
    """pytwain's SourceManager, closed on exit; DRIVER_UNAVAILABLE when the DSM cannot load."""
    unavailable = (OSError, twain.exceptions.TwainError)
    try:
        manager = twain.SourceManager(
            parent_window,
            ProductName="SoHoa Station",
            ProductFamily="SoHoa Station",
            Manufacturer="SoHoa",
        )
    except unavailable as exc:
        raise StationError(
            ErrorCode.DRIVER_UNAVAILABLE, driver="twain", detail=f"{type(exc).__name__}: {exc}"
        ) from exc
    try:
        yield manager
    finally:
        try:
            manager.close()
        except twain_errors(twain) as exc:
            log.warning("closing the TWAIN source manager failed: %r", exc)


def guarded(twain: ModuleType, device_id: str, fn: Callable[[], T], sheet: int = 0) -> T:
    """Run a pytwain call; a source's failure becomes the station's typed error."""
    try:
        return fn()
    except twain_errors(twain) as exc:
        raise scan_error(twain, exc, device_id, sheet) from exc


class Session:
    def __init__(self, twain: ModuleType, source: Any, device_id: str) -> None:
        self.twain = twain
        self.source = source
        self.device_id = device_id
        self.stage = Stage.OPEN
        self.sheet = 0  # the sheet an error is reported against
        self.errors = twain_errors(twain)

    @classmethod
    @contextmanager
    def open(cls, twain: ModuleType, device_id: str, parent_window: Any) -> Iterator[Session]:
        name = source_name(device_id)
        with source_manager(twain, parent_window) as manager:
            if name not in guarded(twain, device_id, lambda: manager.source_list):
                raise StationError(ErrorCode.DEVICE_NOT_FOUND, device=device_id)
            try:
                source = manager.open_source(name)
            except twain.exceptions.NoDataSourceError as exc:
                raise StationError(ErrorCode.DEVICE_NOT_FOUND, device=device_id) from exc
            except twain_errors(twain) as exc:
                raise scan_error(twain, exc, device_id, 0) from exc
            session = cls(twain, source, device_id)
            try:
                yield session
            finally:
                session.close()

    # Calls ------------------------------------------------------------------------------------
    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a pytwain call; a source's failure becomes the station's typed error."""
        try:
            return fn(*args)
        except self.errors as exc:
            raise scan_error(self.twain, exc, self.device_id, self.sheet) from exc

    def get(self, cap: int, fix: bool = False) -> Allowed | None:
        """What a capability allows, or None when the source does not have it."""
        try:
            return allowed(self.source.get_capability(cap), fix)
        except self.errors as exc:
            if refuses_setting(self.twain, exc):
                return None
            raise scan_error(self.twain, exc, self.device_id, self.sheet) from exc

    def current(self, cap: int, fix: bool = False) -> Any:
        """A capability's current value, or None when the source does not have it."""
        try:
            return allowed(self.source.get_capability_current(cap), fix).current
        except self.errors as exc:
            if refuses_setting(self.twain, exc):
                return None
            raise scan_error(self.twain, exc, self.device_id, self.sheet) from exc

    def set(self, cap: int, type_id: int, value: Any, setting: str, shown: Any = None) -> bool:
        """Set a capability the scan needs; True when the source adjusted the value (CheckStatus).
        A refusal is UNSUPPORTED_SETTING naming `setting` and the value the user asked for."""
        try:
            self.source.set_capability(cap, type_id, value)
        except self.twain.exceptions.CheckStatus:
            return True
        except self.errors as exc:
            if refuses_setting(self.twain, exc):
                raise StationError(
                    ErrorCode.UNSUPPORTED_SETTING,
                    device=self.device_id,
                    setting=setting,
                    value=str(value if shown is None else shown),
                    detail=type(exc).__name__,
                ) from exc
            raise scan_error(self.twain, exc, self.device_id, self.sheet) from exc
        return False

    def set_if_supported(self, cap: int, type_id: int, value: Any) -> bool:
        """Set a capability that only helps; False when the source refused it."""
        try:
            self.source.set_capability(cap, type_id, value)
        except self.twain.exceptions.CheckStatus:
            return True
        except self.errors as exc:
            if refuses_setting(self.twain, exc):
                return False
            raise scan_error(self.twain, exc, self.device_id, self.sheet) from exc
        return True

    # Acquisition --------------------------------------------------------------------------------
    def enable(self) -> None:
        self.call(self.source.request_acquire, False, False)
        self.stage = Stage.ENABLED

    def image_info(self) -> dict:
        """The next image's DAT_IMAGEINFO. A source that announces MSG_XFERREADY through the
        window's message queue is still in state 5 here; pump its messages once, then retry."""
        try:
            info = self.source.image_info
        except self.twain.exceptions.SequenceError as exc:
            if self.stage != Stage.ENABLED:
                raise scan_error(self.twain, exc, self.device_id, self.sheet) from exc
            self.call(self.source.modal_loop)
            info = self.call(lambda: self.source.image_info)
        except self.errors as exc:
            raise scan_error(self.twain, exc, self.device_id, self.sheet) from exc
        self.stage = Stage.READY
        return info

    def transferring(self) -> None:
        self.stage = Stage.TRANSFERRING

    def transferred(self, pending: int) -> None:
        """After MSG_ENDXFER: 0 pending means back in state 5."""
        self.stage = Stage.READY if pending else Stage.ENABLED

    def end_transfer(self) -> int:
        pending = self.call(self.source._end_xfer)
        self.transferred(pending)
        return pending

    def drop_pending(self) -> None:
        """MSG_RESET: forget the images the source still holds (count reached, cancel)."""
        if self.stage == Stage.TRANSFERRING:
            self.end_transfer()
        if self.stage == Stage.READY:
            self.call(self.source._end_all_xfers)
            self.stage = Stage.ENABLED

    def finish(self) -> None:
        if self.stage == Stage.ENABLED:
            self.call(self.source.hide_ui)
            self.stage = Stage.OPEN

    def close(self) -> None:
        """Unwind whatever state the source is in; never raises (we may be inside an error)."""
        if self.stage == Stage.TRANSFERRING:
            pending = self._quietly(self.source._end_xfer)
            self.stage = Stage.ENABLED if pending == 0 else Stage.READY
        if self.stage == Stage.READY:
            self._quietly(self.source._end_all_xfers)
            self.stage = Stage.ENABLED
        if self.stage == Stage.ENABLED:
            self._quietly(self.source.hide_ui)
            self.stage = Stage.OPEN
        self._quietly(self.source.close)

    def _quietly(self, fn: Callable[[], T]) -> T | None:
        try:
            return fn()
        except self.errors as exc:
            log.warning("TWAIN cleanup: %s failed: %r", getattr(fn, "__name__", fn), exc)
            return None

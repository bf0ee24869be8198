"""The SANE driver: device list, capabilities, and a batch scan (flatbed, ADF, duplex)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from drivers.contract import (
    CancelToken,
    Capabilities,
    ColorMode,
    DeviceInfo,
    EventSink,
    MemoryPageWriter,
    OptionInfo,
    PageStarted,
    PageWriterFactory,
    ScannedPage,
    ScanSettings,
    Side,
    Source,
    ignore_events,
)
from drivers.sane import libsane
from drivers.sane.libsane import Handle, SaneError, Status, ValueType
from drivers.sane.reader import ReadContext, read_image
from drivers.sane.status import scan_error
from station.errors import ErrorCode, StationError
from station.paper import scan_area

PREFIX = "sane:"
COMMON_DPI = (75, 100, 150, 200, 240, 300, 400, 600, 1200)
MODE_NAMES = {
    ColorMode.COLOR: ("color", "colour", "24bit color", "rgb"),
    ColorMode.GRAY: ("gray", "grey", "grayscale", "8bit gray"),
    ColorMode.LINEART: ("lineart", "binary", "black & white", "bw"),
}
SOURCE_NAMES = {
    Source.FLATBED: ("flatbed", "normal", "document table", "platen"),
    Source.ADF: ("automatic document feeder", "adf", "adf front", "document feeder", "feeder"),
    Source.DUPLEX: ("adf duplex", "duplex", "automatic document feeder duplex"),
}
_TRUE = {"1", "yes", "true", "on"}
# Backend state outlives sane_close within a process; each scan starts from these values.
_initial_values: dict[str, dict[str, Any]] = {}


def _device_name(device_id: str) -> str:
    if not device_id.startswith(PREFIX):
        raise StationError(ErrorCode.DEVICE_NOT_FOUND, device=device_id)
    return device_id[len(PREFIX) :]


def _open(device_id: str) -> Handle:
    name = _device_name(device_id)
    try:
        handle = Handle(name)
    except OSError as exc:
        raise StationError(ErrorCode.DRIVER_UNAVAILABLE, driver="sane", detail=str(exc)) from exc
    except SaneError as exc:
        if exc.status is Status.INVAL:
            raise StationError(ErrorCode.DEVICE_NOT_FOUND, device=device_id) from exc
        raise scan_error(exc.status, device_id, 0, "sane_open") from exc
    if name not in _initial_values:
        _initial_values[name] = _snapshot(handle)
    return handle


def _snapshot(handle: Handle) -> dict[str, Any]:
    values = {}
    for option in handle.options().values():
        if option.active and option.settable and option.type is not ValueType.BUTTON:
            try:
                values[option.name] = handle.get(option.name)
            except SaneError:
                continue
    return values


def _restore(handle: Handle) -> None:
    for name, value in _initial_values.get(handle.name, {}).items():
        option = handle.options().get(name)
        if option is None or not (option.active and option.settable):
            continue
        try:
            if handle.get(name) != value:
                handle.set(name, value)
        except SaneError:
            continue


def _pick(choices: list[str], wanted: tuple[str, ...]) -> str | None:
    lowered = {c.lower(): c for c in choices}
    for name in wanted:
        if name in lowered:
            return lowered[name]
    return next((c for c in choices for w in wanted if w in c.lower()), None)


def _nearest_dpi(constraint: Any, dpi: int) -> float:
    if isinstance(constraint, tuple):
        low, high, quant = constraint
        value = min(max(dpi, low), high)
        return round((value - low) / quant) * quant + low if quant else value
    if isinstance(constraint, list) and constraint:
        return min(constraint, key=lambda v: abs(v - dpi))
    return dpi


SheetHook = Callable[[Handle, int], None]


class SaneDriver:
    name = "sane"

    def __init__(self, before_sheet: SheetHook | None = None) -> None:
        # Called with the open handle before each sheet starts: lets a diagnostic session (and
        # the tests) change backend options mid-batch, as a technician at the device would.
        self._before_sheet = before_sheet

    def list_devices(self) -> list[DeviceInfo]:
        try:
            entries = libsane.devices()
        except OSError as exc:
            raise StationError(
                ErrorCode.DRIVER_UNAVAILABLE, driver="sane", detail=str(exc)
            ) from exc
        except SaneError as exc:
            raise scan_error(exc.status, "sane", 0, "sane_get_devices") from exc
        return [
            DeviceInfo(
                f"{PREFIX}{e.name}", f"{e.vendor} {e.model}".strip(), self.name, e.vendor, e.model
            )
            for e in entries
        ]

    def capabilities(self, device_id: str) -> Capabilities:
        with _open(device_id) as handle:
            return self._capabilities(handle)

    def _capabilities(self, handle: Handle) -> Capabilities:
        options = handle.options()
        mode_list = options["mode"].constraint if "mode" in options else []
        modes = tuple(m for m, names in MODE_NAMES.items() if _pick(mode_list or [], names))
        depths = (
            tuple(int(d) for d in (options["depth"].constraint or [8]))
            if "depth" in options
            else (8,)
        )
        if ColorMode.LINEART not in modes and 1 in depths:
            modes += (ColorMode.LINEART,)
        source_list = options["source"].constraint if "source" in options else []
        sources = tuple(s for s, names in SOURCE_NAMES.items() if _pick(source_list or [], names))
        resolution = options.get("resolution")
        constraint = resolution.constraint if resolution else None
        if isinstance(constraint, tuple):
            dpis = tuple(d for d in COMMON_DPI if constraint[0] <= d <= constraint[1])
        else:
            dpis = tuple(int(d) for d in (constraint or [300]))
        return Capabilities(
            sources=sources or (Source.FLATBED,),
            resolutions=dpis,
            color_modes=modes or (ColorMode.GRAY,),
            bit_depths=depths,
            max_area_mm=_max_area(handle),
            options=tuple(
                OptionInfo(
                    o.name,
                    o.title,
                    o.type.name.lower(),
                    o.unit.name.lower(),
                    o.constraint,
                    None,
                    o.active,
                    o.settable,
                )
                for o in options.values()
            ),
        )

    def scan(
        self,
        device_id: str,
        settings: ScanSettings,
        cancel: CancelToken,
        events: EventSink = ignore_events,
        pages: PageWriterFactory = MemoryPageWriter,
    ) -> Iterator[ScannedPage]:
        with _open(device_id) as handle:
            cancel.on_cancel(handle.cancel)
            _restore(handle)
            dpi = self._configure(handle, device_id, settings)
            try:
                yield from self._batch(handle, device_id, settings, dpi, cancel, events, pages)
            finally:
                handle.cancel()

    def _configure(self, handle: Handle, device_id: str, settings: ScanSettings) -> int:
        options = handle.options()
        mode, depth = settings.mode, (1 if settings.mode is ColorMode.LINEART else settings.depth)
        if "mode" in options:
            choice = _pick(options["mode"].constraint or [], MODE_NAMES[mode])
            if choice is None and mode is ColorMode.LINEART:
                choice = _pick(options["mode"].constraint or [], MODE_NAMES[ColorMode.GRAY])
            if choice is None:
                raise StationError(
                    ErrorCode.UNSUPPORTED_SETTING,
                    device=device_id,
                    setting="mode",
                    value=mode.value,
                )
            self._set(handle, device_id, "mode", choice)
        if "depth" in handle.options():
            if depth not in (handle.options()["depth"].constraint or [depth]):
                raise StationError(
                    ErrorCode.UNSUPPORTED_SETTING,
                    device=device_id,
                    setting="depth",
                    value=str(depth),
                )
            self._set(handle, device_id, "depth", depth)
        if "source" in handle.options():
            choice = _pick(
                handle.options()["source"].constraint or [], SOURCE_NAMES[settings.source]
            )
            if choice is None:
                raise StationError(
                    ErrorCode.UNSUPPORTED_SETTING,
                    device=device_id,
                    setting="source",
                    value=settings.source.value,
                )
            self._set(handle, device_id, "source", choice)
        elif settings.source is not Source.FLATBED:
            raise StationError(
                ErrorCode.UNSUPPORTED_SETTING,
                device=device_id,
                setting="source",
                value=settings.source.value,
            )
        dpi = settings.dpi
        if "resolution" in handle.options():
            dpi = _nearest_dpi(handle.options()["resolution"].constraint, settings.dpi)
            self._set(handle, device_id, "resolution", dpi)
        width, height = scan_area(settings.paper, _max_area(handle))
        for name, value in (("tl-x", 0.0), ("tl-y", 0.0), ("br-x", width), ("br-y", height)):
            if name in handle.options():
                self._set(handle, device_id, name, value)
        for name, value in settings.options:
            self._set_passthrough(handle, device_id, name, value)
        return round(handle.get("resolution")) if "resolution" in handle.options() else int(dpi)

    def _set(self, handle: Handle, device_id: str, name: str, value: Any) -> None:
        try:
            handle.set(name, value)
        except SaneError as exc:
            raise StationError(
                ErrorCode.UNSUPPORTED_SETTING, device=device_id, setting=name, value=str(value)
            ) from exc

    def _set_passthrough(self, handle: Handle, device_id: str, name: str, value: str) -> None:
        option = handle.options().get(name)
        if option is None or not option.settable:
            raise StationError(ErrorCode.INVALID_OPTION, option=name, device=device_id)
        try:
            if option.type is ValueType.BOOL:
                converted: Any = value.strip().lower() in _TRUE
            elif option.type is ValueType.INT:
                converted = int(value)
            elif option.type is ValueType.FIXED:
                converted = float(value)
            else:
                converted = value
            handle.set(name, converted)
        except (ValueError, SaneError) as exc:
            raise StationError(
                ErrorCode.INVALID_OPTION, option=f"{name}={value}", device=device_id
            ) from exc

    def _batch(
        self,
        handle: Handle,
        device_id: str,
        settings: ScanSettings,
        dpi: int,
        cancel: CancelToken,
        events: EventSink,
        pages: PageWriterFactory,
    ) -> Iterator[ScannedPage]:
        duplex = settings.source is Source.DUPLEX
        per_sheet = 2 if duplex else 1
        limit = None if settings.count is None else settings.count * per_sheet
        if settings.source is Source.FLATBED and limit is None:
            limit = 1
        swap = bool(_active_value(handle, "invert-endianess"))
        done = 0
        while limit is None or done < limit:
            if cancel.cancelled:
                raise StationError(
                    ErrorCode.SCAN_CANCELLED, device=device_id, sheet=done // per_sheet + 1
                )
            sheet, side = done // per_sheet + 1, (Side.BACK if duplex and done % 2 else Side.FRONT)
            if self._before_sheet is not None:
                self._before_sheet(handle, sheet)
            try:
                handle.start()
            except SaneError as exc:
                if exc.status is Status.NO_DOCS and settings.source is not Source.FLATBED and done:
                    return  # the feeder ran empty: the batch is complete
                raise scan_error(exc.status, device_id, sheet, "sane_start") from exc
            events(PageStarted(sheet, side))
            writer = pages()
            context = ReadContext(handle, cancel, events, device_id, sheet, side, swap)
            result = read_image(context, writer)
            mode = (
                ColorMode.COLOR
                if result.channels == 3
                else (ColorMode.LINEART if result.depth == 1 else ColorMode.GRAY)
            )
            yield ScannedPage(
                writer.finish(),
                dpi,
                mode,
                settings.source,
                sheet,
                side,
                result.depth,
                device_id,
                settings.paper.name,
            )
            done += 1


def _active_value(handle: Handle, name: str) -> Any:
    option = handle.options().get(name)
    return handle.get(name) if option is not None and option.active else None


def _max_area(handle: Handle) -> tuple[float, float]:
    options = handle.options()
    width = options["br-x"].constraint[1] if "br-x" in options else 215.9
    height = options["br-y"].constraint[1] if "br-y" in options else 297.0
    return float(width), float(height)

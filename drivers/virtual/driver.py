"""The virtual scanner: realistic Vietnamese administrative pages, A7 to A0, with scanner faults.

Three devices: `virtual`, an ordinary A4 feeder scanner that refuses A3 as a real one would,
`virtual:a3`, an A3 flatbed, and `virtual:a0`, a large-format scanner. On the first two a large
sheet is scanned in parts (options `sheet=A2 part=3`, drivers/virtual/large_sheet.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from drivers.contract import (
    CancelToken,
    Capabilities,
    ColorMode,
    DeviceInfo,
    EventSink,
    MemoryPageWriter,
    PageProgress,
    PageStarted,
    PageWriterFactory,
    ScannedPage,
    ScanSettings,
    Side,
    Source,
    ignore_events,
)
from drivers.virtual.large_sheet import part_strips
from drivers.virtual.options import VirtualOptions, option_infos, parse_virtual_options
from drivers.virtual.pages import build_scene
from drivers.virtual.strips import StripScanner
from station.errors import ErrorCode, StationError
from station.paper import mm_to_px, scan_area

RESOLUTIONS = (75, 100, 150, 200, 300, 400, 600)
LINEART_THRESHOLD = 150


@dataclass(frozen=True)
class _Device:
    info: DeviceInfo
    max_area_mm: tuple[float, float]


_DEVICES = (
    # The everyday counter scanner: A4 flatbed plus duplex feeder; it refuses A3 like a real one.
    _Device(
        DeviceInfo("virtual", "Máy quét ảo / Virtual scanner", "virtual", "SoHoa",
                   "Virtual A4 ADF"),
        (215.9, 297.0),
    ),
    # An A3 flatbed: what a large sheet is scanned on in fewer parts.
    _Device(
        DeviceInfo("virtual:a3", "Máy quét ảo A3 / Virtual A3 flatbed", "virtual", "SoHoa",
                   "Virtual A3"),
        (297.0, 420.0),
    ),
    # A large-format scanner, so every preset up to A0 can be produced.
    _Device(
        DeviceInfo("virtual:a0", "Máy quét ảo khổ lớn A0 / Virtual large-format scanner", "virtual",
                   "SoHoa", "Virtual A0"),
        (841.0, 1189.0),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class _Job:
    """One validated scan request."""

    device_id: str
    settings: ScanSettings
    options: VirtualOptions
    area_mm: tuple[float, float]
    width: int
    height: int
    sheets: int


class VirtualDriver:
    name = "virtual"

    def list_devices(self) -> list[DeviceInfo]:
        return [device.info for device in _DEVICES]

    def capabilities(self, device_id: str) -> Capabilities:
        device = _device(device_id)
        return Capabilities(
            sources=(Source.FLATBED, Source.ADF, Source.DUPLEX),
            resolutions=RESOLUTIONS,
            color_modes=(ColorMode.COLOR, ColorMode.GRAY, ColorMode.LINEART),
            bit_depths=(1, 8, 16),
            max_area_mm=device.max_area_mm,
            options=option_infos(),
        )

    def scan(
        self,
        device_id: str,
        settings: ScanSettings,
        cancel: CancelToken,
        events: EventSink = ignore_events,
        pages: PageWriterFactory = MemoryPageWriter,
    ) -> Iterator[ScannedPage]:
        """Checks the settings now; pages (and feeder faults) come as the iterator is consumed."""
        device = _device(device_id)
        options = parse_virtual_options(settings.options)
        _check_settings(device_id, settings)
        area = scan_area(settings.paper, device.max_area_mm)
        job = _Job(
            device_id,
            settings,
            options,
            area,
            mm_to_px(area[0], settings.dpi),
            mm_to_px(area[1], settings.dpi),
            _sheet_count(settings, options),
        )
        return _run(job, cancel, events, pages)


def _device(device_id: str) -> _Device:
    for device in _DEVICES:
        if device.info.id == device_id:
            return device
    raise StationError(ErrorCode.DEVICE_NOT_FOUND, device=device_id)


def _check_settings(device_id: str, settings: ScanSettings) -> None:
    def refuse(setting: str, value: object) -> StationError:
        return StationError(
            ErrorCode.UNSUPPORTED_SETTING, device=device_id, setting=setting, value=str(value)
        )

    if settings.dpi not in RESOLUTIONS:
        raise refuse("dpi", settings.dpi)
    # lineart is 1 bit; 8 is accepted there too, being what callers leave as the default
    depths = (1, 8) if settings.mode is ColorMode.LINEART else (8, 16)
    if settings.depth not in depths:
        raise refuse("depth", settings.depth)
    if settings.count is not None and settings.count < 1:
        raise refuse("count", settings.count)


def _sheet_count(settings: ScanSettings, options: VirtualOptions) -> int:
    if settings.source is Source.FLATBED:
        return settings.count or 1
    return min(settings.count or options.sheets, options.sheets)


def _fault(options: VirtualOptions, sheet: int) -> ErrorCode | None:
    """The fault that stops sheet `sheet` from being fed, if one is set to happen by then."""
    for after, code in (
        (options.jam_after, ErrorCode.SCANNER_JAMMED),
        (options.cover_open_after, ErrorCode.SCANNER_COVER_OPEN),
        (options.disconnect_after, ErrorCode.SCANNER_DISCONNECTED),
    ):
        if after is not None and sheet > after:
            return code
    return None


def _run(
    job: _Job, cancel: CancelToken, events: EventSink, pages: PageWriterFactory
) -> Iterator[ScannedPage]:
    if job.settings.source is not Source.FLATBED and job.sheets == 0:
        raise StationError(ErrorCode.SCANNER_NO_DOCS, device=job.device_id)
    sides = (Side.FRONT, Side.BACK) if job.settings.source is Source.DUPLEX else (Side.FRONT,)
    for sheet in range(1, job.sheets + 1):
        fault = _fault(job.options, sheet)
        if fault is not None:
            raise StationError(fault, device=job.device_id, sheet=sheet)
        for side in sides:
            _check_cancel(cancel)
            yield _scan_page(job, sheet, side, cancel, events, pages)


def _check_cancel(cancel: CancelToken) -> None:
    if cancel.cancelled:
        raise StationError(ErrorCode.SCAN_CANCELLED)


def _scan_page(
    job: _Job,
    sheet: int,
    side: Side,
    cancel: CancelToken,
    events: EventSink,
    pages: PageWriterFactory,
) -> ScannedPage:
    settings = job.settings
    strips: Iterator[np.ndarray]
    if job.options.sheet is not None:
        strips = part_strips(job.options, job.area_mm, settings.dpi)
    else:
        scene = build_scene(job.options, job.area_mm, settings.paper.is_auto, sheet, side)
        strips = StripScanner(
            scene, job.width, job.height, settings.dpi, job.options.noise
        ).strips()
    colour = settings.mode is ColorMode.COLOR
    depth = 1 if settings.mode is ColorMode.LINEART else settings.depth
    events(PageStarted(sheet, side))
    writer = pages()
    writer.begin(job.width, 3 if colour else 1, np.dtype(np.uint16 if depth == 16 else np.uint8),
                 job.height)  # fmt: skip
    rows = 0
    for strip in strips:
        writer.write(_convert(strip, settings.mode, depth))
        rows += len(strip)
        events(PageProgress(sheet, side, rows, job.height))
        if job.options.delay > 0:
            cancel.wait(job.options.delay)  # returns early when cancelled
        _check_cancel(cancel)
    return ScannedPage(
        pixels=writer.finish(),
        dpi=settings.dpi,
        mode=settings.mode,
        source=settings.source,
        sheet=sheet,
        side=side,
        depth=depth,
        device_id=job.device_id,
        paper=settings.paper.name,
    )


def _convert(strip: np.ndarray, mode: ColorMode, depth: int) -> np.ndarray:
    if mode is ColorMode.COLOR:
        pixels = strip
    else:
        pixels = cv2.cvtColor(strip, cv2.COLOR_RGB2GRAY)
        if mode is ColorMode.LINEART:
            return cv2.threshold(pixels, LINEART_THRESHOLD, 255, cv2.THRESH_BINARY)[1]
    if depth == 16:
        return pixels.astype(np.uint16) * np.uint16(257)  # 0..255 -> 0..65535
    return pixels

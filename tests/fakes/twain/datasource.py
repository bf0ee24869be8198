"""One opened simulated data source: TWAIN states 4-7 and the triplets a DSM forwards to it.

Not part of pytwain. It answers as a TWAIN 1.x source does: a return code, and a condition code
that the application fetches with DAT_STATUS after a TWRC_FAILURE. A triplet sent in the wrong
state fails with TWCC_SEQERROR, so an application that transfers before MSG_ENABLEDS, resets
pending transfers in state 7 or disables in state 6 sees what it would see on Windows.
Structures the application passes are read at their address through this module's own layouts.
"""

from __future__ import annotations

import ctypes as ct
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import containers, imaging, windows
from .lowlevel import constants as c
from .lowlevel import structs as s
from .scanner import CANCEL, MM_PER_INCH, SIZES_MM, CapSpec, FakeScanner

UNKNOWN_COUNT = 0xFFFF  # TW_PENDINGXFERS.Count -1 read as unsigned


class TW_MEMORY(ct.Structure):
    _pack_ = 2
    _fields_ = [("Flags", ct.c_uint32), ("Length", ct.c_uint32), ("TheMem", ct.c_void_p)]


class TW_IMAGEMEMXFER(ct.Structure):
    _pack_ = 2
    _fields_ = [
        ("Compression", ct.c_uint16),
        ("BytesPerRow", ct.c_uint32),
        ("Columns", ct.c_uint32),
        ("Rows", ct.c_uint32),
        ("XOffset", ct.c_uint32),
        ("YOffset", ct.c_uint32),
        ("BytesWritten", ct.c_uint32),
        ("Memory", TW_MEMORY),
    ]


class TW_SETUPMEMXFER(ct.Structure):
    _pack_ = 2
    _fields_ = [
        ("MinBufSize", ct.c_uint32),
        ("MaxBufSize", ct.c_uint32),
        ("Preferred", ct.c_uint32),
    ]


def view(buf: Any, layout: type) -> Any:
    """The application's structure behind a ctypes.byref(), seen through `layout`."""
    return layout.from_address(ct.addressof(buf._obj))


def _same(a: Any, b: Any) -> bool:
    return abs(float(a) - float(b)) < 1e-6


@dataclass
class Image:
    """The image being transferred: pixels as the station stores them, plus transfer progress."""

    sheet: int
    side: int
    pixel_type: int
    bitdepth: int
    dpi: tuple[float, float]
    pixels: np.ndarray
    rows: np.ndarray | None = None  # buffered-memory rows, built on the first strip
    sent: int = 0
    strips: int = 0


class DataSource:
    def __init__(self, scanner: FakeScanner, source_id: int) -> None:
        self.scanner = scanner
        self.id = source_id
        self.state = 4
        self.condition = c.TWCC_SUCCESS
        self.values: dict[int, Any] = {}
        self.log: list[tuple[int, Any]] = []  # every accepted MSG_SET, in order (tests read it)
        self.layouts: list[tuple[float, ...]] = []  # every accepted DAT_IMAGELAYOUT, inches
        self.messages: list[int] = []  # posted to the application's window
        self.queue: list[tuple[int, int]] = []  # (sheet, side) still to transfer
        self.image: Image | None = None
        self.frame = (0.0, 0.0, *self._physical())
        self._handlers = {
            (c.DG_CONTROL, c.DAT_CAPABILITY, c.MSG_GET): self._cap_get,
            (c.DG_CONTROL, c.DAT_CAPABILITY, c.MSG_GETCURRENT): self._cap_get,
            (c.DG_CONTROL, c.DAT_CAPABILITY, c.MSG_GETDEFAULT): self._cap_get,
            (c.DG_CONTROL, c.DAT_CAPABILITY, c.MSG_SET): self._cap_set,
            (c.DG_CONTROL, c.DAT_CAPABILITY, c.MSG_RESET): self._cap_reset,
            (c.DG_IMAGE, c.DAT_IMAGELAYOUT, c.MSG_GET): self._layout_get,
            (c.DG_IMAGE, c.DAT_IMAGELAYOUT, c.MSG_GETDEFAULT): self._layout_get,
            (c.DG_IMAGE, c.DAT_IMAGELAYOUT, c.MSG_SET): self._layout_set,
            (c.DG_IMAGE, c.DAT_IMAGELAYOUT, c.MSG_RESET): self._layout_reset,
            (c.DG_CONTROL, c.DAT_USERINTERFACE, c.MSG_ENABLEDS): self._enable,
            (c.DG_CONTROL, c.DAT_USERINTERFACE, c.MSG_DISABLEDS): self._disable,
            (c.DG_CONTROL, c.DAT_EVENT, c.MSG_PROCESSEVENT): self._process_event,
            (c.DG_IMAGE, c.DAT_IMAGEINFO, c.MSG_GET): self._image_info,
            (c.DG_IMAGE, c.DAT_IMAGENATIVEXFER, c.MSG_GET): self._native_xfer,
            (c.DG_CONTROL, c.DAT_SETUPMEMXFER, c.MSG_GET): self._setup_mem_xfer,
            (c.DG_IMAGE, c.DAT_IMAGEMEMXFER, c.MSG_GET): self._mem_xfer,
            (c.DG_CONTROL, c.DAT_PENDINGXFERS, c.MSG_ENDXFER): self._end_xfer,
            (c.DG_CONTROL, c.DAT_PENDINGXFERS, c.MSG_RESET): self._reset_xfers,
            (c.DG_CONTROL, c.DAT_PENDINGXFERS, c.MSG_GET): self._pending,
            (c.DG_CONTROL, c.DAT_STATUS, c.MSG_GET): self._status,
        }

    # Dispatch -------------------------------------------------------------------------------
    def call(self, dg: int, dat: int, msg: int, buf: Any) -> int:
        handler = self._handlers.get((dg, dat, msg))
        if handler is None or (dat == c.DAT_IMAGELAYOUT and not self.scanner.image_layout):
            return self.fail(c.TWCC_BADPROTOCOL)
        return handler(buf, msg)

    def fail(self, code: int) -> int:
        self.condition = code
        return c.TWRC_FAILURE

    def _status(self, buf: Any, _msg: int) -> int:
        view(buf, s.TW_STATUS).ConditionCode = self.condition
        self.condition = c.TWCC_SUCCESS
        return c.TWRC_SUCCESS

    def current(self, cap: int) -> Any:
        """The value a capability has now (tests assert on it)."""
        spec = self._spec(cap)
        if spec is None:
            raise KeyError(cap)
        return self._current(cap, spec)

    # Capabilities ---------------------------------------------------------------------------
    def _feeder_on(self) -> bool:
        if not self.scanner.feeder:
            return False
        return bool(self.values.get(c.CAP_FEEDERENABLED, not self.scanner.flatbed))

    def _physical(self) -> tuple[float, float]:
        return self.scanner.feeder_in if self._feeder_on() else self.scanner.flatbed_in

    def _units(self) -> float:
        return 2.54 if self.values.get(c.ICAP_UNITS, c.TWUN_INCHES) == c.TWUN_CENTIMETERS else 1.0

    def _fitting_sizes(self) -> tuple[int, ...]:
        width, height = (v * MM_PER_INCH + 1.0 for v in self._physical())
        return tuple(
            code
            for code in self.scanner.supported_sizes
            if code == c.TWSS_NONE or (SIZES_MM[code][0] <= width and SIZES_MM[code][1] <= height)
        )

    def _spec(self, cap: int) -> CapSpec | None:
        sc = self.scanner
        if cap in sc.unsupported:
            return None
        pixel_type = self.values.get(c.ICAP_PIXELTYPE, next(iter(sc.bit_depths)))
        resolution = (
            CapSpec(c.TWTY_FIX32, 200.0, range=sc.resolution_range)
            if sc.resolution_range
            else CapSpec(c.TWTY_FIX32, 200.0, choices=sc.resolutions)
        )
        units = self._units()
        width, height = self._physical()
        specs: dict[int, CapSpec] = {
            c.CAP_XFERCOUNT: CapSpec(c.TWTY_INT16, -1),
            c.ICAP_XFERMECH: CapSpec(c.TWTY_UINT16, sc.xfer_mechs[0], choices=sc.xfer_mechs),
            c.ICAP_PIXELTYPE: CapSpec(c.TWTY_UINT16, pixel_type, choices=tuple(sc.bit_depths)),
            c.ICAP_BITDEPTH: CapSpec(
                c.TWTY_UINT16, sc.bit_depths[pixel_type][0], choices=sc.bit_depths[pixel_type]
            ),
            c.ICAP_XRESOLUTION: resolution,
            c.ICAP_YRESOLUTION: resolution,
            c.ICAP_UNITS: CapSpec(
                c.TWTY_UINT16, c.TWUN_INCHES, choices=(c.TWUN_INCHES, c.TWUN_CENTIMETERS)
            ),
            c.ICAP_PHYSICALWIDTH: CapSpec(c.TWTY_FIX32, width * units, readonly=True),
            c.ICAP_PHYSICALHEIGHT: CapSpec(c.TWTY_FIX32, height * units, readonly=True),
            c.ICAP_SUPPORTEDSIZES: CapSpec(
                c.TWTY_UINT16, c.TWSS_NONE, choices=self._fitting_sizes()
            ),
            c.ICAP_FRAMES: CapSpec(c.TWTY_FRAME, (0.0, 0.0, width * units, height * units)),
            c.ICAP_PIXELFLAVOR: CapSpec(
                c.TWTY_UINT16, sc.pixel_flavor, choices=(c.TWPF_CHOCOLATE, c.TWPF_VANILLA)
            ),
            c.ICAP_COMPRESSION: CapSpec(c.TWTY_UINT16, c.TWCP_NONE, choices=(c.TWCP_NONE,)),
            c.ICAP_BITORDER: CapSpec(c.TWTY_UINT16, c.TWBO_MSBFIRST, choices=(c.TWBO_MSBFIRST,)),
            c.ICAP_PLANARCHUNKY: CapSpec(c.TWTY_UINT16, c.TWPC_CHUNKY, choices=(c.TWPC_CHUNKY,)),
            c.CAP_DEVICEONLINE: CapSpec(c.TWTY_BOOL, True, readonly=True),
            **sc.extra_caps,
        }
        if sc.feeder:
            specs[c.CAP_FEEDERENABLED] = CapSpec(
                c.TWTY_BOOL, not sc.flatbed, choices=(False, True) if sc.flatbed else (True,)
            )
            specs[c.CAP_FEEDERLOADED] = CapSpec(c.TWTY_BOOL, sc.sheets > 0, readonly=True)
            specs[c.CAP_AUTOFEED] = CapSpec(c.TWTY_BOOL, True)
            duplex = c.TWDX_1PASSDUPLEX if sc.duplex else c.TWDX_NONE
            specs[c.CAP_DUPLEX] = CapSpec(c.TWTY_UINT16, duplex, readonly=True)
            if sc.duplex:
                specs[c.CAP_DUPLEXENABLED] = CapSpec(c.TWTY_BOOL, False)
        return specs.get(cap)

    def _current(self, cap: int, spec: CapSpec) -> Any:
        if cap == c.ICAP_FRAMES:
            return tuple(v * self._units() for v in self.frame)
        if spec.readonly:
            return spec.default
        return self.values.get(cap, spec.default)

    def _cap_get(self, buf: Any, msg: int) -> int:
        capability = view(buf, s.TW_CAPABILITY)
        spec = self._spec(capability.Cap)
        if spec is None:
            return self.fail(c.TWCC_CAPUNSUPPORTED)
        current = self._current(capability.Cap, spec)
        if msg == c.MSG_GET and spec.choices is not None:
            values = list(spec.choices)
            index = next((i for i, v in enumerate(values) if _same(v, current)), 0)
            default = next((i for i, v in enumerate(values) if _same(v, spec.default)), 0)
            handle = containers.write_enumeration(spec.type, values, index, default)
            capability.ConType = c.TWON_ENUMERATION
        elif msg == c.MSG_GET and spec.range is not None:
            handle = containers.write_range(spec.type, spec.range, spec.default, current)
            capability.ConType = c.TWON_RANGE
        else:
            value = spec.default if msg == c.MSG_GETDEFAULT else current
            handle = containers.write_onevalue(spec.type, value)
            capability.ConType = c.TWON_ONEVALUE
        capability.hContainer = handle
        return c.TWRC_SUCCESS

    def _cap_set(self, buf: Any, _msg: int) -> int:
        if self.state != 4:
            return self.fail(c.TWCC_SEQERROR)
        capability = view(buf, s.TW_CAPABILITY)
        cap = capability.Cap
        fault = self.scanner.take_fault("set", cap=cap)
        if fault is not None:
            return self.fail(fault.code)
        spec = self._spec(cap)
        if spec is None:
            return self.fail(c.TWCC_CAPUNSUPPORTED)
        if spec.readonly:
            return self.fail(c.TWCC_CAPBADOPERATION)
        if capability.ConType != c.TWON_ONEVALUE:
            return self.fail(c.TWCC_BADVALUE)
        try:
            item_type, value = containers.read_onevalue(capability.hContainer)
        except KeyError:
            return self.fail(c.TWCC_BADVALUE)
        if item_type != spec.type:
            return self.fail(c.TWCC_BADVALUE)
        accepted = self._constrain(cap, spec, value)
        if accepted is None:
            return self.fail(c.TWCC_BADVALUE)
        self.values[cap] = accepted
        self.log.append((cap, accepted))
        self._after_set(cap, accepted)
        if spec.type == c.TWTY_FIX32 and not _same(accepted, value):
            return c.TWRC_CHECKSTATUS
        return c.TWRC_SUCCESS

    def _constrain(self, cap: int, spec: CapSpec, value: Any) -> Any:
        if spec.type == c.TWTY_BOOL:
            value = bool(value)
        if spec.choices is not None:
            match = next((v for v in spec.choices if _same(v, value)), None)
            if match is None and cap in (c.ICAP_XRESOLUTION, c.ICAP_YRESOLUTION):
                return min(spec.choices, key=lambda v: abs(v - value))  # snapped: CHECKSTATUS
            return match
        if spec.range is not None:
            low, high, step = spec.range
            clamped = min(max(float(value), low), high)
            return low + round((clamped - low) / step) * step if step else clamped
        return value

    def _after_set(self, cap: int, value: Any) -> None:
        if cap == c.ICAP_PIXELTYPE:
            depths = self.scanner.bit_depths[value]
            if self.values.get(c.ICAP_BITDEPTH) not in depths:
                self.values[c.ICAP_BITDEPTH] = depths[0]
        elif cap == c.ICAP_SUPPORTEDSIZES and value != c.TWSS_NONE:
            width, height = SIZES_MM[value]
            self.frame = (0.0, 0.0, width / MM_PER_INCH, height / MM_PER_INCH)
        elif cap == c.CAP_FEEDERENABLED:
            self.values.pop(c.ICAP_SUPPORTEDSIZES, None)
            self.frame = (0.0, 0.0, *self._physical())
        elif cap == c.ICAP_FRAMES:
            self._apply_frame(tuple(v / self._units() for v in value))

    def _cap_reset(self, buf: Any, _msg: int) -> int:
        if self.state != 4:
            return self.fail(c.TWCC_SEQERROR)
        cap = view(buf, s.TW_CAPABILITY).Cap
        if self._spec(cap) is None:
            return self.fail(c.TWCC_CAPUNSUPPORTED)
        self.values.pop(cap, None)
        return c.TWRC_SUCCESS

    # Image layout ---------------------------------------------------------------------------
    def _apply_frame(self, inches: tuple[float, ...]) -> bool:
        """Clip a frame to the bed; True when it had to change it."""
        width, height = self._physical()
        left, top, right, bottom = inches
        clipped = (max(left, 0.0), max(top, 0.0), min(right, width), min(bottom, height))
        self.frame = clipped
        self.values[c.ICAP_SUPPORTEDSIZES] = c.TWSS_NONE
        self.layouts.append(clipped)
        return any(abs(a - b) > 1e-4 for a, b in zip(clipped, inches, strict=True))

    def _layout_get(self, buf: Any, _msg: int) -> int:
        if not 4 <= self.state <= 6:
            return self.fail(c.TWCC_SEQERROR)
        layout = view(buf, s.TW_IMAGELAYOUT)
        layout.Frame = containers.to_c(c.TWTY_FRAME, [v * self._units() for v in self.frame])
        layout.DocumentNumber = layout.PageNumber = layout.FrameNumber = 1
        return c.TWRC_SUCCESS

    def _layout_set(self, buf: Any, _msg: int) -> int:
        if self.state != 4:
            return self.fail(c.TWCC_SEQERROR)
        frame = tuple(v / self._units() for v in s.frame2tuple(view(buf, s.TW_IMAGELAYOUT).Frame))
        if frame[2] <= frame[0] or frame[3] <= frame[1]:
            return self.fail(c.TWCC_BADVALUE)
        return c.TWRC_CHECKSTATUS if self._apply_frame(frame) else c.TWRC_SUCCESS

    def _layout_reset(self, buf: Any, _msg: int) -> int:
        if self.state != 4:
            return self.fail(c.TWCC_SEQERROR)
        self.frame = (0.0, 0.0, *self._physical())
        return c.TWRC_SUCCESS

    # Acquisition ----------------------------------------------------------------------------
    def _enable(self, buf: Any, _msg: int) -> int:
        if self.state != 4:
            return self.fail(c.TWCC_SEQERROR)
        fault = self.scanner.take_fault("enable")
        if fault is not None:
            return self.fail(fault.code)
        if self._feeder_on():
            if self.scanner.sheets <= 0:
                return self.fail(c.TWCC_NOMEDIA)
            sides = 2 if self.values.get(c.CAP_DUPLEXENABLED) else 1
            queue = [(n, side) for n in range(1, self.scanner.sheets + 1) for side in range(sides)]
        else:
            queue = [(1, 0)]
        limit = self.values.get(c.CAP_XFERCOUNT, -1)
        if self.scanner.honours_xfercount and limit > 0:
            queue = queue[:limit]
        self.queue = queue
        self.messages.append(c.MSG_XFERREADY)
        self.state = 6 if self.scanner.xfer_ready == "immediate" else 5
        return c.TWRC_SUCCESS

    def _disable(self, buf: Any, _msg: int) -> int:
        if self.state != 5:
            return self.fail(c.TWCC_SEQERROR)
        self.messages.clear()
        self.state = 4
        return c.TWRC_SUCCESS

    def _process_event(self, buf: Any, _msg: int) -> int:
        if self.state < 5:
            return self.fail(c.TWCC_SEQERROR)
        event = view(buf, s.TW_EVENT)
        if not self.messages:
            event.TWMessage = c.MSG_NULL
            return c.TWRC_NOTDSEVENT
        event.TWMessage = self.messages.pop(0)
        if event.TWMessage == c.MSG_XFERREADY and self.state == 5:
            self.state = 6
        return c.TWRC_DSEVENT

    def _prepare(self) -> Image:
        if self.image is None:
            sheet, side = self.queue[0]
            pixel_type = self.values.get(c.ICAP_PIXELTYPE, next(iter(self.scanner.bit_depths)))
            bitdepth = self.values.get(c.ICAP_BITDEPTH, self.scanner.bit_depths[pixel_type][0])
            xres = self._current(c.ICAP_XRESOLUTION, self._spec(c.ICAP_XRESOLUTION))
            yres = self._current(c.ICAP_YRESOLUTION, self._spec(c.ICAP_YRESOLUTION))
            left, top, right, bottom = self.frame
            width, height = round((right - left) * xres), round((bottom - top) * yres)
            depth = imaging.bits_per_sample(pixel_type, bitdepth)
            pixels = imaging.pattern(width, height, pixel_type, depth, sheet, side)
            self.image = Image(sheet, side, pixel_type, bitdepth, (xres, yres), pixels)
        return self.image

    def _image_info(self, buf: Any, _msg: int) -> int:
        if self.state not in (6, 7):
            return self.fail(c.TWCC_SEQERROR)
        image = self._prepare()
        info = view(buf, s.TW_IMAGEINFO)
        samples = 3 if image.pixel_type == c.TWPT_RGB else 1
        memory = self.values.get(c.ICAP_XFERMECH, self.scanner.xfer_mechs[0]) == c.TWSX_MEMORY
        info.XResolution = containers.to_c(c.TWTY_FIX32, image.dpi[0])
        info.YResolution = containers.to_c(c.TWTY_FIX32, image.dpi[1])
        info.ImageWidth = image.pixels.shape[1]
        known = self.scanner.length_known or not memory
        info.ImageLength = image.pixels.shape[0] if known else -1
        info.SamplesPerPixel = samples
        for index in range(8):
            per_sample = imaging.bits_per_sample(image.pixel_type, image.bitdepth)
            info.BitsPerSample[index] = per_sample if index < samples else 0
        info.BitsPerPixel = image.bitdepth
        info.Planar = 0
        info.PixelType = image.pixel_type
        info.Compression = c.TWCP_NONE
        return c.TWRC_SUCCESS

    def _transfer_fault(self, image: Image, first: bool, native: bool) -> int | None:
        """The return code of an injected condition for this call, if one fires."""
        stages = (["transfer"] if first else []) + (["strip"] if native or not first else [])
        for stage in stages:
            fault = self.scanner.take_fault(stage, sheet=image.sheet, side=image.side)
            if fault is None:
                continue
            if fault.code == CANCEL:
                self.state = 7
                return c.TWRC_CANCEL
            return self.fail(fault.code)
        return None

    def _mech(self) -> int:
        return self.values.get(c.ICAP_XFERMECH, self.scanner.xfer_mechs[0])

    def _native_xfer(self, buf: Any, _msg: int) -> int:
        if self.state != 6 or self._mech() != c.TWSX_NATIVE:
            return self.fail(c.TWCC_SEQERROR)
        image = self._prepare()
        fired = self._transfer_fault(image, first=True, native=True)
        if fired is not None:
            return fired
        if imaging.bits_per_sample(image.pixel_type, image.bitdepth) > 8:
            return self.fail(c.TWCC_BADVALUE)  # a DIB has no 16-bit samples
        data = imaging.dib(
            image.pixels, image.pixel_type, image.dpi[0], self.scanner.dib_palette_count
        )
        handle = windows.GlobalAlloc(windows.GMEM_ZEROINIT, len(data))
        ct.memmove(windows.GlobalLock(handle), data, len(data))
        windows.GlobalUnlock(handle)
        view(buf, ct.c_void_p).value = handle
        self.state = 7
        return c.TWRC_XFERDONE

    def _setup_mem_xfer(self, buf: Any, _msg: int) -> int:
        if not 4 <= self.state <= 6:
            return self.fail(c.TWCC_SEQERROR)
        setup = view(buf, TW_SETUPMEMXFER)
        preferred = self.scanner.buffer_size
        setup.MinBufSize, setup.MaxBufSize, setup.Preferred = preferred // 4, preferred, preferred
        return c.TWRC_SUCCESS

    def _mem_xfer(self, buf: Any, _msg: int) -> int:
        if self.state not in (6, 7) or self._mech() != c.TWSX_MEMORY:
            return self.fail(c.TWCC_SEQERROR)
        image = self._prepare()
        first = self.state == 6
        if image.rows is not None and image.sent >= len(image.rows):
            return self.fail(c.TWCC_SEQERROR)  # XFERDONE was already answered
        fired = self._transfer_fault(image, first=first, native=False)
        if fired is not None:
            return fired
        if image.rows is None:
            flavor = self.values.get(c.ICAP_PIXELFLAVOR, self.scanner.pixel_flavor)
            image.rows = imaging.memory_rows(
                image.pixels, image.pixel_type, flavor, self.scanner.row_align
            )
        xfer = view(buf, TW_IMAGEMEMXFER)
        wanted = c.TWMF_APPOWNS | c.TWMF_POINTER
        bytes_per_row = image.rows.shape[1]
        if xfer.Memory.Flags & wanted != wanted or not xfer.Memory.TheMem:
            return self.fail(c.TWCC_BADVALUE)
        count = min(xfer.Memory.Length // bytes_per_row, len(image.rows) - image.sent)
        if count <= 0:
            return self.fail(c.TWCC_BADVALUE)
        strip = image.rows[image.sent : image.sent + count].tobytes()
        ct.memmove(xfer.Memory.TheMem, strip, len(strip))
        xfer.Compression = c.TWCP_NONE
        xfer.BytesPerRow = bytes_per_row
        xfer.Columns = image.pixels.shape[1]
        xfer.Rows = count
        xfer.XOffset = 0
        xfer.YOffset = image.sent
        xfer.BytesWritten = len(strip)
        image.sent += count
        image.strips += 1
        self.state = 7
        return c.TWRC_XFERDONE if image.sent == len(image.rows) else c.TWRC_SUCCESS

    def _remaining(self) -> int:
        if not self.queue:
            return 0
        known = self.scanner.count_known or not self._feeder_on()
        return len(self.queue) if known else UNKNOWN_COUNT

    def _end_xfer(self, buf: Any, _msg: int) -> int:
        if self.state not in (6, 7):
            return self.fail(c.TWCC_SEQERROR)
        _sheet, side = self.queue.pop(0)  # state 7: the image just sent; 6: the next, unsent
        if side == 0 and self._feeder_on():
            self.scanner.sheets -= 1
        self.image = None
        view(buf, s.TW_PENDINGXFERS).Count = self._remaining()
        if self.queue:
            self.state = 6
        else:
            self.state = 5
            self.messages.append(c.MSG_CLOSEDSREQ)
        return c.TWRC_SUCCESS

    def _reset_xfers(self, buf: Any, _msg: int) -> int:
        if self.state != 6:
            return self.fail(c.TWCC_SEQERROR)
        self.queue.clear()
        self.image = None
        view(buf, s.TW_PENDINGXFERS).Count = 0
        self.state = 5
        return c.TWRC_SUCCESS

    def _pending(self, buf: Any, _msg: int) -> int:
        view(buf, s.TW_PENDINGXFERS).Count = self._remaining()
        return c.TWRC_SUCCESS

"""pytwain's Source class (twain.Source in pytwain 2.3.0), on the simulated DSM.

A TWAIN 1.x source: containers and DIBs live in Win32 global memory (windows.Global*).
See the package docstring for what the fake keeps from pytwain.
"""

from __future__ import annotations

import collections.abc
import ctypes as ct
import logging
import sys
import typing

from . import exceptions, windows
from .lowlevel import constants, structs

if typing.TYPE_CHECKING:
    from . import SourceManager

logger = logging.getLogger("twain")

_mapping: dict[int, typing.Any] = {
    constants.TWTY_INT8: ct.c_int8,
    constants.TWTY_UINT8: ct.c_uint8,
    constants.TWTY_INT16: ct.c_int16,
    constants.TWTY_UINT16: ct.c_uint16,
    constants.TWTY_UINT32: ct.c_uint32,
    constants.TWTY_INT32: ct.c_int32,
    constants.TWTY_BOOL: ct.c_uint16,
    constants.TWTY_FIX32: structs.TW_FIX32,
    constants.TWTY_FRAME: structs.TW_FRAME,
    constants.TWTY_STR32: ct.c_char * 34,
    constants.TWTY_STR64: ct.c_char * 66,
    constants.TWTY_STR128: ct.c_char * 130,
    constants.TWTY_STR255: ct.c_char * 255,
}
_INTEGERS = (
    constants.TWTY_INT8,
    constants.TWTY_UINT8,
    constants.TWTY_INT16,
    constants.TWTY_UINT16,
    constants.TWTY_UINT32,
    constants.TWTY_INT32,
)
_STRINGS = (
    constants.TWTY_STR32,
    constants.TWTY_STR64,
    constants.TWTY_STR128,
    constants.TWTY_STR255,
)


def _is_good_type(type_id: int) -> bool:
    return type_id in _mapping


def _struct2dict(struct: ct.Structure, decode: collections.abc.Callable[[bytes], str]) -> dict:
    result = {}
    for name, _ in struct._fields_:
        value = getattr(struct, name)
        if hasattr(value, "_length_") and hasattr(value, "_type_"):
            value = list(value)
        elif hasattr(value, "_fields_"):
            value = _struct2dict(value, decode)
        if isinstance(value, bytes):
            value = decode(value)
        result[name] = value
    return result


def _twain1_alloc(size: int) -> int:
    return windows.GlobalAlloc(windows.GMEM_ZEROINIT, size)


def _items(item_type: int, address: int, count: int) -> list:
    """Container items as pytwain hands them out: ints, or ctypes structures for FIX32/FRAME."""
    ctype = _mapping[item_type]
    size = ct.sizeof(ctype)
    items = []
    for index in range(count):
        item = ctype.from_buffer_copy(ct.string_at(address + index * size, size))
        plain = item_type in _INTEGERS or item_type == constants.TWTY_BOOL
        items.append(item.value if plain else item)
    return items


def _format_error(cap: int, con_type: int, item_type: int | None = None) -> str:
    text = f"Capability Code = {cap}, Format Code = {con_type}"
    return text if item_type is None else f"{text}, Item Type = {item_type}"


class Source:
    """A connection to one data source; made by SourceManager.open_source."""

    def __init__(self, sm: SourceManager, ds_id: structs.TW_IDENTITY) -> None:
        self._sm = sm
        self._id = ds_id
        self._state = "open"
        self._version2 = bool(ds_id.SupportedGroups & constants.DF_DS2)
        self._alloc = _twain1_alloc
        self._free = windows.GlobalFree
        self._lock = windows.GlobalLock
        self._unlock = windows.GlobalUnlock
        self._encoding = sys.getfilesystemencoding()
        self._encode = lambda text: text.encode(self._encoding)
        self._decode = lambda data: data.decode(self._encoding)

    def __del__(self) -> None:
        self.close()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, exc_type, exc_val, exc_tb) -> None:
        self.close()

    def close(self) -> None:
        if self._state == "ready":
            self._end_all_xfers()
        if self._state == "enabled":
            try:
                self._disable()
            except exceptions.TwainError:
                logger.warning("Failed to disable data source during cleanup")
        if self._state == "open":
            self._sm._close_ds(self._id)
            self._state = "closed"
            self._sm = None

    def _call(self, dg: int, dat: int, msg: int, buf, expected_returns=(constants.TWRC_SUCCESS,)):
        return self._sm._call(self._id, dg, dat, msg, buf, expected_returns)

    def _get_capability(self, cap: int, current: int):
        capability = structs.TW_CAPABILITY(cap, constants.TWON_DONTCARE16, 0)
        self._call(constants.DG_CONTROL, constants.DAT_CAPABILITY, current, ct.byref(capability))
        try:
            ptr = self._lock(capability.hContainer)
            try:
                return self._decode_container(cap, capability.ConType, ptr)
            finally:
                self._unlock(capability.hContainer)
        finally:
            self._free(capability.hContainer)

    @staticmethod
    def _decode_container(cap: int, con_type: int, ptr: int):
        if con_type == constants.TWON_ONEVALUE:
            type_id = ct.c_uint16.from_address(ptr).value
            if not _is_good_type(type_id):
                raise exceptions.CapabilityFormatNotSupported(_format_error(cap, con_type, type_id))
            value = _mapping[type_id].from_buffer_copy(
                ct.string_at(ptr + 2, ct.sizeof(_mapping[type_id]))
            )
            if type_id in _INTEGERS:
                return type_id, value.value
            if type_id == constants.TWTY_BOOL:
                return type_id, bool(value.value)
            if type_id == constants.TWTY_FIX32:
                return type_id, structs.fix2float(value)
            if type_id == constants.TWTY_FRAME:
                return type_id, structs.frame2tuple(value)
            return type_id, value.value
        if con_type == constants.TWON_RANGE:
            rng = structs.TW_RANGE.from_buffer_copy(ct.string_at(ptr, ct.sizeof(structs.TW_RANGE)))
            return {
                "MinValue": rng.MinValue,
                "MaxValue": rng.MaxValue,
                "StepSize": rng.StepSize,
                "DefaultValue": rng.DefaultValue,
                "CurrentValue": rng.CurrentValue,
            }
        if con_type == constants.TWON_ENUMERATION:
            enum = structs.TW_ENUMERATION.from_address(ptr)
            if not _is_good_type(enum.ItemType):
                raise exceptions.CapabilityFormatNotSupported(
                    _format_error(cap, con_type, enum.ItemType)
                )
            start = ptr + ct.sizeof(structs.TW_ENUMERATION)
            values = _items(enum.ItemType, start, enum.NumItems)
            return enum.ItemType, (enum.CurrentIndex, enum.DefaultIndex, values)
        if con_type == constants.TWON_ARRAY:
            arr = structs.TW_ARRAY.from_address(ptr)
            if not _is_good_type(arr.ItemType):
                raise exceptions.CapabilityFormatNotSupported(
                    _format_error(cap, con_type, arr.ItemType)
                )
            start = ptr + ct.sizeof(structs.TW_ARRAY)
            return arr.ItemType, _items(arr.ItemType, start, arr.NumItems)
        raise exceptions.CapabilityFormatNotSupported(_format_error(cap, con_type))

    def get_capability(self, cap: int):
        """All values a capability may take: (type, value), (type, (cur, def, [items])) or a
        range dict."""
        return self._get_capability(cap, constants.MSG_GET)

    def get_capability_current(self, cap: int):
        return self._get_capability(cap, constants.MSG_GETCURRENT)

    def get_capability_default(self, cap: int):
        return self._get_capability(cap, constants.MSG_GETDEFAULT)

    @property
    def name(self) -> str:
        return self._decode(self._id.ProductName)

    @property
    def identity(self) -> dict:
        result = _struct2dict(self._id, self._decode)
        result.update(_struct2dict(self._id.Version, self._decode))
        return result

    def set_capability(self, cap: int, type_id: int, value) -> None:
        """Set a capability from a TW_ONEVALUE; CheckStatus when the source changed the value."""
        if not _is_good_type(type_id):
            raise exceptions.CapabilityFormatNotSupported(
                f"Capability Code = {cap}, Format Code = {type_id}"
            )
        ctype = _mapping[type_id]
        if type_id in _INTEGERS or type_id == constants.TWTY_BOOL:
            cval = ctype(value)
        elif type_id in _STRINGS:
            cval = ctype(self._encode(value))
        elif type_id == constants.TWTY_FIX32:
            cval = structs.float2fix(value)
        else:
            cval = structs.tuple2frame(value)
        handle = self._alloc(ct.sizeof(structs.TW_ONEVALUE) + ct.sizeof(ctype))
        try:
            ptr = self._lock(handle)
            try:
                ct.c_uint16.from_address(ptr).value = type_id
                ct.memmove(ptr + 2, ct.byref(cval), ct.sizeof(cval))
            finally:
                self._unlock(handle)
            capability = structs.TW_CAPABILITY(cap, constants.TWON_ONEVALUE, handle)
            rv = self._call(
                constants.DG_CONTROL,
                constants.DAT_CAPABILITY,
                constants.MSG_SET,
                ct.byref(capability),
                [constants.TWRC_CHECKSTATUS],
            )
        finally:
            self._free(handle)
        if rv == constants.TWRC_CHECKSTATUS:
            raise exceptions.CheckStatus

    def reset_capability(self, cap: int) -> None:
        capability = structs.TW_CAPABILITY(Cap=cap)
        self._call(
            constants.DG_CONTROL,
            constants.DAT_CAPABILITY,
            constants.MSG_RESET,
            ct.byref(capability),
        )

    def set_image_layout(
        self,
        frame: tuple[float, float, float, float],
        document_number: int = 1,
        page_number: int = 1,
        frame_number: int = 1,
    ) -> None:
        """The area to scan, (left, top, right, bottom) in ICAP_UNITS; CheckStatus if clipped."""
        layout = structs.TW_IMAGELAYOUT(
            Frame=structs.tuple2frame(frame),
            DocumentNumber=document_number,
            PageNumber=page_number,
            FrameNumber=frame_number,
        )
        rv = self._call(
            constants.DG_IMAGE,
            constants.DAT_IMAGELAYOUT,
            constants.MSG_SET,
            ct.byref(layout),
            (constants.TWRC_SUCCESS, constants.TWRC_CHECKSTATUS),
        )
        if rv == constants.TWRC_CHECKSTATUS:
            raise exceptions.CheckStatus

    def _layout(self, msg: int) -> tuple[tuple[float, float, float, float], int, int, int]:
        layout = structs.TW_IMAGELAYOUT()
        self._call(constants.DG_IMAGE, constants.DAT_IMAGELAYOUT, msg, ct.byref(layout))
        frame = structs.frame2tuple(layout.Frame)
        return frame, layout.DocumentNumber, layout.PageNumber, layout.FrameNumber

    def get_image_layout(self) -> tuple[tuple[float, float, float, float], int, int, int]:
        return self._layout(constants.MSG_GET)

    def get_image_layout_default(self) -> tuple[tuple[float, float, float, float], int, int, int]:
        return self._layout(constants.MSG_GETDEFAULT)

    def reset_image_layout(self) -> None:
        layout = structs.TW_IMAGELAYOUT()
        self._call(
            constants.DG_IMAGE, constants.DAT_IMAGELAYOUT, constants.MSG_RESET, ct.byref(layout)
        )

    def _enable(self, show_ui: bool, modal_ui: bool, hparent) -> None:
        ui = structs.TW_USERINTERFACE(ShowUI=show_ui, ModalUI=modal_ui, hParent=hparent)
        self._call(
            constants.DG_CONTROL, constants.DAT_USERINTERFACE, constants.MSG_ENABLEDS, ct.byref(ui)
        )
        self._state = "enabled"

    def _disable(self) -> None:
        ui = structs.TW_USERINTERFACE()
        self._call(
            constants.DG_CONTROL, constants.DAT_USERINTERFACE, constants.MSG_DISABLEDS, ct.byref(ui)
        )
        self._state = "open"

    def _process_event(self, msg: structs.MSG) -> tuple[int, int]:
        event = structs.TW_EVENT(ct.cast(ct.byref(msg), ct.c_void_p), 0)
        rv = self._call(
            constants.DG_CONTROL,
            constants.DAT_EVENT,
            constants.MSG_PROCESSEVENT,
            ct.byref(event),
            (constants.TWRC_DSEVENT, constants.TWRC_NOTDSEVENT),
        )
        if event.TWMessage == constants.MSG_XFERREADY:
            self._state = "ready"
        return rv, event.TWMessage

    def _modal_loop(self, event_callback: collections.abc.Callable[[int], None] | None) -> None:
        # On Windows this pumps GetMessage until the source posts MSG_XFERREADY or
        # MSG_CLOSEDSREQ; here the only messages are the ones the source posted, and an empty
        # queue is where the real loop would block forever.
        done = False
        msg = structs.MSG()
        while not done:
            rc, event = self._process_event(msg)
            if rc == constants.TWRC_NOTDSEVENT:
                raise RuntimeError("fake pytwain: the modal loop would wait forever for the source")
            if event_callback:
                event_callback(event)
            done = event in (constants.MSG_XFERREADY, constants.MSG_CLOSEDSREQ)

    @property
    def image_info(self) -> dict:
        """DAT_IMAGEINFO of the image ready for transfer (states 6 and 7)."""
        ii = structs.TW_IMAGEINFO()
        self._call(constants.DG_IMAGE, constants.DAT_IMAGEINFO, constants.MSG_GET, ct.byref(ii))
        return {
            "XResolution": structs.fix2float(ii.XResolution),
            "YResolution": structs.fix2float(ii.YResolution),
            "ImageWidth": ii.ImageWidth,
            "ImageLength": ii.ImageLength,
            "SamplesPerPixel": ii.SamplesPerPixel,
            "BitsPerSample": list(ii.BitsPerSample),
            "BitsPerPixel": ii.BitsPerPixel,
            "Planar": ii.Planar,
            "PixelType": ii.PixelType,
            "Compression": ii.Compression,
        }

    def _get_native_image(self) -> ct.c_void_p | None:
        hbitmap = ct.c_void_p()
        rv = self._call(
            constants.DG_IMAGE,
            constants.DAT_IMAGENATIVEXFER,
            constants.MSG_GET,
            ct.byref(hbitmap),
            (constants.TWRC_XFERDONE, constants.TWRC_CANCEL),
        )
        if rv == constants.TWRC_XFERDONE:
            return hbitmap
        if rv == constants.TWRC_CANCEL:
            return None
        raise RuntimeError(f"Unexpected result returned from DAT_IMAGENATIVEXFER: {rv}")

    def _end_xfer(self) -> int:
        """MSG_ENDXFER: 0 = no more, 65535 (-1) = more but unknown, n = n more."""
        px = structs.TW_PENDINGXFERS()
        self._call(
            constants.DG_CONTROL, constants.DAT_PENDINGXFERS, constants.MSG_ENDXFER, ct.byref(px)
        )
        if px.Count == 0:
            self._state = "enabled"
        return px.Count

    def _end_all_xfers(self) -> None:
        px = structs.TW_PENDINGXFERS()
        self._call(
            constants.DG_CONTROL, constants.DAT_PENDINGXFERS, constants.MSG_RESET, ct.byref(px)
        )
        self._state = "enabled"

    def request_acquire(self, show_ui: bool, modal_ui: bool) -> None:
        """MSG_ENABLEDS: state 4 -> 5."""
        self._enable(show_ui, modal_ui, self._sm._hwnd)

    def modal_loop(self) -> None:
        self._modal_loop(self._sm._cb)

    def hide_ui(self) -> None:
        """MSG_DISABLEDS: state 5 -> 4."""
        self._disable()

    def xfer_image_natively(self) -> tuple[typing.Any, int]:
        """(DIB handle, pending count); DSTransferCancelled when the source cancelled."""
        handle = self._get_native_image()
        more = self._end_xfer()
        if not handle:
            raise exceptions.DSTransferCancelled
        return handle.value, more

    def is_twain2(self) -> bool:
        return self._version2

    def destroy(self) -> None:
        self.close()

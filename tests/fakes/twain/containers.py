"""The data source's side of capability containers: TW_ONEVALUE, TW_ENUMERATION and TW_RANGE laid
out in (fake) global memory the way a TWAIN 1.x source hands them to the application, and the
TW_ONEVALUE an application passes to MSG_SET read back. Not part of pytwain."""

from __future__ import annotations

import ctypes as ct
from typing import Any

from . import windows
from .lowlevel import constants as c
from .lowlevel import structs as s

CTYPES: dict[int, Any] = {
    c.TWTY_INT8: ct.c_int8,
    c.TWTY_UINT8: ct.c_uint8,
    c.TWTY_INT16: ct.c_int16,
    c.TWTY_UINT16: ct.c_uint16,
    c.TWTY_INT32: ct.c_int32,
    c.TWTY_UINT32: ct.c_uint32,
    c.TWTY_BOOL: ct.c_uint16,
    c.TWTY_FIX32: s.TW_FIX32,
    c.TWTY_FRAME: s.TW_FRAME,
    c.TWTY_STR32: ct.c_char * 34,
    c.TWTY_STR64: ct.c_char * 66,
    c.TWTY_STR128: ct.c_char * 130,
    c.TWTY_STR255: ct.c_char * 255,
}


def _fix(value: float) -> s.TW_FIX32:
    """A source's exact TW_FIX32 (pytwain's float2fix truncates negative values)."""
    scaled = round(float(value) * 65536)
    return s.TW_FIX32(scaled >> 16, scaled & 0xFFFF)


def to_c(item_type: int, value: Any) -> Any:
    ctype = CTYPES[item_type]
    if item_type == c.TWTY_FIX32:
        return _fix(value)
    if item_type == c.TWTY_FRAME:
        return s.TW_FRAME(*(_fix(v) for v in value))
    if item_type in (c.TWTY_STR32, c.TWTY_STR64, c.TWTY_STR128, c.TWTY_STR255):
        text = ctype()
        text.value = value.encode()[: ct.sizeof(ctype) - 1]
        return text
    return ctype(int(value))


def from_c(item_type: int, cvalue: Any) -> Any:
    if item_type == c.TWTY_FIX32:
        return s.fix2float(cvalue)
    if item_type == c.TWTY_FRAME:
        return s.frame2tuple(cvalue)
    if item_type == c.TWTY_BOOL:
        return bool(cvalue.value)
    if item_type in (c.TWTY_STR32, c.TWTY_STR64, c.TWTY_STR128, c.TWTY_STR255):
        return cvalue.value.decode()
    return int(cvalue.value)


def _raw32(item_type: int, value: Any) -> int:
    """A value as the TW_UINT32 slot of a TW_RANGE holds it: a TW_FIX32's bytes reinterpreted."""
    cvalue = to_c(item_type, value)
    return ct.c_uint32.from_buffer_copy(bytes(cvalue).ljust(4, b"\0")[:4]).value


def _alloc(size: int) -> tuple[int, int]:
    handle = windows.GlobalAlloc(windows.GMEM_ZEROINIT, size)
    return handle, windows.GlobalLock(handle)


def _store(address: int, cvalue: Any) -> None:
    ct.memmove(address, ct.byref(cvalue), ct.sizeof(cvalue))


def write_onevalue(item_type: int, value: Any) -> int:
    cvalue = to_c(item_type, value)
    handle, ptr = _alloc(2 + ct.sizeof(cvalue))
    ct.c_uint16.from_address(ptr).value = item_type
    _store(ptr + 2, cvalue)
    windows.GlobalUnlock(handle)
    return handle


def write_enumeration(item_type: int, values: list[Any], current: int, default: int) -> int:
    size = ct.sizeof(CTYPES[item_type])
    header = s.TW_ENUMERATION(item_type, len(values), current, default)
    handle, ptr = _alloc(ct.sizeof(header) + size * len(values))
    _store(ptr, header)
    for index, value in enumerate(values):
        _store(ptr + ct.sizeof(header) + index * size, to_c(item_type, value))
    windows.GlobalUnlock(handle)
    return handle


def write_range(item_type: int, bounds: tuple[Any, Any, Any], default: Any, current: Any) -> int:
    low, high, step = bounds
    rng = s.TW_RANGE(
        item_type,
        *(_raw32(item_type, v) for v in (low, high, step, default, current)),
    )
    handle, ptr = _alloc(ct.sizeof(rng))
    _store(ptr, rng)
    windows.GlobalUnlock(handle)
    return handle


def read_onevalue(handle: int) -> tuple[int, Any]:
    """The (item type, value) of an application's TW_ONEVALUE; KeyError for a type TWAIN lacks."""
    ptr = windows.GlobalLock(handle)
    try:
        item_type = ct.c_uint16.from_address(ptr).value
        ctype = CTYPES[item_type]
        return item_type, from_c(item_type, ctype.from_address(ptr + 2))
    finally:
        windows.GlobalUnlock(handle)

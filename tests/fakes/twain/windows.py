"""pytwain's `twain.windows` on a fake Win32 heap: GlobalAlloc/Lock/Unlock/Free/Size and the
DIB helpers built on them (dib_to_bm_file, global_handle_*).

A handle is the address of a ctypes buffer the fake heap keeps alive until GlobalFree, so code
that reads `(c_char * size).from_address(GlobalLock(handle))` works as on Windows. Freeing a
handle twice, or one never allocated, raises OSError as the real errcheck (WinError) does.
"""

from __future__ import annotations

import ctypes as ct

from .utils import convert_dib_to_bmp

GMEM_ZEROINIT = 0x0040

_heap: dict[int, ct.Array] = {}
_locks: dict[int, int] = {}


def _invalid_handle(handle: object) -> OSError:
    return OSError(6, f"The handle is invalid: {handle!r}")


def GlobalAlloc(flags: int, size: int) -> int:
    buffer = (ct.c_char * max(1, int(size)))()
    address = ct.addressof(buffer)
    _heap[address] = buffer
    _locks[address] = 0
    return address


def GlobalLock(handle: int) -> int:
    if handle not in _heap:
        raise _invalid_handle(handle)
    _locks[handle] += 1
    return handle


def GlobalUnlock(handle: int) -> int:
    if handle not in _heap:
        raise _invalid_handle(handle)
    _locks[handle] = max(0, _locks[handle] - 1)
    return _locks[handle]


def GlobalFree(handle: int) -> None:
    if handle not in _heap:
        raise _invalid_handle(handle)
    del _heap[handle]
    del _locks[handle]


def GlobalSize(handle: int) -> int:
    if handle not in _heap:
        raise _invalid_handle(handle)
    return len(_heap[handle])


def live_handles() -> int:
    """Not in pytwain: how many fake global blocks are still allocated (leak checks in tests)."""
    return len(_heap)


def dib_to_bm_file(handle: int, path: str | None = None) -> bytes | None:
    """The DIB behind `handle` as a BMP file: returned as bytes, or written to `path`."""
    size = GlobalSize(handle)
    ptr = GlobalLock(handle)
    try:
        bmp = convert_dib_to_bmp((ct.c_char * size).from_address(ptr))
        if path:
            with open(path, "wb") as file:
                file.write(bmp)
            return None
        return bmp
    finally:
        GlobalUnlock(handle)


def global_handle_get_bytes(handle: int, offset: int, count: int) -> bytes:
    size = GlobalSize(handle)
    ptr = GlobalLock(handle)
    try:
        data = ct.string_at(ptr, size)
        return data[min(offset, size) : min(offset + count, size)]
    finally:
        GlobalUnlock(handle)


def global_handle_put_bytes(handle: int, offset: int, count: int, data: bytes) -> None:
    size = GlobalSize(handle)
    ptr = GlobalLock(handle)
    try:
        offset = min(offset, size)
        count = min(min(offset + count, size) - offset, len(data))
        ct.memmove(ptr + offset, bytes(data[:count]), count)
    finally:
        GlobalUnlock(handle)


def global_handle_allocate(flags: int, size: int) -> int:
    return GlobalAlloc(flags, size)


def global_handle_free(handle: int) -> None:
    return GlobalFree(handle)

"""Arrays that end right before memory the process may not read, so a kernel that reads past an
array's end crashes the test instead of reading whatever lies there."""

from __future__ import annotations

import ctypes
import mmap

import numpy as np

_MAPPED: list[mmap.mmap] = []  # kept mapped while the tests' arrays live


def before_a_guard_page(shape: tuple[int, ...]) -> np.ndarray:
    """A uint8 array whose last byte is the last one before a page the process may not read:
    a kernel reading past the array's end crashes."""
    size = int(np.prod(shape))
    page = mmap.PAGESIZE
    pages = -(-size // page) + 1
    memory = mmap.mmap(-1, pages * page)
    libc = ctypes.CDLL(None, use_errno=True)
    address = ctypes.addressof(ctypes.c_char.from_buffer(memory))
    libc.mprotect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    assert libc.mprotect(address + (pages - 1) * page, page, 0) == 0  # PROT_NONE
    start = (pages - 1) * page - size
    array = np.frombuffer(memory, np.uint8, size, start).reshape(shape)
    _MAPPED.append(memory)  # kept mapped while the array lives
    return array

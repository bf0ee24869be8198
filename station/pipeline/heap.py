"""Freed page buffers stay in the process for the next page instead of going back to the kernel.

glibc hands blocks above its mmap threshold back to the kernel when they are freed and trims
the heap's free top, so every full-size working copy of the next page is faulted in again,
4 KB at a time: an A4 page at 300 dpi took 18,000 page faults and 110-140 ms of kernel time,
a fifth of its CPU. Page workers keep blocks up to KEEP_BLOCKS_BELOW in the heap and leave up
to KEEP_FREE there, where the next page reuses them; larger blocks (a large sheet's own pixels)
are still mapped and unmapped on their own, so the peak memory of a large sheet is unchanged.
"""

from __future__ import annotations

import ctypes
import functools
import sys

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
M_MMAP_THRESHOLD = -3
KEEP_BLOCKS_BELOW = 32 * 2**20  # glibc's largest mmap threshold on 64-bit: an A4 colour page fits
KEEP_FREE = 512 * 2**20


def keep_freed_pages() -> bool:
    """Tune this process's allocator (glibc only; elsewhere nothing changes). True when set."""
    libc = _libc()
    if libc is None:
        return False
    try:
        mallopt = libc.mallopt
    except AttributeError:  # musl and others have no mallopt
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, KEEP_BLOCKS_BELOW)) and bool(
        mallopt(M_TRIM_THRESHOLD, KEEP_FREE)
    )


def release_freed_pages() -> bool:
    """Hand the heap's free pages back to the kernel now (glibc's malloc_trim; elsewhere
    nothing happens). For a large sheet only, between its analysis steps: the freed working
    copies otherwise stay resident on top of the sheet's pixels, and on an A0 at 600 dpi the
    steps' leftovers grew the worker by 90 MB where one step needs under 50."""
    libc = _libc()
    if libc is None:
        return False
    try:
        trim = libc.malloc_trim
    except AttributeError:
        return False
    trim.argtypes = (ctypes.c_size_t,)
    trim.restype = ctypes.c_int
    return bool(trim(0))


@functools.cache
def _libc() -> ctypes.CDLL | None:
    """The C library's functions as the process already has them loaded (dlopen of no file).

    Never ctypes.util.find_library: it runs `/sbin/ldconfig -p` in a child process, and a child
    forked from a worker holding a large sheet reports the worker's whole resident set as its
    own until it has exec'd: an A0's process tree then counted the sheet's worker twice, at
    random (+550 MB at 300 dpi, +1.7 GB at 600), each time the analysis released its memory."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None)
    except OSError:
        return None

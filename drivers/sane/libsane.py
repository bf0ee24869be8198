"""A thin ctypes binding to libsane, the library python-sane wraps.

python-sane 2.9.2's `snap` mis-assembles three-pass colour (195 of 196 rows, channels shifted:
scanimage's three-pass output matches its single-pass output exactly, python-sane's does not) and
exposes no `sane_read`, so it can neither stream rows nor drive non-blocking/select-fd I/O. The
frontend therefore talks to libsane directly; this module is the whole C surface it needs.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
import threading
import time
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

SANE_FIXED_SCALE = 1 << 16


class Status(IntEnum):
    GOOD = 0
    UNSUPPORTED = 1
    CANCELLED = 2
    DEVICE_BUSY = 3
    INVAL = 4
    EOF = 5
    JAMMED = 6
    NO_DOCS = 7
    COVER_OPEN = 8
    IO_ERROR = 9
    NO_MEM = 10
    ACCESS_DENIED = 11


class ValueType(IntEnum):
    BOOL = 0
    INT = 1
    FIXED = 2
    STRING = 3
    BUTTON = 4
    GROUP = 5


class Unit(IntEnum):
    NONE = 0
    PIXEL = 1
    BIT = 2
    MM = 3
    DPI = 4
    PERCENT = 5
    MICROSECOND = 6


class Frame(IntEnum):
    GRAY = 0
    RGB = 1
    RED = 2
    GREEN = 3
    BLUE = 4


CAP_SOFT_SELECT = 1
CAP_INACTIVE = 32
INFO_RELOAD_OPTIONS = 2
# sane_start starts a backend's reader thread (sanei_thread) with asynchronous cancellation on,
# and sane_cancel cancels it (pthread_cancel) and joins it. Cancelled inside its first malloc,
# which sets up the thread's heap arena, the thread dies holding the arena's lock and deadlocks
# at its own exit, so the join, and sane_cancel, never return: the test backend did so in one
# scan out of ten, cancelled right after a first sane_read that reported a jam. A cancel waits
# until the reader has had this long to get past it.
READER_SETTLE_SECONDS = 0.1
# The same cancellation ends a frame: the sane_read that returns a frame's last bytes cancels the
# reader thread, which has just written them and is freeing its buffer, holding its arena's lock;
# the next frame's reader then blocks in its first malloc and sane_read waits for it forever
# (a three-pass test scan hung so in CI). A frame's last byte is read only once the threads
# sane_start started have ended, waiting at most this long for them.
READER_EXIT_SECONDS = 1.0
_TASKS = Path("/proc/self/task")  # this process's threads (Linux)
_ACTION_GET, _ACTION_SET = 0, 1
_CONSTRAINT_RANGE, _CONSTRAINT_WORD_LIST, _CONSTRAINT_STRING_LIST = 1, 2, 3


class _Device(ctypes.Structure):
    _fields_ = [(n, ctypes.c_char_p) for n in ("name", "vendor", "model", "type")]


class _Range(ctypes.Structure):
    _fields_ = [("min", ctypes.c_int), ("max", ctypes.c_int), ("quant", ctypes.c_int)]


class _Constraint(ctypes.Union):
    _fields_ = [
        ("string_list", ctypes.POINTER(ctypes.c_char_p)),
        ("word_list", ctypes.POINTER(ctypes.c_int)),
        ("range", ctypes.POINTER(_Range)),
    ]


class _OptionDescriptor(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("title", ctypes.c_char_p),
        ("desc", ctypes.c_char_p),
        ("type", ctypes.c_int),
        ("unit", ctypes.c_int),
        ("size", ctypes.c_int),
        ("cap", ctypes.c_int),
        ("constraint_type", ctypes.c_int),
        ("constraint", _Constraint),
    ]


class _Parameters(ctypes.Structure):
    _fields_ = [
        ("format", ctypes.c_int),
        ("last_frame", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("pixels_per_line", ctypes.c_int),
        ("lines", ctypes.c_int),
        ("depth", ctypes.c_int),
    ]


class SaneError(Exception):
    def __init__(self, status: Status, call: str) -> None:
        super().__init__(f"{call}: {status.name}")
        self.status = status
        self.call = call


@dataclass(frozen=True)
class DeviceEntry:
    name: str
    vendor: str
    model: str
    type: str


@dataclass(frozen=True)
class Option:
    index: int
    name: str
    title: str
    type: ValueType
    unit: Unit
    size: int
    cap: int
    constraint: Any  # (min, max, quant) | list[int | float | str] | None

    @property
    def active(self) -> bool:
        return not self.cap & CAP_INACTIVE

    @property
    def settable(self) -> bool:
        return bool(self.cap & CAP_SOFT_SELECT)


@dataclass(frozen=True)
class Parameters:
    format: Frame
    last_frame: bool
    bytes_per_line: int
    pixels_per_line: int
    lines: int  # -1 when unknown (hand scanner)
    depth: int


_lib: ctypes.CDLL | None = None
_init_lock = threading.Lock()


def library() -> ctypes.CDLL:
    """Load libsane and call sane_init once per process."""
    global _lib
    with _init_lock:
        if _lib is None:
            name = ctypes.util.find_library("sane") or "libsane.so.1"
            lib = ctypes.CDLL(name)
            _declare(lib)
            version = ctypes.c_int()
            _check(lib.sane_init(ctypes.byref(version), None), "sane_init")
            _lib = lib
        return _lib


def _declare(lib: ctypes.CDLL) -> None:
    handle, status = ctypes.c_void_p, ctypes.c_int
    lib.sane_init.argtypes = [ctypes.POINTER(ctypes.c_int), ctypes.c_void_p]
    lib.sane_init.restype = status
    lib.sane_get_devices.argtypes = [
        ctypes.POINTER(ctypes.POINTER(ctypes.POINTER(_Device))),
        ctypes.c_int,
    ]
    lib.sane_get_devices.restype = status
    lib.sane_open.argtypes = [ctypes.c_char_p, ctypes.POINTER(handle)]
    lib.sane_open.restype = status
    lib.sane_close.argtypes = [handle]
    lib.sane_close.restype = None
    lib.sane_get_option_descriptor.argtypes = [handle, ctypes.c_int]
    lib.sane_get_option_descriptor.restype = ctypes.POINTER(_OptionDescriptor)
    lib.sane_control_option.argtypes = [
        handle,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_int),
    ]
    lib.sane_control_option.restype = status
    lib.sane_get_parameters.argtypes = [handle, ctypes.POINTER(_Parameters)]
    lib.sane_get_parameters.restype = status
    lib.sane_start.argtypes = [handle]
    lib.sane_start.restype = status
    lib.sane_read.argtypes = [handle, ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    lib.sane_read.restype = status
    lib.sane_cancel.argtypes = [handle]
    lib.sane_cancel.restype = None
    lib.sane_set_io_mode.argtypes = [handle, ctypes.c_int]
    lib.sane_set_io_mode.restype = status
    lib.sane_get_select_fd.argtypes = [handle, ctypes.POINTER(ctypes.c_int)]
    lib.sane_get_select_fd.restype = status


def _threads() -> frozenset[str]:
    """The ids of this process's threads; none where /proc does not list them."""
    try:
        return frozenset(entry.name for entry in _TASKS.iterdir())
    except OSError:
        return frozenset()


def _check(code: int, call: str) -> None:
    if code != Status.GOOD:
        raise SaneError(Status(code), call)


def _text(raw: bytes | None) -> str:
    return raw.decode("utf-8", "replace") if raw else ""


def devices() -> list[DeviceEntry]:
    lib = library()
    found = ctypes.POINTER(ctypes.POINTER(_Device))()
    _check(lib.sane_get_devices(ctypes.byref(found), 0), "sane_get_devices")
    entries, index = [], 0
    while found[index]:
        item = found[index].contents
        entries.append(
            DeviceEntry(_text(item.name), _text(item.vendor), _text(item.model), _text(item.type))
        )
        index += 1
    return entries


class Handle:
    """An open SANE device. `cancel` may be called from another thread (SANE allows it)."""

    def __init__(self, name: str) -> None:
        self._lib = library()
        self._handle = ctypes.c_void_p()
        _check(self._lib.sane_open(name.encode(), ctypes.byref(self._handle)), "sane_open")
        self.name = name
        self._options: dict[str, Option] | None = None
        self._started = float("-inf")  # when sane_start was last called (time.monotonic)
        self._readers: frozenset[str] = frozenset()  # the threads it started
        self._readers_linger = False  # this backend's reader outlived a frame: not waited for

    def close(self) -> None:
        if self._handle:
            self._lib.sane_close(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self) -> Handle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # options ------------------------------------------------------------------------------
    def options(self) -> dict[str, Option]:
        if self._options is None:
            self._options = self._load_options()
        return self._options

    def _load_options(self) -> dict[str, Option]:
        count = ctypes.c_int()
        _check(
            self._lib.sane_control_option(self._handle, 0, _ACTION_GET, ctypes.byref(count), None),
            "sane_control_option",
        )
        options = {}
        for index in range(1, count.value):
            pointer = self._lib.sane_get_option_descriptor(self._handle, index)
            if not pointer:
                continue
            desc = pointer.contents
            kind = ValueType(desc.type)
            if kind is ValueType.GROUP or not desc.name:
                continue
            option = Option(
                index,
                _text(desc.name),
                _text(desc.title),
                kind,
                Unit(desc.unit),
                desc.size,
                desc.cap,
                _constraint(desc, kind),
            )
            options[option.name] = option
        return options

    def get(self, name: str) -> Any:
        option = self.options()[name]
        if option.type is ValueType.STRING:
            buffer = ctypes.create_string_buffer(max(option.size, 1))
            self._control(option, _ACTION_GET, buffer)
            return _text(buffer.value)
        count = max(option.size // ctypes.sizeof(ctypes.c_int), 1)
        words = (ctypes.c_int * count)()
        self._control(option, _ACTION_GET, words)
        values = [_from_word(w, option.type) for w in words]
        return values[0] if count == 1 else values

    def set(self, name: str, value: Any) -> None:
        option = self.options()[name]
        if option.type is ValueType.STRING:
            raw = str(value).encode()
            buffer = ctypes.create_string_buffer(raw, max(option.size, len(raw) + 1))
            info = self._control(option, _ACTION_SET, buffer)
        elif option.type is ValueType.BUTTON:
            info = self._control(option, _ACTION_SET, None)
        else:
            count = max(option.size // ctypes.sizeof(ctypes.c_int), 1)
            items = value if isinstance(value, list | tuple) else [value] * count
            words = (ctypes.c_int * count)(*[_to_word(v, option.type) for v in items])
            info = self._control(option, _ACTION_SET, words)
        if info & INFO_RELOAD_OPTIONS:
            self._options = None

    def _control(self, option: Option, action: int, value: Any) -> int:
        info = ctypes.c_int()
        pointer = ctypes.cast(value, ctypes.c_void_p) if value is not None else None
        _check(
            self._lib.sane_control_option(
                self._handle, option.index, action, pointer, ctypes.byref(info)
            ),
            f"sane_control_option({option.name})",
        )
        return info.value

    # scanning -----------------------------------------------------------------------------
    def start(self) -> None:
        before = _threads()
        self._started = time.monotonic()
        try:
            _check(self._lib.sane_start(self._handle), "sane_start")
        finally:
            self._readers = _threads() - before

    def readers_alive(self) -> bool:
        """Whether a thread the last sane_start started is still running."""
        return bool(self._readers & _threads())

    def await_readers(self, timeout: float = READER_EXIT_SECONDS) -> bool:
        """Waits until the threads the last sane_start started have ended (see
        READER_EXIT_SECONDS); False when one still runs after `timeout`: a backend whose reader
        outlives its frame, which is then not waited for again, or a thread of this process
        that started at the same moment."""
        deadline = time.monotonic() + timeout
        while not self._readers_linger and self.readers_alive():
            if time.monotonic() >= deadline:
                self._readers_linger = True
                return False
            time.sleep(0.001)
        return True

    def parameters(self) -> Parameters:
        raw = _Parameters()
        _check(
            self._lib.sane_get_parameters(self._handle, ctypes.byref(raw)), "sane_get_parameters"
        )
        return Parameters(
            Frame(raw.format),
            bool(raw.last_frame),
            raw.bytes_per_line,
            raw.pixels_per_line,
            raw.lines,
            raw.depth,
        )

    def read_into(self, buffer: ctypes.Array, size: int) -> tuple[Status, int]:
        """One sane_read; returns (status, bytes read) without raising, the caller decides."""
        length = ctypes.c_int()
        code = self._lib.sane_read(self._handle, buffer, size, ctypes.byref(length))
        if code != Status.GOOD:
            _ignore_sigpipe_again()
        return Status(code), length.value

    def cancel(self) -> None:
        if self._handle:
            early = self._started + READER_SETTLE_SECONDS - time.monotonic()
            if early > 0:  # see READER_SETTLE_SECONDS
                time.sleep(early)
            self._lib.sane_cancel(self._handle)
            _ignore_sigpipe_again()

    def set_io_mode(self, non_blocking: bool) -> bool:
        return self._lib.sane_set_io_mode(self._handle, int(non_blocking)) == Status.GOOD

    def select_fd(self) -> int | None:
        fd = ctypes.c_int()
        if self._lib.sane_get_select_fd(self._handle, ctypes.byref(fd)) != Status.GOOD:
            return None
        return fd.value


_SIG_IGN = ctypes.c_void_p(1)


def _libc_signal() -> Any:
    """libc's signal(), looked up once when this module is imported (None where there is no
    SIGPIPE: Windows), so no dlopen runs while a scan is under way. sane_cancel ends the
    backend's reader thread (pthread_cancel, whose unwinding goes through the dynamic loader); a
    dlopen of ours right after it was once found blocked for good inside the loader, holding
    the GIL, so the worker could not even answer the cancel."""
    if not hasattr(signal, "SIGPIPE"):
        return None
    function = ctypes.CDLL(None).signal
    function.argtypes = [ctypes.c_int, ctypes.c_void_p]
    function.restype = ctypes.c_void_p
    return function


_SIGNAL = _libc_signal()


def _ignore_sigpipe_again() -> None:
    """SANE's reader threads put SIGPIPE back to its default when a frame ends (sanei_thread);
    Python ignores it, and must, or a hub connection dropped mid-upload would kill the whole
    station instead of raising EPIPE. libc's signal() works from the scanning thread too."""
    if _SIGNAL is not None:
        _SIGNAL(signal.SIGPIPE, _SIG_IGN)


def _from_word(word: int, kind: ValueType) -> int | float | bool:
    if kind is ValueType.FIXED:
        return word / SANE_FIXED_SCALE
    if kind is ValueType.BOOL:
        return bool(word)
    return word


def _to_word(value: Any, kind: ValueType) -> int:
    if kind is ValueType.FIXED:
        return round(float(value) * SANE_FIXED_SCALE)
    if kind is ValueType.BOOL:
        return int(
            value if isinstance(value, bool) else str(value).lower() in {"1", "yes", "true", "on"}
        )
    return int(value)


def _constraint(desc: _OptionDescriptor, kind: ValueType) -> Any:
    if desc.constraint_type == _CONSTRAINT_RANGE:
        r = desc.constraint.range.contents
        return tuple(_from_word(v, kind) for v in (r.min, r.max, r.quant))
    if desc.constraint_type == _CONSTRAINT_WORD_LIST:
        words = desc.constraint.word_list
        return [_from_word(words[i], kind) for i in range(1, words[0] + 1)]
    if desc.constraint_type == _CONSTRAINT_STRING_LIST:
        strings, values, index = desc.constraint.string_list, [], 0
        while strings[index]:
            values.append(_text(strings[index]))
            index += 1
        return values
    return None

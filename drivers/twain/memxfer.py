"""Buffered-memory transfer (DAT_IMAGEMEMXFER): the page arrives in strips of rows.

pytwain 2.3.0 has no call for it, so we send the triplets through Source._call with the TWAIN
structures below (twain.h layouts, 2-byte packing). Strips are decoded as they come and written
straight into the PageWriter, so a page never sits in memory twice.
"""

from __future__ import annotations

import ctypes as ct
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import numpy as np

from drivers.contract import ColorMode
from station.errors import ErrorCode, StationError

TWON_DONTCARE32 = 0xFFFFFFFF
DEFAULT_BUFFER = 256 * 1024


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


@dataclass(frozen=True)
class StripFormat:
    """How to read a strip's bytes, from DAT_IMAGEINFO and ICAP_PIXELFLAVOR."""

    width: int
    height: int | None  # None: the source does not know yet (ImageLength -1)
    mode: ColorMode
    bits: int  # per sample
    vanilla: bool  # TWPF_VANILLA: zero is white

    @property
    def channels(self) -> int:
        return 3 if self.mode is ColorMode.COLOR else 1

    @property
    def dtype(self) -> np.dtype:
        return np.dtype(np.uint16 if self.bits == 16 else np.uint8)

    def decode(self, data: np.ndarray) -> np.ndarray:
        """Rows of raw bytes (rows x bytes_per_row) -> pixels in the station's layout."""
        if self.bits == 1:
            bits = np.unpackbits(data, axis=1, bitorder="big")[:, : self.width]
            white = bits == 0 if self.vanilla else bits == 1
            return np.where(white, 255, 0).astype(np.uint8)
        size = self.width * self.channels * (self.bits // 8)
        samples = np.ascontiguousarray(data[:, :size]).view(self.dtype.newbyteorder("<"))
        samples = samples.astype(self.dtype)
        if self.vanilla and self.mode is ColorMode.GRAY:
            samples = np.iinfo(self.dtype).max - samples
        if self.channels == 3:
            return samples.reshape(len(data), self.width, 3)
        return samples.reshape(len(data), self.width)


def strip_format(info: dict, mode: ColorMode, vanilla: bool) -> StripFormat:
    bits = int(info["BitsPerSample"][0])
    if info.get("Compression", 0) != 0 or info.get("Planar", 0):
        raise ValueError("compressed or planar memory transfer")
    if bits not in (1, 8, 16) or (bits == 1) != (mode is ColorMode.LINEART):
        raise ValueError(f"{bits}-bit samples for {mode.value}")
    height = int(info["ImageLength"])
    return StripFormat(int(info["ImageWidth"]), height if height > 0 else None, mode, bits, vanilla)


def buffer_size(twain: ModuleType, call: Callable) -> int:
    """The strip buffer the source prefers (DAT_SETUPMEMXFER), within its min and max."""
    setup = TW_SETUPMEMXFER()
    call(twain.DG_CONTROL, twain.DAT_SETUPMEMXFER, twain.MSG_GET, ct.byref(setup))
    size = setup.Preferred if setup.Preferred not in (0, TWON_DONTCARE32) else DEFAULT_BUFFER
    size = max(size, setup.MinBufSize if setup.MinBufSize != TWON_DONTCARE32 else 0)
    if setup.MaxBufSize not in (0, TWON_DONTCARE32):
        size = min(size, setup.MaxBufSize)
    return size


class StripReader:
    """Repeats DG_IMAGE/DAT_IMAGEMEMXFER/MSG_GET into one application-owned buffer."""

    def __init__(self, twain: ModuleType, size: int) -> None:
        self.twain = twain
        self.buffer = ct.create_string_buffer(size)
        self.xfer = TW_IMAGEMEMXFER()

    def request(self) -> tuple[int, ct.Structure]:
        """The triplet and its structure, reset as the spec asks before each call."""
        xfer = self.xfer
        xfer.Compression = 0xFFFF
        for name in ("BytesPerRow", "Columns", "Rows", "XOffset", "YOffset", "BytesWritten"):
            setattr(xfer, name, TWON_DONTCARE32)
        xfer.Memory.Flags = self.twain.TWMF_APPOWNS | self.twain.TWMF_POINTER
        xfer.Memory.Length = len(self.buffer)
        xfer.Memory.TheMem = ct.cast(self.buffer, ct.c_void_p)
        return self.twain.DAT_IMAGEMEMXFER, ct.byref(xfer)

    def rows(self, fmt: StripFormat, device_id: str, sheet: int) -> np.ndarray:
        """The strip just received, as raw rows; refuses tiles and compressed strips."""
        xfer = self.xfer
        if xfer.Compression not in (0, 0xFFFF) or xfer.XOffset not in (0, TWON_DONTCARE32):
            raise StationError(
                ErrorCode.SCANNER_UNSUPPORTED,
                device=device_id,
                sheet=sheet,
                detail="compressed or tiled memory transfer",
            )
        rows, per_row = int(xfer.Rows), int(xfer.BytesPerRow)
        if rows == 0:
            return np.empty((0, max(per_row, 1)), np.uint8)
        if per_row * rows > len(self.buffer) or xfer.Columns != fmt.width:
            raise StationError(
                ErrorCode.SCANNER_IO_ERROR,
                device=device_id,
                sheet=sheet,
                detail=f"strip of {rows}x{per_row} bytes, {xfer.Columns} columns",
            )
        raw = np.frombuffer(self.buffer, np.uint8, count=rows * per_row).reshape(rows, per_row)
        return raw.copy()

"""Read one SANE image (one frame, or three for three-pass colour) into a PageWriter."""

from __future__ import annotations

import contextlib
import ctypes
import select
import time
from dataclasses import dataclass

import numpy as np

from drivers.contract import CancelToken, EventSink, PageProgress, PageWriter, Side
from drivers.sane.libsane import Frame, Handle, Parameters, Status
from drivers.sane.status import scan_error
from station.errors import ErrorCode, StationError

CHUNK = 256 * 1024
_PLANE = {Frame.RED: 0, Frame.GREEN: 1, Frame.BLUE: 2}


@dataclass
class ReadContext:
    handle: Handle
    cancel: CancelToken
    events: EventSink
    device_id: str
    sheet: int
    side: Side
    swap_bytes: bool  # the backend sends 16-bit samples in the non-native byte order


@dataclass(frozen=True)
class ReadResult:
    channels: int
    depth: int


def decode_rows(
    data: bytes | bytearray, params: Parameters, channels: int, swap: bool
) -> np.ndarray:
    """Complete scan lines -> rows of pixels (drops line padding and pixels past the width)."""
    width, bpl = params.pixels_per_line, params.bytes_per_line
    count = len(data) // bpl
    raw = np.frombuffer(data, np.uint8, count * bpl).reshape(count, bpl)
    samples = width * channels
    if params.depth == 1 and channels == 1:
        bits = np.unpackbits(raw, axis=1)[:, :width]
        return ((1 - bits) * 255).astype(np.uint8)  # SANE lineart: a set bit is black
    if params.depth == 1:
        # 1-bit colour comes in groups of 8 pixels: one byte of red bits, one green, one blue.
        groups = (width + 7) // 8
        planes = raw[:, : groups * 3].reshape(count, groups, 3)
        bits = np.stack([np.unpackbits(planes[:, :, c], axis=1) for c in range(3)], axis=-1)
        return (bits[:, :width] * 255).astype(np.uint8)
    elif params.depth == 16:
        rows = raw.view(np.uint16)[:, :samples]
        if swap:
            rows = rows.byteswap()
    else:
        rows = raw[:, :samples]
    return rows.reshape((count, width, channels) if channels > 1 else (count, width))


def read_image(ctx: ReadContext, writer: PageWriter) -> ReadResult:
    params = ctx.handle.parameters()
    if params.format in _PLANE:
        return _read_three_pass(ctx, writer, params)
    channels = 3 if params.format is Frame.RGB else 1
    dtype = np.uint16 if params.depth == 16 else np.uint8
    writer.begin(
        params.pixels_per_line,
        channels,
        np.dtype(dtype),
        params.lines if params.lines > 0 else None,
    )
    rows = _read_frame(ctx, params, channels, writer.write)
    _require_rows(ctx, params, rows)
    return ReadResult(channels, params.depth)


def _read_three_pass(ctx: ReadContext, writer: PageWriter, params: Parameters) -> ReadResult:
    """Three-pass scanners send R, G and B as separate frames, so the page is assembled here."""
    planes: dict[int, np.ndarray] = {}
    while True:
        chunks: list[np.ndarray] = []
        rows = _read_frame(ctx, params, 1, chunks.append)
        _require_rows(ctx, params, rows)
        planes[_PLANE[params.format]] = np.concatenate(chunks)
        if params.last_frame:
            break
        _start_next_frame(ctx)
        params = ctx.handle.parameters()
        if params.format not in _PLANE:
            raise StationError(
                ErrorCode.SCANNER_INVALID, device=ctx.device_id, sheet=ctx.sheet, detail="frame"
            )
    if sorted(planes) != [0, 1, 2]:
        raise StationError(
            ErrorCode.SCANNER_INVALID, device=ctx.device_id, sheet=ctx.sheet, detail="frames"
        )
    height = min(len(p) for p in planes.values())
    width = planes[0].shape[1]
    writer.begin(width, 3, planes[0].dtype, height)
    for top in range(0, height, 256):
        writer.write(np.stack([planes[c][top : top + 256] for c in range(3)], axis=-1))
    return ReadResult(3, params.depth)


def _start_next_frame(ctx: ReadContext) -> None:
    try:
        ctx.handle.start()
    except Exception as exc:  # SaneError
        status = getattr(exc, "status", Status.IO_ERROR)
        raise scan_error(status, ctx.device_id, ctx.sheet, "sane_start") from exc


def _require_rows(ctx: ReadContext, params: Parameters, rows: int) -> None:
    """A frame that ends before its declared height (or with nothing at all) is not a page."""
    if rows == 0 or (params.lines > 0 and rows < params.lines):
        raise scan_error(
            Status.EOF, ctx.device_id, ctx.sheet, f"after {rows} of {params.lines} lines"
        )


def _read_frame(ctx: ReadContext, params: Parameters, channels: int, emit) -> int:
    buffer = (ctypes.c_ubyte * CHUNK)()
    pending = bytearray()
    bpl = params.bytes_per_line
    rows_done = 0
    select_fd = ctx.handle.select_fd()
    total = params.lines if params.lines > 0 else None
    first = True
    while True:
        left = None if total is None else (total - rows_done) * bpl - len(pending)
        status, length = ctx.handle.read_into(buffer, _next_read(ctx, left))
        if first:
            # The first read of a frame blocks; only then switch to non-blocking I/O (when the
            # backend offers it). libsane's test backend ends the frame with an empty EOF if the
            # very first non-blocking read finds its pipe still empty (seen under CPU load).
            ctx.handle.set_io_mode(True)
            first = False
        if status is not Status.GOOD and ctx.cancel.cancelled:
            # After sane_cancel some backends end the frame with EOF rather than CANCELLED.
            raise scan_error(Status.CANCELLED, ctx.device_id, ctx.sheet, "sane_read")
        if status is Status.EOF:
            return rows_done
        if status is not Status.GOOD:
            raise scan_error(status, ctx.device_id, ctx.sheet, "sane_read")
        if length <= 0:  # non-blocking I/O, nothing yet (the test backend even reports -1)
            _wait_for_data(ctx, select_fd)
            continue
        pending += memoryview(buffer)[:length]
        complete = (len(pending) // bpl) * bpl
        if complete:
            emit(decode_rows(pending[:complete], params, channels, ctx.swap_bytes))
            del pending[:complete]
            rows_done += complete // bpl
            ctx.events(PageProgress(ctx.sheet, ctx.side, rows_done, total))


def _next_read(ctx: ReadContext, left: int | None) -> int:
    """How many bytes to ask sane_read for: all but the frame's last byte, which is asked for
    once the backend's reader thread has ended (see libsane.READER_EXIT_SECONDS)."""
    if left is None or left > CHUNK:
        return CHUNK
    if left > 1:
        return left - 1
    ctx.handle.await_readers()
    return CHUNK


def _wait_for_data(ctx: ReadContext, select_fd: int | None) -> None:
    if ctx.cancel.cancelled:
        ctx.handle.cancel()  # the next sane_read reports CANCELLED
        return
    if select_fd is not None:
        with contextlib.suppress(OSError):  # the backend may close it at the end of the frame
            select.select([select_fd], [], [], 0.1)
    else:
        time.sleep(0.002)

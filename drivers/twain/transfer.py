"""Moving one image from the source into a PageWriter, natively (one DIB) or in memory strips."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from drivers.contract import (
    CancelToken,
    ColorMode,
    EventSink,
    PageProgress,
    PageWriter,
    Side,
)
from drivers.twain.dib import DibFormatError, decode_bmp
from drivers.twain.memxfer import StripReader, buffer_size, strip_format
from drivers.twain.session import Session
from station.errors import ErrorCode, StationError

PIXEL_MODES = {
    "TWPT_RGB": ColorMode.COLOR,
    "TWPT_GRAY": ColorMode.GRAY,
    "TWPT_BW": ColorMode.LINEART,
}


@dataclass
class Received:
    pixels: np.ndarray
    mode: ColorMode
    depth: int
    pending: int  # what MSG_ENDXFER reported: 0 none, 0xFFFF (-1) unknown, n


@dataclass(frozen=True)
class Page:
    sheet: int
    side: Side


def info_mode(session: Session, info: dict) -> ColorMode:
    twain = session.twain
    for name, mode in PIXEL_MODES.items():
        if info["PixelType"] == getattr(twain, name):
            return mode
    raise StationError(
        ErrorCode.SCANNER_UNSUPPORTED,
        device=session.device_id,
        sheet=session.sheet,
        detail=f"pixel type {info['PixelType']}",
    )


def _unsupported(session: Session, detail: str) -> StationError:
    return StationError(
        ErrorCode.SCANNER_UNSUPPORTED, device=session.device_id, sheet=session.sheet, detail=detail
    )


def native(session: Session, page: Page, writer: PageWriter, events: EventSink) -> Received:
    """DAT_IMAGENATIVEXFER: the source hands over a DIB in global memory, which we free."""
    twain = session.twain
    handle, pending = session.call(session.source.xfer_image_natively)
    session.transferred(pending)
    try:
        bmp = session.call(twain.dib_to_bm_file, handle)
    finally:
        session.call(twain.global_handle_free, handle)
    try:
        bitmap = decode_bmp(bmp)
    except DibFormatError as exc:
        raise _unsupported(session, f"DIB: {exc}") from exc
    height, width = bitmap.pixels.shape[:2]
    writer.begin(width, 3 if bitmap.pixels.ndim == 3 else 1, bitmap.pixels.dtype, height)
    writer.write(bitmap.pixels)
    events(PageProgress(page.sheet, page.side, height, height))
    return Received(writer.finish(), bitmap.mode, bitmap.depth, pending)


def memory(
    session: Session,
    page: Page,
    info: dict,
    vanilla: bool,
    writer: PageWriter,
    events: EventSink,
    cancel: CancelToken,
) -> Received:
    """DAT_IMAGEMEMXFER until TWRC_XFERDONE; cancel is honoured between strips."""
    twain = session.twain
    mode = info_mode(session, info)
    try:
        fmt = strip_format(info, mode, vanilla)
    except ValueError as exc:
        raise _unsupported(session, str(exc)) from exc
    row_bytes = -(-fmt.width * fmt.channels * fmt.bits // 8)
    size = max(
        buffer_size(twain, lambda *triplet: session.call(session.source._call, *triplet)),
        row_bytes + 4,
    )
    reader = StripReader(twain, size)
    writer.begin(fmt.width, fmt.channels, fmt.dtype, fmt.height)
    done = 0
    expected = (twain.TWRC_SUCCESS, twain.TWRC_XFERDONE, twain.TWRC_CANCEL)
    while True:
        if cancel.cancelled:
            raise StationError(ErrorCode.SCAN_CANCELLED, device=session.device_id, sheet=page.sheet)
        dat, buf = reader.request()
        rc = session.call(session.source._call, twain.DG_IMAGE, dat, twain.MSG_GET, buf, expected)
        session.transferring()
        if rc == twain.TWRC_CANCEL:
            session.end_transfer()
            raise StationError(
                ErrorCode.SCAN_CANCELLED,
                device=session.device_id,
                sheet=page.sheet,
                detail="TWRC_CANCEL",
            )
        rows = reader.rows(fmt, session.device_id, page.sheet)
        if len(rows):
            writer.write(fmt.decode(rows))
            done += len(rows)
            events(PageProgress(page.sheet, page.side, done, fmt.height))
        if rc == twain.TWRC_XFERDONE:
            break
    pending = session.end_transfer()
    return Received(writer.finish(), mode, fmt.bits, pending)

"""SANE status codes -> the station's typed errors."""

from __future__ import annotations

from drivers.sane.libsane import Status
from station.errors import ErrorCode, StationError

STATUS_ERRORS: dict[Status, ErrorCode] = {
    Status.UNSUPPORTED: ErrorCode.SCANNER_UNSUPPORTED,
    Status.CANCELLED: ErrorCode.SCAN_CANCELLED,
    Status.DEVICE_BUSY: ErrorCode.SCANNER_BUSY,
    Status.INVAL: ErrorCode.SCANNER_INVALID,
    Status.EOF: ErrorCode.SCANNER_EOF,
    Status.JAMMED: ErrorCode.SCANNER_JAMMED,
    Status.NO_DOCS: ErrorCode.SCANNER_NO_DOCS,
    Status.COVER_OPEN: ErrorCode.SCANNER_COVER_OPEN,
    Status.IO_ERROR: ErrorCode.SCANNER_IO_ERROR,
    Status.NO_MEM: ErrorCode.SCANNER_NO_MEMORY,
    Status.ACCESS_DENIED: ErrorCode.SCANNER_ACCESS_DENIED,
}


def scan_error(status: Status, device_id: str, sheet: int, call: str = "") -> StationError:
    code = STATUS_ERRORS.get(status, ErrorCode.SCANNER_IO_ERROR)
    return StationError(
        code, device=device_id, sheet=sheet, detail=f"SANE_STATUS_{status.name} {call}".strip()
    )

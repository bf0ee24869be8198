"""TWAIN failures -> the station's typed errors.

pytwain turns a TWRC_FAILURE into an exception chosen by the condition code (TWCC_*) the source
reports: a twain.exceptions class for most codes, a built-in for three (TWCC_LOWMEMORY is
MemoryError, TWCC_BADVALUE ValueError, TWCC_FILENOTFOUND FileNotFoundError) and
UnknownError("ConditionCode = N") for codes it has no class for, which include the cover
interlock and "no media" of TWAIN 2.x. Classes are looked up by name on the module in use, so the
same table serves pytwain on Windows and the fake in tests.
"""

from __future__ import annotations

import re
from types import ModuleType

from station.errors import ErrorCode, StationError

# Condition codes pytwain 2.3.0 defines no constant or exception class for (twain.h 2.x).
TWCC_INTERLOCK = 24
TWCC_DAMAGEDCORNER = 25
TWCC_FOCUSERROR = 26
TWCC_DOCTOOLIGHT = 27
TWCC_DOCTOODARK = 28
TWCC_NOMEDIA = 29

# Codes that reach us only as UnknownError("ConditionCode = N").
UNKNOWN_CONDITIONS: dict[int, tuple[ErrorCode, str]] = {
    TWCC_INTERLOCK: (ErrorCode.SCANNER_COVER_OPEN, "TWCC_INTERLOCK"),
    TWCC_DAMAGEDCORNER: (ErrorCode.SCANNER_JAMMED, "TWCC_DAMAGEDCORNER"),
    TWCC_FOCUSERROR: (ErrorCode.SCANNER_IO_ERROR, "TWCC_FOCUSERROR"),
    TWCC_DOCTOOLIGHT: (ErrorCode.SCANNER_IO_ERROR, "TWCC_DOCTOOLIGHT"),
    TWCC_DOCTOODARK: (ErrorCode.SCANNER_IO_ERROR, "TWCC_DOCTOODARK"),
    TWCC_NOMEDIA: (ErrorCode.SCANNER_NO_DOCS, "TWCC_NOMEDIA"),
}

# twain.exceptions class name -> (error, the condition it stands for).
EXCEPTIONS: dict[str, tuple[ErrorCode, str]] = {
    "PaperJam": (ErrorCode.SCANNER_JAMMED, "TWCC_PAPERJAM"),
    "PaperDoubleFeedError": (ErrorCode.SCANNER_DOUBLE_FEED, "TWCC_PAPERDOUBLEFEED"),
    "CheckDeviceOnlineError": (ErrorCode.SCANNER_DISCONNECTED, "TWCC_CHECKDEVICEONLINE"),
    "MaxConnectionsError": (ErrorCode.SCANNER_BUSY, "TWCC_MAXCONNECTIONS"),
    "DeniedError": (ErrorCode.SCANNER_ACCESS_DENIED, "TWCC_DENIED"),
    "BadCapability": (ErrorCode.SCANNER_UNSUPPORTED, "TWCC_BADCAP"),
    "CapUnsupported": (ErrorCode.SCANNER_UNSUPPORTED, "TWCC_CAPUNSUPPORTED"),
    "CapBadOperation": (ErrorCode.SCANNER_UNSUPPORTED, "TWCC_CAPBADOPERATION"),
    "CapabilityFormatNotSupported": (ErrorCode.SCANNER_UNSUPPORTED, "container format"),
    "ImageFormatNotSupported": (ErrorCode.SCANNER_UNSUPPORTED, "image format"),
    "CapSeqError": (ErrorCode.SCANNER_INVALID, "TWCC_CAPSEQERROR"),
    "SequenceError": (ErrorCode.SCANNER_INVALID, "TWCC_SEQERROR"),
    "BadProtocol": (ErrorCode.SCANNER_INVALID, "TWCC_BADPROTOCOL"),
    "BadDestination": (ErrorCode.SCANNER_INVALID, "TWCC_BADDEST"),
    "NoDataSourceError": (ErrorCode.SCANNER_DISCONNECTED, "TWCC_NODS"),
    "OperationError": (ErrorCode.SCANNER_IO_ERROR, "TWCC_OPERATIONERROR"),
    "GeneralFailure": (ErrorCode.SCANNER_IO_ERROR, "TWCC_BUMMER"),
    "FileWriteError": (ErrorCode.SCANNER_IO_ERROR, "TWCC_FILEWRITEERROR"),
    "NotEmptyError": (ErrorCode.SCANNER_IO_ERROR, "TWCC_NOTEMPTY"),
    "DSTransferCancelled": (ErrorCode.SCAN_CANCELLED, "TWRC_CANCEL"),
    "SMLoadFileFailed": (ErrorCode.DRIVER_UNAVAILABLE, "DSM not loaded"),
    "SMGetProcAddressFailed": (ErrorCode.DRIVER_UNAVAILABLE, "DSM_Entry missing"),
    "SMOpenFailed": (ErrorCode.DRIVER_UNAVAILABLE, "DSM refused to open"),
}

BUILTINS: tuple[tuple[type[BaseException], ErrorCode, str], ...] = (
    (MemoryError, ErrorCode.SCANNER_NO_MEMORY, "TWCC_LOWMEMORY"),
    (ValueError, ErrorCode.SCANNER_UNSUPPORTED, "TWCC_BADVALUE"),
    (FileNotFoundError, ErrorCode.SCANNER_IO_ERROR, "TWCC_FILENOTFOUND"),
    (FileExistsError, ErrorCode.SCANNER_IO_ERROR, "TWCC_FILEEXISTS"),
)

# What a capability refusal means while we negotiate a setting the user chose.
SETTING_REFUSALS = {
    "BadCapability",
    "CapUnsupported",
    "CapBadOperation",
    "CapSeqError",
    "CapabilityFormatNotSupported",
}

_CONDITION = re.compile(r"ConditionCode\s*=\s*(\d+)")


def twain_errors(twain: ModuleType) -> tuple[type[BaseException], ...]:
    """Everything a pytwain call raises for a source's failure (RuntimeError: an unexpected
    return code)."""
    return (twain.exceptions.TwainError, RuntimeError) + tuple(b for b, _, _ in BUILTINS)


def _class_name(twain: ModuleType, exc: BaseException) -> str | None:
    for cls in type(exc).__mro__:
        if getattr(twain.exceptions, cls.__name__, None) is cls:
            return cls.__name__
    return None


def condition(twain: ModuleType, exc: BaseException) -> tuple[ErrorCode, str]:
    """The station error and the TWAIN condition behind a pytwain exception."""
    name = _class_name(twain, exc)
    if name in EXCEPTIONS:
        return EXCEPTIONS[name]
    if name == "UnknownError":
        match = _CONDITION.search(str(exc))
        number = int(match.group(1)) if match else -1
        return UNKNOWN_CONDITIONS.get(number, (ErrorCode.SCANNER_IO_ERROR, f"TWCC {number}"))
    for builtin, code, detail in BUILTINS:
        if isinstance(exc, builtin):
            return code, detail
    return ErrorCode.SCANNER_IO_ERROR, f"{type(exc).__name__}: {exc}".rstrip(": ")


def refuses_setting(twain: ModuleType, exc: BaseException) -> bool:
    """True when a source turned a capability value down rather than failing."""
    return _class_name(twain, exc) in SETTING_REFUSALS or isinstance(exc, ValueError)


def scan_error(twain: ModuleType, exc: BaseException, device_id: str, sheet: int) -> StationError:
    code, detail = condition(twain, exc)
    if code is ErrorCode.DRIVER_UNAVAILABLE:
        return StationError(code, driver="twain", detail=f"{detail}: {exc}".rstrip(": "))
    return StationError(code, device=device_id, sheet=sheet, detail=detail)

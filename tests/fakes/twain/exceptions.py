"""pytwain 2.3.0's `twain.exceptions`: same names, same hierarchy, same deprecated aliases.

Every class derives from TwainError except CancelAll and CheckStatus (plain Exception). Three
condition codes surface as built-ins, not as TwainError: TWCC_LOWMEMORY -> MemoryError,
TWCC_BADVALUE -> ValueError, TWCC_FILENOTFOUND -> FileNotFoundError (TWCC_FILEEXISTS -> the
built-in FileExistsError too); a code pytwain does not know becomes
UnknownError("ConditionCode = N").
"""

from __future__ import annotations


class TwainError(Exception):
    """Base of the errors a TWAIN call reports."""


class CapabilityFormatNotSupported(TwainError):
    """A container or item type pytwain cannot decode."""


class DSTransferCancelled(TwainError):
    """The source answered TWRC_CANCEL to a transfer."""


class SMGetProcAddressFailed(TwainError):
    """The DSM library has no DSM_Entry."""


class SMLoadFileFailed(TwainError):
    """The DSM library could not be loaded."""


class SMOpenFailed(TwainError):
    """The DSM refused DAT_ENTRYPOINT."""


class ImageFormatNotSupported(TwainError):
    """An image format pytwain cannot handle."""


class BadCapability(TwainError):
    """TWCC_BADCAP (sources before 1.6)."""


class BadDestination(TwainError):
    """TWCC_BADDEST."""


class BadProtocol(TwainError):
    """TWCC_BADPROTOCOL."""


class GeneralFailure(TwainError):
    """TWCC_BUMMER."""


class CapBadOperation(TwainError):
    """TWCC_CAPBADOPERATION."""


class CapSeqError(TwainError):
    """TWCC_CAPSEQERROR."""


class CapUnsupported(TwainError):
    """TWCC_CAPUNSUPPORTED."""


class CheckDeviceOnlineError(TwainError):
    """TWCC_CHECKDEVICEONLINE."""


class DeniedError(TwainError):
    """TWCC_DENIED."""


class FileWriteError(TwainError):
    """TWCC_FILEWRITEERROR."""


class MaxConnectionsError(TwainError):
    """TWCC_MAXCONNECTIONS."""


class NoDataSourceError(TwainError):
    """TWCC_NODS."""


class NotEmptyError(TwainError):
    """TWCC_NOTEMPTY."""


class OperationError(TwainError):
    """TWCC_OPERATIONERROR."""


class PaperDoubleFeedError(TwainError):
    """TWCC_PAPERDOUBLEFEED."""


class PaperJam(TwainError):
    """TWCC_PAPERJAM."""


class SequenceError(TwainError):
    """TWCC_SEQERROR."""


class UnknownError(TwainError):
    """A condition code pytwain has no class for; the message is "ConditionCode = N"."""


class CancelAll(Exception):
    """Raised by an acquire callback to drop the remaining transfers."""


class CheckStatus(Exception):
    """MSG_SET succeeded but the source changed the value (TWRC_CHECKSTATUS)."""


excCapabilityFormatNotSupported = CapabilityFormatNotSupported
excDSTransferCancelled = DSTransferCancelled
excSMGetProcAddressFailed = SMGetProcAddressFailed
excSMLoadFileFailed = SMLoadFileFailed
excSMOpenFailed = SMOpenFailed
excImageFormat = ImageFormatNotSupported
excTWCC_BADCAP = BadCapability
excTWCC_BADDEST = BadDestination
excTWCC_BADPROTOCOL = BadProtocol
excTWCC_BUMMER = GeneralFailure
excTWCC_CAPBADOPERATION = CapBadOperation
excTWCC_CAPSEQERROR = CapSeqError
excTWCC_CAPUNSUPPORTED = CapUnsupported
excTWCC_CHECKDEVICEONLINE = CheckDeviceOnlineError
excTWCC_DENIED = DeniedError
excTWCC_FILEEXISTS = FileExistsError
excTWCC_FILEWRITEERROR = FileWriteError
excTWCC_MAXCONNECTIONS = MaxConnectionsError
excTWCC_NODS = NoDataSourceError
excTWCC_NOTEMPTY = NotEmptyError
excTWCC_OPERATIONERROR = OperationError
excTWCC_PAPERDOUBLEFEED = PaperDoubleFeedError
excTWCC_PAPERJAM = PaperJam
excTWCC_SEQERROR = SequenceError
excTWCC_UNKNOWN = UnknownError

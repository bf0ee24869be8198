"""Error codes the core raises. The core never words messages; `ui/` turns codes into text."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    DATA_DIR_NOT_WRITABLE = "data_dir_not_writable"
    DISK_FULL = "disk_full"
    DATABASE_CORRUPT = "database_corrupt"
    DATABASE_FOREIGN = "database_foreign"
    DATABASE_TOO_NEW = "database_too_new"
    DATABASE_LOCKED = "database_locked"
    STORAGE_IO = "storage_io"
    CATALOG_INVALID = "catalog_invalid"
    UNKNOWN_PROCEDURE = "unknown_procedure"
    UNKNOWN_COMPONENT = "unknown_component"
    EMPTY_DOSSIER_CODE = "empty_dossier_code"
    DOSSIER_EXISTS = "dossier_exists"
    DOSSIER_NOT_FOUND = "dossier_not_found"
    DOSSIER_CLOSED = "dossier_closed"
    INVALID_ID_NUMBER = "invalid_id_number"
    EMPTY_PAGE = "empty_page"
    DISPLAY_UNAVAILABLE = "display_unavailable"


class StationError(Exception):
    """A failure the user can act on; `params` fill the message template of `code`."""

    def __init__(self, code: ErrorCode, /, **params: Any) -> None:
        super().__init__(f"{code.value}: {params}" if params else code.value)
        self.code = code
        self.params = params

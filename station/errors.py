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
    CLERK_NOT_SIGNED_IN = "clerk_not_signed_in"
    STORAGE_IO = "storage_io"
    CATALOG_INVALID = "catalog_invalid"
    CATALOG_SIGNATURE_INVALID = "catalog_signature_invalid"
    CATALOG_OLDER = "catalog_older"
    UNKNOWN_PROCEDURE = "unknown_procedure"
    UNKNOWN_COMPONENT = "unknown_component"
    UNKNOWN_CASE = "unknown_case"
    CASES_CONFLICT = "cases_conflict"
    EMPTY_DOSSIER_CODE = "empty_dossier_code"
    DOSSIER_EXISTS = "dossier_exists"
    DOSSIER_NOT_FOUND = "dossier_not_found"
    DOSSIER_CLOSED = "dossier_closed"
    PAGE_NOT_FOUND = "page_not_found"
    PAGE_NOT_STITCHED = "page_not_stitched"
    PAGE_EDITED = "page_edited"  # its transforms changed since they were read
    INVALID_ID_NUMBER = "invalid_id_number"
    EMPTY_PAGE = "empty_page"
    # the station's identity
    STATION_NAME_EMPTY = "station_name_empty"
    AGENCY_CODE_INVALID = "agency_code_invalid"
    UNITS_FILE_INVALID = "units_file_invalid"
    STATION_LEVEL_INVALID = "station_level_invalid"
    DISPLAY_UNAVAILABLE = "display_unavailable"
    HUB_NOT_INSTALLED = "hub_not_installed"  # `sohoa hub` without the [hub] extra
    # paper sizes
    INVALID_PAPER = "invalid_paper"
    PAPER_TOO_LARGE = "paper_too_large"
    # scanners and drivers
    DEVICE_NOT_FOUND = "device_not_found"
    DRIVER_UNAVAILABLE = "driver_unavailable"
    DRIVER_CRASHED = "driver_crashed"
    DRIVER_HUNG = "driver_hung"
    INVALID_OPTION = "invalid_option"
    UNSUPPORTED_SETTING = "unsupported_setting"
    SCANNER_JAMMED = "scanner_jammed"
    SCANNER_DOUBLE_FEED = "scanner_double_feed"
    SCANNER_COVER_OPEN = "scanner_cover_open"
    SCANNER_NO_DOCS = "scanner_no_docs"
    SCANNER_BUSY = "scanner_busy"
    SCANNER_IO_ERROR = "scanner_io_error"
    SCANNER_NO_MEMORY = "scanner_no_memory"
    SCANNER_ACCESS_DENIED = "scanner_access_denied"
    SCANNER_UNSUPPORTED = "scanner_unsupported"
    SCANNER_INVALID = "scanner_invalid"
    SCANNER_EOF = "scanner_eof"
    SCANNER_DISCONNECTED = "scanner_disconnected"
    SCAN_CANCELLED = "scan_cancelled"
    # pipeline
    UNKNOWN_PROFILE = "unknown_profile"
    IMAGE_UNREADABLE = "image_unreadable"
    OCR_UNAVAILABLE = "ocr_unavailable"
    # counter workflow: editing and finishing a dossier
    DOSSIER_FINISHED = "dossier_finished"
    DOSSIER_BUSY = "dossier_busy"
    DOSSIER_EMPTY = "dossier_empty"
    DOSSIER_WITHOUT_PROCEDURE = "dossier_without_procedure"
    UNTAGGED_PAGES = "untagged_pages"
    REQUIRED_COMPONENTS_MISSING = "required_components_missing"
    CASES_UNDECIDED = "cases_undecided"  # a case group with no case chosen, at Finish
    ANNOTATED_PAGE_UNPAIRED = "annotated_page_unpaired"
    PAGE_NOT_IN_DOSSIER = "page_not_in_dossier"
    # file import
    IMPORT_NOT_FOUND = "import_not_found"
    IMPORT_CORRUPT = "import_corrupt"
    IMPORT_ENCRYPTED = "import_encrypted"
    IMPORT_TOO_LARGE = "import_too_large"
    IMPORT_UNSUPPORTED = "import_unsupported"
    # sync: sending finished dossiers to the hub
    SYNC_NOT_CONFIGURED = "sync_not_configured"
    SYNC_NO_KEYRING = "sync_no_keyring"
    SYNC_SECRET_MISSING = "sync_secret_missing"
    SYNC_SECRET_FILE_INSECURE = "sync_secret_file_insecure"
    SYNC_AUTH_REJECTED = "sync_auth_rejected"
    SYNC_OFFLINE = "sync_offline"
    SYNC_TLS_FAILED = "sync_tls_failed"
    SYNC_INSECURE_URL = "sync_insecure_url"
    SYNC_UNEXPECTED_ANSWER = "sync_unexpected_answer"
    SYNC_REDIRECT_REFUSED = "sync_redirect_refused"
    SYNC_FOREIGN_UPLOAD_URL = "sync_foreign_upload_url"
    SYNC_SERVER_BUSY = "sync_server_busy"
    SYNC_REJECTED = "sync_rejected"
    SYNC_CHECKSUM_MISMATCH = "sync_checksum_mismatch"
    SYNC_LOCAL_FILE_MISSING = "sync_local_file_missing"
    SYNC_LOCAL_FILE_CHANGED = "sync_local_file_changed"
    SYNC_MANIFEST_REJECTED = "sync_manifest_rejected"
    SYNC_FILES_MISSING = "sync_files_missing"
    SYNC_JOB_NOT_FOUND = "sync_job_not_found"
    SYNC_WORKER_RUNNING = "sync_worker_running"
    SYNC_DOSSIER_NOT_FINISHED = "sync_dossier_not_finished"
    RESULT_NOTHING_TO_SEND = "result_nothing_to_send"
    SYNC_RESULT_REFUSED = "sync_result_refused"
    SYNC_FOLDER_FAILED = "sync_folder_failed"
    SIGN_PKCS12_UNREADABLE = "sign_pkcs12_unreadable"
    SIGN_MODULE_MISSING = "sign_module_missing"
    SIGN_TOKEN_MISSING = "sign_token_missing"
    SIGN_WRONG_PIN = "sign_wrong_pin"
    SIGN_KEY_MISSING = "sign_key_missing"
    SIGN_CERT_EXPIRED = "sign_cert_expired"
    SIGN_CERT_NOT_YET_VALID = "sign_cert_not_yet_valid"
    SIGN_CERT_NO_SIGNING_USAGE = "sign_cert_no_signing_usage"
    SIGN_ALREADY_SIGNED = "sign_already_signed"
    SIGN_PDF_UNREADABLE = "sign_pdf_unreadable"
    SIGN_FAILED = "sign_failed"
    SIGN_FONT_NOT_EMBEDDABLE = "sign_font_not_embeddable"
    # the result (kết quả), digitized into a finished dossier
    RESULT_DOSSIER_OPEN = "result_dossier_open"
    RESULT_NOT_EXPECTED = "result_not_expected"
    RESULT_COMPONENT_ONLY = "result_component_only"
    RESULT_ALREADY_FINISHED = "result_already_finished"
    RESULT_DIGITIZED_ELSEWHERE = "result_digitized_elsewhere"
    RESULT_PAGES_MISSING = "result_pages_missing"
    RESULT_PDF_INVALID = "result_pdf_invalid"
    # a result handed over at a desk other than the one that received the dossier
    RESULT_DOSSIER_UNKNOWN_IN_UNIT = "result_dossier_unknown_in_unit"
    RESULT_HUB_UNREACHABLE = "result_hub_unreachable"


class StationError(Exception):
    """A failure the user can act on; `params` fill the message template of `code`."""

    def __init__(self, code: ErrorCode, /, **params: Any) -> None:
        super().__init__(f"{code.value}: {params}" if params else code.value)
        self.code = code
        self.params = params

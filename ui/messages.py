"""Bilingual wording for the core's codes, used where Qt's translator is not loaded (the CLI)."""

from __future__ import annotations

from typing import Any

from station.errors import ErrorCode, StationError

# code -> (Vietnamese, English); {placeholders} come from the error's params.
ERRORS: dict[str, tuple[str, str]] = {
    ErrorCode.DATA_DIR_NOT_WRITABLE: (
        "Không ghi được vào thư mục dữ liệu {path}. Hãy cấp quyền ghi hoặc chọn thư mục khác (SOHOA_HOME).",
        "Cannot write to the data directory {path}. Grant write access or choose another directory (SOHOA_HOME).",
    ),
    ErrorCode.DISK_FULL: (
        "Ổ đĩa đã đầy khi ghi {path}. Trang chưa được lưu; hãy giải phóng dung lượng rồi quét lại.",
        "The disk is full while writing {path}. The page was not stored; free some space and scan again.",
    ),
    ErrorCode.DATABASE_CORRUPT: (
        "Tệp cơ sở dữ liệu {path} bị hỏng hoặc không phải SQLite. Tệp được giữ nguyên; hãy khôi phục bản sao lưu.",
        "The database file {path} is damaged or not SQLite. It was left untouched; restore it from a backup.",
    ),
    ErrorCode.DATABASE_FOREIGN: (
        "Tệp {path} là cơ sở dữ liệu của ứng dụng khác. Tệp được giữ nguyên; hãy chọn thư mục dữ liệu khác.",
        "The file {path} belongs to another application. It was left untouched; choose another data directory.",
    ),
    ErrorCode.DATABASE_TOO_NEW: (
        "Cơ sở dữ liệu {path} do phiên bản mới hơn tạo (lược đồ {version}, hỗ trợ đến {supported}). Hãy cập nhật ứng dụng.",
        "The database {path} was written by a newer version (schema {version}, this one supports {supported}). Update the application.",
    ),
    ErrorCode.DATABASE_LOCKED: (
        "Cơ sở dữ liệu {path} đang bị khóa bởi tiến trình khác. Hãy thử lại.",
        "The database {path} is locked by another process. Try again.",
    ),
    ErrorCode.STORAGE_IO: (
        "Lỗi đọc/ghi tại {path}: {detail}.",
        "Read/write error at {path}: {detail}.",
    ),
    ErrorCode.CATALOG_INVALID: (
        "Danh mục thủ tục {path} không hợp lệ: {detail}.",
        "The procedure catalog file {path} is invalid: {detail}.",
    ),
    ErrorCode.UNKNOWN_PROCEDURE: (
        'Không có thủ tục mã "{code}" trong danh mục. Xem danh sách: sohoa catalog list.',
        'No procedure with code "{code}" in the catalog. See the list: sohoa catalog list.',
    ),
    ErrorCode.UNKNOWN_COMPONENT: (
        'Thủ tục {procedure} không có thành phần hồ sơ "{code}".',
        'Procedure {procedure} has no dossier component "{code}".',
    ),
    ErrorCode.EMPTY_DOSSIER_CODE: (
        "Mã hồ sơ đang trống. Hãy nhập hoặc quét mã hồ sơ do hệ thống một cửa cấp.",
        "The dossier code is empty. Type or scan the code the one-stop system issued.",
    ),
    ErrorCode.DOSSIER_EXISTS: (
        'Hồ sơ "{code}" đã có trên trạm này.',
        'Dossier "{code}" already exists on this station.',
    ),
    ErrorCode.DOSSIER_NOT_FOUND: (
        'Không tìm thấy hồ sơ "{code}".',
        'Dossier "{code}" was not found.',
    ),
    ErrorCode.DOSSIER_CLOSED: (
        'Hồ sơ "{code}" đã hoàn tất, không thể thêm trang.',
        'Dossier "{code}" is finished; pages can no longer be added.',
    ),
    ErrorCode.INVALID_ID_NUMBER: (
        'Số giấy tờ tùy thân "{value}" không hợp lệ.',
        'The ID number "{value}" is not valid.',
    ),
    ErrorCode.EMPTY_PAGE: (
        "Trang quét rỗng (0 byte), không được lưu.",
        "The scanned page is empty (0 bytes) and was not stored.",
    ),
    ErrorCode.DISPLAY_UNAVAILABLE: (
        "Không có màn hình để mở giao diện (DISPLAY trống). Hãy chạy trong phiên đồ họa hoặc dùng xvfb-run.",
        "No display to open the window on (DISPLAY is empty). Run it in a desktop session or under xvfb-run.",
    ),
}

WARNINGS: dict[str, tuple[str, str]] = {
    "nonstandard_shape": (
        "Mã hồ sơ không theo dạng chuẩn V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX; vẫn được chấp nhận.",
        "The dossier code does not follow V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX; accepted anyway.",
    ),
    "invalid_date": (
        "Phần ngày YYMMDD trong mã hồ sơ không phải ngày hợp lệ; vẫn được chấp nhận.",
        "The YYMMDD part of the dossier code is not a valid date; accepted anyway.",
    ),
    "nonstandard_id_number": (
        "Số giấy tờ không giống CCCD (12 số), CMND (9 số) hay hộ chiếu; vẫn được lưu.",
        "The ID number looks like neither a citizen ID (12 digits), an old ID (9 digits) nor a passport; stored anyway.",
    ),
}


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def error_text(error: StationError) -> tuple[str, str]:
    vi, en = ERRORS.get(error.code, ("Lỗi: {code}", "Error: {code}"))
    params = {"code": error.code.value, **error.params}
    return _fill(vi, params), _fill(en, params)


def warning_text(code: str) -> tuple[str, str]:
    return WARNINGS.get(code, (code, code))

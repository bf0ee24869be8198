"""What the catalog check's problems (station/catalog_audit.py) say to a person: Vietnamese,
then English. `sohoa catalog check` and the hub's catalog import read the same words."""

from __future__ import annotations

from station.catalog_audit import ProblemKind

PROBLEM_TEXT: dict[ProblemKind, tuple[str, str]] = {
    ProblemKind.INVALID: (
        "tệp không đọc được hoặc sai cấu trúc",
        "unreadable file or wrong schema",
    ),
    ProblemKind.UNKNOWN_FIELD: ("trường không có trong định dạng", "field not in the format"),
    ProblemKind.DUPLICATE_CODE: ("trùng mã thủ tục với tệp", "procedure code repeated from file"),
    ProblemKind.ALTERNATIVE_UNKNOWN_COMPONENT: (
        "phương án thay thế nêu thành phần không có",
        "alternative names a missing component",
    ),
    ProblemKind.ALTERNATIVE_RESULT_COMPONENT: (
        "phương án thay thế nêu thành phần kết quả",
        "alternative names a result component",
    ),
    ProblemKind.UNKNOWN_CASE: ("nêu trường hợp không định nghĩa", "names an undefined case"),
    ProblemKind.NOT_REQUESTED_REQUIRED: (
        "thành phần không được yêu cầu lại bị bắt buộc",
        "a must-not-request component is required",
    ),
    ProblemKind.NO_REQUIREMENT: (
        "không có thành phần nộp nào bắt buộc",
        "nothing submitted is required",
    ),
    ProblemKind.EXPIRED: ("đã hết hiệu lực (valid_until)", "past valid_until"),
    ProblemKind.VERIFIED_WITHOUT_PRIMARY: (
        "ghi đã kiểm chứng nhưng không có văn bản gốc/công bố đã đọc",
        "verified without a primary or announcing text read",
    ),
    ProblemKind.UNVERIFIED_WITHOUT_REASON: (
        "chưa kiểm chứng mà không nêu lý do",
        "unverified without a reason",
    ),
    ProblemKind.FILE_NAME: ("tên tệp khác mã thủ tục", "file name differs from the code"),
    ProblemKind.NO_RESULT: ("không có thành phần kết quả", "no result component"),
    ProblemKind.NOT_YET_VALID: ("chưa có hiệu lực (valid_from)", "not yet valid (valid_from)"),
    ProblemKind.LEGACY_FORMAT: (
        "định dạng cũ, coi như chưa kiểm chứng",
        "old format, treated as unverified",
    ),
    ProblemKind.LOCAL_IGNORED: (
        "tệp riêng của trạm nêu thủ tục đã có trong danh mục: bị bỏ qua",
        "the station's own file names a procedure the catalog holds: ignored",
    ),
}


def problem_words(kind: ProblemKind) -> tuple[str, str]:
    """The Vietnamese and English words for one kind of problem."""
    return PROBLEM_TEXT.get(kind, (kind.value, kind.value))

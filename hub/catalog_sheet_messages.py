"""The words for a catalog spreadsheet's problems: Vietnamese, then English, each with the
file, sheet, row and column."""

from __future__ import annotations

from hub.catalog_sheet_layout import TABLES
from hub.catalog_sheet_read import Place, SheetProblem, SheetProblemKind
from station.catalog_problem_text import problem_words

_TABLES = ", ".join(t.name for t in TABLES)
_K = SheetProblemKind

SHEET_TEXT: dict[SheetProblemKind, tuple[str, str]] = {
    _K.UNREADABLE: (
        "không đọc được như tệp XLSX (hỏng, hoặc không phải XLSX): {detail}",
        "cannot be read as an XLSX workbook (damaged, or not XLSX): {detail}",
    ),
    _K.NOT_XLSX: (
        "định dạng {detail} không đọc được; hãy lưu lại thành Excel Workbook (.xlsx)",
        "the {detail} format cannot be read; save it again as an Excel Workbook (.xlsx)",
    ),
    _K.NOT_UTF8: (
        "không phải UTF-8 (byte {detail}); hãy lưu lại với kiểu “CSV UTF-8”",
        "not UTF-8 (byte {detail}); save it again as “CSV UTF-8”",
    ),
    _K.UNKNOWN_FILE: (
        f"tên tệp CSV phải kết thúc bằng tên một bảng ({_TABLES})",
        f"a CSV file's name must end in the name of a table ({_TABLES})",
    ),
    _K.UNKNOWN_SHEET: (
        f"trang tính không có trong định dạng (các trang: {_TABLES})",
        f"sheet not in the format (the sheets: {_TABLES})",
    ),
    _K.MISSING_SHEET: ("thiếu trang tính {detail}", "sheet {detail} is missing"),
    _K.SHEET_TWICE: ("bảng này đã có ở tệp {detail}", "this table already came from {detail}"),
    _K.MISSING_COLUMN: ("thiếu cột {detail}", "column {detail} is missing"),
    _K.UNKNOWN_COLUMN: (
        "cột “{detail}” không có trong định dạng",
        "column “{detail}” is not in the format",
    ),
    _K.DUPLICATE_COLUMN: ("cột “{detail}” có hai lần", "column “{detail}” appears twice"),
    _K.UNNAMED_COLUMN: (
        "có dữ liệu dưới một cột không có tiêu đề",
        "a value under a column without a header",
    ),
    _K.EMPTY_CELL: ("ô bắt buộc đang trống", "a required cell is empty"),
    _K.NUMBER_FOR_CODE: (
        "mã đang ở dạng số ({detail}); định dạng cột là Văn bản (Text) rồi nhập lại mã",
        "the code is a number ({detail}); format the column as Text and type the code again",
    ),
    _K.NOT_YES_NO: ("“{detail}” không phải có/không", "“{detail}” is not yes/no (có/không)"),
    _K.NOT_A_DATE: (
        "“{detail}” không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)",
        "“{detail}” is not a date (YYYY-MM-DD or DD/MM/YYYY)",
    ),
    _K.UNKNOWN_VALUE: ("giá trị “{detail}” không hợp lệ", "value “{detail}” is not allowed"),
    _K.UNKNOWN_PROCEDURE: (
        "mã thủ tục {detail} không có trong trang procedures",
        "procedure code {detail} is not in sheet procedures",
    ),
    _K.DUPLICATE_PROCEDURE: (
        "mã thủ tục trùng với dòng {detail}",
        "the procedure code repeats row {detail}",
    ),
    _K.DUPLICATE_COMPONENT: (
        "mã thành phần trùng với dòng {detail} của cùng thủ tục",
        "the component code repeats row {detail} of the same procedure",
    ),
    _K.DUPLICATE_CASE: (
        "mã trường hợp trùng với dòng {detail} của cùng thủ tục",
        "the case code repeats row {detail} of the same procedure",
    ),
    _K.DUPLICATE_ALTERNATIVE: (
        "nhóm thay thế trùng với dòng {detail} của cùng thủ tục",
        "the alternative group repeats row {detail} of the same procedure",
    ),
    _K.UNDECLARED_CASE: (
        "trường hợp “{detail}” chưa được khai báo trong trang cases cho thủ tục này",
        "case “{detail}” is not declared in sheet cases for this procedure",
    ),
    _K.LONELY_ALTERNATIVE: (
        "nhóm thay thế {detail} chỉ có một thành phần (cần ít nhất hai)",
        "alternative group {detail} has one component (at least two are needed)",
    ),
    _K.UNUSED_ALTERNATIVE: (
        "không thành phần nào thuộc nhóm thay thế {detail}",
        "no component belongs to alternative group {detail}",
    ),
    _K.NO_COMPONENTS: (
        "thủ tục {detail} không có dòng nào trong trang components",
        "procedure {detail} has no row in sheet components",
    ),
}


def problem_line(problem: SheetProblem) -> str:
    """One line: where and what, in Vietnamese, then in English."""
    vi_place, en_place = _place_text(problem.place)
    if problem.check is not None:
        vi, en = problem_words(problem.check)
        detail = f" ({problem.detail})" if problem.detail else ""
        vi, en = vi + detail, en + detail
    else:
        vi_template, en_template = SHEET_TEXT[problem.kind]
        vi, en = (
            vi_template.format(detail=problem.detail),
            en_template.format(detail=problem.detail),
        )
    return f"{vi_place}: {vi} / {en_place}: {en}"


def _place_text(place: Place) -> tuple[str, str]:
    vi, en = [place.file], [place.file]
    if place.sheet:
        vi.append(f"trang tính {place.sheet}")
        en.append(f"sheet {place.sheet}")
    if place.row:
        vi.append(f"dòng {place.row}")
        en.append(f"row {place.row}")
    column = f"{place.letter} ({place.column})" if place.letter else place.column
    if place.letter and not place.column:
        column = place.letter
    if column:
        vi.append(f"cột {column}")
        en.append(f"column {column}")
    return ", ".join(vi), ", ".join(en)

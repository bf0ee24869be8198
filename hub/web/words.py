"""The dashboard's words, Vietnamese first and English beside; the reader picks with a cookie."""

from __future__ import annotations

from enum import StrEnum

from fastapi import Request

from station.stats.export import Column, TableKind, Wording

LANG_COOKIE = "sohoa_lang"


class Lang(StrEnum):
    VI = "vi"
    EN = "en"


def lang_of(request: Request) -> Lang:
    asked = request.cookies.get(LANG_COOKIE, "")
    return Lang.EN if asked == Lang.EN else Lang.VI


_WORDS: dict[str, tuple[str, str]] = {
    "app": ("Số hóa hồ sơ — Máy chủ tỉnh", "Dossier digitization — Province hub"),
    "login_title": ("Đăng nhập", "Log in"),
    "username": ("Tên đăng nhập", "Username"),
    "password": ("Mật khẩu", "Password"),
    "log_in": ("Đăng nhập", "Log in"),
    "log_out": ("Đăng xuất", "Log out"),
    "wrong": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."),
    "insecure": (
        "Chỉ đăng nhập qua HTTPS (hoặc trên chính máy chủ).",
        "Log in over HTTPS only (or on the hub machine itself).",
    ),
    "slow_down": ("Quá nhiều lần thử, hãy đợi một phút.", "Too many attempts: wait a minute."),
    "expired": ("Phiên đã hết hạn, hãy đăng nhập lại.", "Your session ended: log in again."),
    "refused": ("Yêu cầu bị từ chối (CSRF).", "Request refused (CSRF)."),
    "overview": ("Tổng quan", "Overview"),
    "since": ("Từ ngày", "From"),
    "until": ("Đến ngày", "To"),
    "show": ("Xem", "Show"),
    "rate_42": ("Tỷ lệ số hóa (4.2)", "Digitization rate (4.2)"),
    "rate_41": ("Kết quả điện tử (4.1)", "Electronic results (4.1)"),
    "target": ("mục tiêu 80 %", "target 80 %"),
    "pages": ("Trang đã lưu", "Pages stored"),
    "finished": ("Hồ sơ hoàn tất", "Dossiers finished"),
    "waiting": ("Chờ gửi", "Waiting to upload"),
    "oldest": ("Hồ sơ chưa gửi cũ nhất", "Oldest unsent dossier"),
    "results_awaiting": ("Kết quả chờ số hóa", "Results awaiting scan"),
    "oldest_awaiting": ("Chờ lâu nhất", "Longest wait"),
    "days_waited": ("ngày", "days"),
    "received_on": ("tiếp nhận", "received"),
    "none": ("Không có", "None"),
    "na": ("—", "—"),
    "units": ("Đơn vị", "Units"),
    "unit": ("Đơn vị", "Unit"),
    "no_unit": ("(chưa có đơn vị)", "(no unit)"),
    "stations": ("Trạm", "Stations"),
    "station": ("Trạm", "Station"),
    "station_name": ("Tên trạm", "Station name"),
    "clerks": ("Cán bộ", "Clerks"),
    "clerk": ("Cán bộ", "Clerk"),
    "days": ("Ngày", "Days"),
    "day": ("Ngày", "Day"),
    "stations_online": ("Trạm trực tuyến", "Stations online"),
    "state": ("Trạng thái", "State"),
    "online": ("Trực tuyến", "Online"),
    "offline": ("Mất kết nối", "Offline"),
    "last_seen": ("Lần cuối", "Last seen"),
    "never": ("Chưa thấy", "Never seen"),
    "chart": ("Trang mỗi ngày", "Pages per day"),
    "rate_chart": ("Tỷ lệ số hóa mỗi ngày (%)", "Digitization rate per day (%)"),
    "total": ("Tổng", "Total"),
    "no_data": ("Chưa có số liệu trong kỳ.", "No figures in this period."),
    "lookup": ("Tra cứu hồ sơ", "Dossier lookup"),
    "code": ("Mã hồ sơ", "Dossier code"),
    "day_format": ("dd/mm/yyyy", "yyyy-mm-dd"),
    "several_holders": (
        "Nhiều trạm có hồ sơ mang mã này. Chọn trạm để xem:",
        "Several stations hold a dossier with this code. Pick the station:",
    ),
    "holders": ("Trạm có hồ sơ", "Stations holding it"),
    "open_at_station": ("Xem hồ sơ của trạm này", "Open this station's dossier"),
    "look_up": ("Tra cứu", "Look up"),
    "logged_note": (
        "Mỗi lần tra cứu hay mở tệp được ghi vào nhật ký truy cập.",
        "Every lookup and every file opened is written to the access log.",
    ),
    "open_file": ("Mở tệp", "Open file"),
    "read_dossier": ("Xem hồ sơ", "Read a dossier"),
    "read_clerk_figures": ("Xem số liệu theo cán bộ", "Read figures per clerk"),
    "read_handover": ("Tra cứu để trả kết quả", "Look-up to hand over a result"),
    "role_station": ("Trạm", "Station"),
    "role_unit_supervisor": ("Giám sát đơn vị", "Unit supervisor"),
    "role_province_supervisor": ("Giám sát tỉnh", "Province supervisor"),
    "role_admin": ("Quản trị", "Administrator"),
    "not_found": ("Không tìm thấy hồ sơ.", "No such dossier."),
    "procedure": ("Thủ tục", "Procedure"),
    "applicant": ("Số giấy tờ người nộp", "Applicant ID"),
    "received_at": ("Tiếp nhận", "Received"),
    "finished_at": ("Hoàn tất", "Finished"),
    "committed_at": ("Nhận tại tỉnh", "Received by the hub"),
    "override": ("Lý do thiếu", "Override reason"),
    "components": ("Thành phần", "Components"),
    "component": ("Thành phần", "Component"),
    "component_name": ("Tên thành phần", "Component name"),
    "file": ("Tệp", "File"),
    "size": ("Dung lượng", "Size"),
    "signature": ("Chữ ký", "Signature"),
    "signed": ("Đã ký, hợp lệ khi nhận", "Signed, valid on receipt"),
    "unsigned": ("Chưa ký", "Unsigned"),
    "missing": ("Thiếu tệp", "File missing"),
    "pairs": ("Cặp trang chú thích", "Annotated pairs"),
    "digitized": ("Số hóa", "Digitized"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    "access_log": ("Nhật ký truy cập", "Access log"),
    "at": ("Thời điểm", "When"),
    "actor": ("Người đọc", "Reader"),
    "role": ("Vai trò", "Role"),
    "action": ("Hành động", "Action"),
    "target_code": ("Đối tượng", "Target"),
    "address": ("Địa chỉ", "Address"),
    "csv": ("Xuất CSV", "Export CSV"),
    "xlsx": ("Xuất XLSX", "Export XLSX"),
    "language": ("English", "Tiếng Việt"),
    "bad_query": ("Tham số không hợp lệ", "Invalid parameter"),
    "not_yours": ("Không có hoặc không thuộc phạm vi của bạn.", "Not found, or not yours to see."),
    "code_refused": (
        "Không phải mã hồ sơ: quá 200 ký tự, có ký tự ẩn hoặc điều khiển,"
        " hoặc bắt đầu bằng = + - @.",
        "Not a dossier code: over 200 characters, with invisible or control characters,"
        " or starting with = + - @.",
    ),
    "lookups_paced": (
        "Bạn tra cứu quá nhiều hồ sơ trong một phút. Vui lòng thử lại sau ít phút.",
        "Too many dossier look-ups in a minute. Please try again in a minute.",
    ),
    "period": ("Kỳ", "Period"),
}

_HEADINGS: dict[Column, tuple[str, str]] = {
    Column.PAGES: ("Trang", "Pages"),
    Column.PAGES_PER_HOUR: ("Trang/giờ", "Pages/hour"),
    Column.DOSSIERS_FINISHED: ("Hồ sơ hoàn tất", "Dossiers finished"),
    Column.PAGES_PER_DOSSIER: ("Trang/hồ sơ", "Pages/dossier"),
    Column.UPLOAD_MEDIAN_MINUTES: ("Gửi, trung vị (phút)", "Upload median (min)"),
    Column.UPLOAD_P90_MINUTES: ("Gửi, P90 (phút)", "Upload p90 (min)"),
    Column.UPLOAD_FAILURES: ("Gửi lỗi", "Upload failures"),
    Column.RESCANS_PER_100: ("Quét lại/100", "Rescans/100"),
    Column.DELETES_PER_100: ("Xóa/100", "Deletes/100"),
    Column.RECEIVED: ("Tiếp nhận", "Received"),
    Column.DIGITIZED: ("Đã số hóa", "Digitized"),
    Column.DIGITIZATION_RATE: ("Tỷ lệ số hóa 4.2 (%)", "Digitization 4.2 (%)"),
    Column.ELECTRONIC_RESULT_RATE: ("Kết quả điện tử 4.1 (%)", "Electronic results 4.1 (%)"),
    Column.PAPER_SIZE: ("Khổ giấy", "Paper size"),
    Column.SHARE: ("Tỷ lệ (%)", "Share (%)"),
    Column.WAITING: ("Chờ gửi", "Waiting"),
    Column.OLDEST_DOSSIER: ("Hồ sơ cũ nhất", "Oldest dossier"),
    Column.OLDEST_FINISHED_AT: ("Hoàn tất lúc", "Finished at"),
    Column.NOT_QUEUED: ("Chưa xếp hàng", "Not queued"),
    Column.JOBS_QUEUED: ("Việc chờ", "Jobs queued"),
    Column.JOBS_UPLOADING: ("Đang gửi", "Uploading"),
    Column.JOBS_FAILED: ("Việc lỗi", "Jobs failed"),
    Column.RESULTS_AWAITING: ("Kết quả chờ số hóa", "Results awaiting"),
}


def word(key: str, lang: Lang) -> str:
    vi, en = _WORDS[key]
    return en if lang is Lang.EN else vi


def heading(column: Column, lang: Lang, name_heading: str) -> str:
    if column is Column.NAME:
        return name_heading
    vi, en = _HEADINGS[column]
    return en if lang is Lang.EN else vi


def export_wording(lang: Lang, kind: TableKind, name_heading: str, title: str) -> Wording:
    """The words of one exported table, as station/stats/export.py writes them."""
    headings = {column: heading(column, lang, name_heading) for column in Column}
    return Wording(
        headings=headings,
        titles={kind: title},
        total=word("total", lang),
        period=word("period", lang),
        name_headings={kind: name_heading},
    )

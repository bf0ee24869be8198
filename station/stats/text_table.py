"""A report's JSON (station/stats/serialize.py) as a plain-text table for a terminal.

The station's `sohoa stats` and the hub's `sohoa-hub stats` print the same table. Its words are
fixed bilingual labels, not translated text: the terminal of either CLI has no translator.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

NOT_AVAILABLE = "N/A"


# The table: one row per figure, one column for the total and one per group.
_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Trang đã lưu / Pages stored", ("pages", "stored")),
    ("Trang mỗi giờ / Pages per hour", ("pages", "per_hour")),
    ("Xóa mỗi 100 trang / Deletes per 100 pages", ("pages", "deletes_per_100")),
    ("Quét lại mỗi 100 trang / Rescans per 100 pages", ("pages", "rescans_per_100")),
    ("Khổ giấy / Paper sizes", ("pages", "paper_sizes")),
    ("Hồ sơ đã mở / Dossiers opened", ("dossiers", "opened")),
    ("Hồ sơ hoàn tất / Dossiers finished", ("dossiers", "finished")),
    ("  thiếu thành phần / with override", ("dossiers", "finished_with_override")),
    ("Hồ sơ mỗi ngày / Dossiers per day", ("dossiers", "finished_per_day")),
    ("Trang mỗi hồ sơ / Pages per dossier", ("dossiers", "pages_per_dossier")),
    ("Đã gửi xác nhận / Uploads confirmed", ("uploads", "confirmed")),
    ("Gửi lỗi / Upload failures", ("uploads", "failures")),
    ("Trang đầu→gửi, trung vị / First page→upload, median", ("uploads", "first_page_to_upload",
                                                             "median_seconds")),
    ("Trang đầu→gửi, P90 / First page→upload, p90", ("uploads", "first_page_to_upload",
                                                       "p90_seconds")),
    ("Hồ sơ tiếp nhận / Dossiers received", ("digitization", "received")),
    ("Hồ sơ đã số hóa / Dossiers digitized", ("digitization", "digitized")),
    ("Tỷ lệ số hóa (%) / Digitization rate (%)", ("digitization", "rate")),
    ("Hồ sơ trả kết quả giấy / Paper-result dossiers", ("electronic_results", "paper_result")),
    ("  có kết quả điện tử / with a result file", ("electronic_results", "with_result")),
    ("Tỷ lệ kết quả điện tử (%) / Electronic results (%)", ("electronic_results", "rate")),
)  # fmt: skip


def render_table(payload: dict[str, Any], title: str) -> str:
    """`payload` as report_to_json gives it; `title` names the station or the hub."""
    period = payload["period"]
    columns = [("Tổng / Total", payload["total"])]
    columns += [(group["key"] or "?", group) for group in payload["groups"]]
    head = (
        f"Thống kê / Statistics — {title}: "
        f"{period['since']} … {period['until']} ({period['timezone']})"
    )
    cells = [[label, *(_cell(figures, path) for _, figures in columns)] for label, path in _ROWS]
    header = ["", *(name for name, _ in columns)]
    widths = [max(len(row[i]) for row in [header, *cells]) for i in range(len(header))]
    lines = [head, ""]
    for row in [header, *cells]:
        first = row[0].ljust(widths[0])
        rest = (value.rjust(width) for value, width in zip(row[1:], widths[1:], strict=True))
        lines.append("  ".join([first, *rest]).rstrip())
    if payload["queue"] is not None:
        shown_in = datetime.fromisoformat(period["start"]).tzinfo
        lines += ["", _queue_line(payload["queue"], shown_in)]
    if payload.get("results_awaiting") is not None:
        lines.append(
            f"Kết quả chờ số hóa / Results awaiting scan: {payload['results_awaiting']}"
            " hồ sơ / dossiers"
        )
    return "\n".join(lines)


def _cell(figures: dict[str, Any], path: tuple[str, ...]) -> str:
    value: Any = figures
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None  # older reports lack some
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, dict):
        return ", ".join(f"{size or '?'} {count}" for size, count in value.items()) or "-"
    if path[-1].endswith("_seconds"):
        return _duration(value)
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _duration(seconds: float) -> str:
    minutes, second = divmod(round(seconds), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}"


def _queue_line(queue: dict[str, Any], tz: tzinfo | None) -> str:
    line = (
        f"Chờ gửi / Waiting to upload: {queue['dossiers_waiting']} hồ sơ / dossiers"
        f" (lỗi / failed jobs {queue['jobs_failed']},"
        f" chưa xếp hàng / not queued {queue['dossiers_not_queued']})"
    )
    oldest = queue["oldest_finished_at"]
    if oldest is not None:
        when = datetime.fromisoformat(oldest).astimezone(tz).strftime("%Y-%m-%d %H:%M")
        line += f"; cũ nhất / oldest: {queue['oldest_dossier_code']} ({when})"
    return line

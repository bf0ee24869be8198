"""What the clerk reads when parts make no sheet, in Vietnamese and English (the CLI prints both,
the parts dialog too). No Qt here: the CLI imports it."""

from __future__ import annotations

from typing import Any

from station.stitch import StitchCode, StitchError

# code -> (Vietnamese, English); {part} is 1-based, as the clerk numbers the files.
STITCH_ERRORS: dict[StitchCode, tuple[str, str]] = {
    StitchCode.TOO_FEW_PARTS: (
        "Cần ít nhất hai phần quét chồng lên nhau để ghép (có {count}).",
        "Stitching needs at least two overlapping parts (got {count}).",
    ),
    StitchCode.PART_ISOLATED: (
        "Phần {part} ({file}) không chồng lên phần nào khác. Hãy quét lại phần đó sao cho trùng "
        "với phần bên cạnh ít nhất 2-3 cm.",
        "Part {part} ({file}) overlaps no other part. Scan it again so it overlaps its neighbour "
        "by at least 2-3 cm.",
    ),
    StitchCode.DPI_MISMATCH: (
        "Phần {part} ({file}) quét ở {dpi} dpi, phần đầu ở {first} dpi. Hãy quét mọi phần cùng "
        "độ phân giải.",
        "Part {part} ({file}) was scanned at {dpi} dpi, the first at {first} dpi. Scan every part "
        "at the same resolution.",
    ),
    StitchCode.SHEET_INCOMPLETE: (
        "Các phần đã quét chỉ phủ {covered}% tờ {paper}: thiếu phần {missing} (đánh số theo "
        "hàng từ góc trên bên trái). Chưa ghép; hãy quét thêm các phần đó rồi ghép lại, hoặc "
        "chọn khổ giấy nhỏ hơn nếu tờ giấy chỉ khoảng {extent}.",
        "The parts cover only {covered}% of the {paper} sheet: parts {missing} missing "
        "(numbered row by row from the top left). Nothing was assembled; scan those parts and "
        "assemble again, or choose a smaller paper if the sheet is only about {extent}.",
    ),
}


def stitch_error_text(error: StitchError, files: list[str]) -> tuple[str, str]:
    """(Vietnamese, English), naming the part at fault by its 1-based number and file."""
    params: dict[str, Any] = dict(error.params)
    if error.part is not None:
        params.update(part=error.part + 1, file=files[error.part])
    vi, en = (text.format(**params) for text in STITCH_ERRORS[error.code])
    return vi, en

"""Why a set of parts cannot become one page. Codes only; `ui/` words them."""

from __future__ import annotations

from enum import StrEnum


class StitchCode(StrEnum):
    TOO_FEW_PARTS = "stitch_too_few_parts"
    PART_ISOLATED = "stitch_part_isolated"  # overlaps no other part
    DPI_MISMATCH = "stitch_dpi_mismatch"
    SHEET_INCOMPLETE = "stitch_sheet_incomplete"  # bare paper where parts are missing


class StitchError(Exception):
    """`part` is the 0-based index of the part at fault, when one is."""

    def __init__(self, code: StitchCode, part: int | None = None, **params: object) -> None:
        self.code = code
        self.part = part
        self.params = params
        super().__init__(f"{code.value} (part {part}) {params}" if part is not None else code.value)

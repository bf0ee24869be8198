"""The spreadsheet layout of a catalog (resources/catalog/README.md, "Spreadsheets"): five
tables, as the sheets of one XLSX workbook or as CSV files, each with a header row of the
column names below. The reader, the writer and the documentation test all read this list."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Value(Enum):
    TEXT = "text"
    CODE = "code"  # an identifier: a number in the cell is refused (Excel drops its zeros)
    YES_NO = "yes_no"
    DATE = "date"
    LIST = "list"  # values separated by ";" or line breaks
    COMPONENT_KIND = "component_kind"
    LEVELS = "levels"  # a list of administrative levels
    SOURCE_KIND = "source_kind"


@dataclass(frozen=True)
class Column:
    name: str
    value: Value = Value.TEXT
    required: bool = False  # the header must have it and every row must fill it
    default: bool = False  # for a yes/no cell left empty


@dataclass(frozen=True)
class Table:
    name: str  # the sheet's name, or the end of the CSV file's name (`….components.csv`)
    columns: tuple[Column, ...]
    required: bool = False  # the workbook must have it

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


PROCEDURE = Column("procedure", Value.CODE, required=True)  # the owning procedure's code

PROCEDURES = Table(
    "procedures",
    (
        Column("code", Value.CODE, required=True),
        Column("name", required=True),
        Column("name_en"),
        Column("field"),
        Column("levels", Value.LEVELS),
        Column("agency"),
        Column("result_on_paper", Value.YES_NO, default=True),
        Column("verified", Value.YES_NO),
        Column("verified_on", Value.DATE),
        Column("verified_by"),
        Column("reason"),
        Column("valid_from", Value.DATE),
        Column("valid_until", Value.DATE),
        Column("notes"),
    ),
    required=True,
)
COMPONENTS = Table(
    "components",
    (
        PROCEDURE,
        Column("code", Value.CODE, required=True),
        Column("name", required=True),
        Column("name_en"),
        Column("kind", Value.COMPONENT_KIND),
        Column("required", Value.YES_NO),
        Column("required_in", Value.LIST),
        Column("alternative", Value.LIST),
        Column("not_requested", Value.YES_NO),
        Column("basis"),
        Column("note"),
        Column("title_phrases", Value.LIST),
    ),
    required=True,
)
CASES = Table(
    "cases",
    (
        PROCEDURE,
        Column("code", Value.CODE, required=True),
        Column("name", required=True),
        Column("name_en"),
        Column("group", Value.CODE),
        Column("basis"),
        Column("note"),
    ),
)
ALTERNATIVES = Table(
    "alternatives",
    (
        PROCEDURE,
        Column("alternative", Value.CODE, required=True),
        Column("cases", Value.LIST),
        Column("or_cases", Value.LIST),
        Column("basis"),
        Column("note"),
    ),
)
DOCUMENTS = Table(
    "documents",
    (
        PROCEDURE,
        Column("title", required=True),
        Column("kind", Value.SOURCE_KIND),
        Column("ref"),
        Column("issued", Value.DATE),
        Column("effective", Value.DATE),
        Column("read_on", Value.DATE),
        Column("note"),
    ),
)
TABLES = (PROCEDURES, COMPONENTS, CASES, ALTERNATIVES, DOCUMENTS)

LIST_SEPARATOR = "; "
YES, NO = "có", "không"
# What a yes/no cell may say, lower-cased; the writer uses the first of each.
YES_WORDS = (YES, "yes", "x", "true", "1")
NO_WORDS = (NO, "no", "false", "0")
# What a cell may say (lower-cased) for a component's kind, a level: the JSON's words or ours
COMPONENT_KINDS = {
    "submitted": "submitted", "dossier": "submitted", "nộp": "submitted", "hồ sơ": "submitted",
    "result": "result", "kết quả": "result",
}  # fmt: skip
LEVELS = {
    "commune": "commune", "xã": "commune", "province": "province", "tỉnh": "province",
    "district": "district", "huyện": "district",
}  # fmt: skip


def table_named(name: str) -> Table | None:
    return next((t for t in TABLES if t.name == name), None)

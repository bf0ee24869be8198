"""Server-side sorting of the dashboard's tables by one of their columns (`?sort=pages&dir=desc`):
the figures table by its `Column`, the plain tables (stations, access log, a dossier's
components) by a column name of their own."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from hub.web.words import Lang
from station.stats.export import Cell, Column, Table

Item = TypeVar("Item")


@dataclass(frozen=True)
class SortOrder:
    column: Column | None = None  # None: the table's own order (by key)
    descending: bool = False


@dataclass(frozen=True)
class RowOrder:
    """A plain table's order: one of its column names, or None for its own order."""

    column: str | None = None
    descending: bool = False

    def params(self, prefix: str = "") -> dict[str, str | None]:
        """The query parameters that ask for this order (none for the table's own)."""
        if self.column is None:
            return {}
        return {f"{prefix}sort": self.column, f"{prefix}dir": "desc" if self.descending else "asc"}


def sort_order(column: str | None, direction: str | None) -> SortOrder:
    try:
        chosen = Column(column) if column else None
    except ValueError:
        chosen = None
    return SortOrder(chosen, direction == "desc")


def row_order(column: str | None, direction: str | None, columns: Collection[str]) -> RowOrder:
    """The asked order, when `column` is one of the table's; else the table's own."""
    return RowOrder(column if column in columns else None, direction == "desc")


def next_order(current: RowOrder, column: str, first_descending: bool) -> RowOrder:
    """What a heading's link asks for: `column` its first way; again, the other way round."""
    if current.column == column:
        return RowOrder(column, not current.descending)
    return RowOrder(column, first_descending)


def ordered(
    items: Sequence[Item], value: Callable[[Item], Cell], descending: bool
) -> tuple[Item, ...]:
    """`items` by `value` (N/A last either way; equal values keep their order)."""
    present = [item for item in items if value(item) is not None]
    missing = [item for item in items if value(item) is None]
    present.sort(key=lambda item: _sort_key(value(item)), reverse=descending)
    return (*present, *missing)


@dataclass(frozen=True)
class Sortable(Generic[Item]):
    """How a plain table sorts: per column name, the value of an item as the reader compares
    it (in the reader's language where the cell is a word), and the columns whose first click
    puts the largest first."""

    values: Mapping[str, Callable[[Item, Lang], Cell]]
    first_descending: frozenset[str] = frozenset()
    default: RowOrder = RowOrder()  # the table's own order, as a heading shows it

    def order(self, column: str | None, direction: str | None) -> RowOrder:
        asked = row_order(column, direction, self.values)
        return self.default if asked.column is None else asked

    def following(self, current: RowOrder, column: str) -> RowOrder:
        return next_order(current, column, column in self.first_descending)

    def rows(self, items: Sequence[Item], order: RowOrder, lang: Lang) -> tuple[Item, ...]:
        if order.column is None or order == self.default:
            return tuple(items)  # already in the table's own order
        value = self.values[order.column]
        return ordered(items, lambda item: value(item, lang), order.descending)


def sorted_table(
    table: Table, keys: tuple[str, ...], order: SortOrder
) -> tuple[Table, tuple[str, ...]]:
    """The table's rows in the chosen order (N/A last either way), with their keys alongside."""
    if order.column is None or order.column not in table.columns:
        return table, keys
    index = table.columns.index(order.column)
    pairs = ordered(
        tuple(zip(table.rows, keys, strict=True)), lambda pair: pair[0][index], order.descending
    )
    return replace(table, rows=tuple(p[0] for p in pairs)), tuple(p[1] for p in pairs)


def _sort_key(cell: Cell) -> tuple[int, float, str]:
    if isinstance(cell, int | float):
        return (0, float(cell), "")
    return (1, 0.0, str(cell))

"""Server-side sorting of a figures table by one of its columns (`?sort=pages&dir=desc`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from station.stats.export import Cell, Column, Table


@dataclass(frozen=True)
class SortOrder:
    column: Column | None = None  # None: the table's own order (by key)
    descending: bool = False


def sort_order(column: str | None, direction: str | None) -> SortOrder:
    try:
        chosen = Column(column) if column else None
    except ValueError:
        chosen = None
    return SortOrder(chosen, direction == "desc")


def sorted_table(
    table: Table, keys: tuple[str, ...], order: SortOrder
) -> tuple[Table, tuple[str, ...]]:
    """The table's rows in the chosen order (N/A last either way), with their keys alongside."""
    if order.column is None or order.column not in table.columns:
        return table, keys
    index = table.columns.index(order.column)
    pairs = list(zip(table.rows, keys, strict=True))
    present = [p for p in pairs if p[0][index] is not None]
    missing = [p for p in pairs if p[0][index] is None]
    present.sort(key=lambda pair: _sort_key(pair[0][index]), reverse=order.descending)
    ordered = present + missing
    return replace(table, rows=tuple(p[0] for p in ordered)), tuple(p[1] for p in ordered)


def _sort_key(cell: Cell) -> tuple[int, float, str]:
    if isinstance(cell, int | float):
        return (0, float(cell), "")
    return (1, 0.0, str(cell))

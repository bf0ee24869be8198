"""The dashboard's own URLs, built in one place so pages and tests agree on them."""

from __future__ import annotations

from urllib.parse import urlencode

from hub.web.drill import Drill
from hub.web.sorting import SortOrder
from station.stats.export import Column
from station.stats.periods import Period


def _with_query(path: str, params: dict[str, str | None]) -> str:
    kept = {key: value for key, value in params.items() if value is not None}
    return f"{path}?{urlencode(kept)}" if kept else path


def drill_params(drill: Drill) -> dict[str, str | None]:
    return {
        "unit": drill.unit,
        "station": drill.station or None,
        "clerk": drill.clerk or None,
    }


def period_params(period: Period) -> dict[str, str | None]:
    return {"since": period.first_day.isoformat(), "until": period.last_day.isoformat()}


def figures_url(drill: Drill, period: Period, order: SortOrder | None = None) -> str:
    params = {**drill_params(drill), **period_params(period)}
    if order is not None and order.column is not None:
        params["sort"] = order.column.value
        params["dir"] = "desc" if order.descending else "asc"
    return _with_query("/", params)


def sort_url(drill: Drill, period: Period, current: SortOrder, column: Column) -> str:
    """Sorts by `column`; again on the same column, the other way round."""
    descending = column is not Column.NAME
    if current.column is column:
        descending = not current.descending
    return figures_url(drill, period, SortOrder(column, descending))


def export_url(drill: Drill, period: Period, order: SortOrder, fmt: str) -> str:
    params = {**drill_params(drill), **period_params(period)}
    if order.column is not None:
        params["sort"] = order.column.value
        params["dir"] = "desc" if order.descending else "asc"
    return _with_query(f"/export.{fmt}", params)


def stations_export_url(drill: Drill, period: Period, fmt: str) -> str:
    return _with_query(f"/stations.{fmt}", {**drill_params(drill), **period_params(period)})

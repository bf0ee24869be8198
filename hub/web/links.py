"""The dashboard's own URLs, built in one place so pages and tests agree on them."""

from __future__ import annotations

from urllib.parse import urlencode

from hub.web.drill import Drill
from hub.web.plain_tables import STATION_SORTS
from hub.web.sorting import RowOrder, SortOrder
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


OWN_ORDER = RowOrder()
STATIONS_PREFIX = "stations_"  # the stations table's sort parameters: stations_sort, _dir
STATIONS_TABLE = "#stations"


def figures_url(
    drill: Drill,
    period: Period,
    order: SortOrder | None = None,
    stations: RowOrder = OWN_ORDER,
) -> str:
    params = {**drill_params(drill), **period_params(period)}
    if order is not None and order.column is not None:
        params["sort"] = order.column.value
        params["dir"] = "desc" if order.descending else "asc"
    params.update(stations.params(STATIONS_PREFIX))
    return _with_query("/", params)


def sort_url(
    drill: Drill, period: Period, current: SortOrder, column: Column, stations: RowOrder
) -> str:
    """Sorts the figures by `column`; again on the same column, the other way round. The
    stations table keeps its order."""
    descending = column is not Column.NAME
    if current.column is column:
        descending = not current.descending
    return figures_url(drill, period, SortOrder(column, descending), stations)


def stations_sort_url(
    drill: Drill, period: Period, figures: SortOrder, current: RowOrder, column: str
) -> str:
    """Sorts the stations table by `column` (as sort_url does the figures), and shows it."""
    chosen = STATION_SORTS.following(current, column)
    return figures_url(drill, period, figures, chosen) + STATIONS_TABLE


def offline_first_url(drill: Drill, period: Period, figures: SortOrder) -> str:
    """The stations table with the offline ones first."""
    return figures_url(drill, period, figures, RowOrder("state")) + STATIONS_TABLE


def export_url(drill: Drill, period: Period, order: SortOrder, fmt: str) -> str:
    params = {**drill_params(drill), **period_params(period)}
    if order.column is not None:
        params["sort"] = order.column.value
        params["dir"] = "desc" if order.descending else "asc"
    return _with_query(f"/export.{fmt}", params)


def stations_export_url(drill: Drill, period: Period, order: RowOrder, fmt: str) -> str:
    """The stations table as a file, in the page's order."""
    params = {**drill_params(drill), **period_params(period), **order.params(STATIONS_PREFIX)}
    return _with_query(f"/stations.{fmt}", params)


def access_log_url(order: RowOrder, fmt: str = "") -> str:
    """The access log page (or, given a format, its export) in `order`."""
    return _with_query(f"/access-log.{fmt}" if fmt else "/access-log", {**order.params()})

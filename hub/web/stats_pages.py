"""The figure pages: the overview at `/`, and the same page one level down per query parameter
(`?unit=…`, `&station=…`, `&clerk=…`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from hub import access_log
from hub.auth import client_address
from hub.context import Hub, HubDep
from hub.principal import Role
from hub.web import chart, links, rate_chart, render, sessions, words
from hub.web.drill import Drill, DrillView, Level, NotVisible, build_view, child
from hub.web.login_routes import to_login
from hub.web.period_params import QueryError, period_of
from hub.web.plain_tables import STATION_SORTS
from hub.web.sessions import WebSession
from hub.web.sorting import RowOrder, SortOrder, sort_order, sorted_table
from hub.web.words import Lang, lang_of, word
from station.stats.export import TARGET_RATE, Column, Table
from station.stats.periods import Period

router = APIRouter()
NAME_KEYS = {
    Level.PROVINCE: "unit",
    Level.UNIT: "station",
    Level.STATION: "clerk",
    Level.CLERK: "day",
}


@dataclass(frozen=True)
class FigureQuery:
    since: str | None
    until: str | None
    drill: Drill
    order: SortOrder
    stations_order: RowOrder = RowOrder()


@dataclass(frozen=True)
class Shown:
    """One figures page: the level's table and its stations, each in the asked order, and the
    view they came from."""

    view: DrillView
    period: Period
    order: SortOrder
    table: Table
    keys: tuple[str, ...]
    stations_order: RowOrder
    stations: tuple[dict[str, Any], ...]

    @property
    def online(self) -> int:
        return sum(1 for s in self.stations if s["online"])


def shown(hub: Hub, session: WebSession, query: FigureQuery, lang: Lang = Lang.VI) -> Shown:
    """Raises QueryError and NotVisible."""
    period = period_of(query.since, query.until)
    view = build_view(hub, session.principal, query.drill, period)
    table, keys = sorted_table(view.table, view.row_keys, query.order)
    stations = STATION_SORTS.rows(view.stations, query.stations_order, lang)
    return Shown(view, period, query.order, table, keys, query.stations_order, stations)


def supervised(
    request: Request, hub: Hub, query: FigureQuery
) -> tuple[WebSession, Shown] | Response:
    """The figures the signed-in supervisor may see, or the answer that says why not: the login
    page, the administrator's own page (the access log), a refusal."""
    session = sessions.current(request, hub)
    if session is None:
        return to_login(request, expired=sessions.had_cookie(request))
    if session.principal.role is Role.ADMIN:
        return RedirectResponse("/access-log", status_code=303)
    try:
        return session, shown(hub, session, query, lang_of(request))
    except (QueryError, NotVisible) as problem:
        return refusal(request, problem)


def log_clerk_read(hub: Hub, request: Request, session: WebSession, found: Shown) -> None:
    """A station's clerks, or one clerk's days, name staff: such a page or export is written
    to the access log (a unit's or the province's rows name stations only, and are not)."""
    drill = found.view.drill
    if drill.level not in (Level.STATION, Level.CLERK) or not found.view.report.groups:
        return
    period, principal = found.period, session.principal
    clerk = drill.clerk or access_log.ALL_CLERKS
    where, target = access_log.figures_target(
        principal, frozenset({drill.station}), period.first_day, period.last_day, clerk
    )
    action = access_log.READ_CLERK_FIGURES
    access_log.record(hub.db, principal, action, where, target, client_address(request))


def refusal(request: Request, problem: Exception) -> Response:
    if isinstance(problem, QueryError):
        detail = f"{problem.param}: {problem.message}"
        return render.page(request, "message.html", 422, message="bad_query", detail=detail)
    return render.page(request, "message.html", 404, message="not_yours")


def figure_query(
    since: str | None,
    until: str | None,
    unit: str | None,
    station: str,
    clerk: str,
    sort: str | None,
    direction: str | None,
    stations_sort: str | None = None,
    stations_dir: str | None = None,
) -> FigureQuery:
    return FigureQuery(
        since,
        until,
        Drill(unit, station, clerk),
        sort_order(sort, direction),
        STATION_SORTS.order(stations_sort, stations_dir),
    )


@router.get("/")
def figures_page(
    request: Request,
    hub: HubDep,
    since: str | None = None,
    until: str | None = None,
    unit: str | None = None,
    station: str = "",
    clerk: str = "",
    sort: str | None = None,
    dir: str | None = None,  # (the query parameter's name)
    stations_sort: str | None = None,
    stations_dir: str | None = None,
) -> Response:
    lang = lang_of(request)
    asked = figure_query(since, until, unit, station, clerk, sort, dir, stations_sort, stations_dir)
    answer = supervised(request, hub, asked)
    if isinstance(answer, Response):
        return answer
    session, found = answer
    log_clerk_read(hub, request, session, found)
    name_key = NAME_KEYS[found.view.drill.level]
    return render.page(
        request,
        "figures.html",
        session=session,
        name_key=name_key,
        heading=lambda column: words.heading(column, lang, word(name_key, lang)),
        shown=found,
        view=found.view,
        level=found.view.drill.level.value,
        levels=Level,
        columns=Column,
        crumbs=crumbs(found, lang),
        target=TARGET_RATE,
        pages_chart=pages_charts(found, word("chart", lang)),
        rate_chart=rate_charts(found, word("rate_chart", lang), lang),
        row_url=lambda key: row_url(found, key),
        sort_url=lambda column: links.sort_url(
            found.view.drill, found.period, found.order, column, found.stations_order
        ),
        export_url=lambda fmt: links.export_url(found.view.drill, found.period, found.order, fmt),
        stations_sort_url=lambda column: links.stations_sort_url(
            found.view.drill, found.period, found.order, found.stations_order, column
        ),
        offline_first_url=links.offline_first_url(found.view.drill, found.period, found.order),
        stations_export_url=lambda fmt: links.stations_export_url(
            found.view.drill, found.period, found.stations_order, fmt
        ),
    )


def pages_charts(found: Shown, title: str) -> str:
    """A wide and a narrow drawing; the stylesheet shows the one that fits the screen."""
    points = found.view.points
    return chart.svg(points, title, chart.WIDE) + chart.svg(points, title, chart.NARROW)


def rate_charts(found: Shown, title: str, lang: Lang) -> str:
    points = found.view.points

    def percent(rate: float) -> str:
        return f"{render.number(rate, lang, 2)} %"

    return "".join(rate_chart.svg(points, title, w, percent) for w in (chart.WIDE, chart.NARROW))


def row_url(found: Shown, key: str) -> str | None:
    below = child(found.view.drill, key)
    return None if below is None else links.figures_url(below, found.period)


def crumbs(found: Shown, lang: Lang) -> list[tuple[str, str]]:
    """(label, url) from the province down to this level."""
    drill, period = found.view.drill, found.period
    trail = [(word("overview", lang), links.figures_url(Drill(), period))]
    if drill.unit is not None:
        label = drill.unit or word("no_unit", lang)
        trail.append((label, links.figures_url(Drill(unit=drill.unit), period)))
    if drill.station:
        trail.append((drill.station, links.figures_url(Drill(drill.unit, drill.station), period)))
    if drill.clerk:
        trail.append((drill.clerk, links.figures_url(drill, period)))
    return trail

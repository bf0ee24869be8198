"""The supervisor's province view: the hub's figures, read with a supervisor's login."""

from __future__ import annotations

from datetime import timedelta

import pytest

from station.errors import ErrorCode, StationError
from station.stats import Grouping, Period, zone
from station.stats.source import station_report
from sync.hub_reports import HubReports
from sync.settings import save_settings
from tests.sync.client.conftest import CLIENT_ID, Station

SECOND = "000.00.14.H05-251122-0002"
TZ = zone()


def _around_today() -> Period:
    today = Period.today(TZ).first_day
    return Period.between(today - timedelta(days=1), today + timedelta(days=1), TZ)


def test_the_hub_view_holds_the_figures_the_station_sent(connected: Station) -> None:
    connected.finish()
    connected.finish(SECOND, components=("TP1",))
    connected.worker().run(until_idle=True, timeout=30)
    period = _around_today()
    reports = HubReports.for_station(connected.store)
    try:
        by_station = reports.fetch(period, Grouping.STATION)
        by_clerk = reports.fetch(period, Grouping.CLERK)
    finally:
        reports.close()
    mine = station_report(connected.store, connected.catalog, period)
    assert by_station.report.total == mine.total
    assert list(by_station.report.groups) == [CLIENT_ID]
    assert by_station.names(Grouping.STATION) == {CLIENT_ID: CLIENT_ID}
    assert by_clerk.names(Grouping.CLERK) == {f"{CLIENT_ID}/lan": f"lan ({CLIENT_ID})"}
    (station,) = by_station.stations
    assert station.online and station.last_seen_at


def test_a_station_without_sync_cannot_read_the_hub(station: Station) -> None:
    with pytest.raises(StationError) as caught:
        HubReports.for_station(station.store)
    assert caught.value.code is ErrorCode.SYNC_NOT_CONFIGURED


def test_an_unreachable_hub_is_a_clear_offline_error(station: Station) -> None:
    station.connect("http://127.0.0.1:9", "secret")  # port 9 (discard): nothing listens
    reports = HubReports.for_station(station.store)
    with pytest.raises(StationError) as caught:
        reports.fetch(_around_today(), None)
    assert caught.value.code is ErrorCode.SYNC_OFFLINE


def test_a_folder_target_has_no_province_view(station: Station, tmp_path) -> None:
    save_settings(station.store, target="folder", folder=str(tmp_path / "share"))
    with pytest.raises(StationError) as caught:
        HubReports.for_station(station.store)
    assert caught.value.code is ErrorCode.SYNC_NOT_CONFIGURED


def test_the_province_view_needs_a_supervisor_and_shows_other_stations(
    connected: Station, hub
) -> None:
    from sync.transport import PersonLogin

    connected.finish()
    connected.worker().run(until_idle=True, timeout=30)
    hub.add_station("ST-ELSEWHERE")  # another commune's station, registered, silent
    period = _around_today()
    own = HubReports.for_station(connected.store)
    try:
        seen_by_station = {s.station_id for s in own.fetch(period, Grouping.STATION).stations}
    finally:
        own.close()
    assert seen_by_station == {CLIENT_ID}  # a station's credentials read its own figures only
    password = hub.add_account("tinh", "province_supervisor")
    province = HubReports.for_supervisor(connected.store, PersonLogin("tinh", password))
    try:
        seen = {s.station_id for s in province.fetch(period, Grouping.STATION).stations}
    finally:
        province.close()
    assert {CLIENT_ID, "ST-ELSEWHERE"} <= seen
    wrong = HubReports.for_supervisor(connected.store, PersonLogin("tinh", "sai-mat-khau"))
    with pytest.raises(StationError) as caught:
        wrong.fetch(period, Grouping.STATION)
    wrong.close()
    assert caught.value.code is ErrorCode.SYNC_AUTH_REJECTED

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from station.stats import (
    Period,
    PeriodError,
    PeriodProblem,
    chosen_period,
    parse_day,
    zone,
    zone_name,
)
from tests.station.stats.scenario import TZ, local


def test_the_default_zone_is_viet_nam_and_local_is_the_machines() -> None:
    assert zone_name(zone()) == "Asia/Ho_Chi_Minh"
    assert zone("local").utcoffset(datetime.now()) == datetime.now().astimezone().utcoffset()
    with pytest.raises(KeyError):
        zone("Nowhere/Atlantis")


def test_a_month_runs_from_local_midnight_to_local_midnight() -> None:
    november = Period.month(2026, 11, TZ)
    assert (november.first_day, november.last_day, november.days) == (
        date(2026, 11, 1),
        date(2026, 11, 30),
        30,
    )
    assert november.start == datetime(2026, 10, 31, 17, tzinfo=UTC)
    assert november.end == datetime(2026, 11, 30, 17, tzinfo=UTC)
    assert november.contains(local("2026-11-30 23:59:59.999999"))
    assert not november.contains(local("2026-12-01 00:00"))
    assert november.contains(local("2026-11-01 00:00"))
    assert not november.contains(local("2026-10-31 23:59:59.999999"))
    assert Period.month(2028, 2, TZ).last_day == date(2028, 2, 29)


def test_today_is_the_local_day_not_the_utc_one() -> None:
    # 18:00 UTC on 22 Nov is already 01:00 on 23 Nov in Viet Nam.
    today = Period.today(TZ, now=datetime(2026, 11, 22, 18, tzinfo=UTC))
    assert (today.first_day, today.last_day) == (date(2026, 11, 23), date(2026, 11, 23))
    utc_today = Period.today(UTC, now=datetime(2026, 11, 22, 18, tzinfo=UTC))
    assert utc_today.first_day == date(2026, 11, 22)


def test_a_week_is_monday_to_sunday_and_a_range_includes_both_ends() -> None:
    week = Period.week(date(2026, 11, 22), TZ)  # a Sunday
    assert (week.first_day, week.last_day) == (date(2026, 11, 16), date(2026, 11, 22))
    span = Period.between(date(2026, 11, 3), date(2026, 11, 4), TZ)
    assert span.days == 2 and span.contains(local("2026-11-04 23:00"))
    assert Period.day(date(2026, 11, 3), TZ).end - Period.day(date(2026, 11, 3), TZ).start == (
        timedelta(days=1)
    )
    with pytest.raises(ValueError):
        Period.between(date(2026, 11, 4), date(2026, 11, 3), TZ)


def test_another_zone_moves_the_boundaries() -> None:
    plus9 = timezone(timedelta(hours=9))
    day = Period.day(date(2026, 11, 3), plus9)
    assert day.start == datetime(2026, 11, 2, 15, tzinfo=UTC)


def test_days_are_read_in_either_form_and_nothing_else() -> None:
    assert parse_day("2026-11-30") == parse_day(" 30/11/2026 ") == date(2026, 11, 30)
    for bad in ("30.11.2026", "2026-02-30", "", "tomorrow"):
        with pytest.raises(ValueError):
            parse_day(bad)


def test_a_chosen_period_defaults_to_today_and_refuses_an_upside_down_one() -> None:
    now = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)  # 00:30 on 1 Dec in Viet Nam
    assert chosen_period(None, None, TZ, now) == Period.day(date(2026, 12, 1), TZ)
    since = date(2026, 11, 20)
    assert chosen_period(since, None, TZ, now) == Period.between(since, date(2026, 12, 1), TZ)
    with pytest.raises(PeriodError) as upside_down:
        chosen_period(date(2026, 11, 30), date(2026, 11, 1), TZ, now)
    assert upside_down.value.problem is PeriodProblem.UNTIL_BEFORE_SINCE
    with pytest.raises(PeriodError) as alone:
        chosen_period(None, date(2026, 11, 1), TZ, now)
    assert alone.value.problem is PeriodProblem.UNTIL_WITHOUT_SINCE

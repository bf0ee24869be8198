"""One JSON form of a report, for the CLI, the hub and the GUI, and back again unchanged."""

from __future__ import annotations

import json
from datetime import date, timedelta, timezone

import pytest

from station.stats import Grouping, Period, report_from_json, report_to_json, stats_report
from station.stats.serialize import received_digest, received_month, received_to_json
from station.upload_facts import QueueBacklog
from tests.station.stats.scenario import FACTS, RECEIVED, TZ, local

NOVEMBER = Period.month(2026, 11, TZ)
QUEUE = QueueBacklog(2, "D9", local("2026-11-02 09:00"), 1, 3, 0, 1, local("2026-11-03 10:01"))


@pytest.mark.parametrize("by", [None, *Grouping])
def test_a_report_survives_a_trip_through_json_text(by: Grouping | None) -> None:
    report = stats_report(FACTS, NOVEMBER, by, QUEUE)
    text = json.dumps(report_to_json(report))  # plain JSON values only
    assert report_from_json(json.loads(text)) == report


def test_the_json_names_the_period_in_local_time_and_times_with_their_offset() -> None:
    payload = report_to_json(stats_report(FACTS, NOVEMBER, Grouping.STATION, QUEUE))
    assert payload["period"] == {
        "since": "2026-11-01",
        "until": "2026-11-30",
        "timezone": "Asia/Ho_Chi_Minh",
        "start": "2026-11-01T00:00:00+07:00",
        "end": "2026-12-01T00:00:00+07:00",
    }
    assert payload["queue"]["oldest_finished_at"] == "2026-11-02T02:00:00+00:00"
    assert [group["key"] for group in payload["groups"]] == ["station-1", "station-2"]


def test_keys_a_newer_writer_added_are_ignored_and_an_unknown_zone_keeps_its_offset() -> None:
    payload = report_to_json(stats_report(FACTS, NOVEMBER))
    payload["total"]["pages"]["per_minute"] = 0.04
    payload["total"]["later"] = {}
    payload["period"]["timezone"] = "Mars/Olympus"
    rebuilt = report_from_json(payload)
    assert rebuilt.total == stats_report(FACTS, NOVEMBER).total
    assert rebuilt.period.tz == timezone(timedelta(hours=7))
    assert rebuilt.period.first_day == date(2026, 11, 1)


def test_received_rows_travel_in_their_utc_month_and_a_change_changes_the_digest() -> None:
    rows = [received_to_json(d, "1.010041") for d in RECEIVED]
    # D6: 03:00 on 1 Nov local is still October in UTC; the bucket is only for transport.
    months = {row["code"]: received_month(row) for row in rows}
    assert months["D6"] == "2026-10" and months["D10"] == "2026-11"
    assert received_digest(rows) == received_digest(list(reversed(rows)))
    changed = [dict(rows[0], has_electronic_result=False), *rows[1:]]
    assert received_digest(changed) != received_digest(rows)

"""The bounded province load of bench/hub_load.py: 100 stations for one minute at twice a real
province's pace, against `sohoa-hub serve --workers 2` on PostgreSQL. No request may fail and
heartbeats must stay quick even on a shared CI machine; bench/hub_load.py prints the full run
and its figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.hub_load import Plan, report, run
from tests.hub.postgres import fresh_database


@pytest.mark.slow
def test_a_hundred_stations_for_a_minute_meet_no_error_and_quick_heartbeats(
    server_dsn: str, tmp_path: Path
) -> None:
    plan = Plan(stations=100, duration=60, compress=2, month_events=20_000)
    result = run(fresh_database(server_dsn, "hub_load"), tmp_path / "data", plan)
    print(report(result))
    routes = result.outcome.latencies
    assert len(routes["heartbeat"]) >= 150  # 100 stations, every 30 s, for a minute
    for route in ("metrics (facts)", "tus create", "tus patch", "manifest commit"):
        assert routes[route], route
    assert routes["dashboard overview"]
    assert result.errors == 0, result.outcome.samples
    assert result.p("heartbeat", 0.99) < 500

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from station.catalog import bundled_catalog_dir, load_catalog
from station.dossiers import DossierRequest, open_dossier
from station.store import Layout, Store
from tests.station.stats.scenario import EVENTS, S1, S2, local
from tests.station.stats.test_figures import NOVEMBER_TOTAL
from ui.cli.main import cli


def _run(home: Path, *args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, ["--home", str(home), "stats", *args])


@pytest.fixture
def november(home: Path) -> Path:
    """The scenario's events, and one dossier received late on the month's last evening."""
    with Store.open(home) as store:
        store.record_events(EVENTS)
        request = DossierRequest(
            "000.00.14.H05-261130-0001", "1.010041", received_at=local("2026-11-30 23:30")
        )
        open_dossier(store, load_catalog([bundled_catalog_dir()]), request)
    conn = sqlite3.connect(Layout(home).database)
    with conn:  # its opening was recorded today, which may well be in November
        conn.execute("DELETE FROM event WHERE dossier_code = ?", (request.code,))
    conn.close()
    return home


def test_json_for_a_month_holds_every_figure(november: Path) -> None:
    result = _run(november, "--json", "--since", "2026-11-01", "--until", "30/11/2026")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert set(payload) == {
        "ok", "station", "period", "by", "total", "groups", "queue", "results_awaiting"
    }  # fmt: skip
    assert payload["ok"] is True and payload["by"] is None and payload["groups"] == []
    assert set(payload["station"]) == {"id", "name"}
    assert payload["period"] == {
        "since": "2026-11-01",
        "until": "2026-11-30",
        "timezone": "Asia/Ho_Chi_Minh",
        "start": "2026-11-01T00:00:00+07:00",
        "end": "2026-12-01T00:00:00+07:00",
    }
    total = payload["total"]
    assert total["pages"] == asdict(NOVEMBER_TOTAL.pages)
    assert total["dossiers"] == asdict(NOVEMBER_TOTAL.dossiers)
    assert total["uploads"] == {
        "confirmed": 0,
        "failures": 0,
        "parked": 0,
        "first_page_to_upload": {"count": 0, "median_seconds": None, "p90_seconds": None},
    }
    assert total["digitization"] == {"received": 1, "digitized": 0, "rate": 0.0}
    assert payload["queue"] == {
        "dossiers_waiting": 0,
        "oldest_dossier_code": None,
        "oldest_finished_at": None,
        "dossiers_not_queued": 0,
        "jobs_queued": 0,
        "jobs_uploading": 0,
        "jobs_failed": 0,
        "oldest_job_at": None,
    }


def test_json_by_station_lists_each_station(november: Path) -> None:
    result = _run(november, "--json", "--since", "2026-11-01", "--until", "2026-11-30", "--by",
                  "station")  # fmt: skip
    payload = json.loads(result.output)
    assert payload["by"] == "station"
    groups = payload["groups"]
    found = {g["key"]: (g["pages"]["stored"], g["digitization"]["received"]) for g in groups}
    # The scenario's two stations, and this one, which received the late dossier.
    assert found == {S1: (7, 0), S2: (4, 0), payload["station"]["id"]: (0, 1)}
    assert [g["key"] for g in groups] == sorted(found)


def test_the_table_is_readable_and_says_n_a_for_no_denominator(november: Path) -> None:
    result = _run(november, "--since", "2026-11-03", "--until", "2026-11-04", "--by", "clerk")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "2026-11-03 … 2026-11-04 (Asia/Ho_Chi_Minh)" in lines[0]
    header = lines[2].split()
    assert header[-4:] == ["Total", "hoa", "lan", "minh"]
    stored = next(line for line in lines if line.startswith("Trang đã lưu"))
    assert stored.split()[-4:] == ["10", "3", "5", "2"]
    rate = next(line for line in lines if line.startswith("Tỷ lệ số hóa"))
    assert rate.split()[-4:] == ["N/A"] * 4  # nothing received on those days
    assert "Chờ gửi / Waiting to upload: 0" in result.output


def test_today_by_default(home: Path) -> None:
    payload = json.loads(_run(home, "--json").output)
    assert payload["period"]["since"] == payload["period"]["until"]
    assert payload["total"]["digitization"]["rate"] is None


@pytest.mark.parametrize(
    "args",
    [
        ("--until", "2026-11-30"),
        ("--since", "2026-11-30", "--until", "2026-11-01"),
        ("--since", "30.11.2026"),
        ("--since", "2026-11-01", "--tz", "Nowhere/Atlantis"),
        ("--by", "province"),
    ],
)
def test_bad_options_are_usage_errors(home: Path, args: tuple[str, ...]) -> None:
    result = _run(home, *args)
    assert result.exit_code == 2, result.output

"""The rate chart's drawing, without a browser: where points go and where the line breaks."""

from __future__ import annotations

import re
from datetime import date

import pytest

from hub.web import chart, rate_chart
from station.stats.export import DayPoint


def day(n: int, rate: float | None) -> DayPoint:
    return DayPoint(date(2026, 11, n), 0, 0, rate)


def test_the_line_breaks_at_a_day_without_a_rate() -> None:
    points = (day(1, 50.0), day(2, 100.0), day(3, None), day(4, 80.0), day(5, 0.0))
    drawn = rate_chart.svg(points, "t", chart.WIDE, lambda r: f"{r:.2f} %")
    lines = re.findall(r'<polyline class="line" points="([^"]+)"', drawn)
    assert [len(line.split()) for line in lines] == [2, 2]  # days 1-2 and 4-5, not across 3
    rates = re.findall(r'data-day="([^"]+)" data-rate="([^"]+)"', drawn)
    assert rates == [("2026-11-01", "50.00"), ("2026-11-02", "100.00"),
                     ("2026-11-04", "80.00"), ("2026-11-05", "0.00")]  # fmt: skip
    assert drawn.count('class="point good"') == 2  # 100 and exactly 80


def test_a_rate_sits_at_its_height_and_the_target_at_80() -> None:
    assert rate_chart.y_of(100.0) == chart.TOP
    assert rate_chart.y_of(0.0) == chart.TOP + chart.PLOT_H
    assert rate_chart.y_of(80.0) == pytest.approx(chart.TOP + chart.PLOT_H * 0.2)
    drawn = rate_chart.svg((day(1, None),), "t", chart.NARROW, str)
    assert f'y1="{rate_chart.y_of(80.0):.1f}"' in drawn and "circle" not in drawn

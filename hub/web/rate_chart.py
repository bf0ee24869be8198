"""The digitization rate (KPI 4.2) per day as an SVG line chart with the 80 % target drawn.

Each day's rate is the figure the day table shows (station/stats: the same formula, rounded
to two decimals); a day with nothing received has no rate and no point, and the line breaks
there rather than bridging the gap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from hub.web.chart import LEFT, PLOT_H, TOP, day_labels, opening, slot, tick
from station.stats.export import TARGET_RATE, DayPoint


@dataclass(frozen=True)
class RatePoint:
    x: float
    y: float
    day: str  # ISO date
    rate: float
    good: bool  # at or above the target


def y_of(rate: float) -> float:
    return TOP + PLOT_H * (1 - min(max(rate, 0.0), 100.0) / 100)


def rate_points(points: tuple[DayPoint, ...], width: int) -> list[RatePoint | None]:
    """One entry per day: its point, or None for a day without a rate."""
    found: list[RatePoint | None] = []
    for index, point in enumerate(points):
        if point.rate is None:
            found.append(None)
            continue
        left, step = slot(index, len(points), width)
        found.append(
            RatePoint(
                left + step / 2,
                y_of(point.rate),
                point.day.isoformat(),
                point.rate,
                point.rate >= TARGET_RATE,
            )
        )
    return found


def runs(found: list[RatePoint | None]) -> list[list[RatePoint]]:
    """The stretches of consecutive days that have a rate."""
    stretches: list[list[RatePoint]] = [[]]
    for point in found:
        if point is None:
            if stretches[-1]:
                stretches.append([])
        else:
            stretches[-1].append(point)
    return [s for s in stretches if s]


def svg(
    points: tuple[DayPoint, ...], title: str, width: int, percent: Callable[[float], str]
) -> str:
    """The chart's markup; `percent` writes a rate the reader's way ("50,00 %")."""
    found = rate_points(points, width)
    target_y = y_of(TARGET_RATE)
    parts = opening("rate", title, width)
    parts += [tick(TOP + 4, "100"), tick(target_y + 4, f"{TARGET_RATE:.0f}")]
    parts.append(tick(TOP + PLOT_H, "0"))
    parts.append(
        f'<line class="target" x1="{LEFT}" y1="{target_y:.1f}" x2="{width - 4}"'
        f' y2="{target_y:.1f}"/>'
    )
    for stretch in runs(found):
        if len(stretch) > 1:
            coords = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in stretch)
            parts.append(f'<polyline class="line" points="{coords}"/>')
    for point in found:
        if point is None:
            continue
        state = "good" if point.good else "low"
        tip = f"{point.day}: {percent(point.rate)}"
        parts.append(
            f'<circle class="point {state}" cx="{point.x:.1f}" cy="{point.y:.1f}" r="4.5"'
            f' data-day="{point.day}" data-rate="{point.rate:.2f}">'
            f"<title>{escape(tip)}</title></circle>"
        )
    parts += day_labels(points, width)
    parts.append("</svg>")
    return "".join(parts)

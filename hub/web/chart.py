"""Pages per day as an SVG bar chart, drawn on the hub: the page loads no script for it.

The frame (a slot per day, the axis, the day labels) is shared with rate_chart.py, so the two
charts side by side put the same day at the same place.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from station.stats.export import DayPoint

WIDE, NARROW = 600, 360  # viewBox widths: half a laptop's row, a phone's
HEIGHT = 200
TOP, BOTTOM, LEFT = 12, 28, 36
PLOT_H = HEIGHT - TOP - BOTTOM
_LABEL_ROOM = 56  # viewBox units a "dd/mm" label needs, gap included


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the day, shown under some bars
    title: str  # the tooltip: day and pages


def slot(index: int, count: int, width: int) -> tuple[float, float]:
    """(left edge, width) of day `index` of `count` across a chart `width` units wide."""
    step = (width - LEFT - 4) / count
    return LEFT + index * step, step


def bars(points: tuple[DayPoint, ...], width: int) -> tuple[list[Bar], int]:
    """The bars and the scale's top (a round number of pages)."""
    top = _nice_top(max((p.pages for p in points), default=0))
    found = []
    for index, point in enumerate(points):
        left, step = slot(index, len(points), width)
        height = PLOT_H * point.pages / top
        found.append(
            Bar(
                x=left + step * 0.15,
                y=TOP + PLOT_H - height,
                width=max(step * 0.7, 1.0),
                height=height,
                label=point.day.strftime("%d/%m"),
                title=f"{point.day.isoformat()}: {point.pages}",
            )
        )
    return found, top


def _nice_top(largest: int) -> int:
    for top in (5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if largest <= top:
            return top
    return largest


def opening(css_class: str, title: str, width: int) -> list[str]:
    """The svg element, its title and the axis; the caller closes it."""
    size = "wide" if width >= WIDE else "narrow"
    return [
        f'<svg class="chart {css_class} {size}" viewBox="0 0 {width} {HEIGHT}" role="img"'
        f' aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{LEFT}" y1="{TOP + PLOT_H}" x2="{width - 4}"'
        f' y2="{TOP + PLOT_H}"/>',
    ]


def tick(y: float, text: str) -> str:
    return f'<text class="tick" x="{LEFT - 4}" y="{y:.1f}" text-anchor="end">{escape(text)}</text>'


def day_labels(points: tuple[DayPoint, ...], width: int) -> list[str]:
    """Day labels under as many slots as there is room for."""
    every = max(1, -(-len(points) * _LABEL_ROOM // (width - LEFT)))
    found = []
    for index in range(0, len(points), every):
        left, step = slot(index, len(points), width)
        found.append(
            f'<text class="tick" x="{left + step / 2:.1f}" y="{HEIGHT - 8}"'
            f' text-anchor="middle">{points[index].day.strftime("%d/%m")}</text>'
        )
    return found


def svg(points: tuple[DayPoint, ...], title: str, width: int = WIDE) -> str:
    """The chart's markup, `width` units wide; every text in it is escaped here."""
    found, top = bars(points, width)
    parts = opening("pages", title, width)
    parts += [tick(TOP + 4, str(top)), tick(TOP + PLOT_H, "0")]
    for bar in found:
        parts.append(
            f'<rect class="bar" x="{bar.x:.1f}" y="{bar.y:.1f}" width="{bar.width:.1f}"'
            f' height="{bar.height:.1f}"><title>{escape(bar.title)}</title></rect>'
        )
    parts += day_labels(points, width)
    parts.append("</svg>")
    return "".join(parts)

"""Pages per day as an SVG bar chart, drawn on the hub: the page loads no script for it."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from station.stats.export import DayPoint

WIDE, NARROW = 1200, 360  # viewBox widths: a laptop's card, a phone's
HEIGHT = 200
_TOP, _BOTTOM, _LEFT = 12, 28, 36


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the day, shown under some bars
    title: str  # the tooltip: day and pages


def bars(points: tuple[DayPoint, ...], width: int) -> tuple[list[Bar], int]:
    """The bars and the scale's top (a round number of pages)."""
    top = _nice_top(max((p.pages for p in points), default=0))
    if not points:
        return [], top
    plot_w, plot_h = width - _LEFT - 4, HEIGHT - _TOP - _BOTTOM
    step = plot_w / len(points)
    found = []
    for index, point in enumerate(points):
        height = plot_h * point.pages / top
        found.append(
            Bar(
                x=_LEFT + index * step + step * 0.15,
                y=_TOP + plot_h - height,
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


def svg(points: tuple[DayPoint, ...], title: str, width: int = WIDE) -> str:
    """The chart's markup, `width` units wide; every text in it is escaped here."""
    found, top = bars(points, width)
    plot_h = HEIGHT - _TOP - _BOTTOM
    every = max(1, len(found) // (16 if width >= WIDE else 6))  # day labels that fit
    size = "wide" if width >= WIDE else "narrow"
    parts = [
        f'<svg class="chart {size}" viewBox="0 0 {width} {HEIGHT}" role="img"'
        f' aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{width - 4}"'
        f' y2="{_TOP + plot_h}"/>',
        f'<text class="tick" x="{_LEFT - 4}" y="{_TOP + 4}" text-anchor="end">{top}</text>',
        f'<text class="tick" x="{_LEFT - 4}" y="{_TOP + plot_h}" text-anchor="end">0</text>',
    ]
    for index, bar in enumerate(found):
        parts.append(
            f'<rect class="bar" x="{bar.x:.1f}" y="{bar.y:.1f}" width="{bar.width:.1f}"'
            f' height="{bar.height:.1f}"><title>{escape(bar.title)}</title></rect>'
        )
        if index % every == 0:
            parts.append(
                f'<text class="tick" x="{bar.x + bar.width / 2:.1f}" y="{HEIGHT - 8}"'
                f' text-anchor="middle">{escape(bar.label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)

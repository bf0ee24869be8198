"""Charts over the period's days (QtCharts): pages per day as bars, the digitization rate per
day as a line against the 80 % that earns KPI 4.2 its full points."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from station.stats.export import TARGET_RATE, DayPoint

BAR = QColor(47, 111, 171)
TARGET = QColor(200, 60, 50)
RATE = QColor(46, 139, 87)
_LABELS = 16  # day labels an axis shows at most


def chart_view(title: str) -> QChartView:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.legend().setVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view


def show_pages(view: QChartView, days: Sequence[DayPoint]) -> None:
    chart = _cleared(view)
    bars = QBarSet("")
    bars.setColor(BAR)
    bars.setBorderColor(BAR)
    for point in days:
        bars.append(point.pages)
    series = QBarSeries()
    series.setBarWidth(0.7)
    series.append(bars)
    chart.addSeries(series)
    _attach(chart, series, _days_axis(days), _value_axis(max((d.pages for d in days), default=0)))


def show_rates(view: QChartView, days: Sequence[DayPoint], target_name: str) -> None:
    chart = _cleared(view)
    line = QLineSeries()
    line.setPen(QPen(RATE, 2))
    dots = QScatterSeries()
    dots.setColor(RATE)
    dots.setBorderColor(RATE)
    dots.setMarkerSize(7)
    for n, point in enumerate(days):
        if point.rate is not None:
            line.append(n, point.rate)
            dots.append(n, point.rate)
    target = QLineSeries()
    target.setName(target_name)
    pen = QPen(TARGET, 1.5)
    pen.setStyle(Qt.PenStyle.DashLine)
    target.setPen(pen)
    target.append(-0.5, TARGET_RATE)
    target.append(max(len(days) - 0.5, 0.5), TARGET_RATE)
    days_axis, rate_axis = _days_axis(days), _value_axis(100, ticks=5)
    for series in (target, line, dots):
        chart.addSeries(series)
        _attach(chart, series, days_axis, rate_axis)
    chart.legend().setVisible(True)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    for marker in chart.legend().markers():
        marker.setVisible(marker.series() is target)


def _cleared(view: QChartView) -> QChart:
    chart = view.chart()
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    return chart


def _attach(chart: QChart, series, days_axis: QCategoryAxis, value_axis: QValueAxis) -> None:
    if days_axis not in chart.axes():
        chart.addAxis(days_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(days_axis)
    series.attachAxis(value_axis)


def _days_axis(days: Sequence[DayPoint]) -> QCategoryAxis:
    """Day numbers under the bars, every few days when there are many (never elided)."""
    axis = QCategoryAxis()
    axis.setRange(-0.5, max(len(days), 1) - 0.5)
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    one_month = len({(d.day.year, d.day.month) for d in days}) <= 1
    every = max(1, math.ceil(len(days) / _LABELS))
    for n, point in enumerate(days):
        if n % every == 0:
            day = point.day
            axis.append(f"{day.day}" if one_month else f"{day.day}/{day.month}", n)
    axis.setGridLineVisible(False)
    return axis


def _value_axis(top: float, ticks: int = 5) -> QValueAxis:
    axis = QValueAxis()
    step = nice_step(top / (ticks - 1))
    axis.setRange(0, step * (ticks - 1))
    axis.setTickCount(ticks)
    axis.setLabelFormat("%d")
    return axis


def nice_step(rough: float) -> int:
    """The smallest whole 1, 2, 2.5 or 5 × 10ⁿ at or above `rough`, at least 1."""
    if rough <= 1:
        return 1
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= rough and float(factor * power).is_integer():
            return int(factor * power)
    return int(10 * power)

"""The periods a supervisor picks from: today, a day, the week or month holding a day, a range."""

from __future__ import annotations

from datetime import date, tzinfo
from enum import StrEnum

from station.stats import Period


class PeriodChoice(StrEnum):
    TODAY = "today"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    RANGE = "range"


def period_for(choice: PeriodChoice, day: date, until: date, today: date, tz: tzinfo) -> Period:
    """`day` is the chosen day (of the week or month too); `until` ends a range."""
    if choice is PeriodChoice.TODAY:
        return Period.day(today, tz)
    if choice is PeriodChoice.DAY:
        return Period.day(day, tz)
    if choice is PeriodChoice.WEEK:
        return Period.week(day, tz)
    if choice is PeriodChoice.MONTH:
        return Period.month(day.year, day.month, tz)
    first, last = sorted((day, until))
    return Period.between(first, last, tz)
